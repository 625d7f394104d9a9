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
