"""Score the real articles in ../shared/seeds as a user would (their text is never copied here)."""
import re

import pytest

import stance

# furniture as a reader spots it in the seeds: markers written here, not text from the articles
MARKERS = re.compile(
    r"^(?:read more|leave a comment|related posts|spread the love|physical address|en_US)|"
    r"open image in gallery|^image:|photograph:|^[\s\d\u2212+-]*=\s*\d*$|your (?:support|donation)|"
    r"inputs from agencies|additional reporting|^\d+ \w+ \w+ st\.$|, [A-Z]{2} \d{5}$|^date \d{4}-\d\d-\d\d$",
    re.IGNORECASE)


def test_every_seed_scores_with_furniture_kept_out(seeds_dir):
    total_marked = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        art = stance.score(text)
        assert art.n_sentences > 5
        for s in art.sentences:
            assert text[s.start:s.end] == s.text
            if MARKERS.search(s.text):
                total_marked += 1
                assert s.furniture, (path.name, s.text[:60])
            if s.furniture:
                assert s.topics == () and s.tone == "neutral"
                assert all(p == 0 for p in s.topic_probs.values())
        assert 0 <= art.n_furniture < art.n_sentences
        assert sum(art.tone_share.values()) == pytest.approx(1.0)
    assert total_marked >= 15


def test_seed_articles_are_about_the_guides_topics(seeds_dir):
    """Loose sanity on real text: each India-US article touches at least one topic, and the
    set of five covers trade, immigration and defence."""
    seen = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        art = stance.score(path.read_text(encoding="utf-8"))
        found = {t for t, n in art.topic_counts.items() if n > 0}
        assert found, path.name
        seen |= found
    assert {"trade", "immigration", "defence"} <= seen
