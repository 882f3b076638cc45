"""A vault where nothing has been done yet (the real HRDataset imported, nothing else): every section says so."""

from __future__ import annotations

from pathlib import Path

from hrdesk.packet.build import export_packet
from hrdesk.packet.context import PacketOptions
from tests.letters.helpers import DATA, import_csv, new_session, pdf_text
from tests.packet.test_packet_content import HEADINGS


def test_a_fresh_vault_gives_a_packet_that_says_what_is_missing(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    try:
        import_csv(session, DATA)
        names = {e.name for e in session.records().employees.list()} | {t.manager_name for t in session.records().teams.list()}
        out = tmp_path / "packet.pdf"
        result = export_packet(session, out, PacketOptions())
    finally:
        session.close(backup=False)
    text = pdf_text(out)
    assert all(h in text for h in HEADINGS)
    for sentence in ("AI suggestions: locked", "No governance step was signed or reopened in this period.",
                     "No decision register has been recorded", "No employee rights or contest process has been recorded",
                     "No privacy risk assessment is on record", "No audit was run in this period.",
                     "No suggestion model has been trained in this vault.",
                     "No decision on an AI suggestion was recorded in this period.",
                     "No contests were received in this period.", "are not trained (and see no suggestions)",
                     "No letter was generated in this period."):
        assert sentence in text, sentence
    assert len(names) > 300 and not [n for n in names if n in text], "no name of the HRDataset"
    assert result.signed and result.pages >= 10
