"""Prometheus metrics for one wirestream worker.

Design decisions, and why:

* **One ``CollectorRegistry`` per :class:`Metrics` instance.** prometheus-client's default
  registry is process-global mutable state: two workers (or two tests) in one process would
  collide with ``Duplicated timeseries`` errors and leak values into each other. Nothing here
  touches ``prometheus_client.REGISTRY``.
* **Every series carries ``worker``.** Several workers scrape into one Prometheus; a per-worker
  label makes "which worker is stuck" answerable without relying on the scrape ``instance``
  label, which changes with container IPs.
* **Label values are validated where the set is closed** (stages, outcomes). An unbounded label
  value is how a metrics endpoint turns into a memory leak, so a typo fails loudly in tests
  instead of silently creating a new series in production.
* **Series with a known label set are pre-created at zero** (the error counters, every stage's
  histogram, latency, gauges). A counter that first appears at 1 makes ``rate()``/``increase()``
  miss the first event, and an absent series makes a dashboard panel read "No data" instead of 0.
  Series whose labels come from data (topic, outcome detail, tag type) appear on first use.
"""

from __future__ import annotations

import collections
import platform
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from importlib import metadata
from threading import Thread
from typing import Final
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info, start_http_server

from ..compiled import MODULES, compiled_modules

__all__ = [
    "LATENCY_BUCKETS",
    "OUTCOMES",
    "STAGES",
    "STAGE_BUCKETS",
    "Metrics",
]

STAGES: Final[frozenset[str]] = frozenset({"decode", "normalise", "dedupe", "tag", "route", "produce"})
"""Pipeline stages timed by ``wirestream_stage_duration_seconds`` (closed set: see module doc)."""

OUTCOMES: Final[frozenset[str]] = frozenset({"enriched", "duplicate", "deadletter"})
"""Terminal outcomes of one input record. Every record ends in exactly one of these."""

STAGE_BUCKETS: Final[tuple[float, ...]] = (
    0.00005, 0.0001, 0.00025, 0.0005,
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
    0.1, 0.25, 0.5, 1.0,
)  # fmt: skip
"""50 µs … 1 s. Most stages are pure CPU work on one article (tens of µs to a few ms); the upper
end catches pathological inputs (huge HTML) and produce() waiting on broker acks."""

LATENCY_BUCKETS: Final[tuple[float, ...]] = (
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
    0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
)  # fmt: skip
"""1 ms … 30 s end-to-end. Sub-second is the healthy steady state; 2.5-30 s resolves a backlog
draining after a restart or rebalance, which is exactly when the p99 alert needs resolution."""


def _dist_version(dist: str) -> str:
    """Installed version of ``dist``, or ``"unknown"``: build info must never crash start-up."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


class Metrics:
    """All metrics of one worker, on a registry owned by this instance.

    Methods are cheap (a dict lookup and a lock-protected add in prometheus-client) and safe to
    call from the event loop and from threads.
    """

    def __init__(self, worker_id: str, registry: CollectorRegistry | None = None) -> None:
        if not worker_id:
            raise ValueError("worker_id must be a non-empty string: it labels every series")
        self.worker_id: str = worker_id
        self.registry: CollectorRegistry = registry if registry is not None else CollectorRegistry(auto_describe=True)
        self._server: WSGIServer | None = None
        self._server_thread: Thread | None = None
        w = ["worker"]
        r = self.registry

        self._build = Info(
            "wirestream_build",
            "Build and runtime versions of this worker (value is always 1).",
            w,
            registry=r,
        )
        self._articles_in = Counter(
            "wirestream_articles_in",
            "Input records consumed, by source topic.",
            ["topic", *w],
            registry=r,
        )
        self._outcomes = Counter(
            "wirestream_outcomes",
            "Terminal outcome of each input record. detail is the dedupe status"
            " (enriched/duplicate) or the dead-letter reason (deadletter).",
            ["outcome", "detail", *w],
            registry=r,
        )
        self._stage = Histogram(
            "wirestream_stage_duration_seconds",
            "Wall-clock time spent in each pipeline stage, per record.",
            ["stage", *w],
            buckets=STAGE_BUCKETS,
            registry=r,
        )
        self._latency = Histogram(
            "wirestream_publish_to_enriched_seconds",
            "Time from the input record's Kafka timestamp to the enriched output being produced.",
            w,
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self._actor_tags = Counter(
            "wirestream_actor_tags",
            "Actor tags attached to enriched articles, by actor type.",
            ["type", *w],
            registry=r,
        )
        self._event_tags = Counter(
            "wirestream_event_tags",
            "Event tags attached to enriched articles, by event type.",
            ["event_type", *w],
            registry=r,
        )
        self._language_disagreements = Counter(
            "wirestream_language_disagreements",
            "Articles whose detected language differs from the one the agency declared.",
            ["declared", "detected", *w],
            registry=r,
        )
        self._lag = Gauge(
            "wirestream_consumer_lag",
            "Records between the committed offset and the log end offset, per assigned partition.",
            ["topic", "partition", *w],
            registry=r,
        )
        self._dedupe_entries = Gauge(
            "wirestream_dedupe_index_entries",
            "Entries in this worker's dedupe index (fingerprints within the retention window).",
            w,
            registry=r,
        )
        self._store_bytes = Gauge(
            "wirestream_state_store_bytes",
            "On-disk size of this worker's local state stores (RocksDB).",
            w,
            registry=r,
        )
        self._taxonomy = Info(
            "wirestream_taxonomy",
            "Version of each loaded taxonomy/gazetteer (value is always 1).",
            ["name", *w],
            registry=r,
        )
        self._rebalances = Counter(
            "wirestream_rebalances", "Consumer group rebalances seen by this worker.", w, registry=r
        )
        self._commit_failures = Counter("wirestream_commit_failures", "Failed offset commits.", w, registry=r)
        self._producer_errors = Counter(
            "wirestream_producer_errors",
            "Produce requests that failed after the client's own retries.",
            w,
            registry=r,
        )

        # Bind the worker label once: the hot path then only resolves the "real" labels.
        self._latency_w = self._latency.labels(worker_id)
        self._dedupe_entries_w = self._dedupe_entries.labels(worker_id)
        self._store_bytes_w = self._store_bytes.labels(worker_id)
        self._rebalances_w = self._rebalances.labels(worker_id)
        self._commit_failures_w = self._commit_failures.labels(worker_id)
        self._producer_errors_w = self._producer_errors.labels(worker_id)
        # Per-record children are resolved once per label value and kept: ``labels()`` builds a
        # key tuple and takes the metric's lock on every call, which showed up in the worker's
        # profile at ~0.5 ms per article. Only series never ``clear()``-ed are cached here.
        self._stage_w: dict[str, Histogram] = {
            stage: self._stage.labels(stage, worker_id)
            for stage in sorted(STAGES)  # pre-create: see module doc
        }
        self._articles_in_w: dict[str, Counter] = {}
        self._outcomes_w: dict[tuple[str, str], Counter] = {}
        self._actor_tags_w: dict[str, Counter] = {}
        self._event_tags_w: dict[str, Counter] = {}

        self._build.labels(worker_id).info(
            {
                "version": _dist_version("wirestream"),
                "python": platform.python_version(),
                "faust": _dist_version("faust-streaming"),
                "aiokafka": _dist_version("aiokafka"),
                # how many of the optional compiled build's modules this worker runs (setup.py)
                "compiled_modules": f"{len(compiled_modules())}/{len(MODULES)}",
            }
        )

    # -- per-record ---------------------------------------------------------------------------

    def article_in(self, topic: str) -> None:
        """Count one consumed input record from ``topic``."""
        _inc_each(self._articles_in, self._articles_in_w, (topic,), self.worker_id)

    def outcome(self, outcome: str, detail: str) -> None:
        """Count one record's terminal outcome (``enriched``/``duplicate``/``deadletter``)."""
        child = self._outcomes_w.get((outcome, detail))
        if child is None:
            if outcome not in OUTCOMES:
                raise ValueError(f"unknown outcome {outcome!r}; expected one of {sorted(OUTCOMES)}")
            child = self._outcomes_w[outcome, detail] = self._outcomes.labels(outcome, detail, self.worker_id)
        child.inc()

    @contextmanager
    def stage_seconds(self, stage: str) -> Iterator[None]:
        """Time the ``with`` block as ``stage``.

        The duration is recorded even when the block raises: a stage that fails slowly (e.g. a
        regex blow-up before a dead letter) is precisely what the histogram should reveal.
        """
        child = self._stage_child(stage)
        start = time.perf_counter()
        try:
            yield
        finally:
            child.observe(time.perf_counter() - start)

    def observe_stage(self, stage: str, seconds: float) -> None:
        """Record an externally measured stage duration (e.g. a produce future's ack time)."""
        self._stage_child(stage).observe(max(0.0, seconds))

    def latency(self, seconds: float) -> None:
        """Record publish→enriched latency.

        Negative values (producer clock ahead of ours) are clamped to 0: observing them would
        decrement ``_sum`` and corrupt every average derived from it.
        """
        self._latency_w.observe(max(0.0, seconds))

    def tags(self, actor_types: Iterable[str], event_types: Iterable[str]) -> None:
        """Count the actor and event tags attached to one enriched article (one inc per tag)."""
        _inc_each(self._actor_tags, self._actor_tags_w, actor_types, self.worker_id)
        _inc_each(self._event_tags, self._event_tags_w, event_types, self.worker_id)

    def language_disagreement(self, declared: str, detected: str) -> None:
        """Count one article whose declared language was overruled by detection (both ISO 639-1,
        so the label set stays bounded by the detector's languages)."""
        self._language_disagreements.labels(declared, detected, self.worker_id).inc()

    # -- periodic state -----------------------------------------------------------------------

    def set_lag(self, topic: str, partition: int, lag: int) -> None:
        """Set the consumer lag of one assigned partition (negative values clamp to 0)."""
        self._lag.labels(topic, str(partition), self.worker_id).set(max(0, lag))

    def clear_lag(self) -> None:
        """Drop all lag series, e.g. after a rebalance revoked partitions.

        Without this, a partition that moved to another worker would keep reporting its last lag
        here too, and ``sum(wirestream_consumer_lag)`` would double count it forever.
        """
        self._lag.clear()

    def set_dedupe_index_size(self, n: int) -> None:
        """Set the number of fingerprints currently held by the dedupe index."""
        self._dedupe_entries_w.set(n)

    def set_state_store_bytes(self, n: int) -> None:
        """Set the on-disk size of the local state stores."""
        self._store_bytes_w.set(n)

    def set_versions(self, versions: Mapping[str, str]) -> None:
        """Publish the loaded taxonomy versions, replacing any previously published set.

        Replacing (not merging) matters after a hot reload: a dropped taxonomy must disappear
        instead of lingering as a stale ``_info`` series.
        """
        self._taxonomy.clear()
        for name, version in versions.items():
            self._taxonomy.labels(name, self.worker_id).info({"version": str(version)})

    # -- errors -------------------------------------------------------------------------------

    def rebalance(self) -> None:
        """Count one consumer group rebalance (partition assignment change)."""
        self._rebalances_w.inc()

    def commit_failure(self) -> None:
        """Count one failed offset commit."""
        self._commit_failures_w.inc()

    def producer_error(self) -> None:
        """Count one failed produce (after client retries)."""
        self._producer_errors_w.inc()

    # -- exposition ---------------------------------------------------------------------------

    def serve(self, host: str, port: int) -> None:
        """Serve ``/metrics`` for this registry on ``host:port`` from a daemon thread.

        A separate thread (not the event loop) keeps scrapes answering while the loop is busy or
        blocked, which is when the metrics are most needed. ``port=0`` binds a free port; read
        it back from :attr:`port`. Calling twice is an error rather than a second server.
        """
        if self._server is not None:
            raise RuntimeError(f"metrics already served on port {self.port}")
        self._server, self._server_thread = start_http_server(port, addr=host, registry=self.registry)

    @property
    def port(self) -> int | None:
        """The port the exporter is bound to, or None if :meth:`serve` was not called."""
        return None if self._server is None else int(self._server.server_port)

    def close(self) -> None:
        """Stop the exporter started by :meth:`serve` (no-op if none). Frees the port."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._server_thread is not None:
            self._server_thread.join(timeout=5)
        self._server = self._server_thread = None

    # -- internals ----------------------------------------------------------------------------

    def _stage_child(self, stage: str) -> Histogram:
        child = self._stage_w.get(stage)
        if child is None:
            raise ValueError(f"unknown stage {stage!r}; expected one of {sorted(STAGES)}")
        return child


def _inc_each(metric: Counter, children: dict[str, Counter], values: Iterable[str], worker_id: str) -> None:
    """Add one per value (repeats count), each value's child resolved once and kept in ``children``.

    Values are tallied first and each distinct one gets a single ``inc(n)``: an enriched article
    carries ~50 tags of a handful of types, and every ``inc`` takes the child's lock.
    """
    for v, n in collections.Counter(values).items():
        child = children.get(v)
        if child is None:
            child = children[v] = metric.labels(str(v), worker_id)
        child.inc(n)
