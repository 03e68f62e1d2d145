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

    app = create_app(_settings(ctx))
    faust.Worker(app, loglevel=loglevel, quiet=True).execute_from_commandline()


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
