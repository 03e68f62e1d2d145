"""Embedded mode: the same pipeline in-process, files in, JSONL files out, no Kafka.

Useful for trying wirestream on an archive, for debugging a single article, and as the reference the
Kafka path is compared with: both call the same :class:`~wirestream.pipeline.Pipeline`, and the JSONL
records have the same schema as the topics.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from rich.progress import Progress
from rich.table import Table

from .dedupe import Deduplicator, InMemoryDedupeState
from .inputs import count_items, read_items
from .models import Provenance, RawInput
from .pipeline import Pipeline
from .routing import load_routing
from .routing.outputs import Outcome
from .runtime import freeze_long_lived
from .settings import Settings
from .tagging import Tagger


@dataclass
class Summary:
    inputs: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    details: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def build_pipeline(settings: Settings) -> Pipeline:
    return Pipeline(
        settings,
        tagger=Tagger.load(settings.tagger_cache_path),
        deduplicator=Deduplicator(settings.dedupe, InMemoryDedupeState()),
        routing=load_routing(settings.routing_file),
        held={},
    )


def process_paths(settings: Settings, paths: list[Path], out_dir: Path | None, *, progress: bool = True) -> Summary:
    pipeline = build_pipeline(settings)
    freeze_long_lived()  # as the worker does: the tagger's data out of the collector's full passes
    summary = Summary()
    files: dict[str, IO[bytes]] = {}
    start = datetime.now(UTC)
    with contextlib.ExitStack() as stack:
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            for name in ("enriched", "duplicates", "deadletter"):
                files[name] = stack.enter_context((out_dir / f"{name}.jsonl").open("wb"))
        bar = stack.enter_context(Progress(disable=not progress, transient=True))
        task = bar.add_task("processing", total=count_items(paths) if progress else None)
        for i, item in enumerate(read_items(paths)):
            raw = RawInput(
                value=item.value,
                headers={"wirestream.source": item.source},
                provenance=Provenance(
                    topic=f"file:{item.source}", partition=-1, offset=i, received_at=datetime.now(UTC)
                ),
            )
            result = pipeline.process(raw)
            summary.inputs += 1
            summary.outcomes[result.outcome.value] += 1
            summary.details[f"{result.outcome.value}:{result.detail}"] += 1
            if result.record is not None and out_dir is not None:
                name = {
                    Outcome.ENRICHED: "enriched",
                    Outcome.DUPLICATE: "duplicates",
                    Outcome.DEADLETTER: "deadletter",
                }[result.outcome]
                files[name].write(result.record.model_dump_json().encode() + b"\n")
            bar.advance(task)
    summary.seconds = (datetime.now(UTC) - start).total_seconds()
    return summary


def summary_table(summary: Summary, title: str = "wirestream") -> Table:
    table = Table(title=f"{title}: {summary.inputs} in, {summary.seconds:.2f}s")
    table.add_column("outcome")
    table.add_column("detail")
    table.add_column("count", justify="right")
    for key, n in sorted(summary.details.items()):
        outcome, _, detail = key.partition(":")
        table.add_row(outcome, detail, str(n))
    for outcome in ("enriched", "duplicate", "deadletter", "held"):
        if summary.outcomes.get(outcome) or outcome != "held":
            table.add_row(f"[bold]{outcome}[/]", "total", f"[bold]{summary.outcomes.get(outcome, 0)}[/]")
    return table
