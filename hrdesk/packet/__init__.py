"""The PDF audit packet: its content, charts, signing and verification."""
