"""Python's cycle collector held off while bulk work allocates objects that form no cycles.

An import of 100,000 people, or the audit's read of as many records, allocates
millions of small objects (a list per row, a tuple per record, a payload per
ciphertext) and frees them by reference counting; they form no cycles. Yet
every few thousand allocations the collector walks the young objects, and every
quarter of growth it walks all of them, the whole file's rows included: a sixth
of the import's time, and a tenth of the audit's read and save, for nothing.
Held off for the block, it runs again afterwards as before.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic cycle collection inside the block; nested blocks and a collector someone
    else switched off (the desktop app collects on its main thread only) are left as they are."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
