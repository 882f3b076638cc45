"""No test reads outside the repository: a fresh clone (with no ../shared beside it) must pass."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
#: Ways a test could reach past the checkout: a sibling folder, an absolute home of ours, climbing above the root.
OUTSIDE = re.compile(
    r"\.\./"  # ../shared
    r"|/work/"  # an absolute path of the machine the tests were written on
    r"|\bshared/data\b|[\"']shared[\"']\s*/"  # the shared data folder, as text or as path parts
    r"|parents\[(?:[3-9]|\d\d)\]|(?:\.parent){3,}"  # climbing above the checkout from tests/<folder>/
    r"|\bREPO\.parent\b|\bROOT\.parent\b"  # the folder the checkout sits in
)


def test_no_test_file_refers_to_a_path_outside_the_repository() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        if path == Path(__file__).resolve():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(TESTS)}:{number}: {line.strip()}")
    assert offenders == [], "tests refer to paths outside the repository:\n" + "\n".join(offenders)


def test_the_check_catches_what_it_is_for() -> None:
    for line in ('DATA = ROOT / "../shared/data/HRDataset_v14.csv"', 'Path("/work/shared/x.csv")',
                 "root = Path(__file__).parents[4]", "Path(__file__).parent.parent.parent / 'x'",
                 'REPO.parent / "shared" / "data"'):
        assert OUTSIDE.search(line), line
    assert not OUTSIDE.search('DATA_DIR = Path(__file__).resolve().parent / "data"')
