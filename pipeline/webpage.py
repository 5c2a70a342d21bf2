"""Read a web page: its main text without menus and footers, and its title, date and url.

The page is parsed once, by lxml (libxml2), and the tree goes to trafilatura, which removes the boilerplate
and reads the metadata. No text of the page may be lost on the way, and every step is linear in its size:

* libxml2 stops at 256 nested elements and at a text or attribute value of 10 MB (a photo inlined as a
  ``data:`` URI), and drops the rest of the page. The page is parsed with ``huge_tree``, which lifts the
  limits to 2,048 levels and 1 GB.
* Deeper than 2,048 levels libxml2 still stops, with a fatal error. The page's text then comes from
  :func:`pipeline.pagetext.tokenize`, which reads tag after tag and has no notion of nesting.
* trafilatura's cost grows faster than the page: libxml2 XPath queries such as ``//p//text()`` are
  quadratic in the number of nodes, and depth multiplies the work (50,000 paragraphs, 4 MB: 14 s; 2,000
  levels, 190 KB: 3 s). It gets article-like pages only: at most :data:`MAX_DEPTH` levels,
  :data:`MAX_ELEMENTS` elements and :data:`MAX_TEXT` characters of text (a long article has a few thousand
  elements and well under 100,000 characters), where it takes 8 s at worst. A larger or deeper page gets
  all its text, and the metadata of its ``<head>`` (searching the whole page takes about 2 s per MB).
* Values of 64 KB or more that hold no text (``data:`` URIs, state kept in attributes, style sheets, script
  bundles, but not JSON-LD metadata) are emptied first: trafilatura's date search runs regular expressions
  over the whole serialized page (2.3 s for a 3 MB image, 0.7 s per MB of JSON).

trafilatura also drops text that no boilerplate rule explains: the opening text of a ``<body>``,
``<article>``, ``<section>``, ``<main>`` or custom element (so a ``<body>`` of bare text and ``<br>``s loses
its first line), or the text after a ``<div>`` that holds a ``<p>``. :func:`_wrap_loose_text` first puts
such text into a ``<p>``, which trafilatura reads (and a browser shows as a block of its own, too). Then
all of the page's text is read from the same tree (:func:`pipeline.pagetext.render`: a line per block and
per ``<br>``, in document order), and trafilatura's text is checked against it: what it drops from a block
it keeps part of is put back, in the page's order (:func:`pipeline.reconcile.main_text`).
"""

from __future__ import annotations

import copy
import re
from typing import Any

import lxml.html
from lxml import etree

from pipeline.formats import Record
from pipeline.pagetext import INLINE, SKIP, render, tokenize
from pipeline.reconcile import main_text

#: Deepest nesting (elements, counting ``<html>``) for which trafilatura picks the main text.
MAX_DEPTH = 256
#: Most elements for which trafilatura picks the main text.
MAX_ELEMENTS = 30_000
#: Most characters of text for which trafilatura picks the main text.
MAX_TEXT = 1_000_000

#: libxml2's nesting limit with ``huge_tree``: a tree this deep was cut short.
_LIBXML2_MAX_DEPTH = 2048
#: Elements whose opening text trafilatura reads.
_READ = frozenset(
    "p div td th li dd dt details address blockquote pre h1 h2 h3 h4 h5 h6 hgroup ul ol dl".split()
)
#: Elements left to trafilatura as they are: boilerplate, and parts of images and tables.
_LEFT = frozenset(
    "br hr nav footer aside header form menu figure figcaption fieldset legend dialog caption table thead "
    "tbody tfoot tr colgroup col option optgroup".split()
)
#: Inline elements that do not start a paragraph of their own: links and controls are menus, buttons...
_CONTROLS = frozenset("a button input label img picture".split())
_NOT_WRAPPED = SKIP | _LEFT | {"html", "p", "pre"}
_READ_OR_INLINE = _READ | INLINE
#: Attribute values, styles and scripts (but JSON-LD metadata) this long are emptied before trafilatura.
_PAYLOAD = 65_536
_PAYLOADS = (
    f"//style[string-length() >= {_PAYLOAD}]"
    f" | //script[string-length() >= {_PAYLOAD} and not(contains(@type, 'ld+json'))]"
)
#: Characters that XML (hence lxml's setters) does not allow: C0 controls but tab and newlines; surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff]")


def parse_html(html: str) -> Record:
    """The main text and metadata (title, date, url) of a web page."""
    html = _NOT_XML.sub("", html.replace("\f", "\n"))  # a form feed is a line end (pipeline.text)
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
    )
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):  # nothing but blanks
        return Record(part="", text="")
    page = render(tree)
    _drop_payloads(tree)
    if page.depth >= _LIBXML2_MAX_DEPTH or any(entry.level_name == "FATAL" for entry in parser.error_log):
        text, fields = "\n".join(tokenize(html)), _metadata(_head(tree))
    elif page.depth > MAX_DEPTH or page.elements > MAX_ELEMENTS or page.size > MAX_TEXT:
        text, fields = page.text, _metadata(_head(tree))
    else:
        _wrap_loose_text(tree)
        fields = _trafilatura(tree) or _metadata(tree)  # a page too short for trafilatura still has metadata
        text = main_text(str(fields.get("text") or ""), page)
    return Record(
        part="",
        text=text,
        title=str(fields.get("title") or ""),
        date=str(fields.get("date") or ""),
        url=str(fields.get("url") or ""),
    )


def _drop_payloads(tree: Any) -> None:
    """Empty the long values that hold no text of the page: inlined images (``data:`` URIs), state kept in
    attributes, style sheets, script bundles. trafilatura's date search runs regular expressions over the
    whole serialized page, at about 0.7 s per MB of them."""
    for value in tree.xpath(f"//@*[string-length() >= {_PAYLOAD}]"):
        value.getparent().attrib[value.attrname] = ""
    for element in tree.xpath(_PAYLOADS):
        element.text = ""


def _wrap_loose_text(tree: Any) -> None:
    """Put text that lies loose beside blocks into a ``<p>``, with the inline elements that follow it: the
    text after a block, and the opening text of a container trafilatura does not read the text of
    (``<body>``, ``<article>``, ``<section>``, ``<main>``, custom elements...).

    trafilatura 2.3 drops such text (``<section>Un párrafo.</section>``, the first line of a ``<body>`` of
    bare text and ``<br>``s, the text after a ``<div>`` that holds a ``<p>``), but reads a ``<p>``. The text
    after a ``<br>`` it reads. Containers it drops as boilerplate (``<nav>``, ``<footer>``...) or as parts of
    images and tables are left as they are.
    """
    holders: set[Any] = set()  # elements that hold a block (a <span> around a <div>, a block's parent)
    for _, element in etree.iterwalk(tree, events=("end",)):
        if not _flows(element, holders) and (parent := element.getparent()) is not None:
            holders.add(parent)
    containers = [
        element
        for element in tree.iter()
        if isinstance(element.tag, str)
        and element.tag not in _NOT_WRAPPED
        and (element in holders or element.tag not in _READ_OR_INLINE)
    ]
    for container in containers:
        paragraph = None
        opening = container.tag in _READ  # in the container's opening run, which trafilatura reads
        if _has_text(container.text) and not opening:
            paragraph = lxml.html.Element("p")
            paragraph.text, container.text = container.text, None
            container.insert(0, paragraph)
        for child in list(container):
            if child is paragraph:
                continue
            if child.tag == "br":  # trafilatura reads the text after a <br>
                paragraph = None
                continue
            if _flows(child, holders):
                if opening:
                    continue
                if paragraph is None and (
                    _has_text(child.tail)
                    or (child.tag not in _CONTROLS and (_has_text(child.text) or len(child)))
                ):
                    paragraph = lxml.html.Element("p")
                    child.addprevious(paragraph)
                if paragraph is not None:
                    paragraph.append(child)  # with its tail
                continue
            paragraph, opening = None, False
            if _has_text(child.tail):
                paragraph = lxml.html.Element("p")
                paragraph.text, child.tail = child.tail, None
                child.addnext(paragraph)


def _flows(element: Any, holders: set[Any]) -> bool:
    """Whether ``element`` is part of a line (inline, ``<br>``, skipped content) and holds no block."""
    tag = element.tag
    return (
        not isinstance(tag, str) or tag in INLINE or tag in SKIP or tag == "br"
    ) and element not in holders


def _has_text(text: str | None) -> bool:
    return bool(text and not text.isspace())


def _trafilatura(tree: Any) -> dict[str, Any]:
    from trafilatura import bare_extraction

    extracted = bare_extraction(tree, with_metadata=True, include_comments=False, favor_recall=True)
    if extracted is None:
        return {}
    return extracted if isinstance(extracted, dict) else dict(extracted.as_dict())


def _metadata(tree: Any) -> dict[str, Any]:
    from trafilatura.metadata import extract_metadata

    return dict(extract_metadata(tree).as_dict())


def _head(tree: Any) -> Any:
    """The page with its ``<head>`` only: metadata of a page too large for a search of the whole page
    (trafilatura and htmldate take about 2 s per MB), which is linear in the head's size only."""
    page = lxml.html.Element("html")
    head = tree.find("head")
    if head is not None:
        page.append(copy.deepcopy(head))
    etree.SubElement(page, "body")
    return page
