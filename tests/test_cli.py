import io
import json
import shutil
import subprocess
import sys

import pytest

from stance.cli import main


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert main(["score"]) == 2
    assert main(["score", "x", "--format", "yaml"]) == 2
    assert main(["--version"]) == 0
    assert "stance" in capsys.readouterr().out


def test_score_a_folder_as_table(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Both sides agreed to cut tariffs. Read more", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Troops clashed on the border.", encoding="utf-8")
    assert main(["score", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["id", "outlet", "sent"]
    assert [line.split()[0] for line in out[1:]] == ["a", "b"]


def test_score_json_with_sentences(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text("Tariffs were raised.\nRead more", encoding="utf-8")
    assert main(["score", str(p), "--format", "json", "--sentences"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["id"] == "a" and rec["n_sentences"] == 2
    assert rec["sentences"][1]["furniture"] is True


def test_score_csv_and_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Visa rules were eased for students.")))
    assert main(["score", "-", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("id,outlet,date,n_sentences") and lines[1].startswith("stdin,")


def test_data_errors_exit_1_naming_the_file(tmp_path, capsys):
    assert main(["score", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt: no such file" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["score", str(tmp_path / "empty")]) == 1
    assert "holds no article files" in capsys.readouterr().err
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00broken")
    assert main(["score", str(bad)]) == 1
    assert "bad.txt: not valid UTF-8" in capsys.readouterr().err


def test_one_bad_file_in_a_folder_does_not_stop_the_rest(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Tariffs rose.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    assert main(["score", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "good" in captured.out and "1 of 2 inputs could not be scored" in captured.err
    assert main(["score", str(tmp_path), "--strict"]) == 1


def test_train_validate_info_on_a_tiny_corpus(tiny_corpus, tmp_path, capsys):
    assert main(["validate", str(tiny_corpus)]) == 0
    assert "valid" in capsys.readouterr().out
    assert main(["train", str(tiny_corpus), "--out", str(tmp_path), "--cv", "2", "--quiet"]) == 0
    assert "trained" in capsys.readouterr().out
    model = tmp_path / "stance-model.joblib"
    assert main(["info", "--model", str(model)]) == 1
    assert "refusing to unpickle" in capsys.readouterr().err
    assert main(["info", "--model", str(model), "--trust-model", "--format", "json"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["training_data"]["n_sentences"] == 48


def test_train_on_bad_data_touches_no_artefact(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "text": "x", "topics": [], "tone": "happy"}\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["train", str(bad), "--out", str(out)]) == 1
    assert "bad.jsonl:1: unknown tone 'happy'" in capsys.readouterr().err
    assert not out.exists()


def test_info_on_the_bundled_model(capsys):
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert "stance-model" in out and "thresholds" in out


@pytest.mark.slow
def test_installed_command_runs(tmp_path):
    exe = shutil.which("stance")
    if exe is None:
        pytest.skip("the stance command is not installed")
    (tmp_path / "a.txt").write_text("Tariffs rose.", encoding="utf-8")
    done = subprocess.run([exe, "score", str(tmp_path / "a.txt"), "--format", "json"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == "a"
