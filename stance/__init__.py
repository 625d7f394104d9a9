"""stance: which policy topics news sentences cover, and how they frame relations between countries.

>>> import stance
>>> art = stance.score("India and the US agreed to cut tariffs on farm goods. Read more")
>>> sorted(art.to_dict())[:3]
['balance', 'flags', 'n_content']

The public API: :func:`classify`, :func:`score`, :func:`score_many`, :func:`evaluate`,
:func:`load_model`, the result classes :class:`SentenceScore` and :class:`ArticleScore`, and
the label sets :data:`TOPICS` and :data:`TONES`.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .exceptions import DataError, ModelIntegrityError, StanceError
from .labels import TONES, TOPICS
from .resources import load_model
from .scoring import ArticleScore, SentenceScore, classify, iter_scores, score, score_many
from .evaluate import evaluate
from .data import load_articles
from .aggregate import compare
from .explain import Explanation, explain

__all__ = [
    "TOPICS", "TONES", "classify", "score", "score_many", "iter_scores", "evaluate", "load_model",
    "load_articles", "compare", "explain", "Explanation", "SentenceScore", "ArticleScore", "StanceError", "ModelIntegrityError", "DataError",
    "__version__",
]
