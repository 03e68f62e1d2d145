"""The processing guarantee, shown directly: at-least-once with idempotent keyed outputs.

A crash between producing outputs and committing the input offsets makes a worker redo that work.
Instead of hoping a ``kill -9`` lands in that window (``test_kill9`` does it at random), this test
forces it for *every* input: after a clean run it rewinds the group's committed offsets on all the
topics the worker consumes to the beginning and starts a worker again. Every input is then
processed twice, and each repeated output must carry the same outcome, key and value as the first
(processing timestamps aside), so a downstream dedupe by key (or by input provenance) is exact.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition

from reliability.rel_support import near_copy, new_version, produce, read_outcomes, wait_lag_zero, wait_settled
from wire_articles import BAD_INPUTS, story_bytes
from wirestream.audit import audit
from wirestream.kafka_client import aiokafka_kwargs
from wirestream.settings import Settings

pytestmark = [pytest.mark.reliability, pytest.mark.kafka]


async def rewind_group(s: Settings, topics: list[str]) -> int:
    """Commit offset 0 for every partition of ``topics`` in the app's (empty) consumer group."""
    consumer = AIOKafkaConsumer(**aiokafka_kwargs(s.kafka), group_id=s.app_id, enable_auto_commit=False)
    await consumer.start()
    try:
        await consumer._client.force_metadata_update()  # partitions_for_topic is empty until metadata is fetched
        tps = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
        assert {tp.topic for tp in tps} == set(topics), tps
        consumer.assign(tps)
        await consumer.commit({tp: 0 for tp in tps})
        return len(tps)
    finally:
        await consumer.stop()


def test_every_repeat_carries_the_same_key_and_value(make_settings, workers) -> None:
    s = make_settings(partitions=2)
    values = (
        [story_bytes(800 + i) for i in range(20)]
        + [story_bytes(800 + i) for i in range(5)]  # exact re-sends
        + [near_copy(800 + i) for i in range(5, 10)]
        + [new_version(800 + i) for i in range(10, 15)]
        + list(BAD_INPUTS.values())
    )
    n = len(values)
    proc = workers.start(s, "worker-1")
    asyncio.run(produce(s, values, partition=0))  # one partition: the verdicts depend on arrival order
    wait_settled(s, n, workers, timeout=240)
    wait_lag_zero(s)
    first = read_outcomes(s)
    assert not first.repeats(), "a clean run should not repeat (nothing to compare against otherwise)"

    # The crash window, for every input at once: outputs written, offsets "not committed".
    proc._ws_expected_exit = True  # type: ignore[attr-defined]
    workers.stop("worker-1")
    deadline = time.monotonic() + 60
    while True:  # the group must be empty before offsets can be committed from outside it
        try:
            rewound = asyncio.run(rewind_group(s, [s.topics.raw, s.topics.normalised, s.topics.deduplicated]))
            break
        except Exception as exc:  # e.g. the coordinator still counts the stopped member
            assert time.monotonic() < deadline, f"could not rewind the group's offsets: {exc!r}"
            time.sleep(2)
    workers.start(s, "worker-2")
    deadline = time.monotonic() + 240
    outs = read_outcomes(s)
    while len(outs.repeats()) < n:
        workers.assert_alive()
        assert time.monotonic() < deadline, f"only {len(outs.repeats())}/{n} inputs were redone"
        time.sleep(2)
        outs = read_outcomes(s)
    wait_lag_zero(s)
    outs = read_outcomes(s)

    assert len(outs.repeats()) == n, "every input must have been processed again"
    bad = outs.inconsistent_repeats()
    assert not bad, f"{len(bad)} repeats differ from the first output, e.g. {list(bad.items())[:3]}"
    report = asyncio.run(audit(s))
    assert report.ok and not report.missing and not report.conflicting, report.summary()
    kinds = Counter(recs[0][0] for recs in outs.by_input.values())
    # 20 stories + 5 new versions enriched; 5 exact + 5 near copies duplicates; the bad inputs dead letters.
    assert kinds == Counter({"enriched": 25, "duplicate": 10, "deadletter": len(BAD_INPUTS)}), kinds
    print(
        f"\nRELIABILITY guarantee: inputs={n} rewound_partitions={rewound} repeated_inputs={len(outs.repeats())} "
        f"records={sum(len(v) for v in outs.by_input.values())} identical_repeats=all outcomes={dict(kinds)}"
    )


def test_a_graceful_stop_commits_what_the_worker_processed(make_settings, workers) -> None:  # type: ignore[no-untyped-def]
    """SIGTERM commits every processed input, even on partitions the group never committed on before.

    The commit interval is longer than the test, so the only commit is the stop's own: it must not
    wait for a later round to learn the partitions' log start (the restart would redo the work:
    session 9's flaky test_dedupe_kafka).
    """
    from wirestream.metrics.lag import consumer_lag

    s = make_settings(partitions=2, commit_interval_seconds=600.0)
    values = [story_bytes(900 + i) for i in range(6)]
    workers.start(s, "worker-1")
    asyncio.run(produce(s, values[:3], partition=0))
    asyncio.run(produce(s, values[3:], partition=1))
    wait_settled(s, len(values), workers, timeout=180)
    workers.stop("worker-1")

    t = s.topics
    lag = asyncio.run(consumer_lag(s.kafka.bootstrap_servers, s.app_id, [t.raw, t.normalised, t.deduplicated]))
    assert lag, "the topics must exist"
    behind = {k: v for k, v in lag.items() if v and k[0] != t.normalised}
    assert not behind, f"processed inputs left uncommitted by the stop: {behind}"
    # The embargo timer's ticks reach the normalised topic every second; one sent as the worker stopped
    # may be unprocessed. Every other record there was processed and must be committed.
    assert all(v <= 1 for (topic, _), v in lag.items() if topic == t.normalised), lag
