"""Python's cycle collector held off while an import reads, checks and writes a file.

An import of 100,000 people allocates millions of small objects (a list per
row, a dict per record, a payload per ciphertext) and frees them by reference
counting; they form no cycles. Yet every few thousand allocations the
collector walks the young objects, and every quarter of growth it walks all
of them, the whole file's rows included: a sixth of the import's time, for
nothing. Held off for the import, it runs again afterwards as before.
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
