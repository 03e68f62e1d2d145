"""kill -9 the worker at random points of a stream with re-sends and near copies mixed in.

After the last restart every input has exactly one outcome, repeats (at-least-once) are identical
but for processing timestamps, and the dedupe verdicts equal a fault-free embedded run.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter

import pytest

from reliability.rel_support import (
    SOAK,
    BackgroundProducer,
    embedded_verdicts,
    mixed_stream,
    outputs_written,
    read_outcomes,
    verdict,
    wait_lag_zero,
    wait_settled,
)
from wirestream.audit import audit, read_topic

pytestmark = [pytest.mark.reliability, pytest.mark.kafka]


def test_kill9_worker_during_stream_loses_nothing_and_keeps_dedupe_verdicts(make_settings, workers, tmp_path) -> None:
    n, kills = (10_000, 10) if SOAK else (1_000, 3)
    rng = random.Random(20261125)
    s = make_settings(partitions=1)  # one raw partition: arrival order, hence verdicts, are deterministic
    values = mixed_stream(n, seed=11)
    t0 = time.monotonic()
    workers.start(s)
    producer = BackgroundProducer(s, values, rate=200.0)
    producer.start()
    # Kill points: random output counts spread over the stream (outputs ≈ inputs processed).
    points = sorted(rng.sample(range(n // 10, n * 9 // 10), kills))
    done_kills = 0
    for point in points:
        deadline = time.monotonic() + 300
        while outputs_written(s) < point:
            workers.assert_alive()
            assert time.monotonic() < deadline, f"no progress to {point} outputs"
            time.sleep(0.2)
        time.sleep(rng.uniform(0, 0.5))
        workers.kill9("worker-1")  # the live process: the supervisor may have restarted it
        done_kills += 1
        workers.start(s)
    producer.join_checked(timeout=300)
    report = wait_settled(s, n, workers, timeout=300)
    elapsed = time.monotonic() - t0
    wait_lag_zero(s)  # every repeat is written: the check below sees all of them
    report = asyncio.run(audit(s))

    assert report.ok, report.summary()
    assert report.inputs == n and not report.missing and not report.conflicting
    outs = read_outcomes(s)
    assert set(outs.by_input) == {(0, o) for o in range(n)}
    bad = outs.inconsistent_repeats()
    assert not bad, f"{len(bad)} repeated outputs differ from the first, e.g. {list(bad.items())[:3]}"

    raw = sorted(asyncio.run(read_topic(s, s.topics.raw, timeout=60)), key=lambda r: r.offset)
    expected = embedded_verdicts(s, [r.value for r in raw], tmp_path)
    got = [verdict(outs.by_input[(0, o)][0][0], outs.by_input[(0, o)][0][2]) for o in range(n)]
    diff = [(o, got[o], expected[o]) for o in range(n) if got[o] != expected[o]]
    assert not diff, f"{len(diff)} verdicts differ from the fault-free run, first: {diff[:5]}"
    kinds = Counter(expected)
    assert kinds[("duplicate", "exact")] > 0 and kinds[("duplicate", "near")] > 0, kinds
    print(
        f"\nRELIABILITY kill9: inputs={n} kills={done_kills} seconds={elapsed:.0f} verdicts={dict(kinds)} "
        f"repeated_inputs={len(outs.repeats())} repeated_records={sum(outs.repeats().values()) - len(outs.repeats())} "
        f"audit={report.summary()}"
    )
