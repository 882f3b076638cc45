"""The packet's period as an auditor reads it: --from or --to alone has one stated meaning, on the cover in dates.

Found by review: ``--from`` or ``--to`` alone was accepted without saying what period the packet then covers.
Now ``--from X`` alone covers X to the day the packet is made, ``--to Y`` alone the vault's first record to Y;
--help says so and the cover prints both ends as dates. A period that cannot hold anything (it starts after it
ends, ends after today, or ends before the vault's first record) is refused with exit 2 and nothing written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hrdesk import cli
from hrdesk.errors import InvalidInputError
from hrdesk.packet.content import Cover
from hrdesk.packet.context import PacketOptions
from hrdesk.session import Session
from tests.letters.helpers import pdf_text
from tests.packet.conftest import PASSPHRASE

TODAY = dt.date.today()


def _run(capsys: pytest.CaptureFixture, *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _cover(**period: dt.date | None) -> Cover:
    return Cover(organisation="Acme", period_from=period.get("period_from"), period_to=period.get("period_to"),
                 generated_at="2026-11-26 09:00:00 UTC", generated_by="Dana HR", hrdesk_version="1",
                 vault_format=1, fingerprint="", names_shown=False, first_record=dt.date(2025, 3, 4))


def test_the_cover_states_both_ends_as_dates() -> None:
    assert _cover(period_from=dt.date(2026, 1, 1)).period == "2026-01-01 to 2026-11-26 (the day it was generated)"
    assert _cover(period_to=dt.date(2026, 6, 30)).period == "2025-03-04 (the vault's first record) to 2026-06-30"
    assert _cover().period == "2025-03-04 (the vault's first record) to 2026-11-26 (the day it was generated)"
    both = _cover(period_from=dt.date(2026, 1, 1), period_to=dt.date(2026, 6, 30))
    assert both.period == "2026-01-01 to 2026-06-30"


def test_help_says_what_from_or_to_alone_means(capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["packet", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--from alone covers that day to today" in text
    assert "--to alone covers the vault's first record to that day" in text


@pytest.mark.parametrize("period,words", [
    ({"period_from": TODAY + dt.timedelta(days=1)}, "starts on"),
    ({"period_to": TODAY + dt.timedelta(days=1)}, "after today"),
    ({"period_from": dt.date(2026, 5, 1), "period_to": dt.date(2026, 1, 1)}, "starts (2026-05-01) after it ends"),
])
def test_a_period_that_cannot_hold_anything_is_refused(period: dict, words: str) -> None:
    with pytest.raises(InvalidInputError, match=r"\(") as caught:
        PacketOptions(**period)
    assert words in caught.value.message and caught.value.hint


def test_to_alone_covers_the_first_record_to_that_day(packet_vault: Path, tmp_path: Path, capsys,
                                                      monkeypatch) -> None:
    monkeypatch.setenv("HRDESK_PASSPHRASE", PASSPHRASE)
    with Session.open(packet_vault, PASSPHRASE) as hr:
        first = dt.date.fromisoformat(hr.vault.audit_entries()[0].time[:10])
    code, _o, err = _run(capsys, "packet", packet_vault, "--out", tmp_path / "early.pdf",
                         "--to", (first - dt.timedelta(days=1)).isoformat())
    assert code == 2 and "before the vault's first record" in err and first.isoformat() in err
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.partial"))
    code, _o, err = _run(capsys, "packet", packet_vault, "--out", tmp_path / "future.pdf",
                         "--from", (TODAY + dt.timedelta(days=3)).isoformat())
    assert code == 2 and "after today" in err and not list(tmp_path.glob("*.pdf"))

    out = tmp_path / "to.pdf"
    code, _o, err = _run(capsys, "packet", packet_vault, "--out", out, "--to", TODAY.isoformat())
    assert code == 0, err
    text = " ".join(pdf_text(out).split())
    assert f"Period covered: {first.isoformat()} (the vault's first record) to {TODAY.isoformat()}" in text
