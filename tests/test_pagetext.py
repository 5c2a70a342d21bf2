"""All of a page's text: a line per block and per <br>, from the parsed tree and from the tokenizer."""

from __future__ import annotations

import lxml.html
import pytest

from pipeline import pagetext


def page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Página</title></head><body>{body}</body></html>"


def test_blocks_and_line_breaks_are_lines_inline_elements_are_not() -> None:
    html = page(
        "<div>Mexi<b>cali</b> y <a href='/t'>Tijuana</a><div>bloque</div>cola</div>"
        "<ul><li>uno</li><li>dos</li></ul><table><tr><td>celda 1</td><td>celda 2</td></tr></table>"
        "<p>línea 1<br>línea 2</p><pre>código 1\n  código 2</pre>"
    )
    text = pagetext.render(lxml.html.document_fromstring(html)).text
    assert text.split("\n") == [
        "Mexicali y Tijuana",
        "bloque",
        "cola",
        "uno",
        "dos",
        "celda 1",
        "celda 2",
        "línea 1",
        "línea 2",
        "código 1",
        "código 2",
    ]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p title='it''s' class=\"a>b\">uno &amp; dos</p>", ["uno & dos"]),
        ("<p>Mexi<b>cali</b>, <i>B.C.</i></p><p>x &lt; y</p>", ["Mexicali, B.C.", "x < y"]),
        ("<p>antes</p><title>sin cerrar <p>sigue</p>", ["antes", "sin cerrar", "sigue"]),
        ("<pre>l1\nl2</pre>fin<br>otra", ["l1", "l2", "fin", "otra"]),
        ("<p>uno</p><!-- sin cerrar <p>dos</p>", ["uno"]),  # as in browsers: the rest is a comment
    ],
)
def test_tokenizer_reads_text_as_browsers_do(markup: str, expected: list[str]) -> None:
    assert pagetext.tokenize(page(markup)) == expected
