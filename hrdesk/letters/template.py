"""Letter templates: editable text files with placeholders and conditional sections.

A template is checked against the fields its letter type declares when it is
*loaded*, so a typo never reaches an employee as a blank::

    title: AI-use disclosure          <- front matter (title and version required;
    version: 3                           lines starting ';' are notes)
    ---
    # A heading                        <- '# ' heading, '## ' sub-heading, '- ' bullet
    Dear {{ employee_name }},          <- consecutive lines form one paragraph; **bold**
    {% if ai_in_use %}                 <- a directive stands alone on its line
    {% for d in ai_decisions %}
    - **{{ d.label }}**: {{ d.accountable }} decides.
    {% endfor %}
    {% else %} ... {% endif %}         <- also {% if not name %}

An unknown placeholder, an unknown or malformed condition, an unclosed or
stray block is a ``TemplateError`` naming the template and the line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from hrdesk.errors import InvalidInputError

#: A field of a letter type: text, a yes/no flag, or a list (of texts, or of records with the named fields).
TEXT, FLAG = "text", "flag"


@dataclass(frozen=True)
class ListOf:
    """A list placeholder; ``fields`` empty means a list of texts."""

    fields: tuple[str, ...] = ()


Schema = Mapping[str, "str | ListOf"]

_PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
_DIRECTIVE = re.compile(r"^\s*\{%\s*(.*?)\s*%\}\s*$")
_NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?"


class TemplateError(InvalidInputError):
    """A letter template that cannot be used as written; it names the template and the line."""

    title = "Letter template problem"

    def __init__(self, template: str, line: int, problem: str) -> None:
        self.template, self.line, self.problem = template, line, problem
        super().__init__(f"Letter template '{template}', line {line}: {problem}",
                         hint="Correct the template file (or remove it from your template folder to use the built-in one).")


@dataclass(frozen=True)
class _Text:
    line: int
    text: str


@dataclass(frozen=True)
class _If:
    line: int
    name: str
    negate: bool
    body: tuple[Any, ...]
    otherwise: tuple[Any, ...]


@dataclass(frozen=True)
class _For:
    line: int
    var: str
    source: str
    body: tuple[Any, ...]


@dataclass(frozen=True)
class Block:
    """One rendered block of a letter: ``kind`` is h1, h2, p or bullet; ``markup`` is reportlab paragraph markup."""

    kind: str
    markup: str


@dataclass(frozen=True)
class Template:
    """A loaded, checked template; ``render(values)`` gives the letter's blocks."""

    name: str
    title: str
    version: str
    schema: Schema
    nodes: tuple[Any, ...]
    source: Path | None = None
    meta: Mapping[str, str] = field(default_factory=dict)

    def render(self, values: Mapping[str, Any]) -> list[Block]:
        lines: list[tuple[str, bool]] = []
        _emit(self.nodes, dict(values), lines)
        return _blocks(lines)


def parse(text: str, *, name: str, schema: Schema, source: Path | None = None) -> Template:
    """Parse and check a template; raises ``TemplateError`` naming ``name`` and the line."""
    lines = text.splitlines()
    meta, start = _front_matter(lines, name)
    parser = _Parser(name, schema, lines, start)
    nodes = parser.block(scope={}, closing=())
    for key in ("title", "version"):
        if not meta.get(key):
            raise TemplateError(name, 1, f"the front matter needs a '{key}:' line before '---'")
    return Template(name, meta["title"], meta["version"], schema, tuple(nodes), source, meta)


def load(path: Path, *, schema: Schema) -> Template:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise TemplateError(path.name, 1, "the file is not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise InvalidInputError(f"Cannot read the letter template '{path}': {exc.strerror}.") from None
    return parse(text, name=path.name, schema=schema, source=path)


def _front_matter(lines: Sequence[str], name: str) -> tuple[dict[str, str], int]:
    meta: dict[str, str] = {}
    for index, raw in enumerate(lines):
        line = raw.strip()
        if line == "---":
            return meta, index + 1
        if not line or line.startswith(";"):
            continue  # blank lines and ';' comments (notes for whoever edits the template)
        key, sep, value = line.partition(":")
        if not sep or not key.strip().isidentifier():
            raise TemplateError(name, index + 1, "expected 'key: value' front matter (title, version) ending with '---'")
        meta[key.strip().lower()] = value.strip()
    raise TemplateError(name, 1, "the front matter (title, version) must end with a line '---'")


class _Parser:
    def __init__(self, name: str, schema: Schema, lines: Sequence[str], start: int) -> None:
        self.name, self.schema, self.lines, self.pos = name, schema, lines, start

    def fail(self, line: int, problem: str) -> TemplateError:
        return TemplateError(self.name, line, problem)

    def block(self, scope: dict[str, ListOf], closing: tuple[str, ...], opened_at: int = 0) -> list[Any]:
        nodes: list[Any] = []
        while self.pos < len(self.lines):
            number, raw = self.pos + 1, self.lines[self.pos]
            match = _DIRECTIVE.match(raw)
            if match is None:
                if "{%" in raw or "%}" in raw:
                    raise self.fail(number, "a '{% ... %}' directive must stand alone on its line")
                self._check_text(number, raw, scope)
                nodes.append(_Text(number, raw))
                self.pos += 1
                continue
            words = match.group(1).split()
            head = words[0] if words else ""
            if head in closing:
                return nodes
            self.pos += 1
            if head == "if":
                nodes.append(self._if(number, words, scope))
            elif head == "for":
                nodes.append(self._for(number, words, scope))
            elif head in ("else", "endif", "endfor"):
                raise self.fail(number, f"'{{% {head} %}}' without a matching opening block")
            else:
                raise self.fail(number, f"unknown directive '{match.group(1)}' (use if, else, endif, for, endfor)")
        if closing:
            raise self.fail(opened_at, f"this block is never closed (expected '{{% {closing[-1]} %}}')")
        return nodes

    def _if(self, number: int, words: list[str], scope: dict[str, ListOf]) -> _If:
        negate = len(words) > 1 and words[1] == "not"
        rest = words[2:] if negate else words[1:]
        if len(rest) != 1 or not re.fullmatch(_NAME, rest[0]):
            raise self.fail(number, "a condition is '{% if NAME %}' or '{% if not NAME %}' with one field name")
        self._resolve(number, rest[0], scope, what="condition")
        body = self.block(scope, ("else", "endif"), number)
        otherwise: list[Any] = []
        if self._closing_word() == "else":
            self.pos += 1
            otherwise = self.block(scope, ("endif",), number)
        self.pos += 1  # endif
        return _If(number, rest[0], negate, tuple(body), tuple(otherwise))

    def _for(self, number: int, words: list[str], scope: dict[str, ListOf]) -> _For:
        if len(words) != 4 or words[2] != "in" or not words[1].isidentifier():
            raise self.fail(number, "a loop is '{% for item in LIST %}'")
        kind = self._resolve(number, words[3], scope, what="loop")
        if not isinstance(kind, ListOf):
            raise self.fail(number, f"'{words[3]}' is not a list, so it cannot be looped over")
        body = self.block({**scope, words[1]: kind}, ("endfor",), number)
        self.pos += 1
        return _For(number, words[1], words[3], tuple(body))

    def _closing_word(self) -> str:
        match = _DIRECTIVE.match(self.lines[self.pos])
        return match.group(1).split()[0] if match and match.group(1).split() else ""

    def _check_text(self, number: int, raw: str, scope: dict[str, ListOf]) -> None:
        stripped = _PLACEHOLDER.sub("", raw)
        if "{{" in stripped or "}}" in stripped:
            raise self.fail(number, "a placeholder is not closed: write '{{ name }}'")
        for match in _PLACEHOLDER.finditer(raw):
            if not re.fullmatch(_NAME, match.group(1)):
                raise self.fail(number, f"'{{{{ {match.group(1)} }}}}' is not a field name")
            kind = self._resolve(number, match.group(1), scope, what="placeholder")
            if isinstance(kind, ListOf):
                raise self.fail(number, f"'{match.group(1)}' is a list: loop over it with '{{% for item in {match.group(1)} %}}'")

    def _resolve(self, number: int, name: str, scope: dict[str, ListOf], *, what: str) -> Any:
        head, _, attr = name.partition(".")
        if head in scope:
            fields = scope[head].fields
            if not attr and not fields:
                return TEXT
            if attr in fields:
                return TEXT
            known = ", ".join(f"{head}.{f}" for f in fields) or head
            raise self.fail(number, f"unknown {what} '{name}' (this loop's item has: {known})")
        if not attr and name in self.schema:
            return self.schema[name]
        known = ", ".join(sorted(self.schema))
        raise self.fail(number, f"unknown {what} '{name}'; this letter type knows: {known}")


def _lookup(values: Mapping[str, Any], name: str) -> Any:
    head, _, attr = name.partition(".")
    value = values.get(head)
    if attr:
        value = value.get(attr) if isinstance(value, Mapping) else getattr(value, attr, None)
    return value


def _emit(nodes: Sequence[Any], values: dict[str, Any], out: list[tuple[str, bool]]) -> None:
    for node in nodes:
        if isinstance(node, _Text):
            out.append(_fill(node.text, values))
        elif isinstance(node, _If):
            truth = bool(_lookup(values, node.name)) != node.negate
            _emit(node.body if truth else node.otherwise, values, out)
        else:
            for item in _lookup(values, node.source) or ():
                _emit(node.body, {**values, node.var: item}, out)


def _fill(line: str, values: Mapping[str, Any]) -> tuple[str, bool]:
    """The line as paragraph markup: literal text escaped with **bold**, values escaped; and whether it was blank."""
    parts: list[str] = []
    bold = False
    last = 0
    for match in [*_PLACEHOLDER.finditer(line), None]:
        literal = line[last: match.start() if match else len(line)]
        for index, piece in enumerate(literal.split("**")):
            if index:
                parts.append("</b>" if bold else "<b>")
                bold = not bold
            parts.append(escape(piece))
        if match is None:
            break
        value = _lookup(values, match.group(1))
        parts.append(escape("" if value is None else str(value)))
        last = match.end()
    if bold:
        parts.append("</b>")
    return "".join(parts), not line.strip()


def _blocks(lines: Sequence[tuple[str, bool]]) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("p", " ".join(paragraph)))
            paragraph.clear()

    for markup, blank in lines:
        text = markup.strip()
        if blank:
            flush()
        elif not text:
            continue  # a line whose only value was empty
        elif text.startswith("## "):
            flush()
            blocks.append(Block("h2", text[3:]))
        elif text.startswith("# "):
            flush()
            blocks.append(Block("h1", text[2:]))
        elif text.startswith("- "):
            flush()
            blocks.append(Block("bullet", text[2:]))
        else:
            paragraph.append(text)
    flush()
    return blocks
