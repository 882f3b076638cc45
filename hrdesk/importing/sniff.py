"""What a file really is (by its first bytes, not its name), and which text encoding it is in.

File kind: an .xlsx renamed .csv is still a workbook, a CSV renamed .xlsx is
still text, and an old .xls, an encrypted workbook, a PDF or a folder each
get their own plain sentence instead of a library's exception name.

Encoding: UTF-8 that decodes is UTF-8 (legacy bytes almost never form valid
UTF-8 by chance). Otherwise every candidate legacy encoding is tried and the
decoded text is scored for how implausible it is as names and words: letters
of two scripts in one word, a word of only accented Latin letters
("Èâàí"), Cyrillic or Greek words without a vowel, a Greek final sigma
inside a word, symbols glued to letters ("Ã©"), control characters.
The least implausible decoding wins; text no candidate decodes plausibly is
refused rather than imported garbled. charset-normalizer was measured and
not used: on short HR files it read Shift-JIS names as Korean and Western
text as Central European.
"""

from __future__ import annotations

import codecs
import csv
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

# Legacy encodings tried after UTF-8, in order of preference when two score alike.
CANDIDATES = ("cp1252", "cp1250", "cp1251", "iso-8859-7", "cp1253", "cp932")
ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (with byte-order mark)",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (little-endian)",
    "utf-16-be": "UTF-16 (big-endian)",
    "utf-32": "UTF-32",
    "cp1252": "Western European (Windows-1252)",
    "latin-1": "Western European (ISO-8859-1)",
    "cp1250": "Central European (Windows-1250)",
    "iso-8859-2": "Central European (ISO-8859-2)",
    "cp1251": "Cyrillic (Windows-1251)",
    "koi8-r": "Cyrillic (KOI8-R)",
    "iso-8859-7": "Greek (ISO-8859-7)",
    "cp1253": "Greek (Windows-1253)",
    "cp1254": "Turkish (Windows-1254)",
    "cp1255": "Hebrew (Windows-1255)",
    "cp1256": "Arabic (Windows-1256)",
    "cp1257": "Baltic (Windows-1257)",
    "cp932": "Japanese (Shift-JIS)",
    "euc-jp": "Japanese (EUC-JP)",
    "gb18030": "Chinese (GB18030)",
    "big5": "Chinese traditional (Big5)",
    "euc-kr": "Korean (EUC-KR)",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SCORE_SAMPLE_CHARS = 20_000  # non-ASCII context scored per candidate: enough evidence, bounded time
IMPLAUSIBLE = 0.35  # implausibility per non-ASCII character above which text is refused


def encoding_label(encoding: str) -> str:
    """The encoding as a person would name it ("Cyrillic (Windows-1251)")."""
    key = codecs.lookup(encoding).name if _known(encoding) else encoding
    for name, label in ENCODING_LABELS.items():
        if name == encoding or (_known(name) and codecs.lookup(name).name == key):
            return label
    return encoding


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


# --- what the file is ----------------------------------------------------------------

@dataclass(frozen=True)
class FileKind:
    kind: str  # "text", "xlsx", "xls", "encrypted", "ods", "zip", "pdf", "html", "xml", "binary", "empty"
    description: str  # what it is, in words ("an Excel workbook (.xlsx)")


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def identify(path: Path) -> FileKind:
    """The kind of file ``path`` is, from its content."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    if not head.strip():
        return FileKind("empty", "an empty file")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if head.startswith(_OLE2):
        return _ole_kind(path)
    if head[:2] in (b"\x09\x00", b"\x09\x02", b"\x09\x04") and head[3:4] == b"\x00":
        return FileKind("xls", "an old-style Excel 2.x-4.0 worksheet (.xls)")  # BIFF2-4: a bare BOF record
    if head.startswith(b"%PDF"):
        return FileKind("pdf", "a PDF document")
    if head.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!")):
        return FileKind("binary", "a compressed archive")
    lower = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lower.startswith((b"<!doctype html", b"<html", b"<table")):
        return FileKind("html", "a web page (HTML), as some systems save under an Excel name")
    if lower.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return FileKind("xml", "an Excel 2003 XML spreadsheet")
    return FileKind("text", "a text file")


def _zip_kind(path: Path) -> FileKind:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError, EOFError, NotImplementedError, zlib.error):
        return FileKind("binary", "a damaged zip archive (an .xlsx workbook is one; this one cannot be opened)")
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names:
            return FileKind("zip", "an Excel binary workbook (.xlsb)")
        return FileKind("xlsx", "an Excel workbook (.xlsx)")
    if b"opendocument.spreadsheet" in mimetype:
        return FileKind("ods", "an OpenDocument spreadsheet (.ods)")
    if "word/document.xml" in names:
        return FileKind("zip", "a Word document (.docx)")
    return FileKind("zip", "a zip archive that holds no workbook")


def _ole_kind(path: Path) -> FileKind:
    """Old .xls and password-protected .xlsx both live in an OLE2 container; the stream names tell them apart."""
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    if "EncryptedPackage".encode("utf-16-le") in head:
        return FileKind("encrypted", "a password-protected Excel workbook")
    if "WordDocument".encode("utf-16-le") in head:
        return FileKind("binary", "an old Word document (.doc)")
    return FileKind("xls", "an old-style Excel 97-2003 workbook (.xls)")


# --- encodings -------------------------------------------------------------------------

@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    chosen_by: str  # "byte-order mark", "valid UTF-8", "plain ASCII", "scored", "you chose it"
    alternatives: tuple[str, ...] = ()  # other encodings that decoded almost as plausibly
    implausibility: float = 0.0


class DecodeFailure(Exception):
    """No encoding gives readable text; ``reason`` says why in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode(raw: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``raw`` as the encoding it most plausibly is (or as ``encoding`` if given)."""
    if encoding:
        return Decoded(_strict(raw, encoding), encoding, "you chose it")
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return Decoded(_strict(raw, name), name, "byte-order mark")
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return Decoded(_strict(raw, utf16), utf16, "zero bytes between letters")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return Decoded(text, "utf-8", "plain ASCII" if text.isascii() else "valid UTF-8")
    return _scored(raw)


def _strict(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except LookupError:
        raise DecodeFailure(f"'{encoding}' is not an encoding hrdesk knows") from None
    except UnicodeDecodeError as exc:
        raise DecodeFailure(f"byte {exc.start:,} is not valid {encoding_label(encoding)}") from None


def _scored(raw: bytes) -> Decoded:
    scores: list[tuple[float, int, str, str]] = []
    for order, name in enumerate(CANDIDATES):
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        scores.append((implausibility(text), order, name, text))
    if not scores:
        raise DecodeFailure("it is not UTF-8 and no common encoding decodes every byte of it")
    scores.sort()
    best, _, name, text = scores[0]
    close = tuple(n for s, _, n, t in scores[1:] if s <= best + 0.05 and t != text)
    if best > IMPLAUSIBLE:
        raise DecodeFailure(
            _mostly_utf8(raw)
            or f"no common encoding gives readable text (the closest, {encoding_label(name)}, reads it as '{sample_line(text)}')"
        )
    return Decoded(text, name, "scored", close, best)


def _mostly_utf8(raw: bytes) -> str:
    """A file that is UTF-8 but for a few bytes (two exports pieced together) is told so, with where."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    if good < 3 or bad > max(1, good // 20):
        return ""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return (
            f"it is UTF-8 except for {bad} byte{'s' if bad > 1 else ''}, the first on line {line:,}, which "
            f"{'are' if bad > 1 else 'is'} not (parts of the file may come from another export)"
        )
    return ""


def _utf16_without_bom(raw: bytes) -> str:
    """Text that is mostly ASCII in UTF-16 has a zero byte in every other place."""
    sample = raw[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return ""
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return ""


def sample_line(text: str, limit: int = 60) -> str:
    """The first line with non-ASCII text (where a wrong encoding shows), shortened, for the report."""
    lines = [line for line in text[:200_000].splitlines() if line.strip()]
    line = next((ln for ln in lines if not ln.isascii()), lines[0] if lines else "")
    line = "".join(ch if ch.isprintable() else " " for ch in line).strip()
    if len(line) <= limit:
        return line
    first = next((i for i, ch in enumerate(line) if not ch.isascii()), 0)
    start = max(0, min(first - limit // 3, len(line) - limit + 1))  # show where a wrong encoding would show
    return ("…" if start else "") + line[start : start + limit - 1] + "…"


# --- scoring ------------------------------------------------------------------------------

_VOWELS = {
    "CYRILLIC": set("аеёиоуыэюяіїєў"),
    "GREEK": set("αεηιουωάέήίόύώϊϋΐΰ"),
}
_GREEK_TONOS = set("άέήίόύώΐΰ")
# The accented letters each Latin-script language writes: a word whose accents no one language
# shares ("Dvoøák": Danish ø with Czech á) is a wrong decoding, not a name.
_LATIN_ALPHABETS = tuple(
    set(letters)
    for letters in (
        "åæøäöéü",  # Danish, Norwegian, Swedish
        "äöüßé",  # German
        "àâæçéèêëîïôœùûüÿ",  # French
        "áéíóúñüç",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìòóùí",  # Italian, Catalan
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "ąćęłńóśźż",  # Polish
        "áéíóöőúüű",  # Hungarian
        "ăâîșşțţ",  # Romanian
        "čćđšž",  # Croatian, Bosnian, Serbian (Latin), Slovenian
        "çğıöşüâî",  # Turkish
        "áðéíóúýþæö",  # Icelandic
        "ëïéèöü",  # Dutch
        "āčēģīķļņšūž",  # Latvian
        "ąčęėįšųūž",  # Lithuanian
        "äöüõšž",  # Estonian
        "ëç",  # Albanian
    )
)
_FRIENDLY = set("’‘“”„–—€°«»№ºª·×…•‹›\u00a0\u202f")  # common beside letters in real text


def _script(ch: str) -> str:
    if ch.isascii():
        return "LATIN"
    name = unicodedata.name(ch, "")
    if name.startswith("HALFWIDTH KATAKANA"):
        return "HALFWIDTH"
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA")) or "IDEOGRAPH" in name:
        return "CJK"
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def implausibility(text: str) -> float:
    """Penalty per non-ASCII character: 0 for clean text in one script; above ``IMPLAUSIBLE`` for mojibake."""
    sample = _non_ascii_context(text)
    if not sample:
        return 0.0
    bad = 0.0
    non_ascii = 0
    vowels: dict[str, list[int]] = {script: [0, 0] for script in _VOWELS}  # script -> [vowels, letters]
    word: list[str] = []
    for i, ch in enumerate(sample):
        if ch.isalpha():
            word.append(ch)
            continue
        if word:
            bad += _word_penalty(word, vowels)
            word = []
        if ch.isascii():
            continue
        non_ascii += 1
        category = unicodedata.category(ch)
        if category[0] == "C" or category == "Zl":
            bad += 3
        elif category[0] in "SPN" and ch not in _FRIENDLY:
            glued = (i > 0 and sample[i - 1].isalpha()) or (i + 1 < len(sample) and sample[i + 1].isalpha())
            bad += 1.0 if glued else 0.3
    if word:
        bad += _word_penalty(word, vowels)
    for found, letters in vowels.values():
        # Russian, Bulgarian or Greek words are about 40% vowels; the same bytes in the wrong alphabet far fewer
        if letters >= 8 and found / letters < 0.3:
            bad += (0.3 - found / letters) / 0.3 * letters
    non_ascii += sum(1 for ch in sample if ch.isalpha() and not ch.isascii())
    return bad / max(5, non_ascii)  # a lone odd symbol is not evidence enough to refuse a file


def _non_ascii_context(text: str) -> str:
    """The lines that hold non-ASCII characters (all else decodes alike), up to a sample size."""
    parts: list[str] = []
    size = 0
    for line in text.splitlines():
        if not line.isascii():
            parts.append(line)
            size += len(line)
            if size > SCORE_SAMPLE_CHARS:
                break
    return "\n".join(parts)


def _word_penalty(word: list[str], vowels: dict[str, list[int]]) -> float:
    foreign = [ch for ch in word if not ch.isascii()]
    if not foreign:
        return 0.0
    scripts = {_script(ch) for ch in word}
    if len(scripts) > 1:
        return float(len(word) + len(foreign))  # "Јukasz": one word in two alphabets is never a name
    script = scripts.pop()
    penalty = 0.0
    # Case: a capital after a small letter inside a word ("ČâŕÍ") is rare in real names.
    for a, b in zip(word, word[1:]):
        if a.islower() and b.isupper() and not b.isascii():
            penalty += 1
    if script == "LATIN":
        accents = {ch.lower() for ch in foreign}
        if not any(accents <= alphabet for alphabet in _LATIN_ALPHABETS):
            penalty += len(foreign)
    if script == "LATIN" and len(word) >= 3 and len(foreign) == len(word):
        penalty += 0.25 * len(foreign)  # "Èâàí": a real Latin-script word is rarely accents only ("Żółć" is one)
    if script in _VOWELS:
        found = sum(1 for ch in word if ch.lower() in _VOWELS[script])
        vowels[script][0] += found
        vowels[script][1] += len(word)
        if len(word) >= 3 and not found:
            penalty += len(word)
    if script == "HALFWIDTH" and len(word) == 1:
        penalty += 1  # a lone half-width katakana is a stray Western byte (0xA1-0xDF), not a Japanese word
    if script == "GREEK":
        lowered = [ch.lower() for ch in word]
        penalty += 2 * sum(1 for ch in lowered[:-1] if ch == "ς")
        accents = sum(1 for ch in lowered if ch in _GREEK_TONOS)
        penalty += max(0, accents - 1)
        if not accents and len(word) >= 4 and any(ch.islower() for ch in word):
            penalty += 0.1 * len(word)  # modern Greek accents most lower-case words (weak: some files drop accents)
    if script == "CYRILLIC" and word[0].lower() in "ьъы":
        penalty += 1
    return penalty


# --- delimiter ---------------------------------------------------------------------------

DELIMITERS = (",", ";", "\t", "|")


def sniff_delimiter(lines: list[str]) -> str:
    """The separator of the header row: the delimiter most used on the line that most looks like one.

    A title line above the header ("Employees, January 2024") must not
    decide it: the line with the most fields under its delimiter wins, and a
    delimiter that also splits the next line the same way is preferred.
    """
    best, best_score = ",", (0, 0)
    for index, line in enumerate(lines[:12]):
        for delimiter in DELIMITERS:
            count = _splits(line, delimiter)
            if not count:
                continue
            following = [other for other in lines[index + 1 : index + 4] if other.strip()]
            consistent = sum(1 for other in following if _splits(other, delimiter) == count)
            score = (count + 1 if consistent or not following else 0, consistent)
            if score > best_score:
                best, best_score = delimiter, score
    return best


def _splits(line: str, delimiter: str) -> int:
    """How many times ``delimiter`` separates fields on ``line`` (not inside quotes)."""
    if delimiter not in line:
        return 0
    return len(next(csv.reader([line], delimiter=delimiter), [])) - 1
