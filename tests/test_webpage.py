"""Web pages: the main text and metadata of normal pages, and no text lost on unusual ones (generated)."""

from __future__ import annotations

import base64
import random
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import webpage
from pipeline.formats import parse
from pipeline.webpage import parse_html

SPANISH = (
    "La alcaldesa Norma Bustamante se reunió en Mexicali con la gobernadora Marina del Pilar Ávila Olmeda."
)
SUBJECTS = ("La alcaldesa de Mexicali", "The governor of Baja California", "El cabildo", "The city council")
VERBS = ("anunció un plan de agua", "met the water board", "aprobó el presupuesto", "visited the valley")


def paragraph(number: int) -> str:
    """A sentence of its own for each number (paragraphs that share most words are a case, too)."""
    return f"{SUBJECTS[number % 4]} {VERBS[number // 4 % 4]} el día {number}, según el acta {number * 7}."


def assert_lines_in_order(text: str, expected: list[str]) -> None:
    """Every expected paragraph is a line of ``text`` of its own, in the given order."""
    lines = text.split("\n")
    where = {line: number for number, line in enumerate(lines)}
    missing = [paragraph for paragraph in expected if paragraph not in where]
    assert not missing, f"{len(missing)} of {len(expected)} lost, first: {missing[0]!r}"
    positions = [where[paragraph] for paragraph in expected]
    assert positions == sorted(positions), "paragraphs out of order"


def page(body: str, head: str = "<title>Página</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# Normal pages: boilerplate removed, metadata kept

PAGE = f"""<!DOCTYPE html>
<html lang="es"><head>
<title>Crisis en Mexicali</title>
<meta property="article:published_time" content="2024-09-20T10:00:00">
<style>.story {{ font-family: STYLEWORD; }}</style>
<script>var tracker = "SCRIPTWORD";</script>
</head><body>
<nav><a href="/">Inicio</a> | <a href="/deportes">Deportes</a> | <a href="/contacto">Contacto</a></nav>
<article><h1>Crisis en Mexicali</h1>
<p>{SPANISH} Hablaron del agua y de la seguridad en el valle.</p>
<p>Las niñas de Ávila visitaron el Valle de Mexicali el lunes por la mañana, con sus maestras.</p>
<script>document.write("SCRIPTWORD")</script>
</article>
<footer>Aviso legal. Todos los derechos reservados.</footer>
</body></html>"""
BOILERPLATE = ("Inicio", "Deportes", "Contacto", "Aviso legal", "derechos reservados")


def test_html_main_text_keeps_the_article_and_drops_boilerplate() -> None:
    [record] = parse(".html", PAGE)
    assert record.status == "ok"
    assert record.part == ""
    assert SPANISH in record.text
    assert "Las niñas de Ávila visitaron el Valle de Mexicali" in record.text
    for boilerplate in BOILERPLATE:
        assert boilerplate not in record.text


def test_html_title_and_date_come_from_the_page() -> None:
    record = parse_html(PAGE)
    assert record.title == "Crisis en Mexicali"
    assert record.date == "2024-09-20"


def test_html_url_comes_from_the_page() -> None:
    head = '<title>T</title><link rel="canonical" href="https://example.org/mexicali">'
    assert (
        parse_html(page(f"<article><p>{SPANISH}</p></article>", head)).url == "https://example.org/mexicali"
    )


def test_htm_is_html() -> None:
    assert parse(".htm", PAGE) == [parse_html(PAGE)]


@pytest.mark.parametrize(
    "html",
    [
        "<p>Hola Mexicali</p>",
        "<html><body><p>Hola Mexicali</p></body></html>",
        "<html><head><script>alert('SCRIPTWORD')</script><style>p { STYLEWORD: 1 }</style></head>"
        "<body><p>Hola Mexicali</p><script>SCRIPTWORD()</script></body></html>",
    ],
)
def test_html_tiny_page_falls_back_to_the_pages_text(html: str) -> None:
    record = parse_html(html)
    assert record.status == "ok"
    assert record.text == "Hola Mexicali"


def test_html_tiny_page_keeps_its_title() -> None:
    assert parse_html(page("<p>Hola Mexicali</p>", "<title>Corto</title>")).title == "Corto"


@pytest.mark.parametrize("html", [PAGE, "<p>Hola</p><script>SCRIPTWORD</script><style>STYLEWORD</style>"])
def test_html_script_and_style_never_reach_the_text(html: str) -> None:
    record = parse_html(html)
    assert "SCRIPTWORD" not in record.text
    assert "STYLEWORD" not in record.text
    assert "tracker" not in record.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n",
        "<",
        "<html",
        "</p></div>",
        "<!-- only a comment -->",
        "<html><body></body></html>",
        "<p>unclosed <b>bold <i>italic",
        "<?xml version='1.0' encoding='utf-8'?><p>x</p>",
        "\ufeff<p>con BOM</p>",
        "<script>only()</script>",
        "<<<>>>&&&;;",
        "<p>\ud800</p>",
    ],
)
def test_broken_or_empty_html_does_not_raise(html: str) -> None:
    record = parse_html(html)
    assert record.status == "ok"
    assert isinstance(record.text, str)
    assert isinstance(record.title, str)
    assert "only()" not in record.text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>antes\ud800 después</p><p>sigue</p>", ["antes después", "sigue"]),  # lone surrogate
        ("<p>uno\x00dos</p><p>tres\x01</p>", ["unodos", "tres"]),  # control characters
        ("<?xml version='1.0' encoding='iso-8859-1'?><p>niñas</p>", ["niñas"]),  # the text is decoded already
        ('<meta charset="windows-1252"><p>niñas €</p>', ["niñas €"]),
    ],
)
def test_characters_xml_refuses_or_declared_encodings_lose_nothing_after_them(
    html: str, expected: list[str]
) -> None:
    assert_lines_in_order(parse_html(html).text, expected)


# Deep nesting: libxml2 stops at 256 levels (2,048 with huge_tree) and drops the rest of the page


def nested_page(tag: str, depth: int, closed: bool) -> tuple[str, list[str]]:
    """A page nested ``depth`` deep, a paragraph at every level, a key sentence at the bottom, one after."""
    paragraphs = [paragraph(level) for level in range(depth)]
    key, after = "La frase clave está en el fondo de la página.", "Después del anidamiento sigue el texto."
    body = "".join(f"<{tag}><p>{text}</p>" for text in paragraphs) + f"<p>{key}</p>"
    body += (f"</{tag}>" * depth if closed else "") + f"<p>{after}</p>"
    return page(body), [*paragraphs, key, after]


@pytest.mark.parametrize("depth", [100, 300, 1000, 5000])
@pytest.mark.parametrize("closed", [True, False], ids=["closed", "unclosed"])
@pytest.mark.parametrize("tag", ["div", "section", "span"])
def test_deep_nesting_loses_no_paragraph(tag: str, closed: bool, depth: int) -> None:
    html, expected = nested_page(tag, depth, closed)
    assert_lines_in_order(parse_html(html).text, expected)


def test_deep_page_keeps_its_metadata() -> None:
    html, _ = nested_page("div", 3000, closed=False)
    head = '<title>Anidado</title><meta property="article:published_time" content="2024-09-20">'
    record = parse_html(html.replace("<title>Página</title>", head))
    assert (record.title, record.date) == ("Anidado", "2024-09-20")


def test_moderately_deep_page_still_loses_its_menus() -> None:
    html, expected = nested_page("div", 100, closed=True)
    html = html.replace("<body>", "<body><nav><a href='/'>Inicio</a> | <a href='/d'>Deportes</a></nav>")
    html = html.replace("</body>", "<footer>Aviso legal. Todos los derechos reservados.</footer></body>")
    text = parse_html(html).text
    assert_lines_in_order(text, expected)
    for boilerplate in BOILERPLATE:
        assert boilerplate not in text


def test_scripts_and_styles_in_a_deep_page_never_reach_the_text() -> None:
    html, expected = nested_page("div", 2500, closed=False)
    html = html.replace(
        "<p>La frase", "<script>if (a<b) document.write('</p>SCRIPTWORD')</script><p>La frase"
    )
    html = html.replace("<p>La frase", "<style>p { STYLEWORD: 1 }</style><!-- COMMENTWORD --><p>La frase")
    text = parse_html(html).text
    assert_lines_in_order(text, expected)
    for word in ("SCRIPTWORD", "STYLEWORD", "COMMENTWORD"):
        assert word not in text


@pytest.mark.parametrize("junk", ["<a ", "<a b='", "<!--", "</", "<div\n", "<p title=it's>x"])
def test_tokenizer_is_linear_on_unclosed_tags(junk: str) -> None:
    html = "<div>" * 2100 + f"<p>{SPANISH}</p>" + junk * 40_000  # quadratic: minutes (html.parser: 70 s)
    start = time.perf_counter()
    parse_html(html)
    assert time.perf_counter() - start < 5


# Multi-megabyte data: URIs (no text, 10 MB is libxml2's limit without huge_tree, and slow date search)


def blob(size: int) -> str:
    return base64.b64encode(random.Random(size).randbytes(size * 3 // 4)).decode()


@pytest.mark.parametrize(
    "where",
    [
        lambda uri: ("", f'<img src="{uri}" alt="foto">'),
        lambda uri: ("", f"<div style=\"background: url('{uri}')\">pie de foto</div>"),
        lambda uri: (f"<style>.portada {{ background: url({uri}); }}</style>", ""),
    ],
    ids=["img", "style-attribute", "style-element"],
)
def test_data_uri_images_lose_nothing(where: Callable[[str], tuple[str, str]]) -> None:
    head, media = where(f"data:image/png;base64,{blob(3_000_000)}")
    before, after = [paragraph(n) for n in range(5)], [paragraph(n) for n in range(5, 10)]
    body = "<article>" + "".join(f"<p>{text}</p>" for text in before) + media
    body += "".join(f"<p>{text}</p>" for text in after) + "</article>"
    record = parse_html(page(body, "<title>Foto</title>" + head))
    assert_lines_in_order(record.text, before + after)
    assert record.title == "Foto"
    assert "base64" not in record.text


@pytest.mark.parametrize(
    "huge",
    [f'<div data-state="{"x" * 10_500_000}"></div>', f"<p>{'x' * 10_500_000}</p>"],
    ids=["attribute", "text"],
)
def test_values_over_10_mb_lose_nothing(huge: str) -> None:
    before, after = [paragraph(n) for n in range(3)], [paragraph(n) for n in range(3, 6)]
    body = "".join(f"<p>{text}</p>" for text in before) + huge + "".join(f"<p>{text}</p>" for text in after)
    assert_lines_in_order(parse_html(page(body)).text, before + after)


# Bare text and <br>: trafilatura drops the first line


@pytest.mark.parametrize("separator", ["<br>", "<br><br>", "<br/>\n"])
@pytest.mark.parametrize(
    "container", ["", "article", "main", "section", "center", "font", "div", "td", "blockquote"]
)
def test_bare_text_and_line_breaks_lose_no_line(container: str, separator: str) -> None:
    lines = [paragraph(n) for n in range(10)]
    text = separator.join(lines)
    if container == "td":
        body = f"<table><tr><td>{text}</td></tr></table>"
    else:
        body = f"<{container}>{text}</{container}>" if container else text
    assert_lines_in_order(parse_html(page(body)).text, lines)


@pytest.mark.parametrize("count", [1, 2, 4, 30])
def test_bare_text_page_of_any_length(count: int) -> None:
    lines = [paragraph(n) for n in range(count)]
    assert_lines_in_order(parse_html(page("<br>".join(lines))).text, lines)


def test_bare_text_mixed_with_paragraphs_stays_in_order() -> None:
    lines = [paragraph(n) for n in range(8)]
    body = f"{lines[0]}<p>{lines[1]}</p>{lines[2]}<p>{lines[3]}</p>{lines[4]}<br>" + "<br>".join(lines[5:])
    assert_lines_in_order(parse_html(page(body)).text, lines)


def test_bare_text_page_still_loses_its_menus() -> None:
    lines = [paragraph(n) for n in range(10)]
    body = "<nav><a href='/'>Inicio</a> | <a href='/d'>Deportes</a> | <a href='/c'>Contacto</a></nav>"
    body += "<br>".join(lines) + "<footer>Aviso legal. Todos los derechos reservados.</footer>"
    text = parse_html(page(body)).text
    assert_lines_in_order(text, lines)
    for boilerplate in BOILERPLATE:
        assert boilerplate not in text


# Pages too large for trafilatura: all their text, in time linear in their size


def test_page_over_the_element_budget_gets_all_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webpage, "MAX_ELEMENTS", 50)
    lines = [paragraph(n) for n in range(60)]
    head = '<title>Grande</title><link rel="canonical" href="https://example.org/g">'
    record = parse_html(page("<nav>Inicio</nav>" + "".join(f"<p>{line}</p>" for line in lines), head))
    assert_lines_in_order(record.text, ["Inicio", *lines])
    assert (record.title, record.url) == ("Grande", "https://example.org/g")


# Loose text trafilatura drops, and its order


@pytest.mark.parametrize("container", ["section", "article", "main", "center", "x-story", "body"])
@pytest.mark.parametrize("markup", ["{}", "{}<br>{}", "<b>{}</b><br>{}", "{}<div>{}</div>"])
def test_text_loose_in_a_container_is_kept(container: str, markup: str) -> None:
    lines = [paragraph(n) for n in range(4)]
    loose = markup.format(*lines[2:4])
    inner = f"<p>{lines[0]}</p><p>{lines[1]}</p>" + loose
    body = inner if container == "body" else f"<{container}>{inner}</{container}>"
    assert_lines_in_order(parse_html(page(body)).text, lines[: 2 + markup.count("{}")])


@pytest.mark.parametrize(
    "body",
    [
        "<p>{0}</p><div><div><p>{1}</p></div>{2}</div>",  # after a <div> that holds a <p>
        "<p>{0}</p><div><p>{1}</p></div><span>{2}</span><br>",  # a line of inline elements after a block
        "<p>{0}</p><span><p>{1}</p>{2}<br></span>",  # after a block inside an inline element
        "<p>{0}</p><span>{1}<br><p>{2}</p></span>",  # before it
    ],
)
def test_text_after_a_block_is_kept(body: str) -> None:
    lines = [paragraph(n) for n in range(3)]
    assert_lines_in_order(parse_html(page(body.format(*lines))).text, lines)


def test_text_comes_out_in_page_order() -> None:
    lines = [paragraph(n) for n in range(2)]  # trafilatura puts the <article> first
    assert_lines_in_order(parse_html(page(f"<p>{lines[0]}</p><article><p>{lines[1]}</p>")).text, lines)


def test_a_link_alone_is_not_made_a_paragraph() -> None:
    lines = [paragraph(n) for n in range(2)]
    body = f"<a href='#main'>Saltar al contenido</a><div><p>{lines[0]}</p><p>{lines[1]}</p></div>"
    text = parse_html(page(body)).text
    assert_lines_in_order(text, lines)
    assert "Saltar al contenido" not in text


# Any nesting, generated: every paragraph comes out, in order (text loose in a <div>, an <article> or a
# trailing heading are trafilatura's to judge: the boilerplate removal)


STEP = st.tuples(
    st.sampled_from([0, 0, 1, 2, 40, 300, 2100]),  # levels opened before the paragraph
    st.sampled_from(["div", "section", "span", "blockquote", "font", "center", "x-story", "b"]),
    st.sampled_from(["<p>{}</p>", "<p><span>{}</span></p>", "<p>{}<br></p>", "<h2>Título</h2><p>{}</p>"]),
    st.sampled_from([0, 0, 1, 5, 300, 3000]),  # levels closed after it
)


@settings(deadline=None, max_examples=25)
@given(st.lists(STEP, min_size=1, max_size=12))
def test_any_nesting_keeps_every_paragraph_in_order(steps: list[tuple[int, str, str, int]]) -> None:
    body: list[str] = []
    stack: list[str] = []
    expected: list[str] = []
    for number, (opened, tag, markup, closed) in enumerate(steps):
        body.append(f"<{tag}>" * opened)
        stack.extend([tag] * opened)
        expected.append(paragraph(number))
        body.append(markup.format(expected[-1]))
        for _ in range(min(closed, len(stack))):
            body.append(f"</{stack.pop()}>")
    assert_lines_in_order(parse_html(page("".join(body))).text, expected)


def test_control_characters_in_loose_text_do_not_lose_the_page() -> None:
    # lxml parses "\f" in HTML text but refuses it when the text is moved into a new paragraph
    page = parse_html("<div>Hola\fMundo<p>Texto</p>más\x01texto</div>")
    assert "Texto" in page.text
