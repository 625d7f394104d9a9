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
_cache: dict[str, tuple[str, ...]] = {}
_CACHE_LIMIT = 2_000_000


#: Place names and demonyms, masked to one feature ("<place>") when masking is on, so that
#: neither head learns a country as a cue for a tone or a topic.
PLACES = frozenset("""
afghan afghanistan africa african albania algeria algerian america american americans angola ankara
argentina argentine argentinian armenia armenian asean asia asian athens australia australian austria
azerbaijan azerbaijani baghdad bangladesh bangladeshi beijing belarus belgian belgium berlin bogota
bolivia bolivian brasilia brazil brazilian britain british brussels bulgaria cairo cambodia cambodian
canada canadian canberra caracas chile chilean china chinese colombia colombian congo congolese croatia
cuba cuban czech damascus delhi denmark dhaka dutch ecuador egypt egyptian emirati emirates eritrea
ethiopia ethiopian eu europe european fiji finland finnish france french georgia georgian german germany
ghana ghanaian greece greek guatemala guyana havana hungary india indian indonesia indonesian iran
iranian iraq iraqi ireland irish islamabad israel israeli italian italy jakarta japan japanese jordan
kazakhstan kenya kenyan kabul korea korean kosovo kremlin kuwait kyiv lagos laos lebanese lebanon libya
lima london madrid malaysia malaysian manila mexican mexico moscow morocco moroccan myanmar nairobi
nepal netherlands nigeria nigerian norway norwegian ottawa pakistan pakistani palestinian paris peru
peruvian philippine philippines poland polish portugal pretoria qatar qatari riyadh romania russia
russian rwanda saudi senegal seoul serbia serbian singapore somalia spain spanish sudan sweden swedish
switzerland syria syrian taipei taiwan taiwanese tanzania tehran thai thailand tokyo turkey turkish
turkiye uae uganda ukraine ukrainian uk us usa uzbekistan venezuela venezuelan vietnam vietnamese
warsaw washington zimbabwe
abu abuja accra addis ababa aires albanian aleppo alexandria algerians algiers amman andorra angolan antigua
antwerp ashgabat astana asuncion austrian aviv bahamas bahrain bahraini baku bamako bangalore bangkok barbados
barcelona basra beirut belarusian belgrade belize bengaluru benin beninese bhutan bhutanese bishkek bosnia bosnian
botswana bratislava brunei bucharest budapest buenos bulgarian burkina burkinabe burma burmese burundi burundian
cameroon cameroonian casablanca chadian chennai chisinau chittagong colombo comoros copenhagen costa croatian
cypriot cyprus dakar danish dar dhabi dili djibouti djiboutian doha dominican dubai dublin durban dushanbe
ecuadorian eritrean estonia estonian eswatini filipino filipinos frankfurt freetown gabon gabonese gaborone
gambia gambian geneva grenada guangzhou guatemalan guinean haiti haitian hanoi harare helsinki honduran honduras
hong hungarian hyderabad iceland icelandic istanbul ivorian jamaica jamaican jeddah jerusalem johannesburg
jordanian juba kampala kandahar karachi kathmandu kazakh khartoum kigali kinshasa kiribati kolkata kong koreans
kuala kuwaiti kyrgyz kyrgyzstan lahore lanka lankan latvia latvian leone lesotho liberia liberian libyan
liechtenstein lisbon lithuania lithuanian ljubljana lome luanda lumpur lusaka luxembourg macedonia macedonian
madagascar malagasy malawi malawian maldives maldivian mali malian malta maltese managua manama maputo marseille
mauritania mauritanian mauritius melbourne milan minsk mogadishu moldova moldovan mombasa monaco mongolia
mongolian monrovia montenegrin montenegro montevideo montreal mosul mozambican mozambique mumbai munich muscat
namibia namibian nauru naypyidaw nepalese nepali niamey nicaragua nicaraguan nicosia nigerien oman omani osaka
oslo ouagadougou panama panamanian papua paraguay paraguayan penh peshawar phnom podgorica portuguese prague
putrajaya pyongyang quito rabat reykjavik rica rican riga romanian rome rotterdam rwandan salaam salvadoran samoa
sanaa sarajevo scotland scottish senegalese seychelles shanghai shenzhen sierra skopje slovak slovakia slovenia
slovenian sofia somali somalian stockholm sudanese suriname suva swazi swiss sydney tajik tajikistan tallinn
tanzanian tashkent tbilisi tegucigalpa tel thimphu timor tirana togo togolese tonga toronto trinidad tripoli
tunis tunisia tunisian turkmen turkmenistan tuvalu ugandan ulaanbaatar uruguay uruguayan uzbek vancouver vanuatu
vatican vienna vientiane vilnius wales wellington welsh windhoek yangon yemen yemeni yerevan zagreb zambia
zambian zealand zimbabwean zurich
""".split())


def normalise_token(token: str, mask_places: bool = False) -> str:
    """Map one lower-case token to its feature form (spelling unified, stemmed; with
    ``mask_places``, place names and demonyms become ``<place>``)."""
    if token[0].isdigit():
        return "<num>"
    t = token.replace("\u2019", "'")
    if t.endswith("'s"):
        t = t[:-2]
    t = t.strip("'-")
    if "." in t:  # initialisms: "u.s." -> "us"
        t = t.replace(".", "")
    if not t:
        return ""
    if mask_places and (t in PLACES or (t[-1] == "s" and t[:-1] in PLACES)):  # "Iraqis", "Kenyans"
        return "<place>"
    t = SPELLING.get(t, t)
    t = _ISE.sub(r"iz\1", t)
    return _STEMMER.stem(t)


def _chunk_features(chunk: str, mask_places: bool) -> tuple[str, ...]:
    return tuple(f for f in (normalise_token(t, mask_places) for t in _TOKEN.findall(chunk)) if f)


def _analyse(text: str, cache: dict, mask_places: bool) -> list[str]:
    out: list[str] = []
    for chunk in text.lower().split():
        f = cache.get(chunk)
        if f is None:
            f = _chunk_features(chunk, mask_places)
            if len(cache) < _CACHE_LIMIT:
                cache[chunk] = f
        out += f
    return out


_masked_cache: dict[str, tuple[str, ...]] = {}


def analyse(text: str) -> list[str]:
    """Feature tokens of a text: what the TF-IDF vectoriser counts (before n-grams).

    Tokens never span whitespace, so the text is cut at whitespace and each chunk ("tariffs,",
    "(wto).") is mapped once through a cache to its feature tokens.
    """
    return _analyse(text, _cache, False)


def analyse_masked(text: str) -> list[str]:
    """:func:`analyse` with place names and demonyms masked to ``<place>``.

    >>> analyse_masked("Beijing and Canberra traded barbs")
    ['<place>', 'and', '<place>', 'trade', 'barb']
    """
    return _analyse(text, _masked_cache, True)


ANALYSERS = {"plain": analyse, "masked": analyse_masked}


def identity(tokens):
    """Pass-through preprocessor (module level so that a fitted vectoriser pickles)."""
    return tokens


def fast_transform(vectorizer, texts):
    """Exactly ``vectorizer.transform(texts)`` for a fitted word-level ``TfidfVectorizer`` that
    uses :func:`analyse` with unigrams and/or bigrams, computed without scikit-learn's per-feature
    Python loop (unknown n-grams are skipped by a dictionary look-up instead of an exception).
    The result is checked against scikit-learn's own transform in the tests."""
    import numpy as np
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    vocab = vectorizer.vocabulary_
    tokenize = vectorizer.tokenizer
    lo, hi = vectorizer.ngram_range
    get = vocab.get
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        toks = tokenize(text)
        if lo <= 1 <= hi:
            indices.extend(i for i in map(get, toks) if i is not None)
        if lo <= 2 <= hi and len(toks) > 1:
            indices.extend(i for i in map(get, map(" ".join, zip(toks, toks[1:]))) if i is not None)
        indptr.append(len(indices))
    n = len(indptr) - 1
    X = sp.csr_matrix((np.ones(len(indices), dtype=np.float64), np.asarray(indices, dtype=np.int32),
                       np.asarray(indptr, dtype=np.int64)), shape=(n, len(vocab)))
    X.sum_duplicates()
    if vectorizer.sublinear_tf:
        np.log(X.data, X.data)
        X.data += 1
    if vectorizer.use_idf:
        X.data *= vectorizer.idf_[X.indices]
    if vectorizer.norm:
        X = normalize(X, norm=vectorizer.norm, copy=False)
    return X.astype(vectorizer.dtype, copy=False)
