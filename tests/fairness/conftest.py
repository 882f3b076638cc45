"""Fixtures for the fairness tests: the real HRDataset audit, computed once."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fairness_data import HR_CSV, hr_input  # noqa: E402

from hrdesk.fairness import run_audit  # noqa: E402


@pytest.fixture(scope="session")
def hr_result():
    assert HR_CSV.is_file(), f"test data missing: {HR_CSV} (see tests/data/SOURCES.md)"
    return run_audit(hr_input())


@pytest.fixture(scope="session")
def hr_raw():
    import pandas as pd

    assert HR_CSV.is_file(), f"test data missing: {HR_CSV} (see tests/data/SOURCES.md)"
    return pd.read_csv(HR_CSV)
