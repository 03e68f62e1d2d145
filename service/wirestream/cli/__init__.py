"""The ``wirestream`` command line: one console script, one sub-command per job.

Commands stay thin: they parse options, build :class:`~wirestream.settings.Settings`, and call the
library. Anything a command does can be done from Python the same way.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import click
from rich.console import Console

from ..settings import Settings

err = Console(stderr=True)
OUTCOME_LABELS = (("enriched", "enriched"), ("duplicate", "duplicate"), ("deadletter", "dead letter"))
out = Console()


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--bootstrap", envvar="WIRESTREAM_KAFKA__BOOTSTRAP_SERVERS", help="Kafka bootstrap servers.")
@click.pass_context
def main(ctx: click.Context, bootstrap: str | None) -> None:
    """wirestream: normalise, deduplicate and tag news wire articles from Kafka.

    Settings come from WIRESTREAM_* environment variables (nested: WIRESTREAM_TOPICS__RAW) and an
    optional .env file. When no bootstrap server is set and the local broker is running
    (`wirestream kafka start`), commands use it.
    """
    settings = Settings()
    if bootstrap:
        settings = settings.model_copy(
            update={"kafka": settings.kafka.model_copy(update={"bootstrap_servers": bootstrap})}
        )
    elif "WIRESTREAM_KAFKA__BOOTSTRAP_SERVERS" not in _env():
        from ..devkafka import DevKafka

        st = DevKafka(settings.devkafka).state()
        if st is not None:
            settings = settings.model_copy(
                update={"kafka": settings.kafka.model_copy(update={"bootstrap_servers": st.bootstrap})}
            )
    ctx.obj = settings


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


# ---------------------------------------------------------------------------------------- kafka


@main.group()
def kafka() -> None:
    """Run a real local Kafka broker (KRaft, jars from Maven Central; no Docker)."""


@kafka.command("fetch")
@click.pass_context
def kafka_fetch(ctx: click.Context) -> None:
    """Fetch the broker's jars from Maven Central into the cache (no-op when cached)."""
    from ..devkafka import DevKafka, DevKafkaError

    dk = DevKafka(_settings(ctx).devkafka)
    try:
        libs = dk.ensure_jars()
    except DevKafkaError as exc:
        raise click.ClickException(str(exc)) from exc
    out.print(f"Kafka {dk.settings.version} jars in {libs} ({sum(1 for _ in libs.glob('*.jar'))} jars)")


@kafka.command("start")
@click.option("--fresh", is_flag=True, help="Wipe the broker's data directory first.")
@click.pass_context
def kafka_start(ctx: click.Context, fresh: bool) -> None:
    """Fetch jars (cached), format storage, start the broker and wait until it answers."""
    from ..devkafka import DevKafka, DevKafkaError

    dk = DevKafka(_settings(ctx).devkafka)
    try:
        with err.status("starting Kafka broker…"):
            st = dk.start(fresh=fresh)
    except DevKafkaError as exc:
        raise click.ClickException(str(exc)) from exc
    out.print(f"Kafka {st.version} running at [bold]{st.bootstrap}[/] (pid {st.pid}, log {st.log_file})")


@kafka.command("stop")
@click.pass_context
def kafka_stop(ctx: click.Context) -> None:
    """Stop the local broker cleanly (SIGTERM, wait, then SIGKILL)."""
    from ..devkafka import DevKafka

    stopped = DevKafka(_settings(ctx).devkafka).stop()
    out.print("stopped" if stopped else "not running")


@kafka.command("status")
@click.pass_context
def kafka_status(ctx: click.Context) -> None:
    """Print whether the local broker runs and where (JSON)."""
    from ..devkafka import DevKafka

    out.print_json(json.dumps(DevKafka(_settings(ctx).devkafka).status()))


# --------------------------------------------------------------------------------------- topics


@main.group()
def topics() -> None:
    """Create and list wirestream's topics (never auto-created)."""


@topics.command("create")
@click.pass_context
def topics_create(ctx: click.Context) -> None:
    """Create every topic wirestream uses (inputs, outputs, routed, changelogs) with its partitions."""
    from ..routing import load_routing
    from ..topics import create_topics, planned_topics

    s = _settings(ctx)
    specs = planned_topics(s, load_routing(s.routing_file))
    result = asyncio.run(create_topics(s, specs))
    for spec in specs:
        out.print(f"{result[spec.name]:>8}  {spec.name}  ({spec.partitions} partitions)")


@topics.command("list")
@click.pass_context
def topics_list(ctx: click.Context) -> None:
    """List topics on the cluster with their partition counts."""
    from ..topics import list_topics

    for name, parts in sorted(asyncio.run(list_topics(_settings(ctx))).items()):
        out.print(f"{name}  {parts}")


# --------------------------------------------------------------------------------------- worker


@main.command()
@click.option("--loglevel", default="warning", show_default=True)
@click.pass_context
def worker(ctx: click.Context, loglevel: str) -> None:
    """Run a Faust worker: consume wire.raw, publish enriched/duplicates/dead letters."""
    import faust

    from ..app import create_app
    from ..kafka_client import KafkaConnectionCheckError, check_connection

    settings = _settings(ctx)
    try:
        # Faust only logs "Unable to bootstrap" and retries; a wrong password or an untrusted
        # certificate should stop the worker at once, saying which.
        asyncio.run(check_connection(settings.kafka))
    except KafkaConnectionCheckError as exc:
        raise click.ClickException(str(exc)) from exc
    if settings.malloc_tune:
        from ..runtime import tune_glibc_malloc

        tune_glibc_malloc()
    app = create_app(settings)
    w = faust.Worker(app, loglevel=loglevel, quiet=True)
    # At WARN and above Faust keeps its terminal spinner, which sets the root logger to DEBUG so it
    # can spin on every record: aiokafka then builds debug records for every message (~8% CPU).
    w.spinner = None
    if settings.profile_path is None:
        w.execute_from_commandline()
        return
    # Diagnostics: a sampling profile of the live worker (main thread: agents, Faust, producer calls).
    try:
        from pyinstrument import Profiler
    except ImportError as exc:
        raise click.ClickException(
            "WIRESTREAM_PROFILE_PATH needs pyinstrument: pip install 'wirestream[profile]'"
        ) from exc

    profiler = Profiler(interval=0.001, async_mode="disabled")
    profiler.start()
    try:
        w.execute_from_commandline()
    finally:
        profiler.stop()
        settings.profile_path.write_text(profiler.output_text(unicode=False, color=False, show_all=False))
        if profiler.last_session is not None:  # re-render with other options: pyinstrument --load <file>
            profiler.last_session.save(str(settings.profile_path.with_suffix(".pyisession")))


# -------------------------------------------------------------------------------------- publish


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--topic", help="Target topic (default: the raw input topic).")
@click.pass_context
def publish(ctx: click.Context, paths: tuple[Path, ...], topic: str | None) -> None:
    """Publish articles from files or directories (JSON, JSONL, text, HTML, XML) to wire.raw."""
    from ..publish import publish_items

    s = _settings(ctx)
    n = asyncio.run(publish_items(s, list(paths), topic or s.topics.raw, progress=True))
    out.print(f"published {n} articles to {topic or s.topics.raw}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path), help="Write enriched/duplicates/deadletter .jsonl here."
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def process(ctx: click.Context, paths: tuple[Path, ...], out_dir: Path | None, quiet: bool) -> None:
    """Embedded mode: run the whole pipeline in-process on files, no Kafka needed."""
    from ..embedded import process_paths, summary_table

    summary = process_paths(_settings(ctx), list(paths), out_dir, progress=not quiet)
    err.print(summary_table(summary))


@main.command("audit")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def audit_cmd(ctx: click.Context, as_json: bool) -> None:
    """Check conservation: every input offset has exactly one outcome. Exits 1 if not."""
    from ..audit import audit

    report = asyncio.run(audit(_settings(ctx)))
    summary = report.summary()
    if as_json:
        out.print_json(json.dumps({**summary, "missing_offsets": report.missing[:100]}))
    else:
        for k, v in summary.items():
            out.print(f"{k:>12}: {v}")
    sys.exit(0 if report.ok else 1)


# ----------------------------------------------------------------------------------- deadletter


@main.group()
def deadletter() -> None:
    """Inspect and replay the dead-letter topic."""


@deadletter.command("inspect")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def deadletter_inspect(ctx: click.Context, as_json: bool) -> None:
    """Summarise dead letters by reason and stage, with an example message for each."""
    from rich.table import Table

    from ..deadletters import inspect

    rows = asyncio.run(inspect(_settings(ctx)))
    if as_json:
        out.print_json(json.dumps([{**r.__dict__, "exception_classes": dict(r.exception_classes)} for r in rows]))
        return
    table = Table(title=f"{_settings(ctx).topics.deadletter}: {sum(r.count for r in rows)} dead letters")
    for col in ("reason", "stage", "count", "example"):
        table.add_column(col, justify="right" if col == "count" else "left")
    for r in rows:
        table.add_row(r.reason, r.stage, str(r.count), r.example[:80])
    out.print(table)


@deadletter.command("replay")
@click.option("--reason", help="Only dead letters with this reason code (see `deadletter inspect`).")
@click.option("--stage", help="Only dead letters from this stage.")
@click.option("--all", "replay_all", is_flag=True, help="Replay every dead letter (no --reason filter).")
@click.option("--dry-run", is_flag=True, help="Count what would be replayed; publish nothing.")
@click.pass_context
def deadletter_replay(
    ctx: click.Context, reason: str | None, stage: str | None, replay_all: bool, dry_run: bool
) -> None:
    """Re-publish dead letters' original bytes and keys to the raw topic, once the cause is fixed."""
    from ..deadletters import replay

    if reason is None and not replay_all:
        raise click.UsageError("give --reason X (or --all)")
    n = asyncio.run(replay(_settings(ctx), reason=reason, stage=stage, dry_run=dry_run))
    out.print(f"{'would replay' if dry_run else 'replayed'} {n} dead letters to {_settings(ctx).topics.raw}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--since", type=click.DateTime(), help="Replay wire.raw records from this time (UTC).")
@click.option("--until", type=click.DateTime(), help="…up to this time (default: the end).")
@click.option(
    "--wait", "wait_s", type=float, default=None, help="Wait up to this many seconds for outcomes, then report."
)
@click.pass_context
def replay(ctx: click.Context, paths: tuple[Path, ...], since: object, until: object, wait_s: float | None) -> None:
    """Re-publish an archive (files/dirs) or a time range of wire.raw, marked as replays.

    Replayed articles that were published before are re-tagged and enriched again (e.g. after a
    dictionary update) instead of being reported as duplicates of themselves. With --wait, reports
    how many of the replayed inputs ended enriched, duplicate or dead-lettered (needs a running worker).
    """
    from datetime import UTC, datetime

    from ..audit import end_offsets, outcomes_since
    from ..publish import publish_items, replay_range

    s = _settings(ctx)
    if bool(paths) == (since is not None):
        raise click.UsageError("give either PATHS or --since")
    start = asyncio.run(end_offsets(s, s.topics.raw))
    if paths:
        n = asyncio.run(publish_items(s, list(paths), s.topics.raw, progress=True, replay=True))
        out.print(f"replayed {n} articles from {len(paths)} path(s) to {s.topics.raw}")
    else:
        assert isinstance(since, datetime)
        lo = since.replace(tzinfo=since.tzinfo or UTC)
        hi = until.replace(tzinfo=until.tzinfo or UTC) if isinstance(until, datetime) else None
        sent = asyncio.run(replay_range(s, lo, hi, progress=True))
        n = sum(sent.values())
        parts = ", ".join(f"p{p}: {c}" for p, c in sorted(sent.items())) or "nothing in range"
        out.print(f"replayed {n} records from {s.topics.raw} ({parts})")
    if wait_s is not None and n:
        with err.status("waiting for the replayed articles' outcomes…"):
            counts = asyncio.run(outcomes_since(s, start, n, timeout=wait_s))
        done = sum(v for k, v in counts.items() if k != "pending")
        where = ", ".join(f"{counts.get(k, 0)} {label}" for k, label in OUTCOME_LABELS)
        pending = f", {counts['pending']} still pending" if counts.get("pending") else ""
        out.print(f"{done}/{n} replayed articles: {where}{pending}")
        if counts.get("pending"):
            sys.exit(1)


# -------------------------------------------------------------------------------------- schemas


@main.group()
def schemas() -> None:
    """Generate or check the JSON Schemas of every topic's records."""


@schemas.command("write")
@click.option("--dir", "directory", default="schemas", type=click.Path(path_type=Path), show_default=True)
def schemas_write(directory: Path) -> None:
    """Regenerate schemas/ from the models."""
    from ..schemas import write

    for p in write(directory):
        out.print(f"wrote {p}")


@schemas.command("check")
@click.option("--dir", "directory", default="schemas", type=click.Path(path_type=Path), show_default=True)
def schemas_check(directory: Path) -> None:
    """Exit 1 if schemas/ differs from the models."""
    from ..schemas import drift

    bad = drift(directory)
    if bad:
        raise click.ClickException(f"schemas out of date: {', '.join(bad)} (run `wirestream schemas write`)")
    out.print("schemas up to date")


# ----------------------------------------------------------------------------------------- demo


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--keep-running", is_flag=True, help="Leave the broker running afterwards.")
@click.option("--timeout", default=180.0, show_default=True, help="Seconds to wait for all outcomes.")
@click.pass_context
def demo(ctx: click.Context, paths: tuple[Path, ...], keep_running: bool, timeout: float) -> None:
    """The whole thing, end to end: broker, topics, worker, publish samples, print results, shut down."""
    from ..demo import run_demo

    ok = run_demo(_settings(ctx), list(paths), keep_running=keep_running, timeout=timeout)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":  # pragma: no cover
    main()
