"""Python's cycle collector held off while an import reads, checks and writes a file (see ``hrdesk.collector``,
where it lives since the audit's bulk read uses it too)."""

from __future__ import annotations

from hrdesk.collector import collector_paused

__all__ = ["collector_paused"]
