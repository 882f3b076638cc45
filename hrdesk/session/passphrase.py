"""The passphrase policy: a strength estimate with plain-words advice, and the one rule
every way of setting a passphrase obeys (the window's create and recover pages,
``hrdesk init``, ``hrdesk passwd``, ``hrdesk recover``).

It rewards length and unrelated words and punishes the patterns guessers try
first (common words, keyboard runs, repeats, dates). Good enough to steer a
person away from ``Summer2024!``; it is advice, not a guarantee.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from hrdesk.errors import InvalidInputError

LABELS = ("Too weak", "Weak", "Fair", "Good", "Strong")
MIN_ACCEPTED = 2  # "Fair": anything weaker is refused wherever a passphrase is set
MIN_LENGTH = 10

_COMMON = {
    "password", "passwort", "qwerty", "azerty", "letmein", "welcome", "admin", "secret", "dragon",
    "monkey", "login", "master", "hello", "summer", "winter", "spring", "autumn", "company",
    "hrdesk", "iloveyou", "football", "abc", "test", "changeme", "default",
}
_RUNS = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm")


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4
    bits: float
    advice: str

    @property
    def label(self) -> str:
        return LABELS[self.score]

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_ACCEPTED


def estimate(passphrase: str) -> Strength:
    if not passphrase:
        return Strength(0, 0.0, f"Use at least {MIN_LENGTH} characters; four or more unrelated words work best.")
    bits = _raw_bits(passphrase) - _penalty(passphrase)
    bits = max(bits, 0.0)
    if len(passphrase) < MIN_LENGTH:
        return Strength(0, bits, f"Too short: use at least {MIN_LENGTH} characters, ideally four or more unrelated words.")
    score = 1 if bits < 40 else 2 if bits < 55 else 3 if bits < 70 else 4
    return Strength(score, bits, _advice(passphrase, score))


def _raw_bits(text: str) -> float:
    pool = 0
    pool += 26 if re.search(r"[a-z]", text) else 0
    pool += 26 if re.search(r"[A-Z]", text) else 0
    pool += 10 if re.search(r"[0-9]", text) else 0
    pool += 33 if re.search(r"[^a-zA-Z0-9]", text) else 0
    distinct = len(set(text))
    # Long passphrases of words draw on fewer symbols than the pool suggests: cap by variety.
    return len(text) * math.log2(max(pool, 2)) * min(1.0, distinct / 8)


def _penalty(text: str) -> float:
    lower = text.lower()
    penalty = 0.0
    for word in _COMMON:
        if word in lower:
            penalty += 4 * len(word)
    for run in _RUNS:
        longest = _longest_shared_run(lower, run)
        if longest >= 4:
            penalty += 5 * longest
    for match in re.finditer(r"(.)\1{2,}", text):
        penalty += 4 * len(match.group(0))
    if re.search(r"(19|20)\d\d", text):
        penalty += 10
    return penalty


def _longest_shared_run(text: str, run: str) -> int:
    """Length of the longest slice of ``run`` (e.g. ``qwerty...``) found in ``text``."""
    for size in range(len(run), 3, -1):
        if any(run[i : i + size] in text for i in range(len(run) - size + 1)):
            return size
    return 0


def _advice(text: str, score: int) -> str:
    if score >= 4:
        return "Keep it somewhere safe: hrdesk cannot recover it for you."
    if score == 3:
        return "Another unrelated word would make it strong."
    words = len(re.findall(r"[A-Za-z]{3,}", text))
    if words < 4:
        return "Add more unrelated words: four or more, e.g. 'lantern orbit maple fjord'."
    return "Avoid common words, dates and keyboard runs; add another unrelated word."


class WeakPassphraseError(InvalidInputError):
    """A new passphrase below the policy; nothing was created or changed."""

    title = "Passphrase too weak"


def require_acceptable(passphrase: str) -> Strength:
    """The passphrase's strength if the policy accepts it; raises ``WeakPassphraseError`` otherwise."""
    strength = estimate(passphrase)
    if not strength.acceptable:
        raise WeakPassphraseError(
            f"This passphrase is rated \u201c{strength.label}\u201d; HR data needs at least "
            f"\u201c{LABELS[MIN_ACCEPTED]}\u201d. Nothing was created or changed.",
            hint=strength.advice,
        )
    return strength
