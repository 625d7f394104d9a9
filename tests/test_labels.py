import stance
from stance import labels


def test_label_sets_are_the_guides():
    assert stance.TOPICS == ("trade", "immigration", "defence", "tech")
    assert stance.TONES == ("cooperative", "contentious", "neutral")
    assert labels.TONED == ("cooperative", "contentious")
    assert set(labels.TONED) < set(labels.TONES)


def test_project_guide_names_every_label():
    from conftest import ROOT

    guide = (ROOT / "docs" / "annotation-guide.md").read_text(encoding="utf-8")
    for name in stance.TOPICS + stance.TONES:
        assert f"`{name}`" in guide
