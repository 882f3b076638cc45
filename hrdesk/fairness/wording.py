"""Plain-language pieces: group descriptions, percentages, "1 time in 9".

Findings are read by an HR person, not a statistician: groups are named as
people ("women", "Black or African American employees"), rates as whole
percentages, p-values as how often chance alone would produce the gap.
"""

from __future__ import annotations

import math

SEX_WORDS = {"f": ("women", "woman"), "female": ("women", "woman"), "woman": ("women", "woman"),
             "w": ("women", "woman"), "women": ("women", "woman"), "men": ("men", "man"), "m": ("men", "man"), "male": ("men", "man"), "man": ("men", "man")}
YES_NO = {"yes", "no", "y", "n", "true", "false"}


def describe(dimension: tuple[str, ...], parts: tuple[str, ...], labels: dict[str, str], *, singular: bool = False) -> str:
    """Name a group as people: "women", "White women aged 40 and over"."""
    noun = "employee" if singular else "employees"
    before: list[str] = []
    after: list[str] = []
    for attr, value in zip(dimension, parts):
        words = SEX_WORDS.get(value.casefold()) if attr in ("sex", "gender") else None
        if words:
            noun = words[1] if singular else words[0]
        elif attr == "age_band":
            after.append(f"aged {value}" if value[:1].isdigit() else value)
        elif attr == "manager":
            after.append(f"managed by {value}")
        elif value.casefold() in YES_NO:
            after.append(f"marked {labels.get(attr, attr)} = {value}")
        elif value.casefold().endswith(" races"):  # "employees of two or more races", not "Two or more races employees"
            after.insert(0, f"of {value[:1].lower()}{value[1:]}")
        else:
            before.append(value)
    return " ".join(before + [noun] + after)


_FRACTIONS = ((0.1, "a tenth"), (0.2, "a fifth"), (0.25, "a quarter"), (1 / 3, "a third"), (0.4, "two fifths"),
              (0.5, "half"), (0.6, "three fifths"), (2 / 3, "two thirds"), (0.75, "three quarters"),
              (0.8, "four fifths"), (0.9, "nine tenths"))


def as_often(ratio: float | None) -> str:
    """A rate ratio in words: 0.32 -> "about a third as often as", 2.46 -> "2.5 times as often as"."""
    if ratio is None or not math.isfinite(ratio):
        return "far less often than"
    if ratio == 0:
        return "never, unlike"
    if ratio < 0.07:
        return "less than a tenth as often as"
    if ratio < 0.95:
        words = min(_FRACTIONS, key=lambda f: abs(f[0] - ratio))[1]
        return f"about {words} as often as"
    if ratio <= 1.05:
        return "about as often as"
    return f"{ratio:.1f} times as often as"


def chance_verdict(p: float | None, p_adjusted: float | None, alpha: float) -> str:
    """One sentence on chance, for the plain-words headline of a finding."""
    if p_adjusted is not None and p_adjusted < min(alpha, 0.001):
        return "A gap this size is very unlikely to be chance."
    if p_adjusted is not None and p_adjusted < alpha:
        return "A gap this size is unlikely to be chance, even allowing for the many comparisons made."
    if p is not None and p < alpha:
        return "A gap this size could be chance, given how many comparisons the audit made."
    if p is None:
        return "Whether a gap this size could be chance cannot be tested."
    return "A gap this size could well be chance."


def expected_by_chance(tests: int, p: float) -> str:
    """How many of ``tests`` comparisons would reach a p-value as small as ``p`` by chance alone.

    This is the honest reading of the finding's *own* p-value (``tests x p``),
    not ``tests x alpha``: a finding at p = 0.002 among 112 tests is a
    different matter from one at p = 0.04.
    """
    expected = tests * p
    if expected >= 0.95:
        return f"about {round(expected):,} of them would reach that level by chance alone"
    at_least_one = 1 - (1 - p) ** tests
    return (f"by chance alone one of them would reach that level in about 1 audit in "
            f"{max(round(1 / at_least_one), 2):,}")


def group_label(dimension: tuple[str, ...], parts: tuple[str, ...], labels: dict[str, str]) -> str:
    """A group's name for tables and charts, the same words as the findings use:
    "Women", "Black or African American", "Hispanic/Latino: Yes", "White women"."""
    if all(p.casefold() == "unknown" for p in parts):
        return "Unknown"
    if len(dimension) == 1:
        attr, value = dimension[0], parts[0]
        words = SEX_WORDS.get(value.casefold()) if attr in ("sex", "gender") else None
        if words:
            return sentence(words[0])
        if value.casefold() in YES_NO:
            return f"{labels.get(attr, attr)}: {value}"
        return value
    if "manager" in dimension:
        return " × ".join(parts)
    return sentence(describe(dimension, parts, labels))


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def pct(x: float | None) -> str:
    """0.114 -> "11%", 0.023 -> "2.3%", 0.0 -> "0%"."""
    if x is None or not math.isfinite(x):
        return "–"
    v = x * 100
    if 0 < v < 10 and round(v, 1) != round(v):
        return f"{v:.1f}%"
    return f"{v:.0f}%"


def num(x: float | None, digits: int = 2) -> str:
    if x is None or not math.isfinite(x):
        return "–"
    return f"{x:.{digits}f}".replace("-", "−")


def chance(p: float | None) -> str:
    """How often chance alone gives a gap at least this large, in words."""
    if p is None or not math.isfinite(p):
        return "cannot be tested"
    if p < 0.001:
        return "less than 1 time in 1,000"
    if p >= 0.5:
        return "more often than not"
    return f"1 time in {round(1 / p):,}"


def times(ratio: float | None) -> str:
    if ratio is None or not math.isfinite(ratio):
        return "while none of the comparison group did"
    return f"{ratio:.1f} times as often"


def pvalue(p: float | None) -> str:
    """0.0412 -> "0.041", 0.00001 -> "<0.001", None -> "–"."""
    if p is None or not math.isfinite(p):
        return "–"
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def about(x: float) -> str:
    """An expected count in words: 0.4 -> "fewer than 1", 10.7 -> "about 11"."""
    return "fewer than 1" if x < 0.5 else f"about {round(x):,}"


_FAMILY_WORDS = {"main": "by single protected attribute", "calibration": "of manager calibration",
                 "data": "of data gaps", "intersections": "between intersectional groups such as 'Asian women'"}


def comparisons_sentence(sizes: dict[str, int], alpha: float, *, detail: bool = True) -> str:
    """The one line every reader of an audit should see about chance findings.

    ``sizes`` maps each family of comparisons to its number of tests;
    ``detail`` adds how the comparisons split between the families.
    """
    total = sum(sizes.values())
    if not total:
        return "This audit made no comparisons that could be tested."
    parts = [f"{n:,} {_FAMILY_WORDS.get(k, k)}" for k, n in sizes.items() if n]
    split = f" ({'; '.join(parts)}; each kind corrected separately)" if detail and len(parts) > 1 else ""
    return (f"This audit made {total:,} comparisons{split}; at the {alpha * 100:g}% level {about(total * alpha)} would "
            "show a gap by chance alone, so a finding is flagged only when it survives a false-discovery-rate "
            "correction (Benjamini–Hochberg).")
