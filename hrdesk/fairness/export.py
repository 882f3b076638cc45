"""CSV export of an audit's tables, for spreadsheets and auditors.

One file per kind of table, every row of every table (long format, with the
table's outcome and grouping as columns), so nothing shown in the window or
the report is missing from the export. Writing is the user's explicit
request: the files contain group statistics, manager names and feedback
snippets in plain text.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pandas as pd

from hrdesk.spreadsheet import output_folder, safe_cell
from hrdesk.fairness.result import AuditResult

EXPORT_FILES = ("findings", "group_rates", "group_means", "calibration", "data_gaps", "data_quality", "language_hits",
                "comparisons")


def result_frames(result: AuditResult) -> dict[str, pd.DataFrame]:
    """Every table of the result as a DataFrame, keyed by export file name."""
    return {
        "findings": pd.DataFrame([{**{k: v for k, v in asdict(f).items() if k != "numbers"},
                                   "groups": " | ".join(f.groups), **{f"n_{k}": v for k, v in f.numbers.items()}}
                                  for f in result.findings]),
        "group_rates": _long(result.rates, lambda t: {"outcome": t.outcome, "dimension": t.dimension_label,
                                                      "reference": t.reference}),
        "group_means": _long(result.means, lambda t: {"outcome": t.outcome, "dimension": t.dimension_label,
                                                      "reference": t.reference}),
        "calibration": pd.DataFrame([_calibration_row(result, m) for m in result.calibration.managers]),
        "data_gaps": _long(result.quality.gaps, lambda t: {"field": t.field, "issue": t.issue,
                                                           "dimension": t.dimension_label, "p_value": t.p_value,
                                                           "p_adjusted": t.p_adjusted, "table_status": t.status}),
        "data_quality": _quality_frame(result),
        "language_hits": pd.DataFrame([asdict(h) for h in result.language.hits]),
        # the families of comparisons corrected together (false-discovery rate), with their sizes
        "comparisons": pd.DataFrame([asdict(f) for f in result.families]),
    }


def export_csv(result: AuditResult, directory: str | Path) -> list[Path]:
    """Write one CSV per table kind into ``directory``; return the paths written."""
    directory = output_folder(Path(directory))
    paths = []
    for name, frame in result_frames(result).items():
        path = directory / f"audit_{result.reference_date}_{name}.csv"
        text_columns = [c for c in frame.columns if frame[c].map(lambda v: isinstance(v, str)).any()]
        safe = frame.assign(**{c: frame[c].map(lambda v: safe_cell(v) if isinstance(v, str) else v) for c in text_columns})
        safe.to_csv(path, index=False, encoding="utf-8-sig")  # BOM so Excel reads accents correctly
        paths.append(path)
    return paths


def _long(tables, head) -> pd.DataFrame:
    rows = []
    for t in tables:
        for r in t.rows:
            row = {"table": t.id, **head(t), **asdict(r)}
            if "parts" in row:
                row["parts"] = " | ".join(row["parts"])
            rows.append(row)
    return pd.DataFrame(rows)


def _calibration_row(result: AuditResult, m) -> dict:
    row = {k: v for k, v in asdict(m).items() if k not in ("counts", "rest_counts")}
    row.update({f"team {c}": n for c, n in zip(result.calibration.scale, m.counts)})
    row.update({f"rest {c}": n for c, n in zip(result.calibration.scale, m.rest_counts)})
    return row


def _quality_frame(result: AuditResult) -> pd.DataFrame:
    q = result.quality
    rows = [{"check": "missing", "field": f.label, "count": f.missing, "share": f.share} for f in q.fields]
    rows += [{"check": "attribute known", "field": c.label, "count": c.known, "share": c.share} for c in q.coverage]
    rows += [{"check": "out of range", "field": i.field, "count": i.count, "detail": i.detail} for i in q.out_of_range]
    rows += [{"check": "stale review", "field": "last_review_date", "count": q.stale, "detail": f"before {q.stale_before}"},
             {"check": "no review date", "field": "last_review_date", "count": q.no_review_date},
             {"check": "duplicate ids", "field": "person", "count": len(q.duplicate_ids), "detail": " ".join(q.duplicate_ids)},
             {"check": "duplicate rows", "field": "", "count": q.duplicate_rows}]
    return pd.DataFrame(rows)
