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
