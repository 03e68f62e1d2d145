"""The stall watchdog's decision, without Kafka: what counts as a stall, when it nudges, when it exits."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from wirestream.app.watchdog import StallPolicy, StallTracker, flow_state, nudge, task_dump

pytestmark = [pytest.mark.reliability]

RAW0, RAW1 = ("raw", 0), ("raw", 1)


def test_lag_without_commits_is_a_stall_after_stall_seconds() -> None:
    t = StallTracker(stall_seconds=30)
    assert t.observe(0, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=False) == []
    assert t.observe(29, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=False) == []
    assert t.observe(30, [RAW0], {RAW0: 5}, {RAW0: 12}, busy=False) == [RAW0]


def test_progress_caught_up_or_never_committed_are_told_apart() -> None:
    t = StallTracker(stall_seconds=30)
    t.observe(0, [RAW0, RAW1], {RAW0: 5}, {RAW0: 10, RAW1: 3}, busy=False)
    # raw-0 commits (progress), raw-1 never committed anything and still has lag: only raw-1 stalls.
    assert t.observe(20, [RAW0, RAW1], {RAW0: 9}, {RAW0: 10, RAW1: 3}, busy=False) == []
    assert t.observe(40, [RAW0, RAW1], {RAW0: 9}, {RAW0: 0, RAW1: 3}, busy=False) == [RAW1]
    # raw-0 is idle but caught up (lag 0): not a stall however long it lasts.
    assert t.observe(500, [RAW0], {RAW0: 9}, {RAW0: 0}, busy=False) == []


def test_rebalancing_gets_its_own_allowance_and_restarts_the_clock() -> None:
    t = StallTracker(stall_seconds=30, rebalance_seconds=100)
    t.observe(0, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=False)
    assert t.observe(50, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=True) == []  # rebalance starts: clock restarts
    assert t.observe(140, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=True) == []  # restoring tables for 90 s: allowed
    assert t.observe(150, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=True) == [RAW0]  # stuck in the rebalance
    assert t.observe(151, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=False) == []  # rebalance over: clock restarts
    assert t.observe(180, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=False) == []
    assert t.observe(181, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=False) == [RAW0]
    t.observe(182, [], {}, {}, busy=False)  # revoked
    assert t.observe(190, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=False) == []  # assigned again: fresh clock
    assert t.observe(219, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=False) == []


def test_time_the_broker_cannot_be_asked_does_not_count() -> None:
    t = StallTracker(stall_seconds=30)
    t.observe(0, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=False)
    t.forget()  # lag probe failed: broker down
    assert t.observe(40, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=False) == []
    assert t.observe(70, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=False) == [RAW0]


def test_a_stall_in_a_rebalance_is_not_nudged() -> None:
    """Resuming stream partitions while tables restore would process events against half-restored state."""
    p = StallPolicy(StallTracker(stall_seconds=30, rebalance_seconds=60))
    assert [p.decide(s, [RAW0], {}, {RAW0: 3}, busy=True).action for s in (0, 59, 60)] == ["none", "none", "exit"]
    q = StallPolicy(StallTracker(stall_seconds=30, rebalance_seconds=60), exit_on_stall=False)
    assert [q.decide(s, [RAW0], {}, {RAW0: 3}, busy=True).action for s in (0, 60)] == ["none", "report"]


def test_policy_nudges_first_then_exits_if_the_nudge_did_not_help() -> None:
    p = StallPolicy(StallTracker(stall_seconds=30))
    seen = [p.decide(s, [RAW0], {RAW0: 5}, {RAW0: 10}, busy=False).action for s in (0, 30, 40, 59, 60)]
    assert seen == ["none", "nudge", "none", "none", "exit"]


def test_policy_forgets_the_nudge_when_progress_resumes() -> None:
    p = StallPolicy(StallTracker(stall_seconds=30))
    assert [p.decide(s, [RAW0], {RAW0: 5}, {RAW0: 10}, False).action for s in (0, 30)] == ["none", "nudge"]
    assert p.decide(40, [RAW0], {RAW0: 6}, {RAW0: 10}, False).action == "none"  # it helped
    later = [p.decide(s, [RAW0], {RAW0: 6}, {RAW0: 10}, False).action for s in (70, 99, 100)]
    assert later == ["nudge", "none", "exit"]  # a new stall is nudged again before any exit


def test_policy_without_exit_only_nudges() -> None:
    p = StallPolicy(StallTracker(stall_seconds=1), exit_on_stall=False)
    assert {p.decide(s, [RAW0], {}, {RAW0: 1}, False).action for s in range(0, 10)} <= {"none", "nudge"}


class _TP:
    def __init__(self, topic: str, partition: int) -> None:
        self.topic, self.partition = topic, partition

    def __hash__(self) -> int:
        return hash((self.topic, self.partition))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _TP) and (self.topic, self.partition) == (other.topic, other.partition)


class _Consumer:
    """The slice of Faust's Consumer the nudge touches, with Faust's own pause/resume semantics."""

    def __init__(self, assigned: list[_TP]) -> None:
        self._assigned = assigned
        self._active_partitions: set[_TP] = set()
        self._paused_partitions: set[_TP] = set(assigned)
        self._buffered_partitions: set[_TP] = set()
        self._committed_offset: dict[_TP, int | None] = {}
        self.seeks: list[tuple[_TP, int]] = []
        self.flow_active = False

    def assignment(self) -> set[_TP]:
        return set(self._assigned)

    def resume_partitions(self, tps: Any) -> None:
        self._active_partitions.update(tps)
        self._paused_partitions.difference_update(tps)

    def resume_flow(self) -> None:
        self.flow_active = True

    async def seek(self, tp: _TP, offset: int) -> None:
        self.seeks.append((tp, offset))


class _App:
    def __init__(self, consumer: _Consumer) -> None:
        self.consumer, self.rebalancing, self.in_recovery = consumer, False, False


def test_nudge_resumes_paused_partitions_and_the_flow_only() -> None:
    a, b = _TP("raw", 0), _TP("raw", 1)
    consumer = _Consumer([a, b])
    consumer._active_partitions = {b}
    consumer._paused_partitions = {a}
    consumer._buffered_partitions = {a}
    app = _App(consumer)
    assert flow_state(app, [RAW0])["paused"] == [RAW0]
    assert asyncio.run(nudge(app, [RAW0])) == [RAW0]
    assert consumer._active_partitions == {a, b} and not consumer._paused_partitions
    assert not consumer._buffered_partitions and consumer.flow_active
    state = flow_state(app, [RAW0, RAW1])
    assert state["active"] == [RAW0, RAW1] and state["paused"] == [] and state["flow_active"] is True


def test_task_dump_shows_the_await_a_task_is_stuck_in() -> None:
    """A suspended task's own stack is one frame (mode's ``_execute_task`` for every service task);
    the dump follows the awaited coroutines down to where the task really waits."""

    async def stuck_deep_inside() -> None:
        await asyncio.Event().wait()

    async def service_task() -> None:
        await stuck_deep_inside()

    async def main() -> str:
        app = _App(_Consumer([]))
        app.loop = asyncio.get_running_loop()  # type: ignore[attr-defined]
        task = asyncio.ensure_future(service_task())
        await asyncio.sleep(0.01)
        try:
            return task_dump(app)
        finally:
            task.cancel()

    dump = asyncio.run(main())
    lines = dump.splitlines()
    chain = [ln for ln in lines[lines.index(next(ln for ln in lines if "in service_task" in ln)) :]][:3]
    assert "in service_task" in chain[0] and "in stuck_deep_inside" in chain[1], dump
    assert "ASYNCIO TASKS (app loop)" in dump and "THREAD MainThread" in dump


def test_nudge_seeks_stalled_partitions_back_to_their_committed_offset() -> None:
    """A record Faust dropped as the last of its partition is fetched again (finding 9); a partition
    with no commit yet, or not stalled, is left where it is."""
    a, b, c = _TP("raw", 0), _TP("raw", 1), _TP("raw", 2)
    consumer = _Consumer([a, b, c])
    consumer._active_partitions = {a, b, c}
    consumer._paused_partitions = set()
    consumer.flow_active = True
    consumer._committed_offset = {a: 9, b: None, c: 4}
    assert asyncio.run(nudge(_App(consumer), [("raw", 0), ("raw", 1)])) == []
    assert consumer.seeks == [(a, 9)]
