"""Passphrase key derivation with Argon2id, calibrated per machine.

The parameters travel with each key slot so that a vault created on a fast
desktop still opens on a slow laptop, and so that they can be raised later
without re-encrypting anything (only the slot is re-wrapped).
"""

from __future__ import annotations

import time
import unicodedata
from dataclasses import asdict, dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MIN_MEMORY_KIB = 64 * 1024
MIN_ITERATIONS = 3
MAX_MEMORY_KIB = 512 * 1024
TARGET_SECONDS = 0.5
KEY_LENGTH = 32


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters (memory in KiB, passes, lanes)."""

    memory_kib: int = MIN_MEMORY_KIB
    iterations: int = MIN_ITERATIONS
    lanes: int = 1

    @classmethod
    def fast_for_tests(cls) -> "KdfParams":
        """Deliberately weak parameters so unit tests do not spend seconds per unlock."""
        return cls(memory_kib=8, iterations=1, lanes=1)

    @classmethod
    def from_dict(cls, data: dict) -> "KdfParams":
        return cls(memory_kib=int(data["memory_kib"]), iterations=int(data["iterations"]), lanes=int(data["lanes"]))

    def to_dict(self) -> dict:
        return {"algorithm": "argon2id", **asdict(self)}

    @property
    def is_plausible(self) -> bool:
        """Bounds a tampered slot cannot exceed (so it cannot make us allocate 100 GiB)."""
        return 8 <= self.memory_kib <= 4 * 1024 * 1024 and 1 <= self.iterations <= 100 and 1 <= self.lanes <= 16

    @property
    def meets_minimum(self) -> bool:
        return self.memory_kib >= MIN_MEMORY_KIB and self.iterations >= MIN_ITERATIONS


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC-normalise so the same passphrase typed on another keyboard/OS still matches."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=KEY_LENGTH,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(normalise_passphrase(passphrase))


def _time_once(params: KdfParams) -> float:
    start = time.perf_counter()
    derive_key("calibration", b"\0" * 16, params)
    return time.perf_counter() - start


def calibrate(target_seconds: float = TARGET_SECONDS) -> KdfParams:
    """Pick parameters that take about ``target_seconds`` here, never below the minimum.

    Memory is raised first (it is what hurts GPU attackers most), up to a cap
    that a laptop can spare; passes are raised after that.
    """
    params = KdfParams()
    elapsed = _time_once(params)
    while elapsed < target_seconds / 2 and params.memory_kib < MAX_MEMORY_KIB:
        params = KdfParams(memory_kib=params.memory_kib * 2, iterations=params.iterations)
        elapsed = _time_once(params)
    if elapsed < target_seconds * 0.7:
        per_pass = elapsed / params.iterations
        passes = max(MIN_ITERATIONS, round(target_seconds / per_pass))
        params = KdfParams(memory_kib=params.memory_kib, iterations=passes)
    return params
