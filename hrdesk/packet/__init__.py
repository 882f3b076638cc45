"""The PDF audit packet: everything an auditor needs, from the core's own queries, pseudonymised by default.

``hrdesk.packet.build.export_packet(session, out, options)`` is the one entry
point (the CLI and the window call it). The content is gathered into plain
dataclasses (``content``) by one module per section family, then rendered with
reportlab platypus (``document``); every table is also attached to the PDF as
JSON (``attachments``) so an auditor can recompute the numbers. reportlab is
imported only when a packet is rendered.
"""
