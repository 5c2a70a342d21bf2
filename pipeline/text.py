"""From bytes to one normal form of text: decoding, mojibake repair and Unicode normalization.

Every document's text, title and id passes through here once, where it is read, so that every later rule
(names, sentences, language, offsets) sees one form of the same article, however it was written:

* :func:`decode`: UTF-8 (with or without BOM), UTF-32 or UTF-16 with a BOM, or a guessed legacy encoding;
* :func:`repair`: mojibake undone ("NiÃ±as" -> "Niñas"), after :func:`nel_line_ends` has told NEL line
  ends from bytes of mojibake;
* :func:`normalize`: lone surrogates (a JSON ``"\\ud83d"`` cut by a truncating exporter) become U+FFFD,
  every line end (CR LF, CR, NEL, U+2028, U+2029, form feed...) becomes ``\\n``, invisible format characters
  (soft hyphen, zero-width space and joiners, direction marks, BOMs) are removed, and the result is NFC, so
  that a decomposed "Durán" (NFD, as macOS writes it) is the same name as a composed one.

Mention offsets index the normalized text; ``documents.csv`` gives its length (``chars``).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

#: Single-byte encodings that legacy Spanish and English news archives use. Restricting the guess to these
#: keeps charset detection from picking an exotic code page that happens to fit ("niñas" -> "nińas").
LEGACY_ENCODINGS = ("cp1252", "iso8859_15", "latin_1")
#: Share of undecodable bytes (UTF-8) or control characters (legacy guess) above which a file is not text.
MAX_BAD_SHARE = 0.01

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: FF FE 00 00 starts with UTF-16's FF FE
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str] | str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-32 or UTF-16 with BOM, or a guessed legacy encoding.

    RETURNS (tuple[str, str] | str): the text and the decision (``utf-8``, ``utf-8-sig``, ``utf-16``,
        ``utf-8 (3 bad bytes replaced)``, ``cp1252 (guessed)``...), or the reason it is not text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        valid: str | None = data.decode(encoding)
    except UnicodeDecodeError:
        valid = None
    # NUL bytes make a file binary, unless it is UTF-8 text with a stray NUL or two (some exports have them).
    if b"\x00" in data and (valid is None or data.count(b"\x00") > MAX_BAD_SHARE * len(valid)):
        return "file contains NUL bytes: not a text file"
    if valid is not None:
        return valid, encoding
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    if any(ord(c) > 0x7F and c != "\ufffd" for c in text) and bad <= MAX_BAD_SHARE * len(text):
        return text, f"{encoding} ({bad} bad bytes replaced)"  # real UTF-8 with a few broken bytes
    from charset_normalizer import from_bytes  # only legacy files pay for this import

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    guess = best.encoding if best is not None else LEGACY_ENCODINGS[0]
    text = data.decode(guess, errors="replace")
    controls = sum((unicodedata.category(c) == "Cc" and c not in "\t\n\r\f") or c == "\ufffd" for c in text)
    if controls > MAX_BAD_SHARE * len(text):
        return f"not UTF-8, and as {guess} {controls} of {len(text)} characters are control codes"
    return text, f"{guess} (guessed)"


def clean(raw: str) -> tuple[str, bool]:
    """A decoded document text in its one normal form: mojibake repaired (:func:`repair`), then
    :func:`normalize`. RETURNS (tuple[str, bool]): the text, and whether mojibake was repaired."""
    text = nel_line_ends(raw)
    repaired = repair(text)
    return normalize(repaired), repaired != text


def repair(text: str) -> str:
    """Undo mojibake (UTF-8 read as cp1252 or Latin-1 somewhere upstream: "NiÃ±as" -> "Niñas") with ftfy."""
    if text.isascii() or not _MAYBE_MOJIBAKE.search(text):
        return text
    import ftfy

    return ftfy.fix_encoding(text)


# ftfy changes only a text that its badness pattern (ftfy.badness.BADNESS_RE) matches, and each of the
# pattern's matches holds a C1 control, an "Œ", "œ", "Ã" or "Â", or two non-ASCII characters side by side:
# a text with none of these is returned as it is, without ftfy's ~1 ms per page (4 in 5 Spanish news
# texts; a test checks the premise against ftfy's pattern).
_MAYBE_MOJIBAKE = re.compile("[\x80-\x9f\u0152\u0153\u00c2\u00c3]|[^\x00-\x7f]{2}")


def nel_line_ends(text: str) -> str:
    """A NEL (U+0085) that is not a byte of a UTF-8 sequence read as Latin-1 is a line end: ``\\n``, before
    :func:`repair`, which would read it as a Windows-1252 "…" and join the lines."""
    return _MAYBE_UTF8.sub(_keep_utf8_bytes, text) if "\x85" in text else text


# A UTF-8 lead byte and the continuation bytes after it, as Latin-1 shows them; or a NEL on its own.
_MAYBE_UTF8 = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]{1,3}|\u0085")


def _keep_utf8_bytes(match: re.Match[str]) -> str:
    run = match.group()
    lead = ord(run[0])
    size = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    if len(run) >= size:
        try:
            run[:size].encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:  # a real UTF-8 sequence in disguise: left for ftfy; a NEL after it is a line end
            return run[:size] + run[size:].replace("\x85", "\n")
    return run.replace("\x85", "\n")


def normalize(text: str) -> str:
    """One form for every text (module docstring): surrogates replaced, line ends ``\\n``, invisible format
    characters removed, NFC."""
    if not text.isascii():
        text = _INVISIBLE.sub("", _SURROGATE.sub("\ufffd", text))
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    return _LINE_END.sub("\n", text)


_SURROGATE = re.compile("[\ud800-\udfff]")
#: Format characters (category Cf) that are invisible: soft hyphen, Arabic letter mark, Mongolian vowel
#: separator, zero-width space / non-joiner / joiner, direction marks, embeddings and isolates, word joiner
#: and invisible operators, BOM / zero-width no-break space, interlinear annotation, tags. The visible Cf
#: characters (Arabic number signs and similar) stay.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
#: Every line boundary Python's ``str.splitlines`` knows, as one ``\\n``; a CR LF pair is one line end.
_LINE_END = re.compile("\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
