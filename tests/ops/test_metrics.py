"""Unit tests for wirestream.metrics: names, labels and values as Prometheus will scrape them.

Assertions go through ``generate_latest``/the text parser rather than private attributes, because
the exposition format is the contract that dashboards and alerts depend on.
"""

from __future__ import annotations

import platform
import urllib.request
from collections.abc import Iterator

import pytest
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families

from wirestream.compiled import MODULES
from wirestream.metrics import LATENCY_BUCKETS, STAGE_BUCKETS, STAGES, Metrics


def samples(m: Metrics) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of ``m.registry`` keyed by (name, labels)."""
    text = generate_latest(m.registry).decode()
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for fam in text_string_to_metric_families(text)
        for s in fam.samples
    }


def value(m: Metrics, metric: str, **labels: str) -> float | None:
    """The sample ``metric{worker=<m's worker>, **labels}``, or None if absent."""
    return samples(m).get((metric, frozenset({"worker": m.worker_id, **labels}.items())))


@pytest.fixture
def m() -> Iterator[Metrics]:
    metrics = Metrics("w-test")
    yield metrics
    metrics.close()


def test_every_series_has_worker_label_and_namespace(m: Metrics) -> None:
    m.article_in("wire.raw")
    m.outcome("enriched", "new")
    m.latency(0.2)
    m.tags(["person"], ["election"])
    m.set_lag("wire.raw", 0, 5)
    m.set_versions({"actors": "2026.11"})
    all_samples = samples(m)
    assert all_samples
    for name, labels in all_samples:
        assert name.startswith("wirestream_"), name
        assert ("worker", "w-test") in labels, name


def test_build_info_set_at_construction(m: Metrics) -> None:
    info = {lb: v for (name, lb), v in samples(m).items() if name == "wirestream_build_info"}
    assert len(info) == 1
    ((labels, v),) = info.items()
    d = dict(labels)
    assert v == 1.0
    assert d["python"] == platform.python_version()
    assert set(d) == {"version", "python", "faust", "aiokafka", "compiled_modules", "worker"}
    assert d["compiled_modules"] == f"0/{len(MODULES)}"  # the tests run the interpreted code
    assert d["faust"].startswith("0.15")


def test_counters(m: Metrics) -> None:
    for _ in range(3):
        m.article_in("wire.raw")
    m.outcome("enriched", "new")
    m.outcome("duplicate", "exact")
    m.outcome("duplicate", "exact")
    m.outcome("deadletter", "decode_error")
    assert value(m, "wirestream_articles_in_total", topic="wire.raw") == 3
    assert value(m, "wirestream_outcomes_total", outcome="enriched", detail="new") == 1
    assert value(m, "wirestream_outcomes_total", outcome="duplicate", detail="exact") == 2
    assert value(m, "wirestream_outcomes_total", outcome="deadletter", detail="decode_error") == 1


def test_error_counters_exist_at_zero_and_count(m: Metrics) -> None:
    names = ("rebalances", "commit_failures", "producer_errors")
    for n in names:
        assert value(m, f"wirestream_{n}_total") == 0, n
    m.rebalance()
    m.commit_failure()
    m.commit_failure()
    m.producer_error()
    assert value(m, "wirestream_rebalances_total") == 1
    assert value(m, "wirestream_commit_failures_total") == 2
    assert value(m, "wirestream_producer_errors_total") == 1


def test_unknown_outcome_or_stage_is_rejected(m: Metrics) -> None:
    with pytest.raises(ValueError, match="outcome"):
        m.outcome("enrich", "new")
    with pytest.raises(ValueError, match="stage"):
        m.observe_stage("parse", 0.1)
    with pytest.raises(ValueError, match="stage"), m.stage_seconds("parse"):
        pass


def test_stage_histograms_precreated_and_observed(m: Metrics) -> None:
    for stage in STAGES:
        assert value(m, "wirestream_stage_duration_seconds_count", stage=stage) == 0
    m.observe_stage("dedupe", 0.0003)
    assert value(m, "wirestream_stage_duration_seconds_count", stage="dedupe") == 1
    assert value(m, "wirestream_stage_duration_seconds_bucket", stage="dedupe", le="0.00025") == 0
    assert value(m, "wirestream_stage_duration_seconds_bucket", stage="dedupe", le="0.0005") == 1
    assert value(m, "wirestream_stage_duration_seconds_sum", stage="dedupe") == pytest.approx(0.0003)


def test_stage_context_manager_records_even_on_error(m: Metrics) -> None:
    with m.stage_seconds("tag"):
        pass
    with pytest.raises(RuntimeError), m.stage_seconds("tag"):
        raise RuntimeError("boom")
    assert value(m, "wirestream_stage_duration_seconds_count", stage="tag") == 2
    s = value(m, "wirestream_stage_duration_seconds_sum", stage="tag")
    assert s is not None and 0 <= s < 1


def test_bucket_bounds() -> None:
    assert STAGE_BUCKETS[0] == 0.00005 and STAGE_BUCKETS[-1] == 1.0
    assert LATENCY_BUCKETS[0] == 0.001 and LATENCY_BUCKETS[-1] == 30.0
    assert list(STAGE_BUCKETS) == sorted(set(STAGE_BUCKETS))
    assert list(LATENCY_BUCKETS) == sorted(set(LATENCY_BUCKETS))


def test_latency_histogram_and_negative_clamp(m: Metrics) -> None:
    m.latency(0.75)
    m.latency(-3.0)  # producer clock ahead: must not decrement _sum
    assert value(m, "wirestream_publish_to_enriched_seconds_count") == 2
    assert value(m, "wirestream_publish_to_enriched_seconds_sum") == pytest.approx(0.75)
    assert value(m, "wirestream_publish_to_enriched_seconds_bucket", le="0.001") == 1
    assert value(m, "wirestream_publish_to_enriched_seconds_bucket", le="1.0") == 2
    assert value(m, "wirestream_publish_to_enriched_seconds_bucket", le="30.0") == 2


def test_tags(m: Metrics) -> None:
    m.tags(["person", "org", "person"], ["election"])
    m.tags([], iter(["election", "earthquake"]))
    assert value(m, "wirestream_actor_tags_total", type="person") == 2
    assert value(m, "wirestream_actor_tags_total", type="org") == 1
    assert value(m, "wirestream_event_tags_total", event_type="election") == 2
    assert value(m, "wirestream_event_tags_total", event_type="earthquake") == 1


def test_language_disagreements(m: Metrics) -> None:
    m.language_disagreement("de", "en")
    m.language_disagreement("de", "en")
    m.language_disagreement("fr", "es")
    assert value(m, "wirestream_language_disagreements_total", declared="de", detected="en") == 2
    assert value(m, "wirestream_language_disagreements_total", declared="fr", detected="es") == 1


def test_gauges(m: Metrics) -> None:
    m.set_lag("wire.raw", 3, 42)
    m.set_lag("wire.raw", 3, 40)
    m.set_lag("wire.raw", 1, -2)
    m.set_dedupe_index_size(1234)
    m.set_state_store_bytes(10_000_000)
    assert value(m, "wirestream_consumer_lag", topic="wire.raw", partition="3") == 40
    assert value(m, "wirestream_consumer_lag", topic="wire.raw", partition="1") == 0
    assert value(m, "wirestream_dedupe_index_entries") == 1234
    assert value(m, "wirestream_state_store_bytes") == 10_000_000
    m.clear_lag()
    assert value(m, "wirestream_consumer_lag", topic="wire.raw", partition="3") is None


def test_versions_replace_previous_set(m: Metrics) -> None:
    m.set_versions({"actors": "1", "events": "7"})
    assert value(m, "wirestream_taxonomy_info", name="actors", version="1") == 1
    m.set_versions({"actors": "2"})
    assert value(m, "wirestream_taxonomy_info", name="actors", version="2") == 1
    assert value(m, "wirestream_taxonomy_info", name="actors", version="1") is None
    assert value(m, "wirestream_taxonomy_info", name="events", version="7") is None


def test_instances_are_isolated_and_default_registry_untouched() -> None:
    before = {fam.name for fam in REGISTRY.collect()}
    a, b = Metrics("a"), Metrics("b")  # would raise "Duplicated timeseries" on a shared registry
    a.article_in("wire.raw")
    assert value(a, "wirestream_articles_in_total", topic="wire.raw") == 1
    assert value(b, "wirestream_articles_in_total", topic="wire.raw") is None
    assert a.registry is not b.registry
    assert {fam.name for fam in REGISTRY.collect()} == before


def test_explicit_registry_is_used() -> None:
    reg = CollectorRegistry()
    m = Metrics("w", registry=reg)
    assert m.registry is reg
    assert b"wirestream_build_info" in generate_latest(reg)


def test_empty_worker_id_rejected() -> None:
    with pytest.raises(ValueError):
        Metrics("")


def test_serve_exposes_registry_over_http(m: Metrics) -> None:
    m.article_in("wire.raw")
    m.serve("127.0.0.1", 0)
    assert m.port
    with pytest.raises(RuntimeError):
        m.serve("127.0.0.1", 0)
    with urllib.request.urlopen(f"http://127.0.0.1:{m.port}/metrics", timeout=5) as resp:
        body = resp.read().decode()
    assert 'wirestream_articles_in_total{topic="wire.raw",worker="w-test"} 1.0' in body
    m.close()
    assert m.port is None
    m.close()  # idempotent
