"""The README's accuracy tables are drawn from the bundled model card and agree with it."""


import stance
from conftest import ROOT
from stance.card import RENDERERS, fill


def test_readme_blocks_match_the_card():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    card = stance.load_model().card
    for name in RENDERERS:
        assert f"<!-- card:{name} -->" in readme, f"README lacks the {name} block"
    assert fill(readme, card) == readme, "README is out of date: run python -m stance.card"


def test_readme_commands_are_the_ci_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install ".[dev]"' in readme and 'pip install --quiet ".[dev]"' in ci
    assert "python -m pytest" in readme and "python -m pytest" in ci
