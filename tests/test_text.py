from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text import clean, decode, nel_line_ends, normalize
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
