"""The label set: the only place topics, tones and registers are declared.

Labels follow the project's annotation guide (``docs/annotation-guide.md`` mirrors
``../shared/annotation-guide.md``).

>>> from stance.labels import TOPICS, TONES
>>> TOPICS
('trade', 'immigration', 'defence', 'tech')
>>> TONES
('cooperative', 'contentious', 'neutral')
"""
from __future__ import annotations

#: Policy topics, multi-label. A sentence with none of them is "other".
TOPICS: tuple[str, ...] = ("trade", "immigration", "defence", "tech")

#: Framing of the relationship between actors, exactly one per sentence.
TONES: tuple[str, ...] = ("cooperative", "contentious", "neutral")

#: Tones that carry a relationship framing (used by net tone and balance).
TONED: tuple[str, ...] = ("cooperative", "contentious")

#: Writing registers of the training corpus.
REGISTERS: tuple[str, ...] = (
    "wire", "analysis", "op-ed", "readout", "blog", "tabloid",
    "headline", "quote", "caption", "boilerplate",
)

#: Version of the corpus / card schema.
SCHEMA_VERSION = 1

__all__ = ["TOPICS", "TONES", "TONED", "REGISTERS", "SCHEMA_VERSION"]
