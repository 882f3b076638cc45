"""The table of hrdesk fields a column can be mapped to, for ``hrdesk import --fields`` and the README.

One function writes it so the command and the README cannot drift apart
(a test compares them). Each row says what the field is for and under which
purpose it is held, because data minimisation keeps nothing else.
"""

from __future__ import annotations

from hrdesk.importing.headers import ALIASES
from hrdesk.records.fields import PURPOSE_LABELS, Field, Kind, mappable_fields

EXAMPLE_HEADERS = 3


def fields_table(kinds: tuple[Kind, ...] = tuple(Kind)) -> str:
    """A Markdown table per kind of file: field name, label, purpose, what it is for, headers recognised."""
    blocks = []
    for kind in kinds:
        rows = [
            f"Fields of `{kind}` files (name it in a mapping file's \"columns\"):",
            "",
            "| field | label | purpose | what it is for | headers recognised, e.g. (case, spaces, punctuation ignored) |",
            "|---|---|---|---|---|",
        ]
        rows += [_row(spec, ALIASES[kind].get(name, ())) for name, spec in mappable_fields(kind).items()]
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks) + "\n"


def _row(spec: Field, aliases: tuple[str, ...]) -> str:
    marks = [m for m, on in (("required", spec.required), ("protected", spec.protected)) if on]
    label = spec.label + (f" ({', '.join(marks)})" if marks else "")
    examples = ", ".join(aliases[:EXAMPLE_HEADERS])
    return f"| `{spec.name}` | {label} | {PURPOSE_LABELS[spec.purpose]} | {spec.help} | {examples} |"
