"""Timing helpers shared by the benchmark modules."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def best_of(fn: Callable[[], Any], repeat: int = 3, setup: Callable[[], Any] | None = None) -> float:
    """Best wall-clock seconds of ``repeat`` runs (setup excluded)."""
    best = float("inf")
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def row(name: str, value: float, unit: str, reference: str = "", ratio: float | None = None, target: str = "") -> dict:
    return {"name": name, "value": value, "unit": unit, "reference": reference, "ratio": ratio, "target": target}


def print_table(rows: list[dict]) -> None:
    header = f"{'benchmark':<58} {'value':>12} {'unit':<5} {'ratio':>8}  {'reference / target'}"
    print(header)
    print("-" * len(header))
    for r in rows:
        ratio = f"{r['ratio']:.2f}x" if r.get("ratio") is not None else ""
        ref = " ; ".join(x for x in (r.get("reference", ""), r.get("target", "")) if x)
        print(f"{r['name']:<58} {r['value']:>12.4f} {r['unit']:<5} {ratio:>8}  {ref}")
