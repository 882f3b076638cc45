"""Who left voluntarily, read from the employment status: one rule for the audit, monitoring and the suggestions.

Kept here, beside the records, so the suggestion pipeline can read it without
loading the audit (pandas and scipy) on a review page.
"""

from __future__ import annotations

import re

_VOLUNTARY = {"voluntary", "voluntarily", "resigned", "resignation", "resigns", "quit"}
_INVOLUNTARY = {"involuntary", "involuntarily", "dismissed", "cause", "fired", "laid", "layoff", "redundancy"}


def left_voluntarily(status: str | None) -> bool:
    """'Voluntarily Terminated', 'Voluntary Resignation' yes; 'Involuntarily Terminated', 'Terminated for Cause' no."""
    words = set(re.findall(r"[a-z]+", (status or "").lower()))
    return bool(words & _VOLUNTARY) and not words & _INVOLUNTARY
