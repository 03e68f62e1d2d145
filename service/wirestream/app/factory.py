"""Build the Faust app for one worker. See the package docstring for the topology and why."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import faust
from aiokafka.errors import KafkaError, MessageSizeTooLargeError
from faust.exceptions import ProducerSendError
from faust.types import EventT

from ..dedupe import Deduplicator, partition_key
from ..dedupe.faust_state import make_faust_state
from ..kafka_client import faust_credentials, key_hash_partitioner
from ..metrics import Metrics
from ..metrics.lag import shared_lag_probe, worker_lag_probe
from ..models import DedupedEnvelope, NormalisedEnvelope, Provenance, RawInput, Stage
from ..normalise.language import disagrees_with_declared, primary_language
from ..pipeline import Pipeline
from ..routing import RoutingTable, load_routing
from ..routing.outputs import Message, Outcome, Result, dead_letter_message, make_dead_letter
from ..runtime import freeze_long_lived
from ..settings import Settings
from ..tagging import Tagger
from .consumer import HoleCheckingConsumer
from .sensor import MetricsSensor
from .watchdog import install_watchdog

log = logging.getLogger("wirestream.app")

TICK = b"__wirestream_tick__"
# The envelopes' JSON as bytes straight from their serializers: ``model_dump_json()`` decodes the
# serializer's bytes to ``str`` and the shell encoded them back (two copies of a ~9 KB envelope per hop).
_NORMALISED_JSON = NormalisedEnvelope.__pydantic_serializer__.to_json
_DEDUPED_JSON = DedupedEnvelope.__pydantic_serializer__.to_json


def _headers(raw: Any) -> dict[str, str]:
    if not raw:
        return {}
    items = raw.items() if isinstance(raw, dict) else raw
    out: dict[str, str] = {}
    for k, v in items:
        key = k.decode("utf-8", "replace") if isinstance(k, bytes) else str(k)
        out[key] = v.decode("utf-8", "replace") if isinstance(v, bytes | bytearray) else str(v)
    return out


def _provenance(event: EventT, worker_id: str) -> Provenance:
    m = event.message
    return Provenance(
        topic=m.topic,
        partition=m.partition,
        offset=m.offset,
        timestamp=datetime.fromtimestamp(m.timestamp, UTC) if m.timestamp else None,
        key=m.key.decode("utf-8", "replace") if isinstance(m.key, bytes) else None,
        received_at=datetime.now(UTC),
        worker_id=worker_id,
    )


def failure_reason(exc: BaseException) -> str:
    """Reason code for an exception the shell caught: a record over the size limit is not a bug.

    The size error arrives wrapped (Faust's and the shell's ``ProducerSendError`` ``from`` the
    ``KafkaError``), so the cause chain is searched, not just the outer exception: before session 9
    such outputs were dead-lettered as ``internal_error``.
    """
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, MessageSizeTooLargeError):
            return "output_too_large"
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return "internal_error"


def broker_urls(bootstrap: str) -> list[str]:
    return [f"kafka://{h.strip()}" for h in bootstrap.split(",") if h.strip()]


def create_app(
    settings: Settings,
    *,
    tagger: Tagger | None = None,
    routing: RoutingTable | None = None,
    metrics: Metrics | None = None,
) -> faust.App:
    """A configured Faust app with the two agents, the dedupe tables and the service timers."""
    routing = routing or load_routing(settings.routing_file)
    tagger = tagger or Tagger.load(settings.tagger_cache_path)
    metrics = metrics or Metrics(settings.worker_id)
    topics = settings.topics

    datadir = settings.data_dir / settings.worker_id
    datadir.mkdir(parents=True, exist_ok=True)
    app = faust.App(
        settings.app_id,
        broker=broker_urls(settings.kafka.bootstrap_servers),
        broker_credentials=faust_credentials(settings.kafka),
        store="rocksdb://",
        datadir=str(datadir),
        topic_partitions=topics.partitions,
        topic_replication_factor=topics.replication_factor,
        topic_allow_declare=True,
        topic_disable_leader=True,
        processing_guarantee=settings.processing_guarantee,
        consumer_auto_offset_reset="earliest",
        web_enabled=False,
        producer_linger_ms=settings.producer_linger_ms,
        # Faust's default (16 KB) is smaller than one enriched record: every record would be a
        # batch (and a produce request) of its own, compressed alone.
        producer_max_batch_size=settings.producer_max_batch_size,
        # Records as large as the topics accept (the internal envelope is ~4x its input).
        producer_max_request_size=settings.topics.max_message_bytes,
        consumer_max_fetch_size=settings.topics.max_message_bytes,
        producer_partitioner=key_hash_partitioner,
        producer_compression_type=None if settings.producer_compression == "none" else settings.producer_compression,
        broker_commit_every=settings.commit_every,
        broker_commit_interval=settings.commit_interval_seconds,
        stream_wait_empty=True,
        key_serializer="raw",
        value_serializer="raw",
    )
    app.sensors.add(MetricsSensor(metrics))
    # Faust can commit past an input it never delivered after a rebalance; check such holes with the
    # broker first (app/consumer.py). The transport builds the consumer when the worker starts.
    app.transport.Consumer = type("WirestreamConsumer", (HoleCheckingConsumer,), {"settings": settings})  # type: ignore[misc]

    raw_topic = app.topic(topics.raw, key_type=bytes, value_type=bytes, allow_empty=True)
    normalised_topic = app.topic(topics.normalised, key_type=bytes, value_type=bytes, allow_empty=True)
    deduplicated_topic = app.topic(topics.deduplicated, key_type=bytes, value_type=bytes, allow_empty=True)
    state = make_faust_state(app, settings.dedupe, partitions=topics.partitions)
    held = app.Table(
        "held-embargoes", default=None, partitions=topics.partitions, key_type=str, value_type=str,
        help="embargoed articles' envelopes (provenance + original bytes), until released",
    )  # fmt: skip
    pipeline = Pipeline(
        settings,
        tagger=tagger,
        deduplicator=Deduplicator(settings.dedupe, state),
        routing=routing,
        held=held,
        observe=metrics.observe_stage,
    )
    metrics.set_versions(pipeline.versions)

    def _count_failed_delivery(fut: asyncio.Future[Any]) -> None:
        if not fut.cancelled() and fut.exception() is not None:
            metrics.producer_error()

    async def produce(topic: str, key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]]) -> None:
        """Hand one record to the aiokafka producer under Faust's producer, not through ``Topic.send``.

        It is the producer Faust flushes before committing offsets (``Producer.flush`` flushes
        ``_producer``), and the one Faust's own ``Producer.send`` picks when no transactional id is
        given, which the shell never gives: the guarantees are unchanged. What is skipped is the
        per-message ``FutureMessage``, channel and sensor bookkeeping of ``Topic.send`` (≈ 1 ms of
        the worker's time per article, session 6) and, since session 9, the ``Producer.send``
        wrapper too (header conversion, a sensor hook no sensor of ours implements, the timestamp
        conversion), paid ~12 times per enriched article. Its one visible behaviour, wrapping a
        ``KafkaError`` in ``ProducerSendError``, is kept (``failure_reason`` looks through it).
        Delivery failures are counted here, since Faust's sensors do not see these sends.
        """
        try:
            fut = await app.producer._ensure_producer().send(topic, value, key=key, headers=headers)  # type: ignore[attr-defined]
        except KafkaError as exc:
            metrics.producer_error()
            raise ProducerSendError(f"Error while sending: {exc!r}") from exc
        except Exception:
            metrics.producer_error()
            raise
        fut.add_done_callback(_count_failed_delivery)

    async def send(messages: Iterable[Message]) -> None:
        t0 = time.perf_counter()
        for m in messages:
            await produce(m.topic, m.key, m.value, list(m.headers))
        metrics.observe_stage("produce", time.perf_counter() - t0)

    def account(result: Result, timestamp: datetime | None) -> None:
        if result.outcome is Outcome.HELD:
            return  # not an outcome yet: counted when the embargo is lifted
        metrics.outcome(result.outcome.value, result.detail)
        if result.outcome is Outcome.ENRICHED and result.record is not None:
            tags = result.record.tags  # type: ignore[union-attr]
            # the enum members are their values (StrEnum): no per-tag ``.value`` lookup
            metrics.tags((a.type for a in tags.actors), (e.event_type for e in tags.events))
        if timestamp is not None and result.outcome is Outcome.ENRICHED:
            metrics.latency(max(0.0, (datetime.now(UTC) - timestamp).total_seconds()))

    async def dead_letter_bug(event: EventT, prov: Provenance, stage: Stage, exc: Exception) -> None:
        """Last line of defence: the shell itself failed on an event; record it, never drop it."""
        m = event.message
        value = m.value if isinstance(m.value, bytes) else b""
        reason = failure_reason(exc)
        dl = make_dead_letter(value, m.key, _headers(m.headers), prov, stage, reason, str(exc), exc)
        res = Result(Outcome.DEADLETTER, reason, [dead_letter_message(dl, topics.deadletter)], dl)
        await send(res.messages)
        account(res, prov.timestamp)

    @app.agent(raw_topic, name="normalise", concurrency=1)
    async def normalise_agent(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            metrics.article_in(event.message.topic)
            prov = _provenance(event, settings.worker_id)
            try:
                value = event.value if isinstance(event.value, bytes) else b""
                headers = _headers(event.headers)
                raw = RawInput(
                    value=value,
                    key=event.key if isinstance(event.key, bytes) else None,
                    headers=headers,
                    content_type=headers.get("content-type"),
                    provenance=prov,
                )
                env = pipeline.normalise(raw)
                if isinstance(env, Result):
                    await send(env.messages)
                    account(env, prov.timestamp)
                else:
                    art = env.article
                    if disagrees_with_declared(art.language, art.declared_language):
                        metrics.language_disagreement(primary_language(art.declared_language) or "", art.language)
                    await produce(topics.normalised, partition_key(art), _NORMALISED_JSON(env), [])
            except Exception as exc:
                log.exception("normalise agent failed on %s[%s]@%s", prov.topic, prov.partition, prov.offset)
                await dead_letter_bug(event, prov, Stage.NORMALISE, exc)

    async def forward(out: DedupedEnvelope | Result, timestamp: datetime | None) -> None:
        if isinstance(out, Result):
            await send(out.messages)
            account(out, timestamp)
        else:
            await produce(topics.deduplicated, out.article.story_id.encode(), _DEDUPED_JSON(out), [])

    async def handle(event: EventT, model: type[NormalisedEnvelope], stage: Stage, process: Any) -> None:
        """Decode an internal envelope and run one stage on it; whatever fails becomes a dead letter.

        Both the stage *and* the produce of its outputs are inside the ``try``: an exception that
        escaped here would make Faust ack the event and lose the input.
        """
        t0 = time.perf_counter()
        try:
            env = model.model_validate_json(event.value)
        except Exception as exc:
            await dead_letter_bug(event, _provenance(event, settings.worker_id), stage, exc)
            return
        metrics.observe_stage("decode", time.perf_counter() - t0)
        try:
            await process(env)
        except Exception as exc:
            log.exception("%s failed on %s", stage.value, env.provenance)
            res = pipeline.dead_letter_envelope(env, stage, failure_reason(exc), str(exc), exc)
            await send(res.messages)
            account(res, env.provenance.timestamp)

    async def dedupe_one(env: NormalisedEnvelope) -> None:
        await forward(pipeline.dedupe(env), env.provenance.timestamp)

    async def enrich_one(denv: DedupedEnvelope) -> None:
        res = pipeline.enrich(denv)
        await send(res.messages)
        account(res, denv.provenance.timestamp)

    @app.agent(normalised_topic, name="dedupe", concurrency=1)
    async def dedupe_agent(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            if event.value == TICK:
                with contextlib.suppress(Exception):
                    for released in pipeline.release_embargoes():
                        await forward(released, None)
                continue
            await handle(event, NormalisedEnvelope, Stage.DEDUPE, dedupe_one)

    @app.agent(deduplicated_topic, name="enrich", concurrency=1)
    async def enrich_agent(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            await handle(event, DedupedEnvelope, Stage.TAG, enrich_one)

    @app.timer(interval=settings.embargo_tick_seconds)
    async def embargo_tick() -> None:
        """Wake every dedupe partition so due embargoes are released inside stream iteration.

        Faust tables may only be changed while processing an event of their partition, so the timer
        cannot release embargoes itself; a tick message per partition does it for it.
        """
        for p in range(topics.partitions):
            await normalised_topic.send(key=None, value=TICK, partition=p)

    store_bytes_every = max(1, round(60.0 / settings.lag_interval_seconds))  # walk the data dir ~once a minute
    lag_ticks = itertools.count()
    # One probe for the lag metric and the stall watchdog; an answer younger than the timer's interval is reused.
    lag_probe = shared_lag_probe(worker_lag_probe(settings), max_age=settings.lag_interval_seconds)

    @app.timer(interval=settings.lag_interval_seconds)
    async def report_lag() -> None:
        """Faust has no lag metric: end offset − committed offset, per partition this worker owns."""
        tick = next(lag_ticks)
        with contextlib.suppress(Exception):
            mine = {(tp.topic, tp.partition) for tp in app.consumer.assignment()}
            lags = await lag_probe(settings.lag_interval_seconds)
            metrics.clear_lag()  # partitions moved to another worker must not keep their last value
            for (topic, partition), lag in lags.items():
                if (topic, partition) in mine:
                    metrics.set_lag(topic, partition, lag)
            with contextlib.suppress(Exception):
                metrics.set_dedupe_index_size(pipeline.deduplicator.index_size())
            if tick % store_bytes_every:
                return  # the store size moves slowly; walking every RocksDB file each lag tick is waste
            with contextlib.suppress(OSError):
                metrics.set_state_store_bytes(sum(f.stat().st_size for f in datadir.rglob("*") if f.is_file()))

    @app.task
    async def serve_metrics() -> None:
        if settings.metrics.enabled:
            metrics.serve(settings.metrics.host, settings.metrics.port)
            log.info("metrics on http://%s:%s/metrics", settings.metrics.host, settings.metrics.port)

    # Faust 0.15 can leave a worker idle after a rebalance: nudge it, then exit for a restart (app/watchdog.py).
    install_watchdog(app, settings, lag_probe=lag_probe)

    freeze_long_lived()  # the tagger's data out of the collector's passes (see runtime.py)
    app.wirestream_pipeline = pipeline  # type: ignore[attr-defined]
    app.wirestream_metrics = metrics  # type: ignore[attr-defined]
    return app
