"""The PDF audit packet: its content, charts, signing and verification.

``hrdesk.packet.build.export_packet(session, out, options)`` makes a packet
(the CLI and the window call it). The content is gathered into plain
dataclasses (``content``) by one module per section family, then rendered with
reportlab platypus (``document``); every table is also attached to the PDF as
JSON (``attachments``) so an auditor can recompute the numbers, and the
finished bytes are signed (``signing``) so ``hrdesk verify`` (``verify``)
detects any change. reportlab is imported only when a packet is rendered.
"""
