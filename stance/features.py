"""Features stage: the token normaliser the TF-IDF vectoriser uses.

Tokens are lower-cased, British spellings mapped to American ones (defence -> defense,
programme -> program, organise -> organize), numbers collapsed to one symbol, and every word
reduced to its stem with nltk's Snowball stemmer (offline; it needs no downloaded data). The
mapping of a token is cached, so the per-sentence cost is a regex and dictionary look-ups.

>>> from stance.features import analyse
>>> analyse("Defence programmes organised; defense programs organized!")
['defens', 'program', 'organ', 'defens', 'program', 'organ']
"""
from __future__ import annotations

import re

from nltk.stem.snowball import SnowballStemmer

_STEMMER = SnowballStemmer("english")

#: British spellings and their American counterparts (lower case, whole words).
SPELLING = {
    "defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
    "licence": "license", "licences": "licenses", "pretence": "pretense",
    "programme": "program", "programmes": "programs", "catalogue": "catalog", "dialogue": "dialog",
    "dialogues": "dialogs", "analyse": "analyze", "analysed": "analyzed", "analyses": "analyzes",
    "analysing": "analyzing", "paralyse": "paralyze", "paralysed": "paralyzed",
    "centre": "center", "centres": "centers", "centred": "centered", "theatre": "theater",
    "theatres": "theaters", "metre": "meter", "metres": "meters", "litre": "liter", "litres": "liters",
    "fibre": "fiber", "fibres": "fibers", "calibre": "caliber", "spectre": "specter", "sombre": "somber",
    "manoeuvre": "maneuver", "manoeuvres": "maneuvers", "manoeuvring": "maneuvering",
    "labour": "labor", "labourers": "laborers", "labourer": "laborer", "colour": "color",
    "honour": "honor", "honoured": "honored", "favour": "favor", "favoured": "favored",
    "favourable": "favorable", "neighbour": "neighbor", "neighbours": "neighbors",
    "neighbouring": "neighboring", "behaviour": "behavior", "harbour": "harbor", "harbours": "harbors",
    "rumour": "rumor", "rumours": "rumors", "endeavour": "endeavor", "vigour": "vigor",
    "armour": "armor", "armoured": "armored", "humour": "humor", "flavour": "flavor", "valour": "valor",
    "travelled": "traveled", "travelling": "traveling", "traveller": "traveler", "travellers": "travelers",
    "cancelled": "canceled", "cancelling": "canceling", "labelled": "labeled", "modelling": "modeling",
    "fuelled": "fueled", "signalled": "signaled", "levelled": "leveled", "counselled": "counseled",
    "enrol": "enroll", "enrolment": "enrollment", "fulfil": "fulfill", "instil": "instill",
    "judgement": "judgment", "ageing": "aging", "cheque": "check", "cheques": "checks",
    "tyre": "tire", "tyres": "tires", "grey": "gray", "aluminium": "aluminum", "sceptical": "skeptical",
    "sceptic": "skeptic", "sceptics": "skeptics", "plough": "plow", "draught": "draft",
    "storey": "story", "kerb": "curb", "gaol": "jail", "whilst": "while", "amongst": "among",
    "towards": "toward", "jewellery": "jewelry", "mould": "mold", "moult": "molt", "pyjamas": "pajamas",
}

# -ise/-isation/-yse to -ize/-ization/-yze ("organise", "liberalisation", "realised")
_ISE = re.compile(r"(?<=\w{4})is(e|es|ed|ing|ation|ations|er|ers)$")
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w'\u2019-]*|\d[\d.,]*%?|\$|%|\u20ac|\u00a3", re.UNICODE)
_cache: dict[str, str] = {}
_CACHE_LIMIT = 2_000_000


def normalise_token(token: str) -> str:
    """Map one lower-case token to its feature form (spelling unified, stemmed)."""
    if token[0].isdigit():
        return "<num>"
    t = token.replace("\u2019", "'")
    if t.endswith("'s"):
        t = t[:-2]
    t = t.strip("'-")
    if not t:
        return ""
    t = SPELLING.get(t, t)
    if "." in t:  # initialisms: "u.s." -> "us"
        t = t.replace(".", "")
    t = _ISE.sub(r"iz\1", t)
    return _STEMMER.stem(t)


def analyse(text: str) -> list[str]:
    """Feature tokens of a text: what the TF-IDF vectoriser counts (before n-grams)."""
    cache = _cache
    out = []
    for tok in _TOKEN.findall(text.lower()):
        f = cache.get(tok)
        if f is None:
            f = normalise_token(tok)
            if len(cache) < _CACHE_LIMIT:
                cache[tok] = f
        if f:
            out.append(f)
    return out


def identity(tokens):
    """Pass-through preprocessor (module level so that a fitted vectoriser pickles)."""
    return tokens
