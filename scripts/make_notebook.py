"""Regenerate notebooks/coverage_bias.ipynb (without outputs) from this script: python scripts/make_notebook.py"""
import nbformat as nbf

cells = []
md = lambda s: cells.append(nbf.v4.new_markdown_cell(s))
code = lambda s: cells.append(nbf.v4.new_code_cell(s))

md("""# Coverage bias across outlets

This notebook compares how outlets cover relations between countries: which of the four policy
topics (trade, immigration, defence, tech) each one emphasises, and whether it frames relations
cooperatively or contentiously. It scores every sentence with **stance**, sums each article up,
and compares outlets with bootstrap intervals and error-corrected prevalence.

By default it uses the 32 example articles bundled with stance (six fictional outlets covering
the same invented events). To analyse your own articles, change the one cell marked **YOUR DATA**.""")

code("""import numpy as np
import pandas as pd
import matplotlib
import matplotlib.pyplot as plt
import stance

import warnings
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tqdm falls back to a text bar without ipywidgets
        from tqdm.auto import tqdm
except ImportError:  # the progress bar is optional
    def tqdm(x, **kw):
        return x

pd.set_option("display.precision", 3)
stance.__version__, stance.load_model().card["model_version"]""")

md("""## YOUR DATA

Leave `SOURCE = None` for the bundled examples. Otherwise point it at a folder of `.txt` or
article `.json` files, a JSONL file, or a CSV with the columns `outlet`, `date` and `text`
(an `id` column is kept if present).""")

code("""# ---- YOUR DATA: change this cell -------------------------------------------
SOURCE = None            # e.g. "my_articles.csv" or "path/to/folder"
GROUP_BY = "outlet"      # any column: "outlet", or a period of "date" (see PERIOD)
PERIOD = "M"             # for the over-time chart: "M" month, "Q" quarter, "Y" year
N_BOOT = 1000            # bootstrap replicates for the intervals
# ------------------------------------------------------------------------------""")

code("""if SOURCE is None:
    articles = pd.DataFrame([a.to_record() for a in stance.load_articles()])
elif str(SOURCE).endswith(".csv"):
    articles = pd.read_csv(SOURCE)
else:
    from stance.data import iter_article_records
    articles = pd.DataFrame(list(iter_article_records(SOURCE)))
print(len(articles), "articles from", articles[GROUP_BY].nunique(), "groups")
articles.head(3)[[c for c in ("id", "outlet", "date", "title") if c in articles.columns]]""")

md("## Score every article (with a progress bar)")

code("""model = stance.load_model()
frames = []
batch = 8
for start in tqdm(range(0, len(articles), batch), desc="scoring", unit="batch"):
    frames.append(stance.score_many(articles.iloc[start:start + batch], model=model))
scored = pd.concat(frames, ignore_index=True)
print("errors:", scored["error"].notna().sum())
scored[["id", "outlet", "n_content", "topic_trade", "topic_defence", "tone_cooperative", "tone_contentious", "net_tone"]].head()""")

code("""table = stance.compare(scored, by=GROUP_BY, n_boot=N_BOOT, seed=0, model=model)
wide = table.pivot(index="group", columns="measure", values="estimate")
table.head(8)""")

md("## Which topics each outlet covers")

code("""topics = wide[[f"topic:{t}" for t in stance.TOPICS]]
fig, ax = plt.subplots(figsize=(8, 0.55 * len(topics) + 2))
im = ax.imshow(topics.to_numpy(), cmap="Blues", vmin=0, vmax=max(0.6, topics.to_numpy().max()))
ax.set_xticks(range(len(stance.TOPICS)), stance.TOPICS, rotation=30, ha="right")
ax.set_yticks(range(len(topics)), topics.index)
for i in range(topics.shape[0]):
    for j in range(topics.shape[1]):
        ax.text(j, i, f"{topics.iat[i, j]:.2f}", ha="center", va="center", fontsize=9)
fig.colorbar(im, ax=ax, label="share of sentences")
ax.set_title("Outlet x topic: share of sentences on each topic")
fig.tight_layout()
plt.show()""")

md("## Tone balance per outlet, with intervals")

code("""net = table[table.measure == "net_tone"].set_index("group")
fig, ax = plt.subplots(figsize=(7, 0.45 * len(net) + 1.2))
y = np.arange(len(net))
ax.errorbar(net["estimate"], y, xerr=[net["estimate"] - net["ci_low"], net["ci_high"] - net["estimate"]],
            fmt="s", color="#6a51a3", capsize=4)
ax.axvline(0, color="grey", lw=1)
ax.set_yticks(y, net.index)
ax.set_xlim(-1, 1)
ax.set_xlabel("mean net tone per article (-1 contentious ... +1 cooperative)")
ax.set_title("Tone balance per outlet (95% bootstrap intervals over articles)")
fig.tight_layout()
plt.show()""")

code("""prev = table[table.measure.str.match(r"^tone:[a-z]+$")].copy()
prev["tone"] = prev.measure.str.split(":").str[1]
prev.pivot(index="group", columns="tone", values=["estimate", "corrected"]).round(2)""")

md("## Tone within each topic, per outlet")

code("""fig, axes = plt.subplots(1, len(stance.TOPICS), figsize=(13, 0.45 * len(wide) + 1.6), sharey=True)
for ax, t in zip(axes, stance.TOPICS):
    coop = wide[f"tone:cooperative|{t}"]
    cont = wide[f"tone:contentious|{t}"]
    y = np.arange(len(wide))
    ax.barh(y - 0.2, coop, height=0.4, color="#2b8cbe", label="cooperative")
    ax.barh(y + 0.2, cont, height=0.4, color="#d7301f", label="contentious")
    ax.set_title(t)
    ax.set_xlim(0, 1)
    ax.set_yticks(y, wide.index)
axes[0].legend(loc="lower right", fontsize=8)
fig.suptitle("Share of cooperative and contentious sentences among sentences on each topic")
fig.tight_layout()
plt.show()""")

md("## Net tone over time")

code("""scored["period"] = pd.to_datetime(scored["date"], errors="coerce").dt.to_period(PERIOD).astype(str)
over_time = (scored.dropna(subset=["net_tone"]).groupby(["period", "outlet"])["net_tone"].mean()
             .unstack("outlet"))
ax = over_time.plot(marker="o", figsize=(9, 4))
ax.axhline(0, color="grey", lw=1)
ax.set_ylabel("mean net tone")
ax.set_title(f"Net tone by {PERIOD} period and outlet")
ax.legend(fontsize=8, ncol=2)
plt.tight_layout()
plt.show()""")

md("## The most contentious and most cooperative sentences per outlet, and why")

code("""rows = []
for _, art in tqdm(list(articles.iterrows()), desc="sentences"):
    for s in stance.score(art["text"], model=model).sentences:
        if not s.furniture:
            rows.append({"outlet": art[GROUP_BY], "text": s.text, "tone": s.tone,
                         "p_contentious": s.tone_probs["contentious"], "p_cooperative": s.tone_probs["cooperative"]})
sentences = pd.DataFrame(rows)
for outlet, part in sentences.groupby("outlet"):
    print(f"== {outlet}")
    for col in ("p_contentious", "p_cooperative"):
        s = part.nlargest(1, col).iloc[0]
        ex = stance.explain(s["text"], model=model)
        print(f"  {col[2:]:<12} {s[col]:.2f}  {s['text'][:110]}")
        print(f"  {'':<12}       because of: {', '.join(t for t, w in ex.tone_terms[col[2:]][:5] if w > 0)}")""")

md("""## What the figures show, and what they do not

* **Topic mix** is the share of an outlet's sentences the model places on each topic. On the
  bundled examples the outlets' leanings come through clearly: the security outlet writes most
  about defence, the business paper about trade, the social-affairs outlet about immigration.
* **Tone** is the framing of relations between countries in each sentence. The tabloid and the
  security outlet come out most contentious, the establishment paper most cooperative; net tone
  orders the outlets the same way.
* **Intervals** come from resampling articles: with five or six articles per outlet they are wide,
  and overlapping intervals mean the data cannot tell those outlets apart.
* **Corrected prevalence** adjusts the counts for the model's error rates measured at training
  time. It moves estimates towards the truth on the examples, but the error rates come from the
  project's corpus; on very different text they may not hold.
* The figures describe **coverage**, not intent: quoting an angry minister makes a sentence
  contentious whatever the outlet thinks. The model is not a human coder; read the example
  sentences and their explanations before drawing conclusions.""")

nb = nbf.v4.new_notebook()
nb["cells"] = cells
nb["metadata"] = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                  "language_info": {"name": "python"}}
nbf.write(nb, "notebooks/coverage_bias.ipynb")
