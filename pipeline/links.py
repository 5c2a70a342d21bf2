"""Which names are the same person or organization across a corpus: people's shorter names, surnames,
and acronyms defined in one document and used bare in another.

* Within a document, a shorter person name whose words all appear, in order, in exactly one longest person
  name of the same document joins it ("Bustamante", "Norma Bustamante" -> "Norma Alicia Bustamante
  Martínez"). Words are compared by match key, so case and accents do not matter.
* Across documents, a person name of two or more words joins the one longest person name in the corpus
  that contains its words in order; with several candidates it stays separate and is listed as unmerged.
  A one-word name that only one longer person name in the corpus has, and not as its first word (a
  surname: "Bustamante", not "Norma"), joins it too, and is listed as a joined surname so that an analyst
  can see why.
* Within a document, a shorter organization or place name that is a form of exactly one longer name of the
  same type joins it (:func:`link_short_forms`): a place without its place words ("Cochise" -> "Cochise
  County", "Otay" -> "garita de Otay", "Juárez" -> "Ciudad Juárez"; not a country's or state's name, and
  not a city's but after "Ciudad"/"City": "Nogales" is not the "Nogales Port of Entry"), an organization
  without the place before it ("Attorney General's Office" -> "Arizona Attorney General's Office"), a
  head-led one without its rest ("Fiscalía" -> "Fiscalía General del Estado de Baja California"; not
  without a place after "de"/"of": the state's secretariat is not the federal one), and "X Department" as
  "Department of X" ("Commerce Department" -> "U.S. Department of Commerce"). Each mention keeps its own key.
* An acronym defined in a document ("Comisión Mexicana de Ayuda a Refugiados (COMAR)") is its long form's
  name there (:mod:`pipeline.analysis`); where the corpus defines it with one long form only, its bare
  mentions in the other documents are that long form's too, with its type.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from pipeline import lexicons
from pipeline.normalize import contains_words
from pipeline.records import EntityType, Mention

Unmerged = tuple[tuple[str, tuple[str, ...]], ...]


def link_people(mentions: Sequence[Mention]) -> dict[str, str]:
    """Map each shorter person key of one document to the single longest person key that contains it.

    RETURNS (dict[str, str]): ``short key -> long key``; keys with no or several containing names are absent.
    """
    links, _ = _link({m.key for m in mentions if m.type == "person"}, min_words=1)
    return links


def link_across_documents(
    people: Iterable[str],
) -> tuple[dict[str, str], Unmerged, tuple[tuple[str, str], ...]]:
    """Cross-document person links ``short key -> long key`` among the corpus's person keys (each
    document's after :func:`link_people`): names of two or more words, and surnames; then the ambiguous
    names of two or more words with their candidate keys, and the joined surnames."""
    keys = set(people)
    links, unmerged = _link(keys, min_words=2)
    single, _ = _link(keys, min_words=1)
    surnames = {k: v for k, v in single.items() if " " not in k and not v.startswith(k + " ")}
    return links | surnames, unmerged, tuple(sorted(surnames.items()))


def alias_bare(
    mentions: Sequence[Mention], aliases: dict[str, tuple[str, EntityType]]
) -> tuple[Mention, ...]:
    """A document's mentions with each bare acronym of ``aliases`` (``acronym key -> (long form's key,
    type)``: the acronyms that the corpus defines with one long form only) re-keyed and re-typed as its long
    form's (module docstring)."""
    return tuple(
        replace(m, key=aliases[m.key][0], alias_key=m.key, type=aliases[m.key][1])
        if not m.alias_key and m.key in aliases
        else m
        for m in mentions
    )


def _link(keys: set[str], *, min_words: int) -> tuple[dict[str, str], Unmerged]:
    by_word: dict[str, set[str]] = defaultdict(set)  # an index, so that linking stays near-linear
    for key in keys:
        for word in key.split():
            by_word[word].add(key)

    def containing(key: str) -> list[str]:
        pool = set.intersection(*(by_word[word] for word in set(key.split())))
        return sorted((o for o in pool if o != key and contains_words(o, key)), key=_longest_first)

    longest = {key for key in keys if not containing(key)}
    links: dict[str, str] = {}
    ambiguous: list[tuple[str, tuple[str, ...]]] = []
    for key in sorted(keys - longest, key=_longest_first):
        if len(key.split()) < min_words:
            continue
        candidates = tuple(o for o in containing(key) if o in longest)
        if len(candidates) == 1:
            links[key] = candidates[0]
        elif candidates:
            ambiguous.append((key, candidates))
    return links, tuple(sorted(ambiguous))


def _longest_first(key: str) -> tuple[int, str]:
    return (-len(key.split()), key)


def link_short_forms(mentions: Sequence[Mention]) -> dict[tuple[EntityType, str], str]:
    """Map each shorter organization or place key of one document to the one longer key of the same type
    that it is a form of (module docstring): ``(type, short key) -> long key``."""
    links: dict[tuple[EntityType, str], str] = {}
    rules: tuple[tuple[EntityType, Callable[[list[str], list[str]], bool | None]], ...] = (
        ("location", _place_form),
        ("organization", _organization_form),
    )
    for entity_type, is_form in rules:
        keys = {m.key for m in mentions if m.type == entity_type}
        by_word: dict[str, set[str]] = defaultdict(set)
        for key in keys:
            for word in key.split():
                by_word[word].add(key)
        for short in sorted(keys):
            pool = set.intersection(*(by_word[word] for word in set(short.split())))
            forms = {key: is_form(short.split(), key.split()) for key in pool if key != short}
            if None in forms.values():  # "Cártel" beside "Cártel de Sinaloa": which one is it?
                continue
            longer = [key for key, form in forms.items() if form]
            if longer and (long := _end_of_chain(longer, is_form)):
                links[(entity_type, short)] = long
    return links


def _end_of_chain(longer: list[str], is_form: Callable[[list[str], list[str]], bool | None]) -> str | None:
    """The longest of names that are each a form of it ("Fiscalía General" of "Fiscalía General del
    Estado"), or ``None`` when they are not one chain (linear: one comparison for each name)."""
    most = max(len(key.split()) for key in longer)
    longest = [key for key in longer if len(key.split()) == most]
    if len(longest) > 1:
        return None
    end = longest[0].split()
    return longest[0] if all(is_form(key.split(), end) for key in longer if key != longest[0]) else None


_LINK_WORDS = frozenset("de del of the la las los el".split())
#: A street or road named after a place is another place ("Arivaca Road" is not "Arivaca").
_STREET_WORDS = frozenset(
    "avenida calle bulevar calzada carretera periferico street avenue boulevard road highway".split()
)
_PLACE_WORDS = (lexicons.PLACE_HEADS | lexicons.PLACE_TAILS | _LINK_WORDS) - _STREET_WORDS
_CITY_WORDS = frozenset({"ciudad", "city"})
_COUNTRY_PREFIXES = frozenset({"us", "u s"})


def _place_form(short: list[str], long: list[str]) -> bool | None:
    """``short`` is ``long`` without its place words ("cochise" of "cochise county")."""
    n = len(short)
    if len(long) <= n:
        return False
    extra = long[:-n] if long[-n:] == short else long[n:] if long[:n] == short else []
    if not extra or not set(extra) <= _PLACE_WORDS or set(extra) <= _LINK_WORDS:
        return False
    kind = lexicons.places().get(" ".join(short))
    return kind is None or (kind == "city" and bool(_CITY_WORDS & set(extra)))


def _organization_form(short: list[str], long: list[str]) -> bool | None:
    """``short`` is ``long`` without the place before it, without the rest after its head word, or "X
    Department" of "Department of X" (module docstring); ``None`` when ``long`` is ``short`` of a place
    ("Cártel" and "Cártel de Sinaloa"), which makes ``short`` ambiguous. Parties are never shortened: the
    "Democratic Party" is not the "Arizona Democratic Party"."""
    if "party" in short or "partido" in short:
        return False
    short, long = lexicons.without_article(short), lexicons.without_article(long)
    n = len(short)
    if len(long) <= n:
        return False
    if long[-n:] == short and any(word in lexicons.ORG_HEADS for word in short):
        return _a_place(long[:-n])
    if long[:n] == short and short[0] in lexicons.ORG_HEADS:
        rest = long[n:]
        return None if rest[0] in _LINK_WORDS and _a_place(rest[1:]) else True
    head, named = short[-1], short[:-1]
    if head in lexicons.ORG_HEADS and named and long[-n - 1 :] == [head, "of", *named]:
        return not long[: -n - 1] or _a_place(long[: -n - 1])
    return False


def _a_place(words: list[str]) -> bool:
    key = " ".join(words)
    return key in _COUNTRY_PREFIXES or key in lexicons.places()
