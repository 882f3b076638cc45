"""A machine-readable copy of every table, embedded in the PDF as JSON file attachments.

Each table becomes ``NN-key.json`` (NN: its section) holding its columns and
rows exactly as printed (pseudonyms included), plus ``packet.json`` with the
cover's facts. They are standard PDF embedded files (the catalog's
``/Names /EmbeddedFiles`` name tree), which every PDF reader lists as
attachments and ``pypdf``'s ``PdfReader.attachments`` reads.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from hrdesk.packet.content import Packet

MIME = "application/json"


def files(packet: Packet) -> dict[str, bytes]:
    """Attachment name -> JSON bytes, for every table in the packet and the cover."""
    out: dict[str, bytes] = {"packet.json": _dump({"cover": asdict(packet.cover), "sections": [
        {"number": s.number, "title": s.title, "tables": [name(s.number, t.key) for t in s.tables]}
        for s in packet.sections]})}
    for section, table in packet.tables():
        out[name(section.number, table.key)] = _dump(table.to_json(section.heading))
    return out


def name(section: int, key: str) -> str:
    return f"{section:02d}-{key}.json"


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, default=str).encode("utf-8")


def embed(canvas: Any, attached: dict[str, bytes]) -> None:
    """Put ``attached`` into the document being drawn on ``canvas`` as embedded files (call once per build pass)."""
    from reportlab.pdfbase.pdfdoc import (PDFArray, PDFDictionary, PDFName, PDFStream, PDFStreamFilterZCompress,
                                          PDFString)

    doc = canvas._doc
    names: list[Any] = []
    for filename in sorted(attached):
        data = attached[filename]
        stream = PDFStream(PDFDictionary({"Type": PDFName("EmbeddedFile"), "Subtype": PDFName("application#2Fjson"),
                                          "Params": PDFDictionary({"Size": len(data)})}),
                           content=data, filters=[PDFStreamFilterZCompress()])
        spec = PDFDictionary({"Type": PDFName("Filespec"), "F": PDFString(filename), "UF": PDFString(filename),
                              "Desc": PDFString(f"Table {filename} of the audit packet, as JSON"),
                              "EF": PDFDictionary({"F": doc.Reference(stream)})})
        names += [PDFString(filename), doc.Reference(spec)]
    doc.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": PDFArray(names)})})
