"""Timing helpers shared by the benchmark modules: side by side, min and median, processes.

The machine these run on is shared, so one timing means little: every row
is measured several times, hrdesk and its anchor alternating so a burst of
someone else's work hits both alike, and the table shows the minimum (what
the code costs) and the median (what a person typically waits). Whole
operations a user runs from a terminal are timed as processes, interpreter
start, imports and the closing backup included, because that is what they
pay for.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]

if "HRDESK_HOME" not in os.environ:  # the benchmarks' audit anchors, settings and logs stay out of the user's own
    import atexit
    import shutil
    import tempfile

    os.environ["HRDESK_HOME"] = tempfile.mkdtemp(prefix="hrdesk-bench-home-")
    atexit.register(shutil.rmtree, os.environ["HRDESK_HOME"], True)


@dataclass(frozen=True)
class Timing:
    """Several wall-clock runs of one thing (seconds, or whatever unit the caller used)."""

    runs: tuple[float, ...]

    @property
    def min(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def measure(fn: Callable[[], Any], repeat: int = 5, setup: Callable[[], Any] | None = None) -> Timing:
    """``repeat`` wall-clock runs of ``fn`` (``setup`` before each, not timed)."""
    runs = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return Timing(tuple(runs))


def side_by_side(subjects: dict[str, Callable[[], Any]], repeat: int = 5,
                 setup: Callable[[], Any] | None = None) -> dict[str, Timing]:
    """Time every subject once per round, alternating, for ``repeat`` rounds."""
    runs: dict[str, list[float]] = {name: [] for name in subjects}
    for _ in range(repeat):
        for name, fn in subjects.items():
            if setup is not None:
                setup()
            start = time.perf_counter()
            fn()
            runs[name].append(time.perf_counter() - start)
    return {name: Timing(tuple(r)) for name, r in runs.items()}


def best_of(fn: Callable[[], Any], repeat: int = 3, setup: Callable[[], Any] | None = None) -> float:
    """Best wall-clock seconds of ``repeat`` runs (setup excluded)."""
    return measure(fn, repeat, setup).min


@dataclass(frozen=True)
class ProcessRun:
    seconds: float
    peak_kib: int  # the child's maximum resident set size
    stdout: str


def bench_env(code: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment a benchmarked process runs with: this checkout (or ``code``, another
    checkout, for a before/after in one run) importable, no Qt display, and hrdesk run from
    compiled bytecode as an installed copy runs (a shell with PYTHONDONTWRITEBYTECODE set, as
    this machine's is, would make every timed process recompile hrdesk: about 0.4 s each)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(code or REPO), env.get("PYTHONPATH", "")) if p)
    env["HRDESK_BENCH_CODE"] = str(code or REPO)  # the working folder too: ``python -m`` puts it first on the path
    return env


def run_process(cmd: Sequence[str], env: dict[str, str] | None = None) -> ProcessRun:
    """Run ``cmd`` to its end; wall-clock seconds from spawn to exit and its own peak memory."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        env = env or bench_env()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=env, cwd=env.get("HRDESK_BENCH_CODE", str(REPO)))
        _, status, usage = os.wait4(proc.pid, 0)  # reaped here, so its own rusage (not all children's)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err.read().decode(errors='replace')[-2000:]}")
        return ProcessRun(seconds, usage.ru_maxrss, out.read().decode(errors="replace"))


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def compare(name: str, subject: Timing, anchor_name: str, anchor: Timing, target: str, unit: str = "s") -> dict:
    """A row: hrdesk against its anchor, both as min and median of the same rounds."""
    return {
        "name": name, "value": subject.min, "median": subject.median, "unit": unit,
        "anchor": anchor_name, "anchor_min": anchor.min, "anchor_median": anchor.median,
        "reference": f"{anchor_name} {anchor.min:.3f}/{anchor.median:.3f} {unit}",
        "ratio": subject.min / anchor.min if anchor.min else None,
        "ratio_median": subject.median / anchor.median if anchor.median else None,
        "target": target, "runs": len(subject.runs),
    }


def row(name: str, value: float, unit: str, reference: str = "", ratio: float | None = None, target: str = "",
        median: float | None = None) -> dict:
    """A row measured another way (a single value, or a ratio the module worked out)."""
    return {"name": name, "value": value, "median": median, "unit": unit, "reference": reference, "anchor": reference,
            "ratio": ratio, "ratio_median": None, "target": target}


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    return f"{value:.3f}" if abs(value) < 100 else f"{value:,.0f}"


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}x"


def print_table(rows: list[dict]) -> None:
    header = f"{'benchmark':<62} {'min':>9} {'median':>9} {'unit':<4} {'ratio':>7} {'(med)':>7}  anchor ; target"
    print(header)
    print("-" * len(header))
    for r in rows:
        ref = " ; ".join(x for x in (r.get("reference", ""), r.get("target", "")) if x)
        print(f"{r['name']:<62} {_num(r['value']):>9} {_num(r.get('median')):>9} {r['unit']:<4} "
              f"{_ratio(r.get('ratio')):>7} {_ratio(r.get('ratio_median')):>7}  {ref}")


def machine() -> str:
    """Where the numbers were taken: they mean little without it."""
    try:
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load average {load} at the start")


def markdown_rows(rows: list[dict]) -> str:
    """The rows as a Markdown table: hrdesk min and median, the anchor, both ratios, the target."""
    lines = [
        "| benchmark | hrdesk min | median | unit | anchor (min / median) | ratio | ratio (median) | target |",
        "|---|---:|---:|---|---|---:|---:|---|",
    ]
    for r in rows:
        lines.append(f"| {r['name'].strip()} | {_num(r['value'])} | {_num(r.get('median'))} | {r['unit']} | "
                     f"{r.get('reference', '')} | {_ratio(r.get('ratio'))} | {_ratio(r.get('ratio_median'))} | {r.get('target', '')} |")
    return "\n".join(lines) + "\n"


def markdown(rows: list[dict], title: str, command: str, started: datetime, where: str) -> str:
    return "\n".join([
        f"# {title}", "",
        f"Run `{command}` on {started.strftime('%Y-%m-%d %H:%M')} UTC; {where}.",
        "Each row is min / median of the runs shown, hrdesk and its anchor alternating in the same run;",
        "ratios are hrdesk over the anchor (min over min, median over median).", "", "",
    ]) + markdown_rows(rows)


def write_markdown(rows: list[dict], path: Path, title: str, command: str, started: datetime | None = None,
                   where: str | None = None) -> None:
    path.write_text(markdown(rows, title, command, started or datetime.now(timezone.utc), where or machine()), encoding="utf-8")


_DEMO_VAULTS: dict[int, Path] = {}


def demo_vault(employees: int) -> Path:
    """A demo organisation of ``employees`` people (reviews, feedback, check-ins, one team per
    dozen people), built once per benchmark run and shared by the rows that read one; passphrase
    ``"pw"``, the fast test key derivation. Copy it before changing it."""
    import atexit
    import shutil
    import tempfile

    if employees not in _DEMO_VAULTS:
        from hrdesk.demo.build import build_demo_vault
        from hrdesk.vault import KdfParams

        folder = Path(tempfile.mkdtemp(prefix="hrdesk-bench-"))
        atexit.register(shutil.rmtree, folder, True)
        print(f"building a demo vault of {employees:,} people (shared by the benchmarks) ...", file=sys.stderr, flush=True)
        path = folder / f"demo{employees}.hrdesk"
        build_demo_vault(path, passphrase="pw", n_employees=employees, seed=3, kdf=KdfParams.fast_for_tests())
        _DEMO_VAULTS[employees] = path
    return _DEMO_VAULTS[employees]


def copy_vault(source: Path, target: Path) -> Path:
    """A standalone copy of a closed vault file (its backups are not copied)."""
    import shutil

    shutil.copyfile(source, target)
    return target
