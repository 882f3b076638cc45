"""The guide's pictures come from one command anyone can re-run, and it makes every picture the guide shows.

Runs ``python -m hrdesk.ui.screenshots --guide DIR`` (offscreen, the demo organisation walked as the
HR guide tells it) into a temporary folder. Pictures of screens this build does not have yet are not
faked: the command reports them, and the guide does not show them (see KNOWN_GAPS).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from hrdesk import guide

#: Pictures the guide cannot show yet because the screen is not in this build: stated, not faked.
KNOWN_GAPS: dict[str, str] = {
    # none since the Reviews, Contests and Monitoring sections and `hrdesk packet` landed (26 Nov 2026, 06:40 UTC)
}


def test_the_screenshot_command_makes_every_picture_the_guide_shows(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "hrdesk.ui.screenshots", "--guide", str(tmp_path)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    named = guide.images()
    assert len(named) >= 15
    for name in named:
        picture = tmp_path / name
        assert picture.is_file(), f"the guide shows {name}, which the command did not make"
        image = QImage(str(picture))
        assert image.width() >= 500 and image.height() >= 400, f"{name} is {image.width()}x{image.height()}"
        small = image.scaled(64, 40)
        colours = {small.pixel(x, y) for x in range(64) for y in range(40)}
        assert len(colours) > 8, f"{name} looks blank"
    for name in KNOWN_GAPS:
        if name not in named:
            assert f"not made: {name}" in done.stdout or (tmp_path / name).is_file()


def test_the_guide_shows_no_picture_of_a_known_gap_that_was_not_made() -> None:
    """A known gap stays out of the pages until the command can make its picture."""
    committed = {p.name for p in (guide.guide_dir() / "img").glob("*.png")}
    for name, what in KNOWN_GAPS.items():
        if name in guide.images():
            assert name in committed, f"the guide shows {name} ({what}) but it was never made"
