"""Per-packet pseudonyms: E-7F3A for an employee, M-2C91 for a manager, stable within one packet only.

A keyed hash (HMAC-SHA256) of the HRIS id (or the manager's name) with a
random salt drawn for each packet: the same person has the same pseudonym
everywhere in one packet, and no two packets can be joined on them. With
``reveal`` the names are shown instead (the HR user's explicit choice).

Free text written by people (decision reasons, finding sentences that name a
manager) is passed through ``scrub``, which replaces every known full name
with its pseudonym.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Iterable


class Pseudonyms:
    """Labels for people in one packet: pseudonyms unless ``reveal``."""

    def __init__(self, *, reveal: bool = False, salt: bytes | None = None) -> None:
        self.reveal = reveal
        self._salt = salt if salt is not None else os.urandom(16)
        self._given: dict[tuple[str, str], str] = {}
        self._taken: set[str] = set()
        self._names: dict[str, str] = {}  # full name -> its label, for ``scrub``
        self._by_first: dict[str, list[str]] | None = None  # first word -> the names starting with it, longest first

    def _code(self, prefix: str, key: str) -> str:
        found = self._given.get((prefix, key))
        if found is not None:
            return found
        digest = hmac.new(self._salt, f"{prefix}:{key}".encode(), hashlib.sha256).hexdigest().upper()
        width = 4
        code = f"{prefix}-{digest[:width]}"
        while code in self._taken:  # a collision within this packet: a longer code, still stable
            width += 2
            code = f"{prefix}-{digest[:width]}"
        self._taken.add(code)
        self._given[(prefix, key)] = code
        return code

    def employee(self, hris_id: str, name: str = "") -> str:
        if self.reveal:
            return f"{name} ({hris_id})" if name else hris_id
        return self._code("E", hris_id)

    def manager(self, name: str) -> str:
        if self.reveal or not name:
            return name or "(no manager recorded)"
        return self._code("M", name.strip().casefold())

    def know(self, employees: Iterable[tuple[str, str]], managers: Iterable[str]) -> None:
        """Learn the names ``scrub`` replaces: (HRIS id, name) of employees, and managers' names."""
        if self.reveal:
            return
        for hris_id, name in employees:
            if name and len(name.strip()) > 2:
                self._names[name.strip()] = self.employee(hris_id, name)
        for name in managers:
            if name and len(name.strip()) > 2:
                self._names[name.strip()] = self.manager(name)
        self._by_first = None

    def scrub(self, text: str) -> str:
        """``text`` with every known full name replaced by its pseudonym (unchanged when names are shown).

        Words are looked up by their first word, so the cost follows the text's length, not the number of
        people (a regular expression of 10,000 alternatives tried at every character was the other way).
        """
        if self.reveal or not text or not self._names:
            return text
        if self._by_first is None:
            self._by_first = {}
            for full in sorted(self._names, key=len, reverse=True):
                first = _WORD.match(full)
                if first is not None:  # a "name" that does not start with a letter or digit is never looked for
                    self._by_first.setdefault(first.group(), []).append(full)
        out, last = [], 0
        for word in _WORD.finditer(text):
            start = word.start()
            if start < last:
                continue
            for full in self._by_first.get(word.group(), ()):
                end = start + len(full)
                if text.startswith(full, start) and (end == len(text) or not text[end].isalnum()):
                    out += [text[last:start], self._names[full]]
                    last = end
                    break
        return "".join(out) + text[last:]


_WORD = re.compile(r"[^\W_]+")
