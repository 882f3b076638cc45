"""Bias and data-quality audits of performance data (issue #4).

Entry point: ``run_audit(AuditInput, AuditSettings, progress) -> AuditResult``;
``render_text`` for the CLI, ``export_csv`` for spreadsheets,
``AuditResult.to_dict`` / ``from_dict`` for storage (JSON shape in
``hrdesk.fairness.result``). Plain Python + pandas/scipy; never imports Qt.
"""

from hrdesk.fairness.export import export_csv, result_frames
from hrdesk.fairness.inputs import AuditInput, ExtraOutcome
from hrdesk.fairness.report import render_text
from hrdesk.fairness.result import AuditResult, Finding, GroupMean, GroupRate, MeanTable, RateTable, Status
from hrdesk.fairness.run import run_audit
from hrdesk.fairness.settings import AuditSettings

__all__ = [
    "AuditInput", "AuditResult", "AuditSettings", "ExtraOutcome", "Finding", "GroupMean", "GroupRate",
    "MeanTable", "RateTable", "Status", "export_csv", "render_text", "result_frames", "run_audit",
]
