"""Build the desktop app and its release archive with one command::

    python -m tools.build            # dist/hrdesk-<version>/ and dist/hrdesk-<version>-<os>-<arch>.tar.gz (+ .sha256)
    python -m tools.build --sizes    # also print the bundle's size by component as a Markdown table
    python -m tools.build --measure dist/hrdesk-0.1.0 --compare OLD/hrdesk-0.1.0   # two builds side by side

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
import struct
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
    stripped: int = 0  # bytes of symbol tables removed
    not_stripped: tuple[str, ...] = ()  # libraries that would not load stripped, left whole
    linked: int = 0  # bytes saved by linking identical files


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


#: The bundle's parts by what they are for (first match wins; paths under ``_internal``, "/" separated).
COMPONENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Qt: ICU (Unicode and locale data Qt Core is linked against)", ("PySide6/Qt/lib/libicu",)),
    ("Qt: libraries (Core, Gui, Widgets, Charts, Pdf, Svg, ...)", ("PySide6/Qt/lib/",)),
    ("Qt: plugins (platforms, image formats, icon engines, ...)", ("PySide6/Qt/plugins/",)),
    ("Qt: Python bindings (PySide6, shiboken6)", ("PySide6/", "shiboken6/", "libpyside6", "libshiboken6")),
    ("scipy", ("scipy/",)),
    ("scipy's OpenBLAS and Fortran runtime (scipy.libs)", ("scipy.libs/",)),
    ("numpy", ("numpy/",)),
    ("numpy's OpenBLAS and Fortran runtime (numpy.libs)", ("numpy.libs/",)),
    ("pandas", ("pandas/", "pandas.libs/")),
    ("scikit-learn", ("sklearn/", "scikit_learn.libs/")),
    ("cryptography", ("cryptography/",)),
    ("Pillow", ("PIL/", "pillow.libs/")),
    ("Python (libpython, extension modules, base_library.zip)", ("libpython", "python3", "base_library.zip")),
    ("hrdesk's own files (templates, fonts, icons, guide)", ("hrdesk/",)),
)
OTHER = "other libraries (system libraries Qt and Python need, small packages)"
EXECUTABLE = "the executable (bootloader + every module's compiled Python code, compressed)"


def components(folder: Path) -> dict[str, int]:
    """Bytes per component of an unpacked app folder (symlinks counted as links, i.e. not at all)."""
    internal = folder / "_internal" if (folder / "_internal").is_dir() else folder
    sizes = dict.fromkeys([name for name, _prefixes in COMPONENTS] + [EXECUTABLE, OTHER], 0)
    for entry in folder.iterdir():
        if entry.is_file() and not entry.is_symlink():
            sizes[EXECUTABLE] += entry.stat().st_size
    for path in internal.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        relative = path.relative_to(internal).as_posix()
        name = next((name for name, prefixes in COMPONENTS if relative.startswith(prefixes)), OTHER)
        sizes[name] += path.stat().st_size
    return sizes


def size_table(folder: Path, before: Path | None = None) -> str:
    """A Markdown table of the components, largest first; with ``before``, beside another build's."""
    now = components(folder)
    then = components(before) if before else None
    order = sorted(now, key=lambda name: -now[name])
    if then is None:
        rows = [f"| {name} | {now[name] / 1e6:.1f} |" for name in order]
        rows.append(f"| **total** | **{sum(now.values()) / 1e6:.1f}** |")
        return "| part | MB |\n|---|---:|\n" + "\n".join(rows)
    rows = [f"| {name} | {then[name] / 1e6:.1f} | {now[name] / 1e6:.1f} |" for name in order]
    rows.append(f"| **total** | **{sum(then.values()) / 1e6:.1f}** | **{sum(now.values()) / 1e6:.1f}** |")
    return "| part | before MB | after MB |\n|---|---:|---:|\n" + "\n".join(rows)


def run_pyinstaller(dist: Path, work: Path, icons: Path) -> Path:
    env = dict(os.environ, HRDESK_ICON_DIR=str(icons))
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")],
                   check=True, cwd=ROOT, env=env)
    return dist / f"hrdesk-{version()}"


def _load_segments_aligned(path: Path) -> bool:
    """Whether the dynamic loader will map this ELF file: each loadable segment's file offset and address agree
    modulo the page size and its alignment (glibc refuses it otherwise: "ELF load command address/offset not
    page-aligned"). ``strip`` breaks exactly this in libraries that auditwheel rewrote with patchelf."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:  # 64-bit little-endian only; others are left alone
        return data[:4] != b"\x7fELF"
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for index in range(phnum):
        p_type, _flags, offset, vaddr, _paddr, _filesz, _memsz, align = struct.unpack_from(
            "<IIQQQQQQ", data, phoff + index * phentsize)
        if p_type == 1 and ((vaddr - offset) % 4096 or (align > 1 and (vaddr - offset) % align)):
            return False
    return True


def strip_binaries(folder: Path) -> tuple[int, list[str]]:
    """Remove the symbol tables of the bundle's shared libraries (Linux; they are not needed to run).

    Each file is stripped as a copy and replaces the original only if the
    loader can still map it: ``strip`` breaks some libraries that wheels ship
    patched by auditwheel (numpy's and scipy's OpenBLAS and Fortran runtime
    here), and those keep their symbols. Returns the bytes saved and the
    files left as they were.
    """
    strip = shutil.which("strip")
    if strip is None or not sys.platform.startswith("linux"):
        return 0, []
    saved, kept = 0, []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.stat().st_size < 16 * 1024:
            continue
        with path.open("rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        copy = path.with_name(path.name + ".stripping")
        shutil.copy2(path, copy)
        done = subprocess.run([strip, "--strip-unneeded", str(copy)], capture_output=True)
        if done.returncode != 0 or not _load_segments_aligned(copy):
            copy.unlink()
            kept.append(path.relative_to(folder).as_posix())
        elif copy.stat().st_size < path.stat().st_size:
            saved += path.stat().st_size - copy.stat().st_size
            os.replace(copy, path)
        else:
            copy.unlink()
    return saved, kept


def link_duplicates(folder: Path) -> int:
    """Replace files that are byte-for-byte copies of another in the bundle by relative symbolic links.

    numpy's and scipy's wheels each carry the same Fortran runtime
    (``libgfortran-040039e1-...``, 2.8 MB); the dynamic loader loads it once
    either way. Linux and macOS only (a zip on Windows has no links).
    Returns the bytes saved.
    """
    if sys.platform == "win32":
        return 0
    first: dict[tuple[int, str], Path] = {}
    saved = 0
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.stat().st_size < 64 * 1024:
            continue
        size = path.stat().st_size
        key = (size, hashlib.sha256(path.read_bytes()).hexdigest())
        original = first.setdefault(key, path)
        if original is not path:
            path.unlink()
            path.symlink_to(os.path.relpath(original, path.parent))
            saved += size
    return saved


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
    stripped, not_stripped = strip_binaries(folder)
    linked = link_duplicates(folder)
    packed, checksum = pack(folder) if archive else (None, None)
    return Built(folder, packed, checksum, folder_size(folder), stripped, tuple(not_stripped), linked)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app folder and archive go")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder")
    parser.add_argument("--no-archive", action="store_true", help="build the folder only")
    parser.add_argument("--sizes", action="store_true", help="print the bundle's size by component")
    parser.add_argument("--compare", type=Path, metavar="OLD_FOLDER", help="with --sizes: beside an earlier build's folder")
    parser.add_argument("--measure", type=Path, metavar="FOLDER", help="only print the size table of a built folder")
    args = parser.parse_args(argv)
    if args.measure:
        print(size_table(args.measure, args.compare))
        return 0
    if shutil.which("pyinstaller") is None and subprocess.run([sys.executable, "-c", "import PyInstaller"]).returncode:
        print("PyInstaller is missing: pip install -e \".[build]\"", file=sys.stderr)
        return 2
    built = build(args.dist, args.work, archive=not args.no_archive)
    print(f"app: {built.folder} ({built.size / 1e6:.1f} MB unpacked)")
    print(f"symbol tables stripped: {built.stripped / 1e6:.1f} MB (left whole, as they would not load stripped: "
          f"{', '.join(built.not_stripped) or 'none'}); identical files linked: {built.linked / 1e6:.1f} MB")
    if built.archive is not None:
        print(f"archive: {built.archive} ({built.archive.stat().st_size / 1e6:.1f} MB)")
        print(f"checksum: {built.checksum}")
    if args.sizes:
        print(size_table(built.folder, args.compare))
    return 0


if __name__ == "__main__":
    sys.exit(main())
