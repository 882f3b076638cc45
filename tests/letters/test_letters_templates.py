"""Templates are checked when loaded: a typo is named with its file and line, never rendered as a blank."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrdesk.errors import InvalidInputError
from hrdesk.letters import LetterType
from hrdesk.letters.generate import safe_file_name
from hrdesk.letters.kinds import SCHEMAS
from hrdesk.letters.settings import LetterSettings
from hrdesk.letters.template import TemplateError, parse
from hrdesk.letters.templates import builtin_dir, template_for
from tests.letters.helpers import pdf_text

SCHEMA = SCHEMAS[LetterType.DISCLOSURE]
HEAD = "title: T\nversion: 2\n---\n"


@pytest.mark.parametrize(("body", "line", "words"), [
    ("Dear {{ employe_name }},", 4, "unknown placeholder 'employe_name'"),
    ("ok\n{% if ai_in_uze %}\nx\n{% endif %}", 5, "unknown condition 'ai_in_uze'"),
    ("{% if ai_in_use %}\nx", 4, "never closed"),
    ("x\n{% endif %}", 5, "without a matching opening"),
    ("{% if %}\n{% endif %}", 4, "a condition is"),
    ("{% if ai_in_use and opted_out %}\n{% endif %}", 4, "a condition is"),
    ("{% for d in ai_decisions %}\n- {{ d.labl }}\n{% endfor %}", 5, "unknown placeholder 'd.labl'"),
    ("{% for d in employee_name %}\n{% endfor %}", 4, "not a list"),
    ("{{ ai_decisions }}", 4, "is a list"),
    ("Hello {{ employee_name", 4, "not closed"),
    ("x {% if ai_in_use %} y", 4, "stand alone"),
    ("{% while ai_in_use %}", 4, "unknown directive"),
])
def test_a_broken_template_is_refused_with_its_name_and_line(body: str, line: int, words: str) -> None:
    with pytest.raises(TemplateError) as caught:
        parse(HEAD + body, name="mine.txt", schema=SCHEMA)
    assert caught.value.line == line
    assert f"'mine.txt', line {line}" in caught.value.message and words in caught.value.message
    assert isinstance(caught.value, InvalidInputError)  # a known problem: a message, not a traceback


def test_front_matter_needs_title_and_version() -> None:
    with pytest.raises(TemplateError, match="version"):
        parse("title: T\n---\nx", name="a.txt", schema=SCHEMA)
    with pytest.raises(TemplateError, match="line 3: expected 'key: value' front matter"):
        parse("title: T\nversion: 1\nDear you", name="a.txt", schema=SCHEMA)


def test_values_are_escaped_and_markup_is_the_templates_only() -> None:
    template = parse(HEAD + "Dear **{{ employee_name }}**,\n{% if not opted_out %}\n- in\n{% else %}\n- out\n{% endif %}",
                     name="t.txt", schema=SCHEMA)
    blocks = template.render({"employee_name": "<b>O'Brien & **Sons**</b>", "opted_out": False})
    assert blocks[0].markup == "Dear <b>&lt;b&gt;O'Brien &amp; **Sons**&lt;/b&gt;</b>,"
    assert [b.kind for b in blocks] == ["p", "bullet"] and blocks[1].markup == "in"


def test_every_builtin_template_loads() -> None:
    for kind in LetterType:
        template = template_for(kind)
        assert template.title and template.version
    assert (builtin_dir().parent / "fonts" / "LICENSE-DejaVu.txt").is_file()


def test_an_edited_template_folder_is_used_and_a_broken_one_refused(session, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    text = (builtin_dir() / "disclosure.txt").read_text(encoding="utf-8")
    (folder / "disclosure.txt").write_text(text.replace("version: 1", "version: 7").replace(
        "We want you to hear it from us first", "Our works council asked us to tell you first"), encoding="utf-8")
    session.set_letter_settings(LetterSettings(template_dir=str(folder), signatory="Dana Whitfield",
                                               concern_contact="Priya Natarajan, people@acme.example"))
    outcome = session.generate_letters(LetterType.DISCLOSURE, tmp_path / "out", employee_ids=["10026"])
    assert outcome.result.template_version == "7"
    text = pdf_text(outcome.result.files[0])
    assert "Our works council asked us to tell you first" in text and "Dana Whitfield" in text
    assert "Write to Priya Natarajan, people@acme.example" in text
    (folder / "own-data.txt").write_text(HEAD + "{{ nobody }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="'own-data.txt', line 4"):
        session.set_letter_settings(LetterSettings(template_dir=str(folder), signatory="Someone else"))


@pytest.mark.parametrize(("raw", "safe"), [
    ("AI-use disclosure - O'Neil, Sam", "AI-use disclosure - O'Neil, Sam"),
    ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
    ("CON", "_CON"), ("nul.txt", "_nul.txt"), ("name. ", "name"), ("evil\u202etxt.exe", "evil_txt.exe"),
    ("Nguye\u0302\u0303n", "Nguyễn"),
])
def test_file_names_are_safe_on_every_os(raw: str, safe: str) -> None:
    assert safe_file_name(raw) == safe


def test_a_logo_is_drawn_on_every_page_and_a_missing_one_refused(session, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage
    from pypdf import PdfReader

    logo = tmp_path / "logo.png"
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f5fa8"))
    assert image.save(str(logo))
    session.set_letter_settings(LetterSettings(logo_path=str(logo), org_name="Acme Holdings"))
    path = session.generate_letters(LetterType.DISCLOSURE, tmp_path / "out", employee_ids=["10026"]).result.files[0]
    reader = PdfReader(path)
    assert all(page.images for page in reader.pages)
    assert reader.metadata.author == "Acme Holdings" and "Acme Holdings" in pdf_text(path)
    with pytest.raises(InvalidInputError, match="is not a file"):
        session.set_letter_settings(LetterSettings(logo_path=str(tmp_path / "gone.png")))
