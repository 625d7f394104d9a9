"""A self-contained HTML coverage report: charts as inline SVG, no scripts, no network.

    stance report data/articles --by outlet --out report.html

>>> from stance.report import svg_interval_chart
>>> svg_interval_chart([("A", 0.2, 0.1, 0.3)], lo=-1, hi=1).startswith("<svg")
True
"""
from __future__ import annotations

import html
from datetime import date
from typing import Iterable

import numpy as np
import pandas as pd

from .labels import TONES, TOPICS

_TONE_COLOURS = {"cooperative": "#2b8cbe", "contentious": "#d7301f", "neutral": "#969696"}

_CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.8em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #ccc;padding-bottom:.2em}
table{border-collapse:collapse;margin:1em 0;font-family:Helvetica,Arial,sans-serif;font-size:.9em}
th,td{border:1px solid #ddd;padding:.35em .6em;text-align:right}th{background:#f4f4f4}
td.label,th.label{text-align:left}.note{color:#555;font-size:.92em}.quote{font-style:italic}
figure{margin:1em 0}figcaption{font-size:.9em;color:#555}
svg text{font-family:Helvetica,Arial,sans-serif}
"""


def _esc(x) -> str:
    return html.escape(str(x))


def _heat(v: float) -> str:
    """A white-to-blue background for a share in [0, 1]."""
    if v is None or not np.isfinite(v):
        return "#ffffff"
    v = min(max(float(v), 0.0), 1.0)
    r, g, b = (int(255 - (255 - c) * v) for c in (33, 102, 172))
    return f"#{r:02x}{g:02x}{b:02x}"


def svg_interval_chart(rows: list[tuple[str, float, float, float]], *, lo: float = 0.0, hi: float = 1.0,
                       colour: str = "#2b8cbe", width: int = 720, label: str = "") -> str:
    """Horizontal dot-and-whisker chart: one row per (name, estimate, low, high)."""
    left, right, row_h, top = 190, 30, 30, 30
    h = top + row_h * len(rows) + 30
    span = width - left - right

    def x(v: float) -> float:
        return left + (min(max(v, lo), hi) - lo) / (hi - lo) * span

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" role="img" '
             f'aria-label="{_esc(label)}" class="chart">']
    for tick in np.linspace(lo, hi, 5):
        parts.append(f'<line x1="{x(tick):.1f}" y1="{top - 10}" x2="{x(tick):.1f}" y2="{h - 25}" stroke="#e5e5e5"/>')
        parts.append(f'<text x="{x(tick):.1f}" y="{h - 8}" font-size="11" text-anchor="middle">{tick:.2f}</text>')
    if lo < 0 < hi:
        parts.append(f'<line x1="{x(0):.1f}" y1="{top - 10}" x2="{x(0):.1f}" y2="{h - 25}" stroke="#888"/>')
    for i, (name, est, a, b) in enumerate(rows):
        y = top + i * row_h + row_h / 2
        parts.append(f'<text x="{left - 10}" y="{y + 4:.1f}" font-size="13" text-anchor="end">{_esc(name)}</text>')
        if all(np.isfinite(v) for v in (est, a, b)):
            parts.append(f'<line x1="{x(a):.1f}" y1="{y:.1f}" x2="{x(b):.1f}" y2="{y:.1f}" stroke="{colour}" stroke-width="3"/>')
            parts.append(f'<rect x="{x(est) - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}"/>')
            parts.append(f'<text x="{x(b) + 6:.1f}" y="{y + 4:.1f}" font-size="11">{est:+.2f}</text>'
                         if lo < 0 else f'<text x="{x(b) + 6:.1f}" y="{y + 4:.1f}" font-size="11">{est:.2f}</text>')
        else:
            parts.append(f'<text x="{left + 4}" y="{y + 4:.1f}" font-size="11">no toned sentences</text>')
    parts.append("</svg>")
    return "".join(parts)


def svg_stacked_bars(rows: list[tuple[str, dict[str, float]]], *, width: int = 720) -> str:
    """One stacked bar per group: tone shares in cooperative / neutral / contentious order."""
    left, right, row_h, top = 190, 30, 30, 10
    span = width - left - right
    h = top + row_h * len(rows) + 40
    order = ("cooperative", "neutral", "contentious")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" role="img" '
             f'aria-label="tone shares" class="chart">']
    for i, (name, shares) in enumerate(rows):
        y = top + i * row_h
        parts.append(f'<text x="{left - 10}" y="{y + 19}" font-size="13" text-anchor="end">{_esc(name)}</text>')
        x0 = left
        for k in order:
            w = max(float(shares.get(k, 0.0)), 0.0) * span
            parts.append(f'<rect x="{x0:.1f}" y="{y + 5}" width="{w:.1f}" height="20" fill="{_TONE_COLOURS[k]}">'
                         f'<title>{k}: {shares.get(k, 0):.2f}</title></rect>')
            if w > 34:
                parts.append(f'<text x="{x0 + w / 2:.1f}" y="{y + 19}" font-size="11" fill="#fff" '
                             f'text-anchor="middle">{shares.get(k, 0):.2f}</text>')
            x0 += w
    ly = h - 15
    for j, k in enumerate(order):
        parts.append(f'<rect x="{left + j * 140}" y="{ly - 10}" width="12" height="12" fill="{_TONE_COLOURS[k]}"/>')
        parts.append(f'<text x="{left + j * 140 + 18}" y="{ly}" font-size="12">{k}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _heatmap_table(wide: pd.DataFrame, cols: list[str], headers: list[str]) -> str:
    out = ['<table class="heatmap"><tr><th class="label">group</th>'
           + "".join(f"<th>{_esc(h)}</th>" for h in headers) + "</tr>"]
    for g, row in wide.iterrows():
        cells = "".join(f'<td style="background:{_heat(row.get(c, np.nan))};color:'
                        f'{"#fff" if np.isfinite(row.get(c, np.nan)) and row.get(c) > 0.55 else "#222"}">'
                        f'{row.get(c, np.nan):.2f}</td>' for c in cols)
        out.append(f'<tr><td class="label">{_esc(g)}</td>{cells}</tr>')
    out.append("</table>")
    return "".join(out)


def _fmt(v) -> str:
    return "–" if v is None or not np.isfinite(v) else f"{v:.2f}"


def build_report(scored: pd.DataFrame, table: pd.DataFrame, *, by: str = "outlet",
                 sentences: pd.DataFrame | None = None, title: str = "Coverage report",
                 source: str = "") -> str:
    """The report page from :func:`stance.score_many` output, its :func:`stance.compare` table,
    and optionally a sentence frame (columns ``group, text, tone, p_contentious, p_cooperative``)
    for the example sentences."""
    wide = table.pivot(index="group", columns="measure", values="estimate")
    level = table.attrs.get("level", 0.95)
    n_ok = int(scored["error"].isna().sum()) if "error" in scored else len(scored)
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{_esc(title)}</title>"
             f"<style>{_CSS}</style></head><body>",
             f"<h1>{_esc(title)}</h1>",
             f"<p class='note'>{n_ok} articles{(' from ' + _esc(source)) if source else ''}, grouped by "
             f"<b>{_esc(by)}</b>; made with stance on {date.today().isoformat()}. Intervals are "
             f"{int(level * 100)}% bootstrap intervals over articles.</p>"]
    # 1. topics heatmap
    parts.append("<h2>What each group writes about</h2>")
    parts.append("<p>Share of sentences on each topic (probability-weighted). A sentence can be on "
                 "several topics, so a row need not add up to 1.</p>")
    parts.append(_heatmap_table(wide, [f"topic:{t}" for t in TOPICS], list(TOPICS)))
    # 2. tone shares
    parts.append("<h2>How each group frames relations</h2>")
    parts.append("<figure>" + svg_stacked_bars(
        [(g, {k: wide.loc[g, f"tone:{k}"] for k in TONES}) for g in wide.index])
        + "<figcaption>Share of sentences by tone.</figcaption></figure>")
    net = table[table.measure == "net_tone"].set_index("group")
    parts.append("<figure>" + svg_interval_chart(
        [(g, net.loc[g, "estimate"], net.loc[g, "ci_low"], net.loc[g, "ci_high"]) for g in net.index],
        lo=-1, hi=1, colour="#6a51a3", label="net tone")
        + "<figcaption>Mean net tone per article, from -1 (all toned sentences contentious) to +1 "
          "(all cooperative), with its interval.</figcaption></figure>")
    # 3. tone by topic
    parts.append("<h2>Tone within each topic</h2><p>Share of contentious and cooperative sentences "
                 "among the sentences on each topic.</p><table><tr><th class='label'>group</th>"
                 + "".join(f"<th>{t}: coop.</th><th>{t}: cont.</th>" for t in TOPICS) + "</tr>")
    for g in wide.index:
        parts.append(f"<tr><td class='label'>{_esc(g)}</td>" + "".join(
            f"<td>{_fmt(wide.loc[g].get(f'tone:cooperative|{t}'))}</td>"
            f"<td>{_fmt(wide.loc[g].get(f'tone:contentious|{t}'))}</td>" for t in TOPICS) + "</tr>")
    parts.append("</table>")
    # 4. raw vs corrected prevalence
    prev = table[table.measure.str.match(r"^(topic|tone):[a-z]+$")]
    parts.append("<h2>Estimates with intervals, raw and error-corrected</h2><table><tr>"
                 "<th class='label'>group</th><th class='label'>measure</th><th>estimate</th><th>interval</th>"
                 "<th>corrected</th><th>interval</th><th>articles</th></tr>")
    for _, r in prev.iterrows():
        parts.append(f"<tr><td class='label'>{_esc(r.group)}</td><td class='label'>{_esc(r.measure)}</td>"
                     f"<td>{_fmt(r.estimate)}</td><td>{_fmt(r.ci_low)}–{_fmt(r.ci_high)}</td>"
                     f"<td>{_fmt(r.corrected)}</td><td>{_fmt(r.corrected_low)}–{_fmt(r.corrected_high)}</td>"
                     f"<td>{int(r.n_articles)}</td></tr>")
    parts.append("</table>")
    # 5. example sentences
    if sentences is not None and len(sentences):
        parts.append("<h2>The most contentious and most cooperative sentences</h2>")
        for g, part in sentences.groupby("group", sort=True):
            parts.append(f"<h3>{_esc(g)}</h3><ul>")
            for col, name in (("p_contentious", "contentious"), ("p_cooperative", "cooperative")):
                for _, s in part.nlargest(2, col).iterrows():
                    why = f" <span class='note'>({_esc(s['why'])})</span>" if "why" in s and s["why"] else ""
                    parts.append(f"<li><b>{name} {s[col]:.2f}</b>: <span class='quote'>{_esc(s['text'])}</span>{why}</li>")
            parts.append("</ul>")
    # 6. reading notes
    parts.append(
        "<h2>How to read this</h2><ul>"
        "<li>Figures are model estimates, not human coding. On the project's held-out example articles "
        "the model agrees with careful human labels most of the time, but not always; the corrected "
        "columns adjust the counts for the model's measured error rates.</li>"
        "<li>An interval reflects which articles happened to be in the sample. It does not cover every "
        "kind of model error; with few articles per group, intervals are wide and small differences "
        "mean little.</li>"
        "<li>Tone is the framing of relations between countries in each sentence, not the outlet's "
        "opinion; quoting an angry official makes a sentence contentious.</li>"
        "<li>Page furniture (captions, bylines, appeals) is left out of every figure.</li></ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def sentence_rows(group: str, art) -> Iterable[dict]:
    """Rows for the example-sentence section from an :class:`~stance.scoring.ArticleScore`."""
    for s in art.sentences:
        if not s.furniture:
            yield {"group": group, "text": s.text, "tone": s.tone,
                   "p_contentious": s.tone_probs["contentious"], "p_cooperative": s.tone_probs["cooperative"]}


def report(source, *, by: str = "outlet", n_boot: int = 1000, seed: int = 0, model=None,
           title: str = "Coverage report") -> str:
    """Score the articles in ``source`` (anything :func:`stance.score_many` takes) and return
    the report page as a string."""
    from .data import iter_article_records
    from .explain import explain
    from .scoring import _as_record, _resolve, score, _frame, score_records
    from .aggregate import compare

    m = _resolve(model)
    records = [_as_record(r, i) for i, r in enumerate(iter_article_records(source))]
    scored = _frame(score_records([dict(r) for r in records], m))
    table = compare(scored, by=by, n_boot=n_boot, seed=seed, model=m)
    rows = []
    for r in records:
        if isinstance(r.get("text"), str) and not r.get("_error") and by in r:
            rows.extend(sentence_rows(str(r[by]), score(r["text"], model=m)))
    sent = pd.DataFrame(rows)
    if len(sent):
        top = pd.concat([part.nlargest(2, c) for _, part in sent.groupby("group")
                         for c in ("p_contentious", "p_cooperative")]).drop_duplicates("text")
        sent = top.assign(why=[", ".join(t for t, w in explain(x, model=m).tone_terms[k][:4] if w > 0)
                               for x, k in zip(top.text, top.tone)])
    return build_report(scored, table, by=by, sentences=sent, title=title,
                        source=str(source) if isinstance(source, (str,)) else "")
