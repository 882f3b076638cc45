"""Every built screen, rendered as a person sees it at 1280x800, 1024x640 and with a 14 pt font:
nothing clipped, nothing wider than its window, no focusable control without a screen-reader name.

Runs the same script a developer runs by hand (``python -m hrdesk.ui.screenshots DIR``): each variant
in its own offscreen process on a screen of that size. Keeps the PNGs in tests/ui_keyboard/screenshots/
for looking at.
"""

from __future__ import annotations

from pathlib import Path

from hrdesk.ui.screenshots import VARIANTS, iter_problems, shoot_all

OUT = Path(__file__).resolve().parent / "screenshots"
SCREENS = {"start_welcome", "start_welcome_first_run", "start_create", "start_unlock", "start_recover",
           "start_recovery_key", "section_overview", "section_employees", "employee_page", "section_audits",
           "section_auditlog", "section_settings", "section_reviews", "dialog_help", "import_file", "import_mapping",
           "lock_screen", "section_contests", "contest_new", "contest_resolve"}


def test_every_screen_fits_and_every_control_is_named() -> None:
    reports = shoot_all(OUT)
    shot = {(r.variant, r.screen) for r in reports}
    for variant in VARIANTS:
        missing = {s for s in SCREENS if (variant, s) not in shot}
        assert not missing, f"{variant}: not rendered: {sorted(missing)}"
    for r in reports:
        assert Path(r.png).stat().st_size > 5_000, f"{r.png} is blank"
        if r.variant == "1024x640" and r.screen.startswith("section_"):
            assert r.size == (1024, 640), f"{r.screen} cannot shrink to 1024x640: {r.size}"
    problems = list(iter_problems(reports))
    assert not problems, "\n".join(problems)
    assert (OUT / "report.json").is_file()
