"""The window's garbage collection: young generations every tick, a full collection rarely."""

from __future__ import annotations

import gc

from hrdesk.ui.app import GcTicker


def test_only_every_nth_tick_walks_every_object() -> None:
    seen: list[int] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])

    ticker = GcTicker(full_every=4)
    gc.callbacks.append(record)
    try:
        for _ in range(8):
            ticker.tick()
    finally:
        gc.callbacks.remove(record)
    assert seen == [1, 1, 1, 2, 1, 1, 1, 2]


def test_a_cycle_made_between_ticks_is_freed_by_the_next_young_collection() -> None:
    import weakref

    class Node:
        pass

    enabled = gc.isenabled()
    gc.disable()
    try:
        a, b = Node(), Node()
        a.other, b.other = b, a
        alive = weakref.ref(a)
        del a, b
        GcTicker(full_every=1000).tick()
        assert alive() is None
    finally:
        if enabled:
            gc.enable()
