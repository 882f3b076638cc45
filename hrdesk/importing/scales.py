"""Choosing the ordinal scale of a rating or survey column, with the evidence for it.

A column of ratings says which values occur, not which could have: a 1-4
rating scale where everyone got a 3 or a 4 looks exactly like the top of a
1-5 scale. Reading it wrongly moves the top category and with it every
"high rating" rate, so the choice is never silent: each scale comes with the
sentence that chose it, the import report shows it, and the mapping (file or
dialog) can change it. Known label scales ("PIP" < "Needs Improvement" < …)
are recognised from their labels; numeric codes from the highest code present
and from the file's other survey columns of the same kind (IBM-style exports
code every satisfaction item 1-4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Scales hrdesk recognises on sight, lowest first.
KNOWN_SCALES: tuple[tuple[str, ...], ...] = (
    ("PIP", "Needs Improvement", "Fully Meets", "Exceeds"),
    ("Unsatisfactory", "Needs Improvement", "Meets Expectations", "Exceeds Expectations", "Outstanding"),
    ("Below Expectations", "Meets Expectations", "Exceeds Expectations"),
)

SCALE_DECLARED = "declared in the mapping"
MIN_CODES = 3  # a numeric scale is guessed only up to at least 1-3
MAX_CODE = 10  # beyond this the column is a score, not an ordinal code
# Headers of survey and rating items whose codes show how the file codes its scales.
_SURVEY_WORDS = ("satisfaction", "involvement", "worklifebalance", "engagement", "rating", "wellbeing")
_WHOLE = re.compile(r"^\d+(\.0+)?$")


@dataclass(frozen=True)
class ScaleChoice:
    """The labels chosen for a scale (lowest first) and the sentence that says why."""

    labels: tuple[str, ...]
    evidence: str


def key(label: str) -> str:
    """Labels compare without case or repeated spaces."""
    return " ".join(label.casefold().split())


def codes_of(values: set[str]) -> list[int] | None:
    """The whole-number codes of a column (blank cells ignored), or None when any value is not one."""
    present = [v.strip() for v in values if v.strip()]
    if not present or not all(_WHOLE.match(v) for v in present):
        return None
    return sorted({int(float(v)) for v in present})


def numeric_labels(low: int, high: int) -> list[str]:
    return [str(code) for code in range(low, high + 1)]


def describe(labels: list[str] | tuple[str, ...]) -> str:
    """'1–4' for numeric codes, 'PIP < … < Exceeds' for labels."""
    codes = codes_of(set(labels))
    if codes is not None and list(labels) == numeric_labels(codes[0], codes[-1]):
        return f"{labels[0]}–{labels[-1]}"
    return " < ".join(labels)


def choose(
    source: str, values: set[str], *, siblings: dict[str, set[str]], prefer: list[str] | None = None,
) -> ScaleChoice | None:
    """The scale of column ``source`` holding ``values``, or None when nothing can be inferred.

    ``prefer`` (the vault's own scale) always wins, so values outside it
    become row errors; ``siblings`` are the file's other columns by header,
    read for survey items coded the same way.
    """
    if prefer:
        return ScaleChoice(tuple(prefer), f"the vault's scale, declared by an earlier import ({describe(prefer)})")
    found = {key(v) for v in values if v.strip()}
    codes = codes_of(values)
    if codes is not None:
        return _numeric(source, codes, siblings)
    hits = {scale: len(found & {key(x) for x in scale}) for scale in KNOWN_SCALES}
    best = max(KNOWN_SCALES, key=lambda scale: hits[scale])
    if hits[best] and 2 * hits[best] >= len(found):
        return ScaleChoice(best, f"the values in '{source}' are labels of the known scale {describe(best)}")
    return None


def _numeric(source: str, codes: list[int], siblings: dict[str, set[str]]) -> ScaleChoice | None:
    if codes[0] < 0 or codes[-1] > MAX_CODE:
        return None
    low = 0 if codes[0] == 0 else 1
    shown = ", ".join(map(str, codes))
    tops = _survey_tops(source, siblings)
    if tops:
        agreed = max(set(tops.values()), key=list(tops.values()).count)
        named = ", ".join(sorted(h for h, top in tops.items() if top == agreed)[:4])
        if agreed >= codes[-1] and agreed - low + 1 >= MIN_CODES:
            return ScaleChoice(
                tuple(numeric_labels(low, agreed)),
                f"codes present in '{source}': {shown}; the file's other survey columns ({named}) run "
                f"{low}–{agreed}, so this is read as a {low}–{agreed} scale",
            )
    if codes[-1] - low + 1 < MIN_CODES:
        return None
    return ScaleChoice(
        tuple(numeric_labels(low, codes[-1])),
        f"codes present in '{source}': {shown}; the highest is {codes[-1]} and nothing in the file shows a higher "
        f"one, so this is read as a {low}–{codes[-1]} scale (if the scale goes higher, change it)",
    )


def is_survey_item(header: str) -> bool:
    """Whether a header names a survey or rating item (JobSatisfaction, work_life_balance, ...)."""
    folded = re.sub(r"[^a-z]", "", header.casefold())
    return any(word in folded for word in _SURVEY_WORDS)


def _survey_tops(source: str, siblings: dict[str, set[str]]) -> dict[str, int]:
    """Highest code of each other survey-like column coded from 0 or 1 with at least three codes."""
    tops: dict[str, int] = {}
    for header, values in siblings.items():
        if header == source or not is_survey_item(header):
            continue
        codes = codes_of(values)
        if codes and codes[0] in (0, 1) and len(codes) >= MIN_CODES and codes[-1] <= MAX_CODE:
            tops[header] = codes[-1]
    return tops
