"""All of a page's text, in document order, one line per block and per ``<br>``.

:func:`render` reads it from the tree lxml parsed: the text of every element but scripts, styles, form
controls, embedded content and ``<head>`` (:data:`SKIP`), a line per block, that is per element that is not
inline (:data:`INLINE`; an unknown element is a block), and per ``<br>``. It is what
:mod:`pipeline.webpage` gives a page too large for trafilatura, and what :mod:`pipeline.reconcile` checks
trafilatura's text against.

libxml2 stops at 2,048 nested elements (with ``huge_tree``), with a fatal error, and drops the rest of the
page. The page's text then comes from :func:`tokenize`, which reads tag after tag with a regular expression
and has no notion of nesting (the standard library's ``html.parser`` is quadratic on unclosed tags in Python
3.11: ``"<a " * 20000`` takes 70 s).

Lines are separated by "\\n"; blank lines are dropped and whitespace within a line is collapsed (in
``<pre>`` too).
"""

from __future__ import annotations

import html as html_entities
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

#: Elements whose content is not text of the page.
SKIP = frozenset(
    "head title script style noscript template textarea select datalist svg math iframe object embed "
    "canvas audio video".split()
)
#: Elements that flow within a line; any other element, an unknown one too, is a block: a line of its own.
INLINE = frozenset(
    "a abbr acronym b bdi bdo big blink button cite code data del dfn em font i img input ins kbd label "
    "mark meter nobr output picture progress q rb rp rt rtc ruby s samp small span strike strong sub sup "
    "time tt u var wbr".split()
)
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
class Page:
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


def render(root: Any) -> Page:
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
            if skipping or tag in SKIP:
                skipping += 1
                continue
            if tag == "br":
                lines.end()
            elif tag not in INLINE:
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
            if tag != "br" and tag not in INLINE:
                lines.end()
                blocks.pop()
                lines.owner = blocks[-1]
        if element.tail:
            lines.add(element.tail, pre > 0)
    lines.end()
    return Page(lines.lines, lines.owners, deepest, elements)


def tokenize(html: str) -> list[str]:
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
        if name not in INLINE and name not in SKIP and name not in _RAW:  # blocks and <br>
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
