"""hrdesk: an offline desktop app for governed, explainable AI in performance management."""

# The version lives here only: pyproject.toml reads it (``[tool.setuptools.dynamic]``), and so do
# ``hrdesk --version``, Help → About, the letters' log and build.spec.
__version__ = "0.1.0"
APP_NAME = "hrdesk"
APP_ID = "org.hrdesk.desktop"


def version_text() -> str:
    """"hrdesk 0.1.0 (vault format 2)": what ``--version`` and About say, so a support question has both."""
    from hrdesk.vault.schema import SCHEMA_VERSION  # sqlite3 only: cheap

    return f"{APP_NAME} {__version__} (vault format {SCHEMA_VERSION})"
