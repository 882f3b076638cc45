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
    if not HR_CSV.exists():
        pytest.skip(f"{HR_CSV} not available")
    return run_audit(hr_input())


@pytest.fixture(scope="session")
def hr_raw():
    import pandas as pd

    if not HR_CSV.exists():
        pytest.skip(f"{HR_CSV} not available")
    return pd.read_csv(HR_CSV)
