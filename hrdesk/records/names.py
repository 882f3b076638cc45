"""Matching a manager's name to an employee's, across name orders.

HRIS exports write employees as "Last, First M" and managers as "First Last";
both reduce to "first last" (first given name, last word of the family
name) for matching. Two people with the same key are ambiguous and matched
to no one rather than guessed.
"""

from __future__ import annotations

import re


def person_key(name: str) -> str:
    """'Dunn, Amy ' and 'Amy Dunn' and 'Brandon R. LeBlanc' / 'LeBlanc, Brandon R' match pairwise."""
    if "," in name:
        last, _, rest = name.partition(",")
        given, family = _tokens(rest)[:1], _tokens(last)[-1:]
        return " ".join(given + family)
    tokens = _tokens(name)
    if not tokens:
        return ""
    return f"{tokens[0]} {tokens[-1]}" if len(tokens) > 1 else tokens[0]


_PUNCTUATION = re.compile(r"[^\w\s'-]")


def _tokens(text: str) -> list[str]:
    return _PUNCTUATION.sub(" ", text.casefold()).split()
