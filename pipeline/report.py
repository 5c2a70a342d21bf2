"""``report.html``: one self-contained page for analysts to look at a run and find what to curate.

No network, no external script, font or style: everything is inline. Every text and name is data, never
markup: it goes through :func:`escape` (:func:`html.escape`, quotes included, and without the characters HTML
forbids in a page, such as NUL and other controls) and nothing else reaches the page, so a name
``<script>alert(1)</script>`` shows as those characters and runs nothing. Three parts:

* **Overview**: documents per language and status, entities per type (an inline SVG bar chart), and the
  top entities of each type by documents and by mentions, in tables sortable by any column (a few lines of
  inline script; the page reads the same without it).
* **Documents**: the first ``documents`` documents (``--report-docs``, in ``doc_id`` order) with their text
  and each mention highlighted by type, its canonical name and entity on hover, in the spirit of displaCy's
  entity view; each with its list of entities. The texts are read again from the inputs
  (:func:`pipeline.run.run` gives :func:`write` a reader), since the results store keeps mentions, not
  texts. Then every document that was not processed normally, with its status and reason.
* **Entities**: every entity with its aliases, documents, up to ``CONTEXTS`` context sentences, the curation
  actions that shaped it, and the curation lines that would stop it, retype it or alias a spelling to it,
  as CSV rows ready to paste into ``data/curation.csv``.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from typing import IO

from pipeline.records import ENTITY_TYPES, Corpus, DocumentResult, Entity, Placed

#: Context sentences shown per entity, and top entities per type in the overview.
CONTEXTS, TOP = 3, 20
#: Most documents, and most not processed normally, listed by name in the page.
LISTED = 1_000
LABELS = {"person": "PER", "organization": "ORG", "location": "LOC"}

Texts = Callable[[Collection[str]], dict[str, str]]

#: What HTML forbids in a page's text: control characters other than tab, line feed, form feed and carriage
#: return, lone surrogates and noncharacters (the CSV files drop the controls too).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)


def escape(text: str) -> str:
    """``text`` as a page's text: markup characters escaped (quotes too), forbidden characters dropped."""
    text = html.escape(text)
    return text if text.isprintable() else _FORBIDDEN.sub("", text)


def write(handle: IO[str], corpus: Corpus, texts: Texts, *, documents: int) -> None:
    """The page, to ``handle``, from one pass over the corpus's documents (:class:`Page`)."""
    page = Page(documents)
    for placed in corpus.placed():
        page.add(placed)
    page.write(handle, corpus, texts)


class Page:
    """What the page shows of the documents, gathered as they come (the export's pass gives them,
    :func:`pipeline.export.write`), then written with the corpus's entities."""

    def __init__(self, documents: int) -> None:
        self.documents = documents
        self.shown: list[Placed] = []
        self.skipped: list[tuple[str, str, str]] = []
        self.contexts: dict[str, list[str]] = {}

    def add(self, placed: Placed) -> None:
        d = placed.document
        if len(self.shown) < self.documents and d.status == "ok":
            self.shown.append(placed)
        if d.status != "ok" and len(self.skipped) < LISTED:
            self.skipped.append((d.status, d.doc_id, d.message))
        for row in placed.rows:
            found = self.contexts.setdefault(row.entity_id, [])
            if len(found) < CONTEXTS and row.mention.context not in found:
                found.append(row.mention.context)

    def write(self, handle: IO[str], corpus: Corpus, texts: Texts) -> None:
        shown = self.shown
        text_of = texts([p.document.doc_id for p in shown])
        anchors = {p.document.doc_id: f"doc-{number}" for number, p in enumerate(shown)}
        by_id = {e.entity_id: e for e in corpus.entities}
        handle.write(_HEAD)
        handle.writelines(_overview(corpus))
        handle.write(f"<h2 id='documents'>Documents ({len(shown)} of {corpus.tally.documents} shown)</h2>\n")
        for number, placed in enumerate(shown):
            handle.write(_document(number, placed, text_of.get(placed.document.doc_id), by_id))
        if self.skipped:
            handle.write("<h3>Not processed normally</h3>\n<table class='sortable'><thead><tr>")
            handle.write("<th>status</th><th>document</th><th>reason</th></tr></thead><tbody>\n")
            for skipped in self.skipped:
                cells = "".join(f"<td>{escape(cell)}</td>" for cell in skipped)
                handle.write(f"<tr>{cells}</tr>\n")
            handle.write("</tbody></table>\n")
        handle.write(f"<h2 id='entities'>Entities ({len(corpus.entities)})</h2>\n")
        for entity in corpus.entities:
            handle.write(_entity(entity, self.contexts.get(entity.entity_id, []), anchors))
        handle.write(_SCRIPT + "</body></html>\n")


def _overview(corpus: Corpus) -> Iterator[str]:
    tally = corpus.tally
    yield "<h2 id='overview'>Overview</h2>\n<p>"
    yield f"{tally.documents} documents: " + ", ".join(f"{escape(lang)} {n}" for lang, n in tally.languages)
    yield " | " + ", ".join(f"{escape(status)} {n}" for status, n in tally.statuses) + "</p>\n"
    types = Counter(e.type for e in corpus.entities)
    yield _chart([(t, types[t]) for t in ENTITY_TYPES])
    for entity_type in ENTITY_TYPES:
        of_type = [e for e in corpus.entities if e.type == entity_type]
        top = sorted(of_type, key=lambda e: (-len(e.doc_ids), -e.mentions, e.name))[:TOP]
        yield f"<h3>Top {entity_type} entities ({len(of_type)} in all)</h3>\n"
        yield "<table class='sortable'><thead><tr><th>name</th><th>documents</th><th>mentions</th>"
        yield "<th>languages</th></tr></thead><tbody>\n"
        for e in top:
            yield (
                f"<tr><td><a href='#{e.entity_id}'>{escape(e.name)}</a></td><td>{len(e.doc_ids)}</td>"
                f"<td>{e.mentions}</td><td>{escape(', '.join(e.languages))}</td></tr>\n"
            )
        yield "</tbody></table>\n"


def _chart(bars: list[tuple[str, int]]) -> str:
    """Entities per type as an inline SVG bar chart."""
    widest = max((n for _, n in bars), default=0) or 1
    rows = []
    for position, (label, count) in enumerate(bars):
        y, width = 10 + position * 30, round(400 * count / widest)
        rows.append(
            f"<text x='0' y='{y + 15}'>{escape(label)}</text>"
            f"<rect class='{escape(label)}' x='110' y='{y}' width='{width}' height='20'></rect>"
            f"<text x='{120 + width}' y='{y + 15}'>{count}</text>"
        )
    height = 20 + 30 * len(bars)
    return (
        f"<svg id='chart' role='img' aria-label='entities per type' width='600' height='{height}'>"
        + "".join(rows)
        + "</svg>\n"
    )


def _document(number: int, placed: Placed, text: str | None, by_id: dict[str, Entity]) -> str:
    d = placed.document
    names = {row.entity_id: by_id[row.entity_id] for row in placed.rows}
    parts = [
        f"<section class='document' id='doc-{number}'><h3>{escape(d.title or d.doc_id)}</h3>",
        "<p class='meta'>" + " · ".join(escape(part) for part in _meta(d) if part) + "</p>",
    ]
    if text is None:
        parts.append("<p class='missing'>(the text could not be read again from the inputs)</p>")
    elif len(text) != d.chars or any(
        text[r.mention.start : r.mention.end] != r.mention.text for r in placed.rows
    ):
        parts.append(
            "<p class='missing'>(the input changed after it was read: its text as it is now, without its "
            "entities; run again)</p><div class='text'>" + escape(text) + "</div>"
        )
    else:
        parts.append("<div class='text'>" + _highlighted(text, placed, names) + "</div>")
    listed = ", ".join(f"<a href='#{e.entity_id}'>{escape(e.name)}</a>" for e in names.values())
    parts.append(f"<p class='entities'>Entities: {listed}</p></section>\n")
    return "".join(parts)


def _meta(document: DocumentResult) -> tuple[str, ...]:
    shares = "; ".join(f"{lang} {share:.2f}" for lang, share in document.languages.items())
    return (document.doc_id, document.language, shares)


def _highlighted(text: str, placed: Placed, entities: dict[str, Entity]) -> str:
    out, at = [], 0
    for row in placed.rows:
        m = row.mention
        if m.start < at:
            continue  # overlapping: shown plain
        entity = entities.get(row.entity_id)
        hover = f"{entity.name} ({entity.entity_id})" if entity else row.entity_id
        out.append(escape(text[at : m.start]))
        out.append(
            f"<mark class='{m.type}' title='{escape(hover)}'>{escape(m.text)}"
            f"<span class='label'>{LABELS[m.type]}</span></mark>"
        )
        at = m.end
    out.append(escape(text[at:]))
    return "".join(out)


def _entity(entity: Entity, contexts: list[str], anchors: dict[str, str]) -> str:
    documents = [
        f"<a href='#{anchors[d]}'>{escape(d)}</a>" if d in anchors else escape(d)
        for d in entity.doc_ids[:LISTED]
    ]
    more = f" and {len(entity.doc_ids) - LISTED} more" if len(entity.doc_ids) > LISTED else ""
    lines = [_curation_line("stop", entity.name, "")]
    lines += [_curation_line("type", entity.name, t) for t in ENTITY_TYPES if t != entity.type]
    lines += [_curation_line("alias", alias, entity.name) for alias in entity.aliases]
    return (
        f"<section class='entity {entity.type}' id='{entity.entity_id}'>"
        f"<h3>{escape(entity.name)} <small>{entity.type} · {entity.entity_id}</small></h3>"
        f"<p>Aliases: {escape('; '.join(entity.aliases)) or '—'}</p>"
        f"<p>{len(entity.doc_ids)} documents, {entity.mentions} mentions: "
        f"{', '.join(documents)}{more}</p>"
        + "".join(f"<blockquote>{escape(c)}</blockquote>" for c in contexts)
        + f"<p>Curation: {escape(', '.join(entity.curation)) or 'none'}</p>"
        + "<pre class='curation'>"
        + escape("".join(lines))
        + "</pre></section>\n"
    )


def _curation_line(action: str, name: str, value: str) -> str:
    """A row of the curation file, quoted as CSV where it must be."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([action, name, value])
    return buffer.getvalue()


_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>newsner report</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; \
script-src 'unsafe-inline'; img-src data:">
<style>
body{font-family:sans-serif;margin:2em;max-width:70em;line-height:1.5}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em}
th{cursor:pointer;background:#f3f3f3}
mark{padding:.1em .3em;border-radius:.3em}mark .label{font-size:.65em;font-weight:bold;margin-left:.4em}
mark.person,rect.person{background:#aa9cfc;fill:#aa9cfc}
mark.organization,rect.organization{background:#7aecec;fill:#7aecec}
mark.location,rect.location{background:#feca74;fill:#feca74}
.text{white-space:pre-wrap;border-left:3px solid #ddd;padding-left:1em}
section{margin-bottom:1.5em}blockquote{color:#444;margin:.3em 1em}
pre.curation{background:#f8f8f8;padding:.5em}
</style></head><body>
<h1>newsner report</h1>
<p><a href="#overview">Overview</a> · <a href="#documents">Documents</a> ·
<a href="#entities">Entities</a></p>
"""

_SCRIPT = """<script>
document.querySelectorAll("table.sortable th").forEach(function (th) {
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0], rows = Array.from(body.rows);
    var down = th.dataset.down !== "1";
    var index = th.cellIndex;
    rows.sort(function (a, b) {
      var x = a.cells[index].textContent, y = b.cells[index].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return down ? -c : c;
    });
    th.dataset.down = down ? "1" : "0";
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
</script>
"""
