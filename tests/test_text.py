from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text import clean, decode, nel_line_ends, normalize, repair
from tests.conftest import ANY_CHARACTER

SPANISH = "La alcaldesa Norma Bustamante se reunió con Leopoldo Tizoc Aguilar Durán en Mexicali."


@settings(deadline=None)  # the first legacy guess imports charset_normalizer
@given(
    st.binary(max_size=200),
    st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\xfe\xff", codecs.BOM_UTF32_LE]),
)
def test_decode_never_raises(data: bytes, prefix: bytes) -> None:
    result = decode(prefix + data)
    if isinstance(result, str):
        assert result  # the reason it is not text
    else:
        text, encoding = result
        assert isinstance(text, str)
        assert encoding in {"utf-8", "utf-8-sig", "utf-16", "utf-32"} or encoding.endswith(
            (" (guessed)", " replaced)")
        )


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be", "utf-16", "utf-16-le", "utf-16-be"])
def test_decode_tells_utf32_from_utf16_by_the_bom(codec: str) -> None:
    bom = {"utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}.get(codec, b"")
    bom = bom or {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    assert decode(bom + SPANISH.encode(codec)) == (SPANISH, codec.split("-l")[0].split("-b")[0])


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029", "\f", "\v"])
def test_every_line_end_becomes_one_newline(end: str) -> None:
    assert clean(f"Primera línea{end}Segunda línea{end}")[0] == "Primera línea\nSegunda línea\n"


def test_a_nel_line_end_is_not_taken_for_mojibake() -> None:
    text, repaired = clean("Mexicali\x85Tijuana está\x85lejos")
    assert (text, repaired) == ("Mexicali\nTijuana está\nlejos", False)


def test_mojibake_whose_bytes_include_nel_is_still_repaired() -> None:
    # "Å" is C3 85 in UTF-8: read as Latin-1 it is "Ã" and a NEL.
    mojibake = "Åsa Ångström y las niñas".encode().decode("latin-1")
    assert "\x85" in mojibake
    assert clean(mojibake) == ("Åsa Ångström y las niñas", True)
    assert nel_line_ends(mojibake) == mojibake


def test_nfd_text_is_composed() -> None:
    decomposed = unicodedata.normalize("NFD", SPANISH)
    assert decomposed != SPANISH
    assert normalize(decomposed) == SPANISH


@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u2060", "\ufeff"])
def test_invisible_format_characters_are_removed(invisible: str) -> None:
    assert normalize(f"Bus{invisible}tamante{invisible} habló") == "Bustamante habló"


def test_lone_surrogates_become_replacement_characters() -> None:
    assert normalize("emoji cut \ud83d here \udc00") == "emoji cut \ufffd here \ufffd"
    assert normalize("whole \U0001f600") == "whole \U0001f600"


@given(st.text(alphabet=ANY_CHARACTER))
def test_normalize_gives_one_form(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in once)
    assert len(once.splitlines()) == once.count("\n") + (not once.endswith("\n")) or not once
    assert "\u200b" not in once
    once.encode("utf-8")  # writable


@settings(deadline=None)
@given(st.text(alphabet=ANY_CHARACTER))
def test_clean_never_raises_and_is_normal(text: str) -> None:
    cleaned, _ = clean(text)
    assert normalize(cleaned) == cleaned


def _mojibake_characters() -> list[str]:
    """Every non-ASCII character ftfy's badness pattern names, ranges expanded."""
    from ftfy.badness import BADNESS_RE

    pattern, found = BADNESS_RE.pattern, set()
    for i, character in enumerate(pattern):
        if character == "-" and 0 < i < len(pattern) - 1 and not pattern[i - 1].isascii():
            found |= {chr(c) for c in range(ord(pattern[i - 1]), ord(pattern[i + 1]) + 1)}
        elif not character.isascii():
            found.add(character)
    return sorted(found)


_MOJIBAKE = _mojibake_characters()
#: ASCII around a lone non-ASCII character, as ftfy's pattern looks at it (a line's start, a space, a
#: letter, a digit, punctuation, two characters).
_AROUND = ["", " ", "\n", "a", "Z", "1", ".", ",", "!", "a ", "Ab"]


def test_ftfy_leaves_every_text_alone_that_repair_does_not_hand_it() -> None:
    """The premise of text._MAYBE_MOJIBAKE, checked against the installed ftfy's own pattern: each of the
    characters it names, alone among ASCII characters, is not mojibake unless the pre-check says it may be
    (two non-ASCII characters side by side always go to ftfy)."""
    from ftfy.badness import is_bad

    from pipeline.text import _MAYBE_MOJIBAKE

    assert len(_MOJIBAKE) > 300
    for character in _MOJIBAKE:
        for before in _AROUND:
            for after in _AROUND:
                text = before + character + after
                assert _MAYBE_MOJIBAKE.search(text) or not is_bad(text), text


@pytest.mark.parametrize(
    "text", ["NiÃ±as", "cafÃ© con leche", "Ã\xa0 la carte", "â€œquotedâ€\x9d", "the Ð° word", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚"]
)
def test_mojibake_still_reaches_ftfy(text: str) -> None:
    import ftfy

    assert repair(text) == ftfy.fix_encoding(text) != text
