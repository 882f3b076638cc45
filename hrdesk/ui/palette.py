"""The one palette: every colour hrdesk paints with, light or dark as the system is.

The stylesheet (``resources/hrdesk.qss``, with ``@name`` placeholders), the
charts, the table models' foreground colours and the lock screen all read
their colours from here, so a dark desktop gets a dark hrdesk and nobody has
to hunt for hex codes across the screens. The font is the system's: the
stylesheet's text sizes are computed from the application font's size, so a
user who sets 14 pt gets 14 pt body text and proportionally larger titles.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Palette:
    """Named colours (``#rrggbb``); ``dark`` says which variant this is."""

    dark: bool
    text: str
    muted: str  # secondary text: hints, fact names
    disabled: str
    window: str  # page background
    surface: str  # cards, inputs, tables, header
    surface_alt: str  # alternate table rows
    sidebar: str
    header_section: str  # table headers
    border: str
    border_strong: str
    hover: str
    pressed: str
    accent: str
    accent_hover: str
    accent_soft: str  # selection, sidebar's current item
    accent_text: str  # text on the accent colour
    accent_disabled: str
    focus: str  # keyboard focus rings
    ok_fg: str
    ok_bg: str
    ok_border: str
    bad_fg: str
    bad_bg: str
    bad_border: str
    warn_fg: str
    warn_bg: str
    warn_border: str
    info_fg: str
    info_bg: str
    info_border: str
    # charts and status colours (findings, bars)
    flag: str
    watch: str
    no_concern: str
    reference: str
    too_small: str
    unknown: str
    whisker: str
    threshold: str
    grid: str
    series_1: str
    series_2: str
    series_3: str
    # soft row backgrounds in result tables
    flag_bg: str
    watch_bg: str
    neutral_bg: str

    def colour(self, name: str) -> QColor:
        """``palette.colour("accent")`` as a ``QColor``."""
        return QColor(getattr(self, name))

    def series(self) -> tuple[QColor, QColor, QColor]:
        return (QColor(self.series_1), QColor(self.series_2), QColor(self.series_3))


LIGHT = Palette(
    dark=False,
    text="#1f2933", muted="#5f6b7a", disabled="#8a94a1",
    window="#f5f6f8", surface="#ffffff", surface_alt="#f8f9fb", sidebar="#eef1f5", header_section="#f0f3f7",
    border="#dde1e6", border_strong="#9aa5b1", hover="#e6eaf0", pressed="#dce2ea",
    accent="#2563a8", accent_hover="#1e4f87", accent_soft="#dbe7f6", accent_text="#ffffff", accent_disabled="#a9c1de",
    focus="#2563a8",
    ok_fg="#1e6b34", ok_bg="#e7f4ec", ok_border="#b7dfc3",
    bad_fg="#a11b12", bad_bg="#fdecea", bad_border="#f5c2bd",
    warn_fg="#7a4f00", warn_bg="#fdf3dc", warn_border="#f0d9a0",
    info_fg="#1e4f87", info_bg="#e3edf8", info_border="#bcd3ee",
    flag="#c0392b", watch="#c98a1b", no_concern="#4a7fb5", reference="#2e5e8c", too_small="#b8bec6",
    unknown="#d5d9de", whisker="#1f2933", threshold="#6b2d8f", grid="#e4e8ee",
    series_1="#2563a8", series_2="#b7791f", series_3="#c53030",
    flag_bg="#fbe3e0", watch_bg="#fdf1d8", neutral_bg="#f1f2f4",
)

DARK = Palette(
    dark=True,
    text="#e4e7eb", muted="#a3adb9", disabled="#6b7580",
    window="#1c2027", surface="#252a32", surface_alt="#2a3039", sidebar="#20252c", header_section="#2c323b",
    border="#39404a", border_strong="#5b6570", hover="#313843", pressed="#3a424e",
    accent="#5b9bdf", accent_hover="#7db0e6", accent_soft="#2b4566", accent_text="#0f1720", accent_disabled="#3b506a",
    focus="#7db0e6",
    ok_fg="#9fdcb0", ok_bg="#1f3a2a", ok_border="#2f5a3e",
    bad_fg="#f4a8a0", bad_bg="#42201d", bad_border="#6a302a",
    warn_fg="#f2cf7d", warn_bg="#3d3118", warn_border="#63502a",
    info_fg="#a9cbf0", info_bg="#1e3048", info_border="#2f4a6d",
    flag="#e8685a", watch="#e6b04a", no_concern="#6c9fd4", reference="#9cc1e8", too_small="#6f7782",
    unknown="#4b525c", whisker="#e4e7eb", threshold="#c79ae0", grid="#39404a",
    series_1="#6ca8e8", series_2="#e6b04a", series_3="#f07b6f",
    flag_bg="#4a2420", watch_bg="#43361a", neutral_bg="#2c3139",
)

_current: Palette | None = None


def system_is_dark(app: QGuiApplication | None = None) -> bool:
    """The desktop's colour scheme (Qt 6.5+), or failing that whether its window colour is dark."""
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    if app is None:
        return False
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def current() -> Palette:
    """The palette in use (chosen by ``install``; light until then)."""
    return _current or LIGHT


def choose(dark: bool | None = None) -> Palette:
    """Make the light or dark palette current (``None``: follow the system)."""
    global _current
    _current = DARK if (system_is_dark() if dark is None else dark) else LIGHT
    return _current


def qpalette(p: Palette) -> QPalette:
    """A ``QPalette`` in the same colours, so what the stylesheet does not cover (menus, dialogs) matches."""
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: p.window, QPalette.ColorRole.WindowText: p.text,
        QPalette.ColorRole.Base: p.surface, QPalette.ColorRole.AlternateBase: p.surface_alt,
        QPalette.ColorRole.Text: p.text, QPalette.ColorRole.Button: p.surface,
        QPalette.ColorRole.ButtonText: p.text, QPalette.ColorRole.Highlight: p.accent,
        QPalette.ColorRole.HighlightedText: p.accent_text, QPalette.ColorRole.ToolTipBase: p.surface,
        QPalette.ColorRole.ToolTipText: p.text, QPalette.ColorRole.PlaceholderText: p.muted,
        QPalette.ColorRole.Link: p.accent, QPalette.ColorRole.Mid: p.border, QPalette.ColorRole.Dark: p.border_strong,
    }
    for role, value in roles.items():
        pal.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(p.disabled))
    return pal


# Text sizes relative to the system font's size: titles stay titles when the user asks for larger text.
FONT_SCALES = {"font_title": 1.6, "font_heading": 1.25, "font_card": 1.05, "font_big": 1.9, "font_mono": 1.1,
               "font_key": 1.25, "font_org": 1.2}

_TOKEN = re.compile(r"@([a-z_0-9]+)")


def render_stylesheet(template: str, p: Palette, base_points: float) -> str:
    """Fill ``@name`` placeholders with the palette's colours and font sizes scaled from ``base_points``."""
    values: dict[str, str] = {key: str(value) for key, value in asdict(p).items() if isinstance(value, str)}
    base = base_points if base_points > 0 else 10.0
    values.update({key: f"{base * scale:.1f}pt" for key, scale in FONT_SCALES.items()})

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"the stylesheet names an unknown palette entry '@{name}'")
        return values[name]

    return _TOKEN.sub(fill, template)


def install(app: "QApplication", *, dark: bool | None = None) -> Palette:
    """Choose the palette (``None``: as the system is), and give ``app`` its ``QPalette`` and stylesheet.

    Re-applied when the system's colour scheme or font changes while hrdesk runs.
    """
    from hrdesk.ui import assets

    chosen = choose(dark)
    app.setPalette(qpalette(chosen))
    app.setStyleSheet(assets.stylesheet())
    if dark is None and not app.property("hrdesk_follows_system"):
        app.setProperty("hrdesk_follows_system", True)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: install(app))
        app.fontChanged.connect(lambda _font: app.setStyleSheet(assets.stylesheet()))
    return chosen


# Audit row statuses (hrdesk.fairness.result.Status values) -> palette entries.
_STATUS_FIELDS = {"flag": "flag", "watch": "watch", "ok": "no_concern", "reference": "reference",
                  "too_small": "too_small", "unknown": "unknown"}
_STATUS_BACKGROUNDS = {"flag": "flag_bg", "watch": "watch_bg", "too_small": "neutral_bg", "unknown": "neutral_bg"}


def status_colour(status: str) -> QColor:
    """The colour of an audit status (bars, finding severities); the text colour for anything else."""
    return current().colour(_STATUS_FIELDS.get(status, "text"))


def status_background(status: str) -> QColor | None:
    """A soft row background for flagged, watched and not-judged rows; ``None`` for the rest."""
    field = _STATUS_BACKGROUNDS.get(status)
    return current().colour(field) if field else None


def muted() -> QColor:
    """Secondary text in table cells (leavers, dropped columns, missing files)."""
    return current().colour("muted")
