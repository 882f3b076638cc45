"""Bias and data-quality audits of performance data (issue #4).

Entry point: ``run_audit(AuditInput, AuditSettings, progress) -> AuditResult``;
``render_text`` for the CLI, ``export_csv`` for spreadsheets,
``AuditResult.to_dict`` / ``from_dict`` for storage (JSON shape in
``hrdesk.fairness.result``). Plain Python + pandas/scipy; never imports Qt.

The names below are loaded on first use (PEP 562): importing one small module
such as ``hrdesk.fairness.result`` (the Audits screen, monitoring, governance)
must not drag in pandas and scipy, which cost about a second on a cold start.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "export_csv": "export", "result_frames": "export",
    "AuditInput": "inputs", "ExtraOutcome": "inputs",
    "render_text": "report",
    "AuditResult": "result", "Finding": "result", "GroupMean": "result", "GroupRate": "result",
    "MeanTable": "result", "RateTable": "result", "Status": "result",
    "run_audit": "run",
    "AuditSettings": "settings",
}

__all__ = [
    "AuditInput", "AuditResult", "AuditSettings", "ExtraOutcome", "Finding", "GroupMean", "GroupRate",
    "MeanTable", "RateTable", "Status", "export_csv", "render_text", "result_frames", "run_audit",
]

if TYPE_CHECKING:
    from hrdesk.fairness.export import export_csv, result_frames
    from hrdesk.fairness.inputs import AuditInput, ExtraOutcome
    from hrdesk.fairness.report import render_text
    from hrdesk.fairness.result import AuditResult, Finding, GroupMean, GroupRate, MeanTable, RateTable, Status
    from hrdesk.fairness.run import run_audit
    from hrdesk.fairness.settings import AuditSettings


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'hrdesk.fairness' has no attribute '{name}'")
    value = getattr(importlib.import_module(f"hrdesk.fairness.{module}"), name)
    globals()[name] = value  # once: later lookups are plain attribute reads
    return value
