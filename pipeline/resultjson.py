"""A document's result as JSON and back: how the results store (:mod:`pipeline.store`) keeps it. Plain
data, so that reading a store can never run code (unlike pickle); a change of its shape bumps
:data:`pipeline.store.SCHEMA`.
"""

from __future__ import annotations

import dataclasses
import json
import operator

import orjson

from pipeline.records import DocumentResult, Mention, Metadata, Segment

_MENTION_FIELDS = tuple(f.name for f in dataclasses.fields(Mention))
_RESULT_FIELDS = tuple(f.name for f in dataclasses.fields(DocumentResult))
_META_FIELDS = tuple(f.name for f in dataclasses.fields(Metadata))
# Each record's fields' values as a tuple, in field order (``dataclasses.astuple`` deep-copies them: it took
# most of this process's time while the workers ran NER).
_mention_values = operator.attrgetter(*_MENTION_FIELDS)
_segment_values = operator.attrgetter(*(f.name for f in dataclasses.fields(Segment)))
_meta_values = operator.attrgetter(*_META_FIELDS)


def encode(result: DocumentResult) -> str:
    """A result as JSON: plain data, so that reading a store can never run code (unlike pickle)."""
    fields = {name: getattr(result, name) for name in _RESULT_FIELDS}
    fields["meta"] = dict(zip(_META_FIELDS, _meta_values(result.meta), strict=True))
    fields["mentions"] = [_mention_values(m) for m in result.mentions]
    fields["segments"] = [_segment_values(s) for s in result.segments]
    try:
        return orjson.dumps(fields).decode()
    except TypeError:  # a lone surrogate (normalized text has none): escaped, as UTF-8 cannot hold it
        return json.dumps(fields)


def decode(stored: str) -> DocumentResult:
    """The result that :func:`encode` wrote. RAISES (ValueError, TypeError, KeyError): it did not."""
    try:
        fields = orjson.loads(stored)  # 2x json.loads: the corpus-wide stage reads every result twice
    except orjson.JSONDecodeError:  # which a lone surrogate's escape is to orjson (see encode)
        fields = json.loads(stored)
    mentions = []
    for values in fields.pop("mentions"):
        if len(values) != len(_MENTION_FIELDS):
            raise ValueError(f"a stored mention has {len(values)} fields, not {len(_MENTION_FIELDS)}")
        start, end, text, name, key, kind, context, label, (person, organization, location), alias = values
        scores = (person, organization, location)
        mentions.append(Mention(start, end, text, name, key, kind, context, label, scores, alias))
    segments = tuple(Segment(start, end, language) for start, end, language in fields.pop("segments"))
    meta = Metadata(**fields.pop("meta"))
    return DocumentResult(meta=meta, mentions=tuple(mentions), segments=segments, **fields)
