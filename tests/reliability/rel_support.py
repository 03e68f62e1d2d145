"""Helpers for the fault-injection tests: input mixes, producing, settling, reading outcomes per input."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from wire_articles import story, story_bytes
from wirestream.audit import AuditReport, audit, read_topic
from wirestream.devkafka.broker import free_port
from wirestream.kafka_client import aiokafka_kwargs
from wirestream.settings import KafkaSettings, Settings, TopicSettings

SOAK = os.environ.get("WIRESTREAM_SOAK", "").lower() in {"1", "true", "yes"}

#: Faust reads these from the environment (they override the app's kwargs); workers inherit them.
#: A 10 s session timeout lets the group evict a SIGKILLed worker in seconds instead of a minute.
FAST_GROUP_ENV = {"BROKER_SESSION_TIMEOUT": "10", "BROKER_HEARTBEAT_INTERVAL": "1"}

#: The stall watchdog (app/watchdog.py) of every worker these tests start: a stalled partition is
#: nudged after 60 s (its log line shows the consumer's flow state) and ends the worker after 120 s;
#: a worker stuck in a rebalance ends after 90 s. Both well inside NO_PROGRESS_SECONDS, after which
#: the tests give up on their own, instead of the production 3 / 15 minutes.
TEST_WATCHDOG_ENV = {
    "WIRESTREAM_WATCHDOG__INTERVAL_SECONDS": "5",
    "WIRESTREAM_WATCHDOG__STALL_SECONDS": "60",
    "WIRESTREAM_WATCHDOG__REBALANCE_SECONDS": "90",
}


def own_broker_settings(prefix: str, tmp_path: Path, kafka: KafkaSettings | dict[str, Any]) -> Settings:
    """Settings for a test that runs its own broker (TLS, SASL_SSL, restarts) instead of the session one:
    unique topic and app names, 2 partitions, its own metrics port and fast timers."""
    tag = f"{prefix}-{int(time.time() * 1000) % 10_000_000}"
    names = ("raw", "normalised", "deduplicated", "enriched", "duplicates", "deadletter")
    return Settings(
        app_id=f"ws-{tag}",
        data_dir=tmp_path / "data",
        topics=TopicSettings(**{n: f"t.{tag}.{n}" for n in names}, partitions=2),
        kafka=kafka,  # type: ignore[arg-type]
        metrics={"port": free_port()},  # type: ignore[arg-type]
        embargo_tick_seconds=1.0,
        lag_interval_seconds=1.0,
    )


# ------------------------------------------------------------------------------------ inputs


def near_copy(i: int, variant: int = 1) -> bytes:
    """A syndicated copy of story ``i``: other id, changed headline, a dateline and a sentence added."""
    d = story(i)
    paras = d["body"].split("\n\n")
    paras[0] = f"LONDON, June {1 + variant % 28} (Other Wire) - " + paras[0]
    paras.append(f"The agency said more details would follow later in the day (update {variant}).")
    return orjson.dumps(
        {**d, "id": f"urn:test:near:{i}:{variant}", "headline": f"UPDATE {variant}: " + d["headline"],
         "body": "\n\n".join(paras)}
    )  # fmt: skip


def new_version(i: int, version: int = 2) -> bytes:
    """Version ``version`` of story ``i`` (same id, a paragraph added)."""
    d = story(i)
    extra = f"This story was updated (version {version}) with new comments from officials."
    return orjson.dumps({**d, "version": version, "body": d["body"] + "\n\n" + extra})


def mixed_stream(n: int, seed: int, first: int = 0) -> list[bytes]:
    """``n`` inputs: ~70 % new stories, ~15 % exact re-sends, ~15 % near copies of earlier stories."""
    rng = random.Random(seed)
    out: list[bytes] = []
    sent: list[int] = []
    nxt = first
    for _ in range(n):
        r = rng.random()
        if sent and r < 0.15:
            out.append(story_bytes(rng.choice(sent)))
        elif sent and r < 0.30:
            out.append(near_copy(rng.choice(sent), rng.randint(1, 5)))
        else:
            out.append(story_bytes(nxt))
            sent.append(nxt)
            nxt += 1
    return out


# ------------------------------------------------------------------------------------ producing


def _producer(settings: Settings, **kw: Any) -> AIOKafkaProducer:
    return AIOKafkaProducer(**aiokafka_kwargs(settings.kafka), acks="all", enable_idempotence=True, linger_ms=5, **kw)


async def produce(settings: Settings, values: list[bytes], partition: int | None = None) -> None:
    producer = _producer(settings)
    await producer.start()
    try:
        futs = [await producer.send(settings.topics.raw, v, partition=partition) for v in values]
        for f in futs:
            await f
    finally:
        await producer.stop()


class BackgroundProducer(threading.Thread):
    """Produces ``values`` in order at ``rate`` per second (None: as fast as acks allow) in a thread,
    to raw partition ``partition`` (None: spread by the default partitioner)."""

    def __init__(
        self, settings: Settings, values: list[bytes], rate: float | None = None, partition: int | None = 0
    ) -> None:
        super().__init__(daemon=True)
        self.settings, self.values, self.rate, self.partition = settings, values, rate, partition
        self.sent = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            asyncio.run(self._run())
        except BaseException as exc:  # reported by join_checked
            self.error = exc

    async def _run(self) -> None:
        producer = _producer(self.settings, request_timeout_ms=120_000)
        await producer.start()
        try:
            t0 = time.monotonic()
            futs = []
            for i, v in enumerate(self.values):
                if self.rate:
                    delay = t0 + i / self.rate - time.monotonic()
                    if delay > 0:
                        await asyncio.sleep(delay)
                futs.append(await producer.send(self.settings.topics.raw, v, partition=self.partition))
                if len(futs) >= 200:
                    for f in futs:
                        await f
                    self.sent += len(futs)
                    futs = []
            for f in futs:
                await f
            self.sent += len(futs)
        finally:
            await producer.stop()

    def join_checked(self, timeout: float) -> None:
        self.join(timeout)
        assert not self.is_alive(), f"producer still running after {timeout}s ({self.sent} sent)"
        if self.error is not None:
            raise self.error


# ------------------------------------------------------------------------------------ observing


async def end_offsets(settings: Settings, topics: list[str]) -> dict[str, int]:
    """Sum of end offsets per topic (records ever written, repeats included)."""
    consumer = AIOKafkaConsumer(**aiokafka_kwargs(settings.kafka), enable_auto_commit=False)
    await consumer.start()
    try:
        out: dict[str, int] = {}
        for t in topics:
            parts = consumer.partitions_for_topic(t)
            if parts is None:
                await consumer._client.force_metadata_update()
                parts = consumer.partitions_for_topic(t) or set()
            tps = [TopicPartition(t, p) for p in parts]
            out[t] = sum((await consumer.end_offsets(tps)).values()) if tps else 0
        return out
    finally:
        await consumer.stop()


def outputs_written(settings: Settings) -> int:
    t = settings.topics
    return sum(asyncio.run(end_offsets(settings, [t.enriched, t.duplicates, t.deadletter])).values())


#: How long the tests accept no new outcome while inputs are still undecided. Longer than any
#: legitimate pause they cause (a SIGKILLed member is evicted after 10 s, the rebalance and the
#: table recovery that follow took 15-35 s under load 4-10) and longer than the watchdog needs to act
#: on a stall (TEST_WATCHDOG_ENV: 90 s in a rebalance, 125 s otherwise), so the watchdog gets its
#: chance first; short enough that a stalled test fails, with diagnostics, in under 3 minutes instead
#: of sitting out pytest's 600 s timeout.
NO_PROGRESS_SECONDS = 150.0


def wait_settled(
    settings: Settings,
    n: int,
    workers: Any,
    timeout: float,
    interval: float = 1.0,
    no_progress: float = NO_PROGRESS_SECONDS,
) -> AuditReport:
    """Poll the audit until all ``n`` inputs have an outcome.

    Fails fast: at once if a worker died (``workers.assert_alive``), and when no input got its
    outcome for ``no_progress`` seconds (a stalled worker), or after ``timeout``; the failure carries
    ``workers.diagnose`` (each worker's state, where it waits, the consumer group) when available.
    """
    t0 = time.monotonic()
    deadline = t0 + timeout
    report = asyncio.run(audit(settings, timeout=30))
    best, progressed_at = report.inputs - len(report.missing), t0
    while True:
        if workers is not None:
            workers.assert_alive()
        if report.inputs >= n and not report.missing:
            return report
        now = time.monotonic()
        decided = report.inputs - len(report.missing)
        if decided > best:
            best, progressed_at = decided, now
        why = None
        if now - progressed_at >= no_progress:
            why = f"no input decided for {now - progressed_at:.0f}s"
        elif now >= deadline:
            why = f"not settled after {timeout:.0f}s"
        if why is not None:
            diag = workers.diagnose(settings) if hasattr(workers, "diagnose") else ""
            raise AssertionError(
                f"{why} ({now - t0:.0f}s in wait_settled): {report.summary()}, expected {n} inputs; "
                f"first missing {report.missing[:5]}\n{diag}"
            )
        time.sleep(interval)
        report = asyncio.run(audit(settings, timeout=30))


def kill9(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL a worker and mark it as an expected exit for ``workers.assert_alive``."""
    proc._ws_expected_exit = True  # type: ignore[attr-defined]
    os.killpg(proc.pid, signal.SIGKILL)  # start_new_session: the worker leads its own group
    proc.wait(10)


# ------------------------------------------------------------------------------------ outcomes


#: Processing metadata, as in ``wirestream.audit``: when and by which worker. A repeat done by another
#: worker (after a rebalance) is labelled with that worker; everything else must be identical.
_VOLATILE = {"received_at", "processed_at", "worker_id"}


def _strip(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _strip(v) for k, v in obj.items() if k not in _VOLATILE}
    if isinstance(obj, list):
        return [_strip(v) for v in obj]
    return obj


def comparable(value: bytes | None, outcome: str) -> Any:
    """A record's value without its processing metadata (dead letters are the original bytes)."""
    if value is None or outcome == "deadletter":
        return value
    return _strip(orjson.loads(value))


@dataclass
class Outcomes:
    """Every outcome record, grouped by the raw input it belongs to."""

    by_input: dict[tuple[int, int], list[tuple[str, bytes | None, Any, dict[str, str]]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def single(self, key: tuple[int, int]) -> str:
        return self.by_input[key][0][0]

    def repeats(self) -> dict[tuple[int, int], int]:
        return {k: len(v) for k, v in self.by_input.items() if len(v) > 1}

    def inconsistent_repeats(self) -> dict[tuple[int, int], list[str]]:
        """Inputs whose repeated outputs differ in outcome, key or value (timestamps aside): what differs."""
        bad: dict[tuple[int, int], list[str]] = {}
        for k, recs in self.by_input.items():
            first = recs[0][:3]
            for r in recs[1:]:
                if r[:3] != first:
                    what = [n for n, a, b in zip(("outcome", "key"), first, r, strict=False) if a != b]
                    bad[k] = what + diff_paths(first[2], r[2])
        return bad


def diff_paths(a: Any, b: Any, path: str = "") -> list[str]:
    """Where two JSON values differ: ``["dedupe.similarity: 0.8 != 0.9", ...]`` (at most 10)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for key in sorted(set(a) | set(b)):
            out += diff_paths(a.get(key), b.get(key), f"{path}.{key}" if path else key)
        return out[:10]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        out = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            out += diff_paths(x, y, f"{path}[{i}]")
        return out[:10]
    return [] if a == b else [f"{path}: {str(a)[:80]!r} != {str(b)[:80]!r}"]


def read_outcomes(settings: Settings) -> Outcomes:
    t = settings.topics
    out = Outcomes()
    for topic, outcome in ((t.enriched, "enriched"), (t.duplicates, "duplicate"), (t.deadletter, "deadletter")):
        for rec in asyncio.run(read_topic(settings, topic, timeout=60)):
            h = {k: v.decode("utf-8", "replace") for k, v in (rec.headers or ())}
            if h.get("wirestream.outcome") != outcome:
                continue
            part = h.get("wirestream.input.partition") or h.get("__connect.errors.partition")
            off = h.get("wirestream.input.offset") or h.get("__connect.errors.offset")
            assert part is not None and off is not None, f"output without provenance headers: {h}"
            out.by_input[(int(part), int(off))].append((outcome, rec.key, comparable(rec.value, outcome), h))
    return out


def verdict(outcome: str, value: Any) -> tuple[str, str | None]:
    """(outcome, dedupe status) of one comparable output value."""
    if outcome == "deadletter" or not isinstance(value, dict):
        return (outcome, None)
    return (outcome, value.get("dedupe", {}).get("status"))


_EMBEDDED = """
import base64, json, sys
from datetime import UTC, datetime
from wirestream.embedded import build_pipeline
from wirestream.models import Provenance, RawInput
from wirestream.settings import Settings
args = json.load(open(sys.argv[1]))
settings = Settings.model_validate_json(args["settings"])
pipeline = build_pipeline(settings)
out = []
for offset, b64 in enumerate(args["values"]):
    prov = Provenance(topic=settings.topics.raw, partition=0, offset=offset, received_at=datetime.now(UTC))
    res = pipeline.process(RawInput(value=base64.b64decode(b64), provenance=prov))
    status = getattr(getattr(res.record, "dedupe", None), "status", None)
    dead = res.outcome.value == "deadletter"
    out.append([res.outcome.value, status.value if status is not None and not dead else None])
json.dump(out, open(sys.argv[2], "w"))
"""


def embedded_verdicts(settings: Settings, raw_values: list[bytes], workdir: Path) -> list[tuple[str, str | None]]:
    """The fault-free reference: the same inputs, same order, through the embedded pipeline.

    Run in a child process with the same environment as the workers (so the same code snapshot,
    see ``code_snapshot``), not in the test process, which imported the code earlier.
    """
    args, result = workdir / "embedded-in.json", workdir / "embedded-out.json"
    values = [base64.b64encode(v).decode() for v in raw_values]
    args.write_text(json.dumps({"settings": settings.model_dump_json(), "values": values}))
    subprocess.run([sys.executable, "-c", _EMBEDDED, str(args), str(result)], check=True, timeout=900)
    return [(o, st) for o, st in json.loads(result.read_text())]


def code_snapshot(dest: Path) -> Path:
    """Copy the wirestream package to ``dest``: workers (and the reference run) import this copy.

    Other engineers edit the shared checkout while these tests run; a worker restarted after an
    edit would otherwise run different code than the one it replaced, which is a deploy, not a crash.
    """
    src = Path(__file__).resolve().parents[2] / "service" / "wirestream"
    shutil.copytree(src, dest / "wirestream", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def wait_lag_zero(settings: Settings, timeout: float = 120.0, workers: Any = None) -> dict[tuple[str, int], int]:
    """Wait until the app's group has committed every raw/deduplicated record (ticks aside):
    after this no more repeats can arrive, so reading the outputs sees all of them. Fails at once
    if a worker died (``workers.assert_alive``), with ``workers.diagnose`` on a timeout."""
    from wirestream.metrics.lag import consumer_lag

    t = settings.topics
    deadline = time.monotonic() + timeout
    while True:
        lag = asyncio.run(consumer_lag(settings.kafka.bootstrap_servers, settings.app_id,
                                       [t.raw, t.normalised, t.deduplicated], **_client_kwargs(settings)))  # fmt: skip
        # The embargo timer sends a tick to every normalised partition each second: allow those.
        if (
            lag
            and all(v == 0 for (topic, _), v in lag.items() if topic != t.normalised)
            and all(v <= 3 for v in lag.values())
        ):
            return lag
        if workers is not None:
            workers.assert_alive()
        if time.monotonic() > deadline:
            diag = workers.diagnose(settings) if hasattr(workers, "diagnose") else ""
            raise AssertionError(f"consumer lag not back to 0 after {timeout:.0f}s: {lag}\n{diag}")
        time.sleep(1.0)


def _client_kwargs(settings: Settings) -> dict[str, Any]:
    return {k: v for k, v in aiokafka_kwargs(settings.kafka).items() if k != "bootstrap_servers"}


async def _describe_group(settings: Settings) -> str:
    from aiokafka.admin import AIOKafkaAdminClient
    from aiokafka.coordinator.protocol import ConsumerProtocol

    from wirestream.metrics.lag import consumer_lag

    t = settings.topics
    admin = AIOKafkaAdminClient(**aiokafka_kwargs(settings.kafka))
    await admin.start()
    try:
        lines = []
        for resp in await admin.describe_consumer_groups([settings.app_id]):
            for group in resp.groups:
                error, group_id, state, _ptype, protocol, members = group[:6]
                lines.append(f"group {group_id}: state={state} protocol={protocol} error={error} "
                             f"members={len(members)}")  # fmt: skip
                for member in members:
                    member_id, client_host, assignment = member[0], member[-3], member[-1]
                    tps: dict[str, list[int]] = {}
                    with contextlib.suppress(Exception):
                        for topic, parts in ConsumerProtocol.ASSIGNMENT.decode(assignment).assignment:
                            tps[topic.rsplit(".", 1)[-1]] = sorted(parts)
                    lines.append(f"  member {member_id} ({client_host}): {tps}")
    finally:
        await admin.close()
    lag = await consumer_lag(settings.kafka.bootstrap_servers, settings.app_id,
                             [t.raw, t.normalised, t.deduplicated], **_client_kwargs(settings))  # fmt: skip
    lines.append("lag: " + ", ".join(f"{topic.rsplit('.', 1)[-1]}[{p}]={v}" for (topic, p), v in sorted(lag.items())))
    return "\n".join(lines)


def describe_group(settings: Settings) -> str:
    """The consumer group as the broker sees it (state, members and their partitions) and its lag:
    the half of a stall's picture that no worker log has (who holds the partitions nobody processes)."""
    try:
        return asyncio.run(asyncio.wait_for(_describe_group(settings), 30))
    except Exception as exc:
        return f"(group not described: {exc!r})"


@contextlib.asynccontextmanager
async def tcp_forwarder(listen_host: str, target_port: int) -> AsyncIterator[int]:
    """Relay ``listen_host:<port>`` to ``127.0.0.1:target_port``; yields the port.

    Reaching the broker under another address (e.g. 127.0.0.2) changes only the name the client
    checks against the broker certificate, not the peer: a hostname-verification test needs exactly that.
    """

    async def pipe(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        with contextlib.suppress(Exception):
            while data := await r.read(65536):
                w.write(data)
                await w.drain()
        w.close()

    async def relay(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        br, bw = await asyncio.open_connection("127.0.0.1", target_port)
        await asyncio.gather(pipe(r, bw), pipe(br, w))

    server = await asyncio.start_server(relay, listen_host, 0)
    try:
        yield int(server.sockets[0].getsockname()[1])
    finally:
        server.close()
