"""The PySide6 desktop app: windows, dialogs, table models and background work.

Nothing outside ``hrdesk.ui`` imports from here; the core never imports Qt.
"""
