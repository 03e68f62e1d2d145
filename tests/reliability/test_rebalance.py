"""Two workers: start one, add a second, SIGKILL the first; dedupe state follows the partitions.

Originals are decided by worker-1 alone (it owns every partition, including the single dedupe
sequencer partition). After worker-2 joins and worker-1 is killed, worker-2 owns everything and
must have restored the dedupe tables from their changelogs: copies and new versions of the
originals published now are recognised as such.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from reliability.rel_support import kill9, near_copy, new_version, produce, read_outcomes, wait_settled
from wire_articles import story_bytes
from wirestream.audit import audit, read_topic
from wirestream.devkafka.broker import _free_port

pytestmark = [pytest.mark.reliability, pytest.mark.kafka]


def _log_has(path, text: str) -> bool:  # type: ignore[no-untyped-def]
    try:
        return text in path.read_text(errors="replace")
    except OSError:
        return False


def test_state_survives_rebalance_and_sigkill_of_the_owner(make_settings, workers, tmp_path) -> None:
    s = make_settings(partitions=4)
    t0 = time.monotonic()
    w1 = workers.start(s, "worker-1")
    originals = [story_bytes(500 + i) for i in range(40)]
    asyncio.run(produce(s, originals))
    wait_settled(s, len(originals), workers, timeout=240)

    # Same settings but its own metrics port (two workers on one host).
    workers.start(s.model_copy(update={"metrics": s.metrics.model_copy(update={"port": _free_port()})}), "worker-2")
    deadline = time.monotonic() + 240
    while not _log_has(tmp_path / "worker-2.log", "Worker]: Ready"):
        workers.assert_alive()
        assert time.monotonic() < deadline, "worker-2 never became ready"
        time.sleep(1.0)
    # Both in the group now; let the rebalance settle, then take worker-1 out the hard way.
    time.sleep(3.0)
    kill9(w1)  # type: ignore[arg-type]
    moved_at = time.monotonic()

    exact = originals[:10]
    near = [near_copy(500 + i, 1) for i in range(10, 20)]
    versions = [new_version(500 + i, 2) for i in range(20, 30)]
    fresh = [story_bytes(700 + i) for i in range(10)]
    phase2 = exact + near + versions + fresh
    asyncio.run(produce(s, phase2))
    n = len(originals) + len(phase2)
    report = wait_settled(s, n, workers, timeout=240)
    recovered = time.monotonic() - moved_at
    assert report.ok, report.summary()

    outs = read_outcomes(s)
    assert not outs.inconsistent_repeats(), outs.inconsistent_repeats()
    by_value: dict[bytes, list[tuple[str, str | None, str]]] = {}
    # In publish order (timestamps: the phases are seconds apart), so [-1] is the phase-2 copy.
    for rec in sorted(asyncio.run(read_topic(s, s.topics.raw)), key=lambda r: r.timestamp):
        outcome, _, value, headers = outs.by_input[(rec.partition, rec.offset)][-1]
        status = value.get("dedupe", {}).get("status") if isinstance(value, dict) else None
        by_value.setdefault(rec.value, []).append((outcome, status, headers.get("wirestream.worker", "?")))

    def last(v: bytes) -> tuple[str, str | None, str]:
        return by_value[v][-1]

    assert [last(v)[:2] for v in exact] == [("duplicate", "exact")] * 10
    assert [last(v)[:2] for v in near] == [("duplicate", "near")] * 10
    assert [last(v)[:2] for v in versions] == [("enriched", "new_version")] * 10
    assert [last(v)[:2] for v in fresh] == [("enriched", "new")] * 10
    assert {last(v)[2] for v in phase2} == {"worker-2"}, "phase 2 must be decided by the surviving worker"
    assert {by_value[v][0][2] for v in originals} == {"worker-1"}
    print(
        f"\nRELIABILITY rebalance: seconds={time.monotonic() - t0:.0f} recovered_after_kill={recovered:.0f}s "
        f"repeated_inputs={len(outs.repeats())} audit={asyncio.run(audit(s)).summary()}"
    )
