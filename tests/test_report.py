import re
import shutil
import subprocess

import pytest

from stance.cli import main


@pytest.fixture(scope="module")
def report_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", _articles(), "--out", str(out), "--n-boot", "200"]) == 0
    return out


def _articles():
    from stance.data import examples_dir
    return str(examples_dir())


def test_report_is_self_contained(report_page):
    page = report_page.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") >= 2 and page.count("<table") >= 3
    assert "<script" not in page and not re.search(r"(src|href)=[\"']https?://", page)
    for outlet in ("The Daily Blare", "Frontline Monitor", "Capital Readout"):
        assert outlet in page


@pytest.mark.slow
def test_report_renders_in_headless_chromium(report_page, tmp_path):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("chromium is not installed (.ci/run installs it)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    url = report_page.resolve().as_uri()
    dom = subprocess.run([exe, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    assert dom.count("<svg") >= 2 and dom.count("<rect") >= 10 and dom.count("<table") >= 3
    shot = tmp_path / "shot.png"
    subprocess.run([exe, *flags, "--window-size=1000,1400", f"--screenshot={shot}", url],
                   capture_output=True, timeout=120)
    import matplotlib.image as mpimg

    img = mpimg.imread(shot)
    assert img.shape[0] >= 1000 and img.shape[1] >= 900
    # a rendered page with coloured charts, not a blank one
    assert img[..., :3].std() > 0.05
    colours = {tuple((px * 255).round().astype(int)) for px in img[::20, ::20, :3].reshape(-1, 3)}
    assert len(colours) > 20
