"""The project's own labelled corpus: valid, free of duplicates and template twins, on target."""
import pytest

from conftest import ROOT
from stance.data import validate_path

CORPUS = ROOT / "data" / "sentences"


@pytest.fixture(scope="module")
def report():
    if not CORPUS.is_dir():
        pytest.skip("data/sentences is not in this checkout")
    return validate_path(CORPUS)


def test_no_duplicates_twins_or_label_problems(report):
    assert not report.duplicates, report.duplicates[:10]
    assert not report.twins, report.twins[:10]
    assert not report.problems, report.problems[:10]


def test_corpus_meets_its_targets(report):
    missed = {k: v for k, v in report.checks.items() if not v[2]}
    assert not missed, missed


def test_corpus_never_repeats_an_example_article_sentence(report):
    from stance.data import load_articles, read_labelled

    gold = {" ".join(g.text.casefold().split()) for a in load_articles() for g in a.gold}
    train = {" ".join(r["text"].casefold().split()) for r in read_labelled(CORPUS)}
    assert not (gold & train)
