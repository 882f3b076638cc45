"""The smoke run an installed hrdesk must pass, shared by the bundle test and the wheel test.

It drives the real ``hrdesk`` program (the bundle's executable, or the console
script of a wheel installed into a fresh virtual environment) from a folder
outside the checkout, with a bare environment, through what a user does first:
the version, a demo vault, an import of the real HR file, an audit, letters,
the governance status, the signed audit packet and its verification, and the
window reaching its first paint offscreen.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from hrdesk import __version__

DATA = Path(__file__).resolve().parents[1] / "data" / "HRDataset_v14.csv"
PASSPHRASE = "smoke-test-passphrase"


def bare_env(home: Path, extra_path: str = "") -> dict[str, str]:
    """No virtual environment, no checkout, no user profile: only what a desktop session would have."""
    keep = {name: os.environ[name] for name in ("LANG", "LC_ALL", "TMPDIR") if name in os.environ}
    system_path = os.pathsep.join(p for p in ("/usr/local/bin", "/usr/bin", "/bin") if Path(p).is_dir())
    return {**keep, "PATH": extra_path + os.pathsep + system_path if extra_path else system_path,
            "HOME": str(home), "HRDESK_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"}


@dataclass
class Program:
    """``hrdesk`` as an installed user runs it."""

    command: list[str]
    cwd: Path
    env: dict[str, str]
    log: list[str] = field(default_factory=list)

    def __call__(self, *args: str, expect: int = 0, timeout: float = 600, **env: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([*self.command, *args], cwd=self.cwd, env={**self.env, **env}, capture_output=True,
                              text=True, timeout=timeout)
        self.log.append(f"$ hrdesk {' '.join(args)} -> {done.returncode}")
        assert done.returncode == expect, f"hrdesk {' '.join(args)} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        assert "Traceback" not in done.stderr, done.stderr
        return done


def run_smoke(hrdesk: Program, *, window: bool = True) -> None:
    """Every step a fresh installation must pass; fails naming the step and the program's output."""
    version = hrdesk("--version").stdout
    assert __version__ in version and "vault format" in version.lower(), version

    hrdesk("demo", "demo.hrdesk", "--employees", "60")
    assert (hrdesk.cwd / "demo.hrdesk").is_file()

    hrdesk("init", "real.hrdesk", "--name", "Dental Magic")
    imported = hrdesk("import", "real.hrdesk", str(DATA)).stdout
    assert "Imported 311 of 311 rows" in imported, imported

    audit = json.loads(hrdesk("audit", "demo.hrdesk", "--json").stdout)
    assert audit["result"]["population"] == 60, audit["result"].get("population")

    (hrdesk.cwd / "letters").mkdir()
    hrdesk("letters", "demo.hrdesk", "disclosure", "--all", "--merged", "--out", "letters")
    pdfs = list((hrdesk.cwd / "letters").glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF"), pdfs

    status = hrdesk("governance", "demo.hrdesk", "status").stdout
    assert "Step 1" in status and "Step 6" in status, status

    hrdesk("packet", "demo.hrdesk", "--out", "packet.pdf")
    assert (hrdesk.cwd / "packet.pdf").read_bytes().startswith(b"%PDF")
    assert "Valid" in hrdesk("verify", "packet.pdf").stdout

    if window:
        shown = hrdesk("--demo", HRDESK_EXIT_WHEN_SHOWN="1").stdout
        assert "shown" in shown, shown
