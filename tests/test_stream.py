import json


from stance.cli import main
from stance.stream import score_to_file


def _corpus(tmp_path, n=12, bad=(3,)):
    p = tmp_path / "archive.jsonl"
    with open(p, "w", encoding="utf-8") as fh:
        for i in range(n):
            if i in bad:
                fh.write(json.dumps({"id": f"a{i}", "outlet": "X", "text": None}) + "\n")
            else:
                fh.write(json.dumps({"id": f"a{i}", "outlet": "X" if i % 2 else "Y",
                                     "text": f"Tariffs on steel rose {i} percent. Troops held joint drills."}) + "\n")
        fh.write("{not json\n")
    return p


def test_archive_to_jsonl_keeps_going_past_bad_records(tmp_path, tiny_model):
    src = _corpus(tmp_path)
    out = tmp_path / "scores.jsonl"
    stats = score_to_file([src], out, model=tiny_model, batch_size=4, progress=False)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows][:4] == ["a0", "a1", "a2", "a3"]
    assert len(rows) == 13 and stats["written"] == 13 and stats["errors"] == 2
    assert rows[3]["error"] == "text must be str, got NoneType"
    assert "bad JSON" in rows[-1]["error"]
    assert rows[0]["error"] is None and rows[0]["n_sentences"] == 2


def test_resume_after_a_hard_kill_mid_line(tmp_path, tiny_model):
    src = _corpus(tmp_path, bad=())
    out = tmp_path / "scores.jsonl"
    score_to_file([src], out, model=tiny_model, batch_size=4, progress=False)
    full = out.read_bytes()
    lines = full.splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:5]) + lines[5][:17])  # a kill mid-write leaves half a line
    stats = score_to_file([src], out, model=tiny_model, batch_size=4, progress=False, resume=True)
    assert stats["skipped"] == 5 and stats["written"] == 8
    assert out.read_bytes() == full


def test_interrupt_loses_at_most_the_batch_in_flight(tmp_path, tiny_model, monkeypatch):
    import stance.stream as stream

    src = _corpus(tmp_path, n=20, bad=())
    out = tmp_path / "scores.jsonl"
    real = stream._score_batch
    calls = {"n": 0}

    def flaky(batch, model, level):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(batch, model, level)

    monkeypatch.setattr(stream, "_score_batch", flaky)
    stats = score_to_file([src], out, model=tiny_model, batch_size=4, progress=False)
    assert stats["interrupted"] and stats["written"] == 8
    assert all(json.loads(line) for line in out.read_text().splitlines())
    monkeypatch.setattr(stream, "_score_batch", real)
    stats = score_to_file([src], out, model=tiny_model, batch_size=4, progress=False, resume=True)
    assert stats["skipped"] == 8 and stats["written"] == 13  # 12 articles + the bad JSON line
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert len(ids) == len(set(ids)) == 21


def test_sentence_level_csv_and_resume_redoes_a_cut_article(tmp_path, tiny_model):
    src = _corpus(tmp_path, n=6, bad=())
    out = tmp_path / "sentences.csv"
    score_to_file([src], out, model=tiny_model, level="sentence", progress=False)
    full = out.read_text()
    assert full.splitlines()[0].startswith("id,sentence,start,end,furniture,text")
    lines = full.splitlines(keepends=True)
    out.write_text("".join(lines[:4]))  # header + a0's 2 sentences + half of a1
    score_to_file([src], out, model=tiny_model, level="sentence", progress=False, resume=True)
    assert out.read_text() == full


def test_cli_out_and_strict(tmp_path, capsys):
    src = _corpus(tmp_path, n=4)
    out = tmp_path / "s.csv"
    assert main(["score", str(src), "--out", str(out), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "wrote 5 articles" in err and "2 records could not be scored" in err and "a3" in err
    assert main(["score", str(src), "--out", str(out), "--resume", "--strict"]) == 0  # nothing new to score
    assert main(["score", str(src), "--out", str(tmp_path / "t.csv"), "--strict"]) == 1
    assert main(["score", str(src), "--out", str(tmp_path / "t.xlsx")]) == 1
    assert "use .jsonl, .csv or .parquet" in capsys.readouterr().err
