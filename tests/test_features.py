from stance.features import analyse, normalise_token


def test_british_and_american_spellings_share_features():
    pairs = [("defence", "defense"), ("programme", "program"), ("labour", "labor"),
             ("organised", "organized"), ("centre", "center"), ("liberalisation", "liberalization"),
             ("neighbouring", "neighboring"), ("travelled", "traveled")]
    for uk, us in pairs:
        assert normalise_token(uk) == normalise_token(us), (uk, us)


def test_inflections_share_a_stem():
    assert len({normalise_token(w) for w in ("tariff", "tariffs")}) == 1
    assert len({normalise_token(w) for w in ("deport", "deported", "deporting")}) == 1
    assert normalise_token("raise") == normalise_token("raised")


def test_initialisms_and_numbers():
    assert analyse("U.S. and US") == ["us", "and", "us"]
    assert analyse("$4.2bn in 2025")[:2] == ["$", "<num>"]
    assert analyse("") == []


def test_fast_transform_equals_sklearns(tiny_model):
    import numpy as np
    from stance.features import fast_transform

    texts = ["The U.S. raised tariffs on steel, again!", "Defence programmes organised; joint drills.",
             "", "   ", "Unknown words only: zyxxy qwop.", "Visa visa visa rules eased for students."]
    A = tiny_model.vectorizer_.transform(texts)
    B = fast_transform(tiny_model.vectorizer_, texts)
    assert A.shape == B.shape and A.dtype == B.dtype
    assert np.allclose(A.toarray(), B.toarray(), atol=1e-6)
