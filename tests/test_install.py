"""The wheel carries the model and the examples: install it away from the checkout and use it."""
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel_site(tmp_path_factory):
    pytest.importorskip("build")
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    wheel = next(out.glob("stance-*.whl"))
    site = tmp_path_factory.mktemp("site")
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(site),
                           str(wheel)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return site


def _run(site, code, cwd):
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "PYTHONNOUSERSITE": "1"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


@pytest.mark.slow
def test_wheel_finds_its_model_outside_the_checkout(wheel_site, tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("India and the US agreed to cut tariffs on farm goods.\nRead more", encoding="utf-8")
    code = ("import stance, json; m = stance.load_model(); assert m.origin == 'package', m.origin; "
            "assert 'site' in stance.__file__ and '%s' not in stance.__file__; "
            "print(json.dumps(stance.score(open(%r).read()).to_dict()))" % (ROOT, str(art)))
    done = _run(wheel_site, code, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert '"n_sentences": 2' in done.stdout
    done = _run(wheel_site, "import stance; print(len(stance.load_articles()))", tmp_path)
    assert done.returncode == 0 and int(done.stdout) >= 30, done.stderr[-2000:]


@pytest.mark.slow
def test_flipped_byte_in_installed_model_fails_clearly(wheel_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(wheel_site, site)
    model = site / "stance" / "_bundled" / "stance-model.joblib"
    data = bytearray(model.read_bytes())
    data[1000] ^= 0x01
    model.write_bytes(bytes(data))
    done = _run(site, "import stance; stance.load_model()", tmp_path)
    assert done.returncode != 0
    assert "ModelIntegrityError" in done.stderr and "does not match its card" in done.stderr
