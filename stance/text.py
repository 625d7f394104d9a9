"""Text stage: normalisation, sentence splitting with character offsets, page furniture.

Sentences are found with nltk's Punkt algorithm, using parameters the project trained on its
own corpus (``stance/_data/punkt_params.json``, rebuilt by ``python -m stance.text``);
nothing is downloaded. Every line of the input is split on its own, so headlines without a
final stop and one-line paragraphs come out as sentences of their own.

>>> from stance.text import split_sentences
>>> [s.text for s in split_sentences("Mr. Trump met Mr. Modi in Washington, D.C. on Monday. Talks went on.")]
['Mr. Trump met Mr. Modi in Washington, D.C. on Monday.', 'Talks went on.']
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktTrainer

PUNKT_PATH = Path(__file__).with_name("_data") / "punkt_params.json"

#: Abbreviations Punkt must never end a sentence on (lower case, without the final stop).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt sgt adm cmdr brig sen rep gov pres amb sec dept min
st jr sr inc ltd co corp bros plc llc no nos vol fig p pp vs etc approx est dist ave blvd rd
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
u.s u.k u.n u.s.a e.u d.c n.y l.a a.m p.m e.g i.e cf al op ed mt ft hon rt
""".split())

_WS = re.compile(r"\s+")
_LINE = re.compile(r"[^\n]+")
# a scraped metadata stamp glued in front of a line ("date 2025-01-28 ...", "Published: 3 May 2026")
_LEADING_STAMP = re.compile(
    r"^\s*(?:date|published|updated|posted|last updated)\s*:?\s*"
    r"(?:\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2},? \d{4})"
    r"(?:,? \d{1,2}[:.]\d{2} ?(?:[AaPp]\.?[Mm]\.?)?(?: [A-Z]{2,4})?)?\s+",
    re.IGNORECASE)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), " ")
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text: its ``text`` is exactly ``original[start:end]``; ``clean`` is the
    same span after :func:`clean_text` (control characters, zero-width characters and HTML tags
    blanked, entities decoded, same length), which is what the model reads."""

    text: str
    start: int
    end: int
    furniture: bool = False
    clean: str | None = None

    @property
    def model_text(self) -> str:
        return self.text if self.clean is None else self.clean


# --------------------------------------------------------------------------- Punkt

def _params_from_dict(d: dict) -> PunktParameters:
    p = PunktParameters()
    p.abbrev_types = set(d.get("abbrev_types", ())) | set(ABBREVIATIONS)
    p.collocations = {tuple(c) for c in d.get("collocations", ())}
    p.sent_starters = set(d.get("sent_starters", ()))
    for word, flags in d.get("ortho_context", {}).items():
        p.ortho_context[word] = int(flags)
    return p


def _params_to_dict(p: PunktParameters) -> dict:
    return {
        "abbrev_types": sorted(p.abbrev_types),
        "collocations": sorted([list(c) for c in p.collocations]),
        "sent_starters": sorted(p.sent_starters),
        "ortho_context": {k: int(v) for k, v in sorted(p.ortho_context.items())},
    }


# a potential break after a plain word ("ties. The") or after ? / ! with a token following
_PLAIN_PERIOD = re.compile(r"([^\W\d_][^\W\d_'\u2019-]*[^\W\d_])\.\s+\S+$")
_QUESTION_BANG = re.compile(r"[^\s?!]*[?!]+\s+\S+$")


class FastPunktTokenizer(PunktSentenceTokenizer):
    """nltk's Punkt with a shortcut for the commonest decision, taken exactly as Punkt takes it.

    A period after a plain word of two or more letters that is neither a known abbreviation nor
    the first word of a known collocation is, by Punkt's first and second pass, a sentence break;
    so is ``?`` or ``!`` followed by a token. Every other candidate (abbreviations, initials,
    numbers, quotes, brackets) goes through Punkt's full annotation.
    """

    def __init__(self, params: PunktParameters):
        super().__init__(params)
        self._abbrevs = frozenset(params.abbrev_types)
        self._colloc_first = frozenset(a for a, _ in params.collocations)

    def text_contains_sentbreak(self, text: str) -> bool:
        m = _PLAIN_PERIOD.match(text)
        if m:
            word = m.group(1).lower()
            if word not in self._abbrevs and word.rsplit("-", 1)[-1] not in self._abbrevs \
                    and word not in self._colloc_first:
                return True
        elif _QUESTION_BANG.match(text):
            return True
        return super().text_contains_sentbreak(text)


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    try:
        data = json.loads(PUNKT_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError:  # a checkout before the parameters were trained
        data = {}
    return FastPunktTokenizer(_params_from_dict(data))


def train_punkt(texts: Iterable[str]) -> PunktParameters:
    """Learn Punkt parameters from plain texts, with :data:`ABBREVIATIONS` added."""
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    for t in texts:
        trainer.train(t, finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()
    params.abbrev_types |= set(ABBREVIATIONS)
    return params


def save_punkt(params: PunktParameters, path: Path = PUNKT_PATH) -> None:
    """Write Punkt parameters as JSON, atomically."""
    atomic_write_text(path, json.dumps(_params_to_dict(params), indent=0, sort_keys=True))
    _tokenizer.cache_clear()


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write text to ``path`` via a temporary file and a rename: the old or the new file, never half."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write bytes to ``path`` via a temporary file in the same folder and ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


# --------------------------------------------------------------------------- furniture

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_FURNITURE_PATTERNS = [
    # reading and navigation prompts (short lines only)
    r"^(?=.{0,60}$)(?:read|click|tap|swipe|scroll|continue reading|view|load|see|watch|listen)\b.{0,40}\b(?:more|here|full (?:story|article|coverage)|comments?|gallery|photos|video|next|also)\b",
    r"^(?=.{0,80}$)(?:also read|read also|related(?: posts| stories| articles| coverage| topics)?|recommended(?: for you)?|more from|more on this|trending(?: now)?|most read|top stories|you may also like|don'?t miss|further reading)\b",
    r"\bread more\s*$",
    r"^(?=.{0,40}$)(?:advertisement|sponsored(?: content| by .*)?|promoted(?: content)?|ad feedback|story continues below)\s*$",
    # sharing, following, comments
    r"^(?:share|tweet|email|print|copy link|whatsapp|facebook|twitter|linkedin|telegram|reddit)"
    r"(?:\s*(?:on|via|this|to|article|story|link|page|x|facebook|twitter|whatsapp|linkedin|email|telegram|reddit|[|/\u00b7,]))*\s*$",
    r"^(?:spread the love|share this(?: article| story| page)?|follow us|join us on|like us on)\b",
    r"\b(?:leave|post|add|write|view|load|show|read) (?:a |your |all |the )?comments?\s*$",
    r"^\d+\s+comments?\b|\bcomments? \(\d+\)",
    r"\byour email address will not be published\b|\brequired fields are marked\b",
    r"^(?=.{0,30}$)(?:reply|report|flag|upvote|downvote|sort by|oldest first|newest first)\b",
    # captcha sums and solve prompts
    r"^\s*[\d\s]*[+\-\u2212\u00d7x*]\s*\d*\s*=\s*[\d?_ ]*$",
    r"\b(?:captcha|prove you are human|i'?m not a robot|solve the sum)\b",
    # subscription, newsletters, donations, paywalls
    r"\b(?:subscribe (?:to|now|for|today|here)|subscribers? only|sign up (?:for|to|here|now)|newsletters?\b|unsubscribe)",
    r"\b(?:donate (?:now|today|here|to us)|make a donation|your donation|your support|support (?:us|now)\b|support (?:our|independent|quality) (?:journalism|reporting|newsroom)|become a (?:member|supporter|patron|subscriber)|paywalls?|contribute (?:today|now))",
    r"\b(?:independent|quality|public[- ]interest) journalism\b",
    r"\b(?:we use cookies|accept (?:all )?cookies|cookie (?:policy|settings)|privacy policy|terms of (?:use|service)|all rights reserved)\b",
    r"\u00a9|\(c\) ?\d{4}|^copyright\s*(?:\u00a9|\d{4}|\(c\))",
    # image captions and credits
    r"^(?:open image in gallery|image|photo|photograph|picture|pictured|file photo|file image|caption|graphic|illustration|credit|photo credit|image credit)\s*(?:\d+ of \d+)?\s*[:|\-\u2013\u2014]",
    r"^(?:open image in gallery|enlarge this image|expand image|view image|image \d+ of \d+)\b",
    r"\b(?:photo|photograph|image|picture|video)(?: credit)?\s*[:/]\s*(?:@|getty|reuters|afp|ap\b|ani\b|pti\b|file\b|handout|courtesy|[A-Z][a-z]+ [A-Z][a-z]+\s*(?:/|$))",
    r"\(\s*(?:reuters|afp|ap|ani|pti|getty(?: images)?|epa|ians|xinhua|bloomberg|file|handout|afp via getty|ap photo)[^)]{0,40}\)\s*$",
    r"\b(?:getty images|shutterstock|ap photo|afp photo|reuters/|via getty)\b",
    r"^\(?(?:with inputs from|additional reporting by|reporting by|writing by|editing by|edited by|compiled by)\b",
    # bylines, page timestamps
    r"^by\s+(?!" + _MONTH + r"\b|" + _DAY + r"\b)[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){1,3}\s*(?:,|\||$|\u2014|-)",
    r"^(?=.{0,70}$)(?:updated|published|posted|last updated|first published)\s*(?::|on\b)?\s*(?:\d|" + _MONTH + r"\b|" + _DAY + r"\b)",
    r"^(?=.{0,40}$)\d{1,2}:\d{2}\s*(?:am|pm)?\b",
    r"^\d+\s*(?:min|mins|minute|minutes)\s+read\b",
    # addresses and contact blocks
    r"^(?:physical|postal|mailing|registered|office|our)\s+address\b",
    r"^\d{1,5}\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,4}\s+(?:st|street|ave|avenue|rd|road|blvd|boulevard|lane|ln|drive|dr|way|place|pl|square|sq)\.?\s*$",
    r"^[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3},\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?\s*$",
    r"\b(?:p\.?o\.? box|tel(?:ephone)?\s*[:.]|fax\s*[:.]|e-?mail\s*:)",
    r"^(?:contact us|about us|careers|advertise with us|corrections|sitemap|home|menu|search|log ?in|sign in|register|skip to (?:main )?content)\s*$",
    # language pickers and locale codes, hashtag lines
    r"^[a-z]{2}_[A-Z]{2}\S*$",
    r"^(?:english|hindi|espa\u00f1ol|fran\u00e7ais|deutsch|\u0939\u093f\u0928\u094d\u0926\u0940|\u4e2d\u6587|select language|language)\s*(?:[|/\u00b7,]\s*\w+\s*)*$",
    r"^#\w+(?:\s+#\w+)*\s*$",
    r"^(?=.{0,80}$).*\s#\w+\s*$",
]


def _top_level_alternation(pattern: str) -> bool:
    depth, escaped, in_class = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


# Patterns anchored at the start are tried with one ``match`` (cheap); the others only run when
# the lower-cased sentence holds one of their keywords (most news sentences hold none).
_ANCHORED = [p for p in _FURNITURE_PATTERNS if p.startswith("^") and not _top_level_alternation(p)]
_FLOATING = [p for p in _FURNITURE_PATTERNS if p not in _ANCHORED]
_FURNITURE_START = re.compile("|".join(f"(?:{p})" for p in _ANCHORED), re.IGNORECASE)
# the anchored patterns that can match a sentence of any length (captions, bylines...); the
# rest only match short lines, so long sentences skip them
_UNCAPPED = [p for p in _ANCHORED if not re.match(r"\^\(\?=\.\{0,\d+\}\$\)", p) and "$" not in p]
_FURNITURE_START_LONG = re.compile("|".join(f"(?:{p})" for p in _UNCAPPED), re.IGNORECASE)
_FURNITURE_ANY = re.compile("|".join(f"(?:{p})" for p in _FLOATING), re.IGNORECASE)
_FLOATING_KEYS = (
    "read more", "comment", "email address", "required fields", "captcha", "prove you are human",
    "not a robot", "solve the sum", "subscri", "sign up", "newsletter", "donat", "your support",
    "support us", "support now", "support our", "support independent", "support quality", "become a",
    "paywall", "contribute", "journalism", "cookie", "privacy policy", "terms of", "rights reserved",
    "\u00a9", "(c)", "copyright", "photo", "image", "picture", "video", "getty", "shutterstock",
    "reuters/", "box", "tel:", "tel.", "telephone", "fax", "mail:",
)
_FLOATING_KEY_RE = re.compile("|".join(re.escape(k) for k in _FLOATING_KEYS))
_LETTER = re.compile(r"[^\W\d_]")


def is_furniture(sentence: str) -> bool:
    """True when a sentence is page furniture: navigation, sharing, comments, captcha sums,
    subscription or donation appeals, image captions and credits, bylines, addresses, language
    pickers, or text with no letters at all.

    >>> is_furniture("Read more"), is_furniture("Tariffs rose again.")
    (True, False)
    """
    s = sentence.strip()
    if not s:
        return True
    if not _LETTER.search(s):
        return True
    if (_FURNITURE_START if len(s) <= 120 else _FURNITURE_START_LONG).match(s):
        return True
    low = s.lower()
    if low.endswith(")") and _FURNITURE_ANY.search(s):
        return True
    if _FLOATING_KEY_RE.search(low):
        return _FURNITURE_ANY.search(s) is not None
    return False


_HTML_BLOCK = re.compile(r"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]{0,2000})?/?>|<!--.*?-->|<!DOCTYPE[^>]{0,200}>", re.DOTALL)
_HTML_BREAK = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|"
                         r"figure|figcaption|blockquote|title|nav|aside)\b", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def has_html(text: str) -> bool:
    """True when the text holds HTML tags."""
    return "<" in text and _HTML_TAG.search(text) is not None


def _blank(m: re.Match) -> str:
    s = m.group()
    # a block-level tag ends a line, so paragraphs in markup split like paragraphs in text
    return ("\n" + " " * (len(s) - 1)) if _HTML_BREAK.match(s) else " " * len(s)


def _entity(m: re.Match) -> str:
    import html as _html

    s = m.group()
    ch = _html.unescape(s)
    return s if len(ch) > len(s) or ch == s else ch + " " * (len(s) - len(ch))


def clean_text(text: str) -> str:
    r"""Blank what is not prose, keeping the length so that offsets into the cleaned text are
    offsets into the original: zero-width and control characters (except newlines and tabs)
    become spaces; HTML tags, comments, scripts and styles become spaces (block-level tags a line
    break); HTML entities are decoded and padded with spaces.

    >>> clean_text("<p>Tariffs &amp; quotas</p>")
    '\n  Tariffs &     quotas\n   '
    """
    if _ZERO_WIDTH_RE.search(text):
        text = text.translate(_ZERO_WIDTH)
    if _has_control(text):
        text = "".join(ch if (ch >= " " or ch in "\n\t") else " " for ch in text)
    if "<" in text:
        text = _HTML_BLOCK.sub(_blank, text)
        text = _HTML_TAG.sub(_blank, text)
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


#: Longest sentence kept whole, in characters; longer runs are cut at a space near this length.
MAX_SENTENCE_CHARS = 2000


def _cut_long(start: int, end: int, text: str) -> Iterable[tuple[int, int]]:
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with character offsets into ``text``.

    Each line is split on its own with Punkt; a stamp glued in front of a line
    ("date 2025-01-28 ...") becomes a furniture segment of its own; whitespace is trimmed from
    each sentence. A paragraph that holds a donation or subscription appeal is furniture whole.

    >>> s = split_sentences("Headline Without Stop\\n\\nFirst sentence. Second one.")
    >>> [(x.text, x.start) for x in s]
    [('Headline Without Stop', 0), ('First sentence.', 23), ('Second one.', 39)]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    cleaned = clean_text(text)
    tok = _tokenizer()
    period_context = tok._lang_vars.period_context_re()
    out: list[Sentence] = []
    for m in _LINE.finditer(cleaned):
        line_start = m.start()
        line = m.group()
        if not line.strip():
            continue
        stamp = _LEADING_STAMP.match(line)
        offset = 0
        spans: list[tuple[int, int, bool]] = []
        if stamp:
            a = len(line) - len(line.lstrip())
            spans.append((a, len(stamp.group().rstrip()), True))
            offset = stamp.end()
        body = line[offset:]
        # a line with no potential sentence end inside is one sentence: Punkt would return the
        # same single span, so skip its machinery (headlines, captions, one-line paragraphs)
        if period_context.search(body) is None:
            body_spans = [(0, len(body.rstrip()))]
        else:
            body_spans = tok.span_tokenize(body)
        for a, b in body_spans:
            for a2, b2 in _cut_long(a + offset, b + offset, line):
                spans.append((a2, b2, False))
        flagged = [(a, b, f or is_furniture(line[a:b])) for a, b, f in spans]
        # a paragraph that is an appeal (several sentences, one of them clearly an appeal and
        # none of them news) is furniture whole: appeals are written in sentences of their own
        if len(flagged) > 2 and sum(f for _, _, f in flagged) >= 2 and _APPEAL.search(line):
            flagged = [(a, b, True) for a, b, _ in flagged]
        for a, b, f in flagged:
            seg = line[a:b]
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg.rstrip())
            if trail <= lead:
                continue
            start = line_start + a + lead
            end = line_start + a + trail
            original = text[start:end]
            seg = cleaned[start:end]
            out.append(Sentence(original, start, end, f, None if seg == original else seg))
    return out


_APPEAL = re.compile(r"\b(?:your support|your donation|support now|donate|subscribe)\b", re.IGNORECASE)


_FUNCTION_WORDS = frozenset("""
the a an and or but of to in on at for with by from as is are was were be been has have had will would
said says that this it its their they he she we not no than which who also after over more about
""".split())
_WORD = re.compile(r"[^\W\d_]+")


_NON_LATIN_LETTER = re.compile(r"[^\W\d_\x00-\u024f]")


def looks_english(text: str, sample: int = 1500) -> bool | None:
    """A cheap language check for flagging, on the first ``sample`` characters: True when
    common English function words make up a normal share of the words, False when the text is
    mostly in a non-Latin script or such words are (almost) absent, None when it is too short
    to tell (fewer than 12 words)."""
    text = text[:sample]
    if not text.isascii():
        non_latin = len(_NON_LATIN_LETTER.findall(text))
        visible = len(text) - text.count(" ") - text.count("\n")
        if non_latin >= 20 and non_latin >= 0.4 * visible:
            return False  # mostly a non-Latin script
    words = text.lower().split()
    if len(words) < 12:
        return None
    fw = _FUNCTION_WORDS
    share = sum(w.strip(".,;:!?\"'()") in fw for w in words) / len(words)
    return share >= 0.08


def text_flags(text: str) -> tuple[str, ...]:
    """Flags about the input itself: ``html_markup`` (tags were blanked before scoring) and
    ``non_english`` (the text does not read as English; the model was trained on English only,
    so its labels for this text mean little)."""
    flags = []
    if has_html(text):
        flags.append("html_markup")
    if looks_english(clean_text(text) if flags else text) is False:
        flags.append("non_english")
    return tuple(flags)


def corpus_texts_for_punkt(root: Path) -> list[str]:
    """Plain texts of the project's own corpus (sentences and example articles) for Punkt."""
    from .data import read_labelled, load_articles  # local: data imports nothing from here

    texts = [r["text"] for r in read_labelled(root / "sentences")]
    texts += [a.text for a in load_articles(root / "articles")]
    return texts


if __name__ == "__main__":  # pragma: no cover - maintenance: rebuild the shipped parameters
    import sys

    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data")
    params = train_punkt(["\n".join(corpus_texts_for_punkt(root))])
    save_punkt(params)
    print(f"wrote {PUNKT_PATH}: {len(params.abbrev_types)} abbreviations, "
          f"{len(params.sent_starters)} sentence starters, {len(params.ortho_context)} words")
