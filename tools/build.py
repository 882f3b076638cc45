"""Build the desktop app and its release archive with one command::

    python -m tools.build            # dist/hrdesk-<version>/ and dist/hrdesk-<version>-<os>-<arch>.tar.gz (+ .sha256)
    python -m tools.build --sizes    # also print the bundle's largest parts as a Markdown table

Needs the build extra (``pip install -e ".[build]"``: PyInstaller). Steps: the
app icon is drawn from ``hrdesk/ui/resources/icons/app.svg`` (PNG, ICO for
Windows, ICNS for macOS), PyInstaller runs ``build.spec``, then the folder is
packed (tar.gz on Linux and macOS, zip on Windows) with a SHA-256 file beside
it in ``sha256sum`` format (``sha256sum -c`` checks it).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Built:
    folder: Path
    archive: Path | None
    checksum: Path | None
    size: int  # bytes of the unpacked folder (symlinks counted once, as links)


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from hrdesk import __version__

    return __version__


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower() or 'unknown'}"


def draw_icons(out: Path) -> list[Path]:
    """hrdesk.png / .ico / .icns from the app's SVG icon, drawn by Qt offscreen (in a child process)."""
    out.mkdir(parents=True, exist_ok=True)
    script = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication, QImage, QPainter\n"
        "from PySide6.QtSvg import QSvgRenderer\n"
        "app = QGuiApplication(sys.argv[:1])\n"
        "renderer = QSvgRenderer(sys.argv[1])\n"
        "image = QImage(256, 256, QImage.Format.Format_ARGB32)\n"
        "image.fill(0)\n"
        "painter = QPainter(image); renderer.render(painter); painter.end()\n"
        "for name in sys.argv[3:]:\n"
        "    image.save(sys.argv[2] + '/' + name)\n"
    )
    svg = ROOT / "hrdesk" / "ui" / "resources" / "icons" / "app.svg"
    names = ["hrdesk.png", "hrdesk.ico", "hrdesk.icns"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-c", script, str(svg), str(out), *names], check=True, env=env)
    return [out / name for name in names if (out / name).is_file()]


def folder_size(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        if path.is_symlink():
            continue
        if path.is_file():
            total += path.stat().st_size
    return total


def largest_parts(folder: Path, count: int = 20) -> list[tuple[str, int]]:
    """The biggest entries one level inside ``_internal`` (and inside PySide6/Qt/lib), largest first."""
    internal = folder / "_internal" if (folder / "_internal").is_dir() else folder
    parts: dict[str, int] = {}
    for entry in internal.iterdir():
        if entry.is_symlink():
            continue
        parts[entry.name] = folder_size(entry) if entry.is_dir() else entry.stat().st_size
    for entry in folder.iterdir():  # the executables (each carries the compiled Python code, the PYZ archive)
        if entry.is_file() and not entry.is_symlink():
            parts[f"{entry.name} (the executable, with hrdesk's and its libraries' Python code)"] = entry.stat().st_size
    qt = internal / "PySide6" / "Qt" / "lib"
    if qt.is_dir():
        for lib in qt.iterdir():
            if lib.is_file() and not lib.is_symlink():
                parts[f"PySide6/Qt/lib/{lib.name}"] = lib.stat().st_size
    return sorted(parts.items(), key=lambda item: -item[1])[:count]


def size_table(folder: Path) -> str:
    rows = [f"| {name} | {size / 1e6:.1f} MB |" for name, size in largest_parts(folder)]
    return "| part | size |\n|---|---:|\n" + "\n".join(rows)


def run_pyinstaller(dist: Path, work: Path, icons: Path) -> Path:
    env = dict(os.environ, HRDESK_ICON_DIR=str(icons))
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")],
                   check=True, cwd=ROOT, env=env)
    return dist / f"hrdesk-{version()}"


def strip_python_debug_info(folder: Path) -> int:
    """Drop the debug sections of Python's own shared library and extension modules (Linux); returns bytes saved.

    Some Python builds (pyenv's, for one) ship libpython with its debug
    information: 23 MB of it, against 4 MB of code. Only Python's own files
    are touched: libraries from wheels are left alone, because stripping a
    library that auditwheel patched can break it.
    """
    strip = shutil.which("strip")
    if strip is None or not sys.platform.startswith("linux"):
        return 0
    internal = folder / "_internal"
    targets = [*internal.glob("libpython3*.so*"), *internal.glob("python3.*/lib-dynload/*.so")]
    before = sum(path.stat().st_size for path in set(targets) if not path.is_symlink())
    for path in set(targets):
        if not path.is_symlink():
            subprocess.run([strip, "--strip-debug", str(path)], check=True)
    return before - sum(path.stat().st_size for path in set(targets) if not path.is_symlink())


def pack(folder: Path) -> tuple[Path, Path]:
    """The release archive beside the folder, and ``<archive>.sha256`` (``<hex>  <name>``)."""
    stem = f"{folder.name}-{platform_tag()}"
    if sys.platform == "win32":
        archive = folder.parent / f"{stem}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in sorted(folder.rglob("*")):
                zipped.write(path, Path(folder.name) / path.relative_to(folder))
    else:
        archive = folder.parent / f"{stem}.tar.gz"
        with tarfile.open(archive, "w:gz", compresslevel=6) as tar:  # 9 takes twice as long for 1% less
            tar.add(folder, arcname=folder.name)
    digest = hashlib.sha256()
    with archive.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    checksum = archive.with_name(archive.name + ".sha256")
    checksum.write_text(f"{digest.hexdigest()}  {archive.name}\n", encoding="ascii")
    return archive, checksum


def build(dist: Path = ROOT / "dist", work: Path = ROOT / "build", *, archive: bool = True) -> Built:
    dist, work = dist.resolve(), work.resolve()
    icons = draw_icons(work / "icons")
    folder = run_pyinstaller(dist, work / "pyinstaller", icons[0].parent if icons else work / "icons")
    strip_python_debug_info(folder)
    packed, checksum = pack(folder) if archive else (None, None)
    return Built(folder, packed, checksum, folder_size(folder))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app folder and archive go")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder")
    parser.add_argument("--no-archive", action="store_true", help="build the folder only")
    parser.add_argument("--sizes", action="store_true", help="print the largest parts of the bundle")
    args = parser.parse_args(argv)
    if shutil.which("pyinstaller") is None and subprocess.run([sys.executable, "-c", "import PyInstaller"]).returncode:
        print("PyInstaller is missing: pip install -e \".[build]\"", file=sys.stderr)
        return 2
    built = build(args.dist, args.work, archive=not args.no_archive)
    print(f"app: {built.folder} ({built.size / 1e6:.1f} MB unpacked)")
    if built.archive is not None:
        print(f"archive: {built.archive} ({built.archive.stat().st_size / 1e6:.1f} MB)")
        print(f"checksum: {built.checksum}")
    if args.sizes:
        print(size_table(built.folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
