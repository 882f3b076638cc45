"""PyInstaller runtime hook: a bundle with a ``hrdesk-home`` folder beside its executable is portable.

Runs before hrdesk starts. When ``HRDESK_HOME`` is not already set and the
folder exists (for example on a USB stick), settings, logs and app data go
there instead of the user's profile (``hrdesk.paths`` reads the variable).
"""

import os
import sys
from pathlib import Path

_home = Path(sys.executable).resolve().parent / "hrdesk-home"
if not os.environ.get("HRDESK_HOME") and _home.is_dir():
    os.environ["HRDESK_HOME"] = str(_home)
