"""Bad input, faults and untrusted files: documented results or clear errors, never lost data."""
import os
import random
import signal
import subprocess
import sys
import time

import pytest

import stance
from conftest import ROOT


def test_html_markup_is_blanked_and_flagged():
    page = ("<html><head><style>p {color: red}</style></head><body><h1>Ministers Meet</h1>"
            "<p>India and Japan signed a defence pact &amp; agreed joint drills.</p>"
            "<script>var tariffs = 1;</script><p>Read more</p></body></html>")
    art = stance.score(page)
    assert "html_markup" in art.flags
    texts = [s.text for s in art.sentences]
    assert "Ministers Meet" in texts
    assert any(t.startswith("India and Japan signed") for t in texts)
    assert not any("var tariffs" in t or "color" in t for t in texts)
    for s in art.sentences:
        assert page[s.start:s.end] == s.text


@pytest.mark.parametrize("text", [
    "Der deutsche Aussenminister traf am Montag seinen franzoesischen Amtskollegen in Berlin zu Gespraechen.",
    "\u4e2d\u56fd\u548c\u7f8e\u56fd\u7684\u8d38\u6613\u8c08\u5224\u5728\u5468\u4e00\u6062\u590d\u3002" * 4,
    "\u0412\u0430\u0448\u0438\u043d\u0433\u0442\u043e\u043d \u0438 \u041c\u043e\u0441\u043a\u0432\u0430 "
    "\u043f\u0440\u043e\u0432\u0435\u043b\u0438 \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b "
    "\u043e \u0442\u043e\u0440\u0433\u043e\u0432\u043b\u0435 \u0432 \u0441\u0440\u0435\u0434\u0443.",
])
def test_other_languages_are_flagged(text):
    art = stance.score(text)
    assert "non_english" in art.flags
    assert art.n_sentences >= 1


def test_english_is_not_flagged():
    art = stance.score("The two governments said on Monday that they would resume talks on tariffs and "
                       "visas after a pause of more than a year.")
    assert art.flags == () or art.flags == ("no_toned_sentences",)


def test_binary_garbage_as_text_does_not_crash():
    rnd = random.Random(3)
    garbage = bytes(rnd.randrange(256) for _ in range(20000)).decode("latin-1")
    art = stance.score(garbage)
    assert art.n_sentences >= 1
    for s in art.sentences:
        assert garbage[s.start:s.end] == s.text


@pytest.mark.slow
def test_a_10_mb_article_and_a_10_mb_line_without_punctuation():
    para = ("India and the United States agreed on Tuesday to cut tariffs on farm goods, officials said. "
            "Critics accused both governments of ignoring workers. Troops held joint drills near the coast.\n")
    big = para * (10_000_000 // len(para))
    art = stance.score(big)
    assert art.n_sentences == 3 * (10_000_000 // len(para))
    assert sum(art.tone_share.values()) == pytest.approx(1.0)
    line = ("tariffs and visas " * (10_000_000 // 18))
    art = stance.score(line)
    assert art.n_sentences >= 10_000_000 // 2000
    assert max(len(s.text) for s in art.sentences) <= 2000


def test_empty_inputs_in_a_batch_keep_their_rows():
    df = stance.score_many(["", "   ", "Tariffs rose.", None, 3.5, b"bytes"])
    assert list(df["flags"].iloc[:2]) == ["no_sentences;no_toned_sentences"] * 2
    assert df["error"].iloc[:3].isna().all()
    assert [e.split(",")[-1].strip() for e in df["error"].iloc[3:]] == [
        "got NoneType", "got float", "got bytes"]


_WRITER = """
import sys
from stance.text import atomic_write_bytes
path = sys.argv[1]
atomic_write_bytes(path, b"N" * (400 * 1024 * 1024))
"""


def test_a_killed_writer_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "stance-model.joblib"
    target.write_bytes(b"OLD" * 1000)
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)], cwd=ROOT)
    deadline = time.time() + 30
    # wait until the temporary file is being written, then kill the writer mid-way
    while time.time() < deadline and not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
        time.sleep(0.005)
    time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert target.read_bytes() == b"OLD" * 1000
    # a finished write replaces it whole
    subprocess.run([sys.executable, "-c", _WRITER.replace("400 * 1024 * 1024", "1000"), str(target)],
                   cwd=ROOT, check=True)
    assert target.read_bytes() == b"N" * 1000
