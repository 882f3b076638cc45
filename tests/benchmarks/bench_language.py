"""The feedback-language check on 30,000 feedback texts, and one live check.

The texts are built from the hand-labelled sentences in
``tests/data/feedback_language_labelled.json`` (two to five sentences each, so
about 40-60 words, like the review comments the audit reads); the live text is
about 100 words, what a manager has typed when the review page checks it on a
pause in typing. The anchor for both is the plainest version of the same job,
side by side in the same process: lower-case the text, split it into words and
look each word up in the word lists (whole words in a set, stems by their first
three letters) — no context, no snippets, no rewordings.

Before issue 19 (the check without context, same machine): 4.35x the anchor
for the 30,000 texts (6.54 s beside 1.50 s under load), 3.0x for the live text
(0.14 ms). After: 5-8x and about 5x (0.24 ms), depending on the machine's load.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from hrdesk.fairness import language
from hrdesk.fairness.wordlists import FEMININE, MASCULINE, PERSONALITY
from tests.benchmarks.common import best_of, print_table, row

TEXTS = 30_000
LABELLED = Path(__file__).resolve().parents[1] / "data" / "feedback_language_labelled.json"


def sentences() -> list[str]:
    return [s["text"] for s in json.loads(LABELLED.read_text(encoding="utf-8"))["sentences"]]


def feedback_texts(n: int = TEXTS, seed: int = 11) -> pd.DataFrame:
    """``n`` texts of two to five labelled sentences, one per person."""
    pool = np.array(sentences(), dtype=object)
    rng = np.random.default_rng(seed)
    sizes = rng.integers(2, 6, n)
    picks = rng.integers(0, len(pool), sizes.sum())
    texts, at = [], 0
    for k in sizes:
        texts.append(" ".join(pool[picks[at:at + k]]))
        at += k
    return pd.DataFrame({"person": [f"p{i}" for i in range(n)], "text": texts})


def live_text(words: int = 100, seed: int = 5) -> str:
    """About ``words`` words of review text, as typed so far."""
    pool = sentences()
    rng = np.random.default_rng(seed)
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        out.append(pool[int(rng.integers(0, len(pool)))])
    return " ".join(out)


def _anchor() -> Callable[[str], list[str]]:
    whole = {e for e in MASCULINE + FEMININE if not e.endswith("*")} | {w for t in PERSONALITY for w in t.split()}
    stems: dict[str, list[str]] = {}
    for e in MASCULINE + FEMININE:
        if e.endswith("*"):
            stems.setdefault(e[:3], []).append(e[:-1])
    words = re.compile(r"[a-z]+(?:-[a-z]+)*")

    def find(text: str) -> list[str]:
        return [w for w in words.findall(text.lower())
                if w in whole or any(w.startswith(s) for s in stems.get(w[:3], ()))]
    return find


def run() -> list[dict]:
    fb = feedback_texts()
    anchor = _anchor()
    texts = fb["text"].tolist()
    t_anchor = best_of(lambda: [anchor(t) for t in texts], 3)
    t_scan = best_of(lambda: language.scan_feedback(fb, max_hits=500), 3)
    text = live_text()
    live = getattr(language, "check_text", language.scan_text)
    live(text)  # first call compiles the patterns; the review page pays that once, at start
    t_live = best_of(lambda: live(text), 50)
    t_live_anchor = best_of(lambda: anchor(text), 50)
    words = len(text.split())
    return [
        row(f"language check, {TEXTS:,} feedback texts (hits, snippets, rewordings)", t_scan, "s",
            f"word-list lookup only {t_anchor:.3f}s", t_scan / t_anchor, "seconds"),
        row(f"language check, one live text of {words} words", t_live * 1000, "ms",
            f"word-list lookup only {t_live_anchor * 1000:.3f}ms", t_live / t_live_anchor, "< 50 ms"),
    ]


if __name__ == "__main__":
    print_table(run())
