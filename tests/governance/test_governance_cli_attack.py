"""``hrdesk governance complete`` given a hostile answers file: a clear message and exit 2, nothing signed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.governance.test_governance_cli import _fast, _run  # noqa: F401  (the autouse fixture)


def test_an_absurdly_nested_answers_file_is_refused_plainly(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    vault = tmp_path / "org.hrdesk"
    assert _run(capsys, "init", vault, "--name", "Acme", "--admin", "Dana HR")[0] == 0
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    code, _out, err = _run(capsys, "governance", vault, "complete", 1, "--answers", deep, "--signed-by", "Dana HR")
    assert code == 2, err
    assert "hit a bug" not in err and "nested" in err and "deep.json" in err
