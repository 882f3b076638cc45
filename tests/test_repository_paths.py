"""No test reads outside the repository: a fresh clone (with nothing beside it) must pass.

The patterns and the examples below are assembled from pieces, so that this file itself never
spells out a path outside the checkout.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
UP = "." + "./"  # one folder up
SIBLING = "sha" + "red"  # the folder that sits beside the checkout on the machine the tests were written on
#: Ways a test could reach past the checkout: a sibling folder, an absolute home of ours, climbing above the root.
OUTSIDE = re.compile(
    re.escape(UP)
    + r"|/work/"  # an absolute path of the machine the tests were written on
    + rf"|\b{SIBLING}/data\b|[\"']{SIBLING}[\"']\s*/"  # the sibling data folder, as text or as path parts
    + r"|parents\[(?:[3-9]|\d\d)\]|(?:\.parent){3,}"  # climbing above the checkout from tests/<folder>/
    + r"|\bREPO\.parent\b|\bROOT\.parent\b"  # the folder the checkout sits in
)


def test_no_test_file_refers_to_a_path_outside_the_repository() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("*")):
        if path.suffix not in (".py", ".json", ".csv", ".cfg", ".ini", ".toml") or path == Path(__file__).resolve():
            continue
        if "screenshots" in path.relative_to(TESTS).parts:  # what the GUI tests write (git-ignored), not what they read
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(TESTS)}:{number}: {line.strip()[:120]}")
    assert offenders == [], "tests refer to paths outside the repository:\n" + "\n".join(offenders)


def test_the_check_catches_what_it_is_for() -> None:
    for line in (f'DATA = ROOT / "{UP}{SIBLING}/data/HRDataset_v14.csv"', f'Path("/work/{SIBLING}/x.csv")',
                 "root = Path(__file__).parents[4]", "Path(__file__).parent.parent.parent / 'x'",
                 f'REPO.parent / "{SIBLING}" / "data"'):
        assert OUTSIDE.search(line), line
    assert not OUTSIDE.search('DATA_DIR = Path(__file__).resolve().parent / "data"')
