"""The governance sequence that gates every AI suggestion (see DESIGN.md, capability 3)."""
