"""Read a web page: its main text without menus and footers, and its title, date and url.

The page is parsed once, by lxml (libxml2), and the tree goes to trafilatura, which removes the boilerplate
and reads the metadata. No text of the page may be lost on the way, and every step is linear in its size:

* libxml2 stops at 256 nested elements and at a text or attribute value of 10 MB (a photo inlined as a
  ``data:`` URI), and drops the rest of the page. The page is parsed with ``huge_tree``, which lifts the
  limits to 2,048 levels and 1 GB.
* Deeper than 2,048 levels libxml2 still stops, with a fatal error. The page's text then comes from
  :func:`_tokenize`, which reads tag after tag with a regular expression and has no notion of nesting (the
  standard library's ``html.parser`` is quadratic on unclosed tags in Python 3.11: ``"<a " * 20000`` takes
  70 s).
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
all of the page's text is read from the same tree (:func:`_render`: a line per block and per ``<br>``, in
document order, without scripts, styles, forms or ``<head>``), and trafilatura's text is checked against it:

* trafilatura found nothing: all the text (a page too short for its heuristics);
* it kept every character: all the text, which has the page's line breaks (trafilatura's fallbacks join
  lines with spaces, and it renders table cells as ``| a | b |``);
* else its text, in the page's order, with the lines of a block that it joined split again, and the lines
  it dropped from a block it kept part of put back (:func:`_restore`).

Checking blocks was chosen over falling back to all of the text whenever trafilatura's text is much
shorter: on a news page the menus, teasers and footers it removes are often most of the text, so no share
tells a lost paragraph from removed boilerplate, while a block kept in part is a loss on any page. Whole
blocks that trafilatura drops stay dropped, as its boilerplate removal: a ``<div>`` of bare text among
paragraphs, a heading at the end, what lies outside the page's ``<article>``.

Lines are separated by "\\n"; blank lines are dropped and whitespace within a line is collapsed (in
``<pre>`` too).
"""

from __future__ import annotations

import copy
import html as html_entities
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

from pipeline.formats import Record

#: Deepest nesting (elements, counting ``<html>``) for which trafilatura picks the main text.
MAX_DEPTH = 256
#: Most elements for which trafilatura picks the main text.
MAX_ELEMENTS = 30_000
#: Most characters of text for which trafilatura picks the main text.
MAX_TEXT = 1_000_000

#: libxml2's nesting limit with ``huge_tree``: a tree this deep was cut short.
_LIBXML2_MAX_DEPTH = 2048
#: Elements whose content is not text of the page.
_SKIP = frozenset(
    "head title script style noscript template textarea select datalist svg math iframe object embed "
    "canvas audio video".split()
)
#: Elements that flow within a line; any other element, an unknown one too, is a block: a line of its own.
_INLINE = frozenset(
    "a abbr acronym b bdi bdo big blink button cite code data del dfn em font i img input ins kbd label "
    "mark meter nobr output picture progress q rb rp rt rtc ruby s samp small span strike strong sub sup "
    "time tt u var wbr".split()
)
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
_NOT_WRAPPED = _SKIP | _LEFT | {"html", "p", "pre"}
_READ_OR_INLINE = _READ | _INLINE
#: Elements whose content the tokenizer does not read as markup, and skips (script and style always, the
#: others only when closed, so that a stray ``<title>`` does not hide the rest of the page).
_RAW = {
    name: re.compile(rf"</{name}(?:[\t\n\f\r />]|\Z)", re.IGNORECASE)
    for name in ("script", "style", "title", "textarea", "iframe", "noembed", "noframes", "noscript")
}
_SPACE = r"[\t\n\f\r ]"
_VALUE = rf"""{_SPACE}*+={_SPACE}*+(?:"[^"]*+"?|'[^']*+'?|[^\t\n\f\r >]*+)"""
_ATTRIBUTES = rf"(?:[\t\n\f\r /]++|[^\t\n\f\r />][^\t\n\f\r />=]*+(?:{_VALUE})?)*+"
#: One tag at a "<". Possessive quantifiers, and an unclosed quote runs to the end: no backtracking.
_TAG = re.compile(
    rf"<(?:(?P<comment>!--)|(?P<close>/)?(?P<name>[A-Za-z][^\t\n\f\r />]*+){_ATTRIBUTES}(?:>|\Z)|[!?/])"
)
#: Attribute values, styles and scripts (but JSON-LD metadata) this long are emptied before trafilatura.
_PAYLOAD = 65_536
_PAYLOADS = (
    f"//style[string-length() >= {_PAYLOAD}]"
    f" | //script[string-length() >= {_PAYLOAD} and not(contains(@type, 'ld+json'))]"
)
#: Characters that XML (hence lxml) does not allow: C0 controls but tab, newlines and form feed; surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff]")
_PRESENT = -1  # a line whose words are in trafilatura's text, but at no known place: kept
_COMMON = 50  # a word trigram in more lines of trafilatura's text than this tells nothing


def parse_html(html: str) -> Record:
    """The main text and metadata (title, date, url) of a web page."""
    html = _NOT_XML.sub("", html)
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
    page = _render(tree)
    _drop_payloads(tree)
    if page.depth >= _LIBXML2_MAX_DEPTH or any(entry.level_name == "FATAL" for entry in parser.error_log):
        text, fields = "\n".join(_tokenize(html)), _metadata(_head(tree))
    elif page.depth > MAX_DEPTH or page.elements > MAX_ELEMENTS or page.size > MAX_TEXT:
        text, fields = page.text, _metadata(_head(tree))
    else:
        _wrap_loose_text(tree)
        fields = _trafilatura(tree) or _metadata(tree)  # a page too short for trafilatura still has metadata
        text = _main_text(str(fields.get("text") or ""), page)
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
        not isinstance(tag, str) or tag in _INLINE or tag in _SKIP or tag == "br"
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


class _Lines:
    """Text pieces in document order, cut into lines; each line remembers its block (``owner``)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.owners: list[int] = []
        self.owner = 0
        self._pieces: list[str] = []

    def add(self, text: str, pre: bool = False) -> None:
        if pre and "\n" in text:
            first, *rest = text.split("\n")
            self._pieces.append(first)
            for piece in rest:
                self.end()
                self._pieces.append(piece)
        else:
            self._pieces.append(text)

    def end(self) -> None:
        """End the current line (a block boundary or ``<br>``)."""
        if self._pieces:
            line = " ".join("".join(self._pieces).split())
            self._pieces.clear()
            if line:
                self.lines.append(line)
                self.owners.append(self.owner)


@dataclass(frozen=True, slots=True)
class _Page:
    """All of a page's text, as lines, and the size of its tree."""

    lines: list[str]
    owners: list[int]  # per line, the block it belongs to (an element number)
    depth: int
    elements: int

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def size(self) -> int:
        return sum(map(len, self.lines))


def _render(root: Any) -> _Page:
    """The text of a parsed page: one walk, no recursion, so any depth is fine."""
    lines = _Lines()
    blocks = [0]
    skipping = depth = deepest = elements = pre = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            elements += 1
            depth += 1
            deepest = max(deepest, depth)
            if skipping or tag in _SKIP:
                skipping += 1
                continue
            if tag == "br":
                lines.end()
            elif tag not in _INLINE:
                lines.end()
                blocks.append(elements)
                lines.owner = elements
            if tag == "pre":
                pre += 1
            if element.text:
                lines.add(element.text, pre > 0)
            continue
        depth -= 1
        if skipping:
            skipping -= 1
            if skipping:  # inside a skipped element: its tail is skipped too
                continue
        else:
            if tag == "pre":
                pre -= 1
            if tag != "br" and tag not in _INLINE:
                lines.end()
                blocks.pop()
                lines.owner = blocks[-1]
        if element.tail:
            lines.add(element.tail, pre > 0)
    lines.end()
    return _Page(lines.lines, lines.owners, deepest, elements)


def _tokenize(html: str) -> list[str]:
    """The text of a page that libxml2 could not parse to the end, as lines, read tag by tag (linear)."""
    lines = _Lines()
    position, size, pre = 0, len(html), 0
    while position < size:
        start = html.find("<", position)
        if start < 0:
            start = size
        if start > position:
            lines.add(html_entities.unescape(html[position:start]), pre > 0)
        if start == size:
            break
        tag = _TAG.match(html, start)
        if tag is None:  # "<" before a space, digit...: text
            lines.add("<")
            position = start + 1
            continue
        position = tag.end()
        if tag["name"] is None:  # comment, doctype, CDATA, processing instruction: up to "-->" or ">"
            end = html.find("-->" if tag["comment"] else ">", position)
            position = size if end < 0 else end + (3 if tag["comment"] else 1)
            continue
        name = tag["name"].lower()
        if name not in _INLINE and name not in _SKIP and name not in _RAW:  # blocks and <br>
            lines.end()
        if name == "pre":
            pre = max(pre - 1, 0) if tag["close"] else pre + 1
        if name in _RAW and not tag["close"]:
            end_tag = _RAW[name].search(html, position)
            if end_tag is not None:
                position = end_tag.start()
            elif name in ("script", "style"):
                position = size
    lines.end()
    return lines.lines


def _main_text(extracted: str, page: _Page) -> str:
    """trafilatura's text, checked against all of the page's text (see the module docstring)."""
    if not extracted.strip() or _letters(extracted) == _letters(page.text):
        return page.text
    return _restore(extracted, page)


class _Index:
    """Where the page's lines are in trafilatura's text (``kept``, a list of lines)."""

    def __init__(self, kept: list[str], page_lines: list[str]) -> None:
        self.count = Counter(" ".join(line.split()) for line in kept)
        self.line_at: dict[str, int] = {}
        self.lines_with: defaultdict[int, list[int]] = defaultdict(list)
        self.words: set[str] = set()
        for number, line in enumerate(kept):
            words = line.split()
            self.line_at.setdefault(" ".join(words), number)
            self.words.update(words)
            for trigram in set(_trigrams(words)):
                self.lines_with[trigram].append(number)
        self.page_count = Counter(page_lines)
        self.taken = {self.line_at[line] for line in self.page_count if line in self.line_at}

    def anchor(self, line: str) -> int | None:
        """The place of a line that is once in the page and once in trafilatura's text, exactly."""
        if self.page_count[line] == 1 and self.count[line] == 1:
            return self.line_at[line]
        return None

    def position(self, line: str) -> int | None:
        """The place of the line of trafilatura's text that holds ``line``, :data:`_PRESENT` (its words are
        there, the place is unknown), or None: ``line`` is not in trafilatura's text.

        A line that is not there exactly is placed by its word trigrams: in the line that holds at least half
        of them, not counting lines that are exactly another line of the page (so that one of a list of
        similar lines is not taken for another), nor trigrams found in more than :data:`_COMMON` lines.
        """
        if line in self.line_at:
            return self.line_at[line]
        words = line.split()
        if len(words) < 3:
            return _PRESENT if all(word in self.words for word in words) else None
        votes: Counter[int] = Counter()
        telling = 0
        for trigram in _trigrams(words):
            found = self.lines_with.get(trigram, ())
            if len(found) <= _COMMON:
                telling += 1
                votes.update(number for number in found if number not in self.taken)
        if not telling:
            return _PRESENT
        best = votes.most_common(1)
        return best[0][0] if best and 2 * best[0][1] >= telling else None


def _trigrams(words: list[str]) -> list[int]:
    return [hash((words[i], words[i + 1], words[i + 2])) for i in range(len(words) - 2)]


def _restore(extracted: str, page: _Page) -> str:
    """trafilatura's text, in the page's order, with the lines it dropped from a block it kept part of put
    back, and the lines of one block it joined into one (the ``<br>`` lines of a table cell) split again.

    A block is kept in part when one of its lines is exactly, and only once, in the page and in trafilatura's
    text: an anchor. Anchors give the order: each of trafilatura's lines goes where its first anchor is in
    the page (a line without one stays after the line before it), each line put back where it is.
    """
    kept = extracted.split("\n")
    index = _Index(kept, page.lines)
    positions = [index.position(line) for line in page.lines]
    joined: defaultdict[int, list[int]] = defaultdict(list)  # line of trafilatura's -> page lines in it
    for number, position in enumerate(positions):
        if position is not None and position != _PRESENT and position not in index.taken:
            joined[position].append(number)
    split = {
        place: numbers
        for place, numbers in joined.items()
        if len({page.owners[n] for n in numbers}) == 1  # lines of one block (not a table's row)
        and _letters(kept[place]) == _letters(" ".join(page.lines[n] for n in numbers))
    }
    first: dict[int, int] = {place: numbers[0] for place, numbers in split.items()}
    anchored: set[int] = set()  # blocks
    for number, line in enumerate(page.lines):
        place = index.anchor(line)
        if place is not None:
            first.setdefault(place, number)
            anchored.add(page.owners[number])
    pieces: list[tuple[int, int, list[str]]] = []  # (place in the page, place in trafilatura's, lines)
    order = -1
    for place, line in enumerate(kept):
        order = first.get(place, order)
        pieces.append((order, place, [page.lines[n] for n in split[place]] if place in split else [line]))
    for number, (line, position) in enumerate(zip(page.lines, positions, strict=True)):
        if position is None and page.owners[number] in anchored:
            pieces.append((number, -1, [line]))
    pieces.sort(key=lambda piece: piece[:2])
    return "\n".join(line for _, _, lines in pieces for line in lines)


def _letters(text: str) -> str:
    """``text`` without whitespace and trafilatura's table-cell separators."""
    return "".join(text.split()).replace("|", "")
