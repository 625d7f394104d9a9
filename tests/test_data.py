import json

import pytest

from stance.data import (DataError, iter_article_records, load_articles, read_training, skeleton,
                         validate_records)

GOOD = {"id": "x1", "text": "Tariffs rose.", "topics": ["trade"], "tone": "contentious", "hard": False,
        "register": "wire", "actors": ["A", "B"]}


def _write(tmp_path, rows, name="c.jsonl"):
    p = tmp_path / name
    p.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("bad, message, line", [
    (dict(GOOD, id="x2", tone="angry"), "unknown tone 'angry'", 2),
    (dict(GOOD, id="x2", topics=["sport"]), "unknown topic 'sport'", 2),
    ({k: v for k, v in GOOD.items() if k != "tone"} | {"id": "x2"}, "missing field 'tone'", 2),
    ("{not json", "bad JSON", 2),
    (dict(GOOD, text="Other text."), "duplicate id 'x1'", 2),
    (dict(GOOD, id="x2", tone="neutral"), "conflicting labels", 2),
    (dict(GOOD, id="x2", text="   "), "non-empty string", 2),
])
def test_training_data_errors_name_file_and_line(tmp_path, bad, message, line):
    p = _write(tmp_path, [GOOD, bad])
    with pytest.raises(DataError, match=message) as err:
        read_training(p)
    assert err.value.path == str(p) and err.value.line == line
    assert f"{p}:{line}" in str(err.value)


def test_csv_corpus(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("id,text,topics,tone,hard\n1,Tariffs and troops.,trade;defence,contentious,true\n"
                 "2,Talks went well.,,cooperative,false\n", encoding="utf-8")
    recs = read_training(p)
    assert recs[0]["topics"] == ["trade", "defence"] and recs[0]["hard"] is True
    assert recs[1]["topics"] == []


def test_undecodable_corpus_names_the_line(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_bytes(json.dumps(GOOD).encode() + b"\n\xff\xfe\n")
    with pytest.raises(DataError, match="not valid UTF-8") as err:
        read_training(p)
    assert err.value.line == 2


def test_template_twins_and_duplicates_are_named():
    recs = [dict(GOOD, id="a", text="China raised tariffs by 25% on Monday."),
            dict(GOOD, id="b", text="Japan raised tariffs by 10% on Friday."),
            dict(GOOD, id="c", text="china raised tariffs by 25% on monday."),
            dict(GOOD, id="d", text="Officials in Tokyo welcomed the decision warmly.")]
    for r in recs:
        r.update(_path="p", _line=1)
    rep = validate_records(recs)
    assert ("a", "b") in rep.twins
    assert ("a", "c") in rep.duplicates
    assert not rep.ok
    assert "TEMPLATE TWIN: a and b" in rep.format()


def test_skeleton_keeps_real_differences_apart():
    assert skeleton("Tariffs rose sharply.") != skeleton("Tariffs fell sharply.")
    assert skeleton("TRADE WAR LOOMS") != skeleton("PEACE DEAL LOOMS")


def test_furniture_must_be_neutral_without_topic():
    rec = dict(GOOD, id="f", register="caption", _path="p", _line=1)
    assert any("page furniture" in p for p in validate_records([rec]).problems)


def test_example_articles_have_consistent_gold():
    arts = load_articles()
    assert len(arts) >= 30
    assert len({a.outlet for a in arts}) >= 6
    for a in arts:
        assert a.title == a.gold[0].text
        for g in a.gold:
            assert a.text[g.start:g.end] == g.text
        words = sum(len(g.text.split()) for g in a.gold[1:])
        assert 300 <= words <= 900, (a.id, words)


def test_iter_article_records_sources(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "k", "text": "Hi."}\n{bad\n', encoding="utf-8")
    recs = list(iter_article_records(tmp_path / "a.jsonl"))
    assert recs[0]["id"] == "k" and "bad JSON" in recs[1]["_error"]
    with pytest.raises(DataError, match="no such file"):
        list(iter_article_records(tmp_path / "missing"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match="holds no article files"):
        list(iter_article_records(tmp_path / "empty"))
    with pytest.raises(TypeError, match="iterable of texts"):
        list(iter_article_records(42))
