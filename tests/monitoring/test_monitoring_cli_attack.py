"""``hrdesk monitor`` given an alert id where none is taken: said plainly, not silently ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.cli import main
from tests.monitoring.test_monitoring_cli import vault_file  # noqa: F401  (the fixture)


@pytest.mark.parametrize("what", ["show", "run"])
def test_an_alert_id_given_to_show_or_run_is_refused_with_the_right_command(vault_file: Path, capsys,  # noqa: F811
                                                                            what: str) -> None:
    code = main(["monitor", str(vault_file), what, "A-0001"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "A-0001" in err and "handle" in err and "hit a bug" not in err
