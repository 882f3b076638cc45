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
        else:
            before.append(value)
    return " ".join(before + [noun] + after)


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


def comparisons_sentence(tests: int, alpha: float, intersections: int = 0, *, detail: bool = True) -> str:
    """The one line every reader of an audit should see about chance findings;
    ``detail`` adds how the comparisons split between the families."""
    if not tests and not intersections:
        return "This audit made no comparisons that could be tested."
    total = tests + intersections
    split = (f" ({tests:,} by single attribute, manager and data gaps; {intersections:,} between intersectional "
             "groups such as 'Asian women', corrected separately)") if intersections and detail else ""
    return (f"This audit made {total:,} comparisons{split}; at the {alpha * 100:g}% level {about(total * alpha)} would "
            "show a gap by chance alone, so a finding is flagged only when it survives a false-discovery-rate "
            "correction (Benjamini–Hochberg).")
