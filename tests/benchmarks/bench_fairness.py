"""Benchmark of the fairness audit on 100,000 synthetic people.

Also the power of the audit: how often a planted race disparity is flagged at
3,000 people, and how often fair organisations raise a race or sex flag.

Run alone with ``python -m tests.benchmarks.bench_fairness``; the benchmark
runner imports ``run()``, which returns rows of
{"name", "value", "unit", "reference", "ratio", "target"}.

Everything is measured side by side in one process, best of N repetitions,
on the same data: hrdesk's per-group rates *with* Wilson intervals, impact
ratios and tests against fairlearn's MetricFrame computing only the rates,
and against a bare pandas groupby of the same counts.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable


sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fairness"))

from fairness_data import synthetic_input  # noqa: E402
from organisations import simulate  # noqa: E402

from hrdesk.fairness import AuditSettings, run_audit  # noqa: E402
from hrdesk.fairness.groups import attribute_grouping, intersect  # noqa: E402
from hrdesk.fairness.rates import BinaryOutcome, rate_table  # noqa: E402

ROWS = 100_000


def best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run(rows: int = ROWS, repeat: int = 7) -> list[dict]:
    from fairlearn.metrics import MetricFrame, selection_rate

    data = synthetic_input(rows)
    df = data.people.assign(sex=data.people["sex"].fillna("Unknown"), race=data.people["race"].fillna("Unknown"))
    df["y"] = (df["rating"] == "Exceeds").astype(int)
    y = df["y"].to_numpy()
    yf = y.astype(float)
    settings = AuditSettings()

    def hrdesk_rates():
        g = intersect(attribute_grouping(df["sex"], "sex", "Sex"), attribute_grouping(df["race"], "race", "Race"))
        return rate_table(BinaryOutcome("high_rating", yf, "favourable"), g, settings)

    def fairlearn_rates():
        return MetricFrame(metrics=selection_rate, y_true=y, y_pred=y, sensitive_features=df[["sex", "race"]]).by_group

    def pandas_counts():
        return df.groupby(["sex", "race"])["y"].agg(["sum", "count"])

    t_hr = best_of(hrdesk_rates, repeat)
    t_fl = best_of(fairlearn_rates, repeat)
    t_pd = best_of(pandas_counts, repeat)
    t_full = best_of(lambda: run_audit(data, settings), max(1, repeat // 3))
    result = run_audit(data, settings)
    tables = len(result.rates) + len(result.means)
    return [*power_rows(),
        {"name": "fairness: rates+CI+tests by sex x race, 100k rows, vs fairlearn MetricFrame (rates only)",
         "value": t_hr * 1000, "unit": "ms", "reference": f"fairlearn {t_fl * 1000:.1f} ms",
         "ratio": t_hr / t_fl, "target": "<= 0.1x"},
        {"name": "fairness: rates+CI+tests by sex x race, 100k rows, vs pandas groupby counts",
         "value": t_hr * 1000, "unit": "ms", "reference": f"pandas {t_pd * 1000:.1f} ms",
         "ratio": t_hr / t_pd, "target": "<= 3x"},
        {"name": f"fairness: full audit, 100k rows ({tables} tables, {len(result.calibration.managers)} managers, "
                 f"{result.language.texts} feedback texts)",
         "value": t_full, "unit": "s", "reference": "", "ratio": None, "target": "seconds"},
    ]


def power_rows(size: int = 3000, organisations: int = 20) -> list[dict]:
    """Detection of a planted race disparity and false race/sex flags (``tests/fairness/test_fairness_power.py``)."""
    start = time.perf_counter()
    sim = simulate(size, organisations, seed=7000)
    seconds = (time.perf_counter() - start) / (2 * organisations)
    return [
        {"name": f"fairness power: 0.55x top-rating gap for a 20% race group flagged, {size:,} people, "
                 f"{organisations} organisations", "value": sim.detection_rate * 100, "unit": "%",
         "reference": f"false race/sex flags {sim.false_flag_rate:.0%} in {organisations} fair organisations",
         "ratio": None, "target": ">= 95% detected, <= 5% false"},
        {"name": f"fairness power: one simulated audit of {size:,} people (generate + audit)", "value": seconds,
         "unit": "s", "reference": "", "ratio": None, "target": "seconds"},
    ]


def main() -> None:
    rows = run()
    print(f"{'benchmark':<100} {'value':>10} {'unit':<4} {'reference':<22} {'ratio':>7}  target")
    for r in rows:
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.3f}"
        print(f"{r['name']:<100} {r['value']:>10.2f} {r['unit']:<4} {r['reference']:<22} {ratio:>7}  {r['target']}")


if __name__ == "__main__":
    main()
