"""Property-based tests: for any text, scoring holds its promises."""
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stance

WORDS = st.sampled_from(["tariffs", "troops", "visa", "chips", "Mr.", "U.S.", "agreed", "accused", "the",
                         "talks", "\u200b", "Read more", "\n", "\n\n", ".", "!", "?", "\u201c", "\u201d",
                         "5 + 3 = ?", "\u00e9t\u00e9", "\u4e2d\u6587", "\x00", "   "])
TEXTS = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=60).map(" ".join))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(TEXTS)
def test_score_never_raises_and_keeps_its_ranges(text):
    art = stance.score(text)
    assert all(0.0 <= v <= 1.0 for v in art.topic_share.values())
    assert all(0.0 <= v <= 1.0 for v in art.tone_share.values())
    if art.n_content:
        assert math.isclose(sum(art.tone_share.values()), 1.0, abs_tol=1e-5)  # shares are rounded to 6 places
    if not math.isnan(art.net_tone):
        assert -1.0 <= art.net_tone <= 1.0 and 0.0 <= art.balance <= 1.0
    for s in art.sentences:
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text


@SETTINGS
@given(TEXTS)
def test_scoring_is_deterministic(text):
    assert stance.score(text).to_dict() == stance.score(text).to_dict()


@settings(max_examples=15, deadline=None)
@given(st.lists(TEXTS, min_size=2, max_size=6), st.randoms(use_true_random=False))
def test_order_of_articles_does_not_change_results(texts, rnd):
    records = [{"id": i, "text": t} for i, t in enumerate(texts)]
    shuffled = records[:]
    rnd.shuffle(shuffled)
    a = stance.score_many(records).set_index("id").sort_index()
    b = stance.score_many(shuffled, batch_size=2).set_index("id").sort_index()
    import pandas as pd
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9)
