"""Render the model card as Markdown: the one source for the README's accuracy tables.

    python -m stance.card            # rewrite the marked blocks of README.md from the card

Blocks in the README are delimited by ``<!-- card:NAME -->`` and ``<!-- /card:NAME -->``; a
test checks that they equal what the bundled card renders.
"""
from __future__ import annotations

import re
from pathlib import Path

from .labels import TONES, TOPICS


def _f(x) -> str:
    return "–" if x is None else f"{x:.3f}"


def render_summary(card: dict) -> str:
    td = card["training_data"]
    lex = td.get("lexicons") or {}
    lines = [f"Model `{card['name']}` {card['model_version']}: trained on {td['n_sentences']:,} corpus sentences"
             + (f" and {sum(lex.get('terms', {}).values()):,} lexicon entries" if lex else "")
             + f", {card['n_features']:,} features, scikit-learn {card['versions']['scikit-learn']}.", "",
             "| evaluation | topic micro-F1 | topic macro-F1 | tone macro-F1 | tone accuracy | topic ECE | tone ECE |",
             "|---|---|---|---|---|---|---|"]
    names = {"cross_validated": "5-fold grouped CV (corpus)", "heldout": "held-out example articles"}
    for key, label in names.items():
        m = card["metrics"].get(key)
        if not m:
            continue
        for subset, suffix in (("all", ""), ("not_hard", ", without hard")):
            if subset in m:
                r = m[subset]
                lines.append(f"| {label}{suffix} | {_f(r['topic']['micro_f1'])} | {_f(r['topic']['macro_f1'])} | "
                             f"{_f(r['tone']['macro_f1'])} | {_f(r['tone']['accuracy'])} | "
                             f"{_f(r['topic']['calibration']['ece'])} | {_f(r['tone']['calibration']['ece'])} |")
    held = card["metrics"].get("heldout", {}).get("all")
    if held:
        lines += ["", "Per class on the held-out example articles (precision / recall / F1):", "",
                  "| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
        for head, labels in (("topic", TOPICS), ("tone", TONES)):
            for name in labels:
                c = held[head]["per_class"][name]
                lines.append(f"| {name} | {_f(c['precision'])} | {_f(c['recall'])} | {_f(c['f1'])} | {c['support']} |")
    return "\n".join(lines)


def render_external(card: dict) -> str:
    ext = {k: v for k, v in card["metrics"].get("external", {}).items() if k != "source"}
    if not ext:
        return "_No external benchmark results in the card._"
    lines = ["| benchmark | labels | n | stance macro-F1 | keyword list | VADER | majority class |",
             "|---|---|---|---|---|---|---|"]
    for name, row in ext.items():
        for head in ("topic", "tone"):
            if head in row:
                r = row[head]
                cell = lambda k: _f(r[k]["macro_f1"]) if k in r else "–"  # noqa: E731
                lines.append(f"| {name} | {head} | {row['n']} | **{_f(r['model']['macro_f1'])}** | "
                             f"{cell('keywords')} | {cell('vader')} | {cell('majority')} |")
    lines += ["", "Per class (stance, F1):", ""]
    for name, row in ext.items():
        for head in ("topic", "tone"):
            if head in row:
                per = row[head]["model"]["per_class_f1"]
                lines.append(f"- {name}, {head}: " + ", ".join(f"{k} {v:.3f}" for k, v in per.items()))
    return "\n".join(lines)


def render_curve(card: dict) -> str:
    curve = card["metrics"].get("learning_curve")
    if not curve:
        return "_No learning curve in the card._"
    keys = [k for k in curve[-1] if k not in ("fraction", "n_sentences")]
    lines = ["| share of corpus | sentences | " + " | ".join(k.replace("_", " ") for k in keys) + " |",
             "|---|---|" + "---|" * len(keys)]
    for p in curve:
        lines.append(f"| {p['fraction']:.0%} | {p['n_sentences']:,} | " + " | ".join(_f(p.get(k)) for k in keys) + " |")
    return "\n".join(lines)


def render_anchor(card: dict) -> str:
    a = card["metrics"].get("anchor_minilm")
    if not a:
        return "_The MiniLM comparison has not been run for this model (benchmarks/anchor_minilm.py)._"
    lines = ["| set | labels | TF-IDF + LR (stance) | MiniLM + LR | stance sentences/s | MiniLM sentences/s |",
             "|---|---|---|---|---|---|"]
    for name, e in a["sets"].items():
        for head in ("topic", "tone"):
            if head in e:
                lines.append(f"| {name} | {head} | {_f(e[head]['tfidf_macro_f1'])} | {_f(e[head]['minilm_macro_f1'])} | "
                             f"{e['tfidf_sentences_per_s']:,} | {e['minilm_sentences_per_s']:,} |")
    return "\n".join(lines)


def render_guide(card: dict) -> str:
    g = card["metrics"].get("guide_relabelled")
    if not g:
        return "_The benchmark samples have not been scored against guide labels for this model (benchmarks/guide_relabel.py)._"
    lines = ["| benchmark sample | labels | rows (hard) | codebook agreement | guide labels vs original codes | "
             "stance vs original codes | stance vs guide labels | same, without hard |",
             "|---|---|---|---|---|---|---|---|"]
    for name, e in g["sets"].items():
        agr = e["agreement"]
        if "kappa" in agr:
            a = f"accuracy {_f(agr['accuracy'])}, kappa {_f(agr['kappa'])}"
        else:
            a = "kappa " + ", ".join(f"{t} {_f(v['kappa'])}" for t, v in agr.items())
        lines.append(f"| {name} | {e['head']} | {e['n']} ({e['n'] - e['n_not_hard']}) | {a} | "
                     f"{_f(e.get('guide_vs_original'))} | {_f(e['model_vs_original'])} | **{_f(e['model_vs_guide'])}** | {_f(e['model_vs_guide_not_hard'])} |")
    return "\n".join(lines)


RENDERERS = {"summary": render_summary, "external": render_external, "curve": render_curve,
             "anchor": render_anchor, "guide": render_guide}


def fill(text: str, card: dict) -> str:
    """Replace every marked block in ``text`` with the card's rendering."""
    for name, fn in RENDERERS.items():
        pat = re.compile(rf"(<!-- card:{name} -->\n)(?:.*?\n)?(<!-- /card:{name} -->)", re.DOTALL)
        text = pat.sub(lambda m: m.group(1) + fn(card) + "\n" + m.group(2), text)
    return text


if __name__ == "__main__":  # pragma: no cover - maintenance
    from .resources import load_model
    from .text import atomic_write_text

    readme = Path(__file__).resolve().parent.parent / "README.md"
    card = load_model().card
    atomic_write_text(readme, fill(readme.read_text(encoding="utf-8"), card))
    print(f"updated {readme} from the model card")
