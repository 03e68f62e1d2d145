"""``wirestream demo``: the README's first command, end to end on a real local broker.

Starts a fresh broker (its own directory, so it never touches a broker you run by hand), creates the
topics, starts one worker process, publishes the sample articles, waits until every input has an
outcome (the conservation audit), prints the enriched records and a summary, then shuts it all down.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections import Counter
from pathlib import Path

import orjson
from rich.console import Console
from rich.table import Table

from .audit import audit, read_topic
from .devkafka import DevKafka
from .devkafka.broker import free_port
from .publish import publish_items
from .routing import load_routing
from .settings import Settings
from .topics import create_topics, planned_topics
from .workers import start_worker, stop_worker

# Wide enough for the records table when the output is piped (CI logs), where rich defaults to 80.
console = Console(width=None if Console().is_terminal else 160)
SAMPLES = Path(__file__).resolve().parents[2] / "deploy" / "samples"


def _print_enriched(records: list[dict]) -> None:
    table = Table(title="enriched records", show_lines=True)
    table.add_column("story / outcome")
    table.add_column("headline")
    table.add_column("actors")
    table.add_column("events (source → target)")
    for rec in records:
        art = rec["article"]
        actors = {a["actor_id"]: a for a in rec["tags"]["actors"]}
        actor_txt = ", ".join(
            f"{a['name']} [{a.get('code') or a.get('country') or a['type']}]" for a in actors.values()
        )
        ev_txt = "\n".join(
            f"{e['event_type']}{' (negated)' if e['negated'] else ''}: "
            f"{'+'.join(actors.get(s, {}).get('name', s) for s in e['source']) or '?'} → "
            f"{'+'.join(actors.get(t, {}).get('name', t) for t in e['target']) or '?'}"
            for e in rec["tags"]["events"]
        )
        status = rec["dedupe"]["status"]
        table.add_row(
            f"{rec['story_id'][:28]}\n{status} · {art['language']}", art["headline"][:80], actor_txt[:300], ev_txt
        )
    console.print(table)


def run_demo(settings: Settings, paths: list[Path], *, keep_running: bool = False, timeout: float = 180.0) -> bool:
    home = Path(".wirestream/demo")
    shutil.rmtree(home / "data", ignore_errors=True)
    dk_settings = settings.devkafka.model_copy(update={"home": home / "kafka"})
    settings = settings.model_copy(update={"data_dir": home / "data", "devkafka": dk_settings})
    dk = DevKafka(dk_settings)
    paths = paths or [SAMPLES]
    worker = None
    try:
        with console.status("starting Kafka (first run fetches the jars from Maven Central)…"):
            t0 = time.monotonic()
            st = dk.start(fresh=True)
        console.print(f"[green]✓[/] Kafka {st.version} at {st.bootstrap} ({time.monotonic() - t0:.1f}s)")
        settings = settings.model_copy(
            update={"kafka": settings.kafka.model_copy(update={"bootstrap_servers": st.bootstrap})}
        )
        specs = planned_topics(settings, load_routing(settings.routing_file))
        asyncio.run(create_topics(settings, specs))
        console.print(f"[green]✓[/] {len(specs)} topics created")
        metrics_port = free_port()
        worker = start_worker(settings, home / "worker.log", metrics_port)
        console.print(
            f"[green]✓[/] worker started (pid {worker.pid}, metrics on :{metrics_port}, log {home / 'worker.log'})"
        )
        # One key: the samples keep their file order (original, then update, re-send, copy), so the
        # demo's verdicts are the same on every run.
        n = asyncio.run(publish_items(settings, paths, settings.topics.raw, key=b"wirestream-demo"))
        t_pub = time.monotonic()
        console.print(f"[green]✓[/] published {n} articles to {settings.topics.raw}")
        deadline = time.monotonic() + timeout
        report = None
        with console.status("waiting for every article to reach an outcome…"):
            while time.monotonic() < deadline:
                if worker.poll() is not None:
                    console.print(f"[red]worker exited with {worker.returncode}; see {home / 'worker.log'}[/]")
                    return False
                report = asyncio.run(audit(settings, timeout=20))
                if report.inputs >= n and not report.missing:
                    break
                time.sleep(1.0)
        console.print(f"[green]✓[/] every article has an outcome ({time.monotonic() - t_pub:.1f}s after publishing)")
        if report is None or report.missing:
            console.print(f"[red]timed out: {len(report.missing) if report else n} articles without an outcome[/]")
            return False
        enriched = [
            orjson.loads(r.value)
            for r in asyncio.run(read_topic(settings, settings.topics.enriched))
            if r.value is not None and dict(r.headers or ()).get("wirestream.outcome") == b"enriched"
        ]
        _print_enriched(enriched)
        dls = asyncio.run(read_topic(settings, settings.topics.deadletter))
        reasons = Counter(dict(r.headers or ()).get("wirestream.reason", b"?").decode() for r in dls)
        for reason, count in sorted(reasons.items()):
            console.print(f"  dead letter: {reason} × {count}")
        summary = report.summary()
        table = Table(title="summary")
        for k in ("inputs", "enriched", "duplicate", "deadletter", "missing", "conflicting"):
            table.add_column(k, justify="right")
        table.add_row(
            *(str(summary[k]) for k in ("inputs", "enriched", "duplicate", "deadletter", "missing", "conflicting"))
        )
        console.print(table)
        return report.ok
    finally:
        if worker is not None:
            stop_worker(worker)
        if not keep_running:
            dk.stop()
