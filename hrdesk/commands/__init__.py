"""Headless subcommands of the ``hrdesk`` CLI, one module per area.

Each module exposes ``register(subparsers)``; handlers import heavy libraries
(pandas, scikit-learn, reportlab) inside themselves so ``hrdesk --help`` and
the app's start-up stay fast.
"""
