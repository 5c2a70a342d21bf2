"""Titles and offices that precede people's names, in English and Spanish.

One list serves two purposes: :mod:`pipeline.normalize` trims them from displayed names ("Governor Marina
del Pilar" -> "Marina del Pilar"), and :mod:`pipeline.extract` takes a capitalized name right after one as
evidence of a person ("la alcaldesa Norma Bustamante"). Matching ignores case. Words that also start common
organization or place names ("General Motors", "Major League", "Prince Edward Island") are left out, and the
Spanish honorifics "don" and "doña" count only in lower case (English has "Don" as a given name).
"""

from __future__ import annotations

import re

_ENGLISH = """
Governor Gov. Mayor Director Secretary Undersecretary President Senator Sen. Representative Rep. Congressman
Congresswoman Judge Minister Commissioner Sheriff Prosecutor Mr. Mrs. Ms. Miss Dr. Prof. Professor Lieutenant
Lt. Colonel Col. Captain Capt. Sergeant Sgt. Commander Cmdr. Detective Councilman Councilwoman Councilor
Ambassador Bishop Archbishop Sir Dame Chancellor Spokesman Spokeswoman Superintendent Supervisor Trustee
Agent Deputy Officer Chief Coach Pitcher Catcher Shortstop Outfielder Infielder Goalkeeper Midfielder
Defender Striker Quarterback
"""

_SPANISH = """
gobernador gobernadora vicegobernador alcalde alcaldesa presidente presidenta vicepresidente vicepresidenta
teniente coronel capitán capitana comandante sargento director directora subdirector subdirectora secretario
secretaria subsecretario subsecretaria fiscal juez jueza magistrado magistrada ministro ministra canciller
diputado diputada senador senadora regidor regidora síndico síndica edil mandatario mandataria licenciado
licenciada lic. ingeniero ingeniera ing. doctor doctora dr. dra. maestro maestra mtro. mtra. profesor
profesora prof. señor señora sr. sra. srta. embajador embajadora obispo arzobispo sacerdote vocero vocera
comisionado
comisionada procurador procuradora investigador investigadora economista abogado abogada activista
periodista empresario empresaria dirigente coordinador coordinadora delegado delegada agente titular
entrenador entrenadora estratega portero portera delantero delantera mediocampista lanzador
"""

_MULTIWORD = """
Lieutenant Governor|Deputy Director|Vice President|Prime Minister|Attorney General|Lieutenant Colonel|Lt. Col.
|presidente municipal|presidenta municipal|teniente coronel|general de división|Council Member|Special Agent
|Assistant Superintendent|Assistant Chief|City Manager|County Manager|General Manager|Head Coach
|director técnico|directora técnica
"""

#: Every title, longest first so that "teniente coronel" wins over "teniente".
TITLES: tuple[str, ...] = tuple(
    sorted(
        {w.casefold() for w in _ENGLISH.split() + _SPANISH.split()}
        | {" ".join(m.split()).casefold() for m in _MULTIWORD.split("|")},
        key=lambda t: (-len(t), t),
    )
)


def _alternation(titles: tuple[str, ...]) -> str:
    # A dotted abbreviation ends at its dot; a word title must end at a word boundary.
    parts = [re.escape(t).replace(r"\ ", r"\s+") + ("" if t.endswith(".") else r"\b") for t in titles]
    return r"\b(?:" + "|".join(parts) + "|" + _CASE_SENSITIVE + ")"


_CASE_SENSITIVE = r"(?-i:don|doña)\b"


#: Matches one title (use with ``re.IGNORECASE``), without the whitespace after it.
TITLE = _alternation(TITLES)

#: One or more titles at the start of a string, each followed by an optional comma and whitespace, or the end.
LEADING_TITLES = re.compile(rf"(?:{TITLE}(?:[ \t]*,?[ \t]+|[ \t]*$))+", re.IGNORECASE)


def is_title(text: str) -> bool:
    """True when ``text`` is exactly one known title or office, ignoring case and spacing."""
    return re.fullmatch(TITLE, " ".join(text.split()), re.IGNORECASE) is not None
