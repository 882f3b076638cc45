"""hrdesk: an offline desktop app for governed, explainable AI in performance management."""

__version__ = "0.1.0"
APP_NAME = "hrdesk"
APP_ID = "org.hrdesk.desktop"
