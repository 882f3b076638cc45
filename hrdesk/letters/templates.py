"""Where templates and fonts come from: the user's template folder first, then the built-in ``resources/``.

The built-in folder is found by ``hrdesk.paths.resource`` (the checkout or the bundle).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hrdesk import paths
from hrdesk.letters.kinds import SCHEMAS, LetterType
from hrdesk.letters.template import Template, load


def resources_dir() -> Path:
    folder = paths.resource()
    if not (folder / "letters").is_dir():
        raise FileNotFoundError(f"hrdesk's resources folder (letters, fonts) is missing from this installation: {folder}")
    return folder


def builtin_dir() -> Path:
    return resources_dir() / "letters"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def template_path(kind: LetterType, user_dir: str | Path | None = None) -> Path:
    """The user's edited template for ``kind`` if their folder has one, else the built-in one."""
    if user_dir:
        edited = Path(user_dir) / kind.template_file
        if edited.is_file():
            return edited
    return builtin_dir() / kind.template_file


def template_for(kind: LetterType, user_dir: str | Path | None = None) -> Template:
    """The checked template (``TemplateError`` names the file and line of a problem)."""
    path = template_path(kind, user_dir)
    stat = path.stat()
    return _cached(str(path), kind, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _cached(path: str, kind: LetterType, _mtime: int, _size: int) -> Template:
    return load(Path(path), schema=SCHEMAS[kind])


def check_folder(folder: Path) -> list[Template]:
    """Load every template a user folder holds, so a broken one is named when the folder is chosen."""
    return [template_for(kind, folder) for kind in LetterType if (folder / kind.template_file).is_file()]
