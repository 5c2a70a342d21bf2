"""The main text of a page: trafilatura's text, checked against all of the page's text.

trafilatura drops text that no boilerplate rule explains, and joins and reorders lines. So its text is
checked against all of the page's text (:func:`pipeline.pagetext.render`: a line per block and per
``<br>``, in document order) read from the same tree:

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
"""

from __future__ import annotations

from collections import Counter, defaultdict

from pipeline.pagetext import Page

_PRESENT = -1  # a line whose words are in trafilatura's text, but at no known place: kept
_COMMON = 50  # a word trigram in more lines of trafilatura's text than this tells nothing


def main_text(extracted: str, page: Page) -> str:
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


def _restore(extracted: str, page: Page) -> str:
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
