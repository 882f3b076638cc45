"""Word lists as one fast regular expression: alternatives factored into a trie.

Python's ``re`` tries every alternative of ``a|b|c`` at every position; with
a few hundred listed words that dominated the language check. Factoring the
common prefixes ("abrasive(?:ness|ly)?") lets the engine give up after one
or two characters at most positions, which made the check several times
faster with the same matches.
"""

from __future__ import annotations

import re

SEPARATOR = r"[\s-]+"  # a space or hyphen inside a multi-word entry ("passive aggressive", "high-maintenance")
OPTIONAL_HYPHEN = "-?"  # after a prefix written either way ("co-operative", "cooperative")
_END = ""


def atoms(entry: str, *, prefixes: tuple[str, ...] = (), tail: str = "") -> list[str]:
    """One entry as a list of regex atoms: escaped letters, separators, an optional hyphen, a tail."""
    words = re.split(r"[\s-]+", entry.lower())
    if len(words) == 2 and words[0] in prefixes:  # "self-confiden": also "selfconfident"
        out = [re.escape(c) for c in words[0]] + [OPTIONAL_HYPHEN] + [re.escape(c) for c in words[1]]
        return out + ([tail] if tail else [])
    out = []
    for n, word in enumerate(words):
        if n:
            out.append(SEPARATOR)
        prefix = next((p for p in prefixes if len(words) == 1 and word.startswith(p) and len(word) > len(p) + 2), "")
        for i, ch in enumerate(word):
            out.append(re.escape(ch))
            if prefix and i == len(prefix) - 1:
                out.append(OPTIONAL_HYPHEN)  # "co-operative", "inter-personal"
    return out + ([tail] if tail else [])


def trie_regex(entries: list[list[str]]) -> str:
    """An alternation of atom lists, longest first at each branch, as one factored pattern."""
    root: dict = {}
    for seq in entries:
        node = root
        for a in seq:
            node = node.setdefault(a, {})
        node[_END] = {}
    return _emit(root)


def _emit(node: dict) -> str:
    branches = [a + _emit(child) for a, child in node.items() if a != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(sorted(branches, key=len, reverse=True)) + ")"
    return "(?:" + body + ")?" if _END in node else body
