"""Stall watchdog: a worker that owns partitions with unread records must keep committing.

Why this exists: about one run in twenty under load, a Faust 0.15 worker finished a rebalance
("Worker ready") and then processed nothing, with no error (docs/reliability.md, "Post-rebalance
stall"). Faust has several code paths that leave an assigned partition out of the fetcher's
*active* set: ``pause_partitions`` during recovery that is not matched by a ``resume_partitions``
(``Recovery.on_recovery_completed`` returns early when the generation changed under it), and the
stream-buffer back-pressure (``Consumer.on_buffer_full`` drops a partition from the active set and
only ``on_buffer_drop``, called from a queue ``get``, puts it back; ``flow_control.clear()`` at a
rebalance empties the queue without calling it). A worker in that state heartbeats normally, so
the group never moves its partitions and Kafka's own liveness checks do not help.

The watchdog checks, every ``interval_seconds``, each partition this worker is assigned on the
topics it consumes. A partition is *stalled* when the group's lag on it (broker view, end offset
minus committed offset) is above zero and the worker's own committed offset for it has not moved
for ``stall_seconds``. While the worker is rebalancing or restoring tables, commits legitimately
stop (a big changelog takes minutes), so the allowance is ``rebalance_seconds`` instead, counted
from the start of the rebalance; a worker stuck *in* a rebalance (one Faust path returns from
recovery without ever resuming the flow when the group generation moved under it) is caught by
that. On a stall it:

1. logs the consumer's flow state for the stalled partitions (paused / buffered / active, flow
   and flow-control state) so the cause is in the log, then *nudges*: resumes the partitions that
   are missing from the active set, resumes the consumer flow if it is off, and makes sure the
   fetcher runs. None of this drops or skips a record. A worker stalled in a rebalance is not
   nudged: resuming stream partitions during table recovery would process events against
   half-restored tables.
2. If the partitions are still stalled ``stall_seconds`` after the nudge (at once, for a stall in
   a rebalance), exits the process with
   :data:`EXIT_STALLED`, so the supervisor (systemd, Kubernetes) restarts it. That is as safe as a
   ``kill -9``: processing is at-least-once with idempotent outputs, and ``test_kill9`` proves a
   hard exit loses nothing.

The watchdog runs from the moment the app starts (a service the app starts before its own
consumer), not from the first partition assignment: a worker whose *first* rebalance never finishes
(Faust sends ``on_partitions_assigned`` only at the end of its assignment callback, after the
tables' rebalance) would otherwise never be watched at all. Whenever it acts it also logs the stack
of every asyncio task and thread (:func:`task_dump`): a stalled worker's log then shows *where* it
waits, which the flow state alone cannot.

The decision is a pure function of observations (:class:`StallTracker`), tested without Kafka;
the shell (:func:`install_watchdog`) reads Faust's state and acts.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import sys
import threading
import time
import traceback
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mode import Service

from ..metrics.lag import LagProbe, worker_lag_probe
from ..settings import Settings, WatchdogSettings

log = logging.getLogger("wirestream.watchdog")

#: Exit status of a worker the watchdog stopped (EX_TEMPFAIL: "try again", i.e. restart me).
EXIT_STALLED = 75

Partition = tuple[str, int]


@dataclass
class _PartitionClock:
    committed: int | None
    since: float  # when ``committed`` last changed, or the clock was (re)started


@dataclass
class StallTracker:
    """Which assigned partitions have had lag but no committed progress for too long.

    ``observe`` is called with one snapshot at a time. "Too long" is ``stall_seconds``, or
    ``rebalance_seconds`` while the worker is rebalancing or restoring tables (``busy``). Every
    clock restarts when the worker enters or leaves that state (so neither a long legitimate
    restore nor the quiet time before it counts against the other) and when a partition is newly
    assigned.
    """

    stall_seconds: float
    rebalance_seconds: float = 900.0
    clocks: dict[Partition, _PartitionClock] = field(default_factory=dict)
    busy: bool = False

    def observe(
        self,
        now: float,
        assigned: Iterable[Partition],
        committed: Mapping[Partition, int],
        lag: Mapping[Partition, int],
        busy: bool,
    ) -> list[Partition]:
        """Update the clocks with one snapshot; return the stalled partitions (sorted)."""
        mine = set(assigned)
        for tp in list(self.clocks):
            if tp not in mine:
                del self.clocks[tp]  # revoked: a later assignment starts a fresh clock
        restart = busy != self.busy
        self.busy = busy
        limit = self.rebalance_seconds if busy else self.stall_seconds
        stalled: list[Partition] = []
        for tp in sorted(mine):
            offset = committed.get(tp)
            clock = self.clocks.get(tp)
            if clock is None or restart or offset != clock.committed or lag.get(tp, 0) <= 0:
                # New, progressing, caught up, or the rebalance state changed: restart the clock.
                self.clocks[tp] = _PartitionClock(offset, now)
                continue
            if now - clock.since >= limit:
                stalled.append(tp)
        return stalled

    def forget(self) -> None:
        """Restart every clock at the next observation (the broker could not be asked: an outage
        of the cluster is not a stall of this worker, and it rides that out by itself)."""
        self.clocks.clear()


@dataclass
class Verdict:
    """What the shell should do after one observation."""

    stalled: list[Partition]
    action: str  # "none" | "nudge" | "exit" | "report" (stalled in a rebalance, exit not allowed: log only)


@dataclass
class StallPolicy:
    """First stall: nudge. Still stalled ``stall_seconds`` after the nudge: exit (if allowed).

    A stall in a rebalance is not nudged (see the module docstring): exit at once, or only report.
    """

    tracker: StallTracker
    exit_on_stall: bool = True
    nudged_at: float | None = None

    def decide(
        self,
        now: float,
        assigned: Iterable[Partition],
        committed: Mapping[Partition, int],
        lag: Mapping[Partition, int],
        busy: bool,
    ) -> Verdict:
        stalled = self.tracker.observe(now, assigned, committed, lag, busy)
        if not stalled:
            self.nudged_at = None
            return Verdict([], "none")
        if busy:
            return Verdict(stalled, "exit" if self.exit_on_stall else "report")
        if self.nudged_at is None:
            self.nudged_at = now
            return Verdict(stalled, "nudge")
        if now - self.nudged_at >= self.tracker.stall_seconds and self.exit_on_stall:
            return Verdict(stalled, "exit")
        return Verdict(stalled, "none")  # waiting to see whether the nudge helped


# ------------------------------------------------------------------------------------ shell


def _tp(tp: Any) -> Partition:
    return (str(tp.topic), int(tp.partition))


def flow_state(app: Any, partitions: Iterable[Partition]) -> dict[str, Any]:
    """The consumer state that decides whether a partition is fetched and delivered (for the log).

    Reads Faust internals (``_active_partitions`` …) defensively: this is diagnosis, and a
    missing attribute in another Faust version must not break the watchdog.
    """
    consumer = app.consumer
    wanted = set(partitions)

    def pick(name: str) -> list[Partition] | None:
        tps = getattr(consumer, name, None)
        return None if tps is None else sorted(p for p in map(_tp, tps) if p in wanted)

    flow_control = getattr(app, "flow_control", None)
    return {
        "partitions": sorted(wanted),
        "active": pick("_active_partitions"),
        "paused": pick("_paused_partitions"),
        "buffered": pick("_buffered_partitions"),
        "flow_active": getattr(consumer, "flow_active", None),
        "flow_control_active": flow_control.is_active() if flow_control is not None else None,
        "rebalancing": getattr(app, "rebalancing", None),
        "in_recovery": getattr(app, "in_recovery", None),
    }


async def nudge(app: Any, partitions: Iterable[Partition]) -> list[Partition]:
    """Put stalled partitions back into fetching without dropping or skipping any record.

    Returns the partitions that were missing from the consumer's active set (and were resumed).
    Deliberately *not* ``app.flow_control.resume()``: that clears the stream buffers, and the
    records in them would never be acked, so the commit would stop at the gap for good.

    It also seeks each stalled partition back to the offset this worker last committed there.
    A stalled partition has had no commit for ``stall_seconds``, so nothing past that offset is
    safely done; reading it again can only repeat work (idempotent). This is what recovers a
    record Faust fetched and dropped when it was the *last* one of its partition (session 8,
    docs/reliability.md finding 9): aiokafka's position is already past it, no later record makes
    it a hole for ``HoleCheckingConsumer``, and resuming alone fetches nothing.

    A partition this group has never committed on is sought to its log start: with
    ``auto_offset_reset="earliest"`` that is where the group began reading it, so the same reasoning
    holds (a worker's first records, dropped before its first commit, were otherwise recovered
    only by exit 75 and a restart).
    """
    consumer = app.consumer
    wanted = set(partitions)
    assigned = [tp for tp in consumer.assignment() if _tp(tp) in wanted]
    active = {_tp(tp) for tp in (getattr(consumer, "_active_partitions", None) or ())}
    missing = [tp for tp in assigned if _tp(tp) not in active]
    if missing:
        consumer.resume_partitions(missing)
        buffered = getattr(consumer, "_buffered_partitions", None)
        if buffered is not None:
            buffered.difference_update(missing)
    committed = getattr(consumer, "_committed_offset", None) or {}
    never = [tp for tp in assigned if committed.get(tp) is None]
    log_start: Mapping[Any, int] = {}
    if never and hasattr(consumer, "earliest_offsets"):
        try:
            log_start = await consumer.earliest_offsets(*never)
        except Exception as exc:  # the broker may be unreachable: the exit path still covers it
            log.error("watchdog: could not read the log start of %s: %r", never, exc)
    for tp in assigned:
        offset = committed.get(tp)
        where = "back to its committed offset"
        if offset is None:
            offset, where = log_start.get(tp), "to its log start (no commit yet)"
        if offset is not None and hasattr(consumer, "seek"):
            log.error("watchdog: seeking %s[%s] %s %s", tp.topic, tp.partition, where, offset)
            await consumer.seek(tp, offset)
    if not getattr(consumer, "flow_active", True):
        consumer.resume_flow()
    fetcher = getattr(app, "_fetcher", None)
    if fetcher is not None:
        with contextlib.suppress(Exception):
            await fetcher.maybe_start()
    return sorted(_tp(tp) for tp in missing)


def await_chain(coro: Any, limit: int = 16) -> list[str]:
    """``file:line in function`` for each coroutine ``coro`` is awaiting, outermost first.

    ``Task.get_stack`` gives one frame for a suspended task (its outermost coroutine), which for
    every mode service is ``Service._execute_task``: useless. The awaited chain (``cr_await``) is
    where the task actually waits.
    """
    out: list[str] = []
    while coro is not None and len(out) < limit:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None) or getattr(coro, "ag_frame", None)
        if frame is not None:
            out.append(f"{frame.f_code.co_filename}:{frame.f_lineno} in {frame.f_code.co_name}")
        nxt = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None) or getattr(coro, "ag_await", None)
        if nxt is None and frame is None:
            out.append(repr(coro)[:200])  # a future or another awaitable: what it waits on
        coro = nxt
    return out


def task_dump(app: Any, limit: int = 16) -> str:
    """Where every thread and every asyncio task of the worker is waiting.

    The evidence a stall's root cause needs: the flow state says *that* a partition is not fetched,
    this says which ``await`` holds it. Both event loops are covered: the app's and the consumer
    thread's (Faust runs aiokafka, its group coordinator and rebalance callbacks, in a thread of its
    own). No local variables are printed (they could hold credentials).
    """
    out = io.StringIO()
    names = {t.ident: t.name for t in threading.enumerate()}
    for ident, frame in sys._current_frames().items():
        out.write(f"THREAD {names.get(ident, ident)}\n")
        out.write("".join(traceback.format_stack(frame, limit=limit)))
    loops: list[tuple[str, Any]] = [("app", getattr(app, "loop", None))]
    thread = getattr(getattr(app, "consumer", None), "_thread", None)
    loops.append(("consumer thread", getattr(thread, "thread_loop", None)))
    for label, loop in loops:
        if loop is None:
            continue
        try:
            tasks = sorted(asyncio.all_tasks(loop), key=lambda t: t.get_name())
        except RuntimeError:  # the other loop's task set changed while we read it: skip, this is diagnosis
            continue
        out.write(f"ASYNCIO TASKS ({label} loop): {len(tasks)}\n")
        for task in tasks:
            out.write(f"- {task.get_name()}\n")
            for where in await_chain(task.get_coro(), limit):
                out.write(f"    {where}\n")
    return out.getvalue()


class WatchdogService(Service):
    """Runs ``check`` every ``interval`` seconds for as long as the app runs.

    A dependency of the app (``app.add_dependency``), so it starts with the app, before the consumer
    joins the group. Not an ``app.timer`` or ``app.task``: Faust starts those only after the first
    table recovery completes, and not a handler of the first ``on_partitions_assigned`` signal:
    Faust sends that only at the end of its assignment callback. A worker stuck in either place
    is exactly what the watchdog is for.
    """

    mundane_level = "debug"

    def __init__(self, check: Callable[[], Awaitable[None]], interval: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._check = check
        self._interval = interval

    @Service.task
    async def _watch(self) -> None:
        while not self.should_stop:
            await self.sleep(self._interval)
            if self.should_stop:
                break
            try:
                await self._check()
            except Exception:  # a broken check must not end the watchdog
                log.exception("watchdog: check failed")


def _exit(code: int) -> None:  # pragma: no cover - replaced in tests
    logging.shutdown()
    sys.stderr.flush()
    os._exit(code)


def install_watchdog(
    app: Any,
    settings: Settings,
    config: WatchdogSettings | None = None,
    *,
    exit_process: Callable[[int], None] = _exit,
    lag_probe: LagProbe | None = None,
) -> StallPolicy | None:
    """Install the watchdog on a Faust app (``create_app`` calls this). Returns its policy.

    ``lag_probe`` lets the worker share one probe (and its recent answer) with the lag metric timer;
    by default the watchdog builds its own."""
    config = config or settings.watchdog
    if not config.enabled:
        return None
    consumed = {settings.topics.raw, settings.topics.normalised, settings.topics.deduplicated}
    lag_probe = lag_probe or worker_lag_probe(settings)
    policy = StallPolicy(StallTracker(config.stall_seconds, config.rebalance_seconds), config.exit_on_stall)

    async def stall_watchdog() -> None:
        """One check (see the module docstring)."""
        consumer = app.consumer
        try:
            assignment = consumer.assignment()
        except Exception:  # the consumer has not started yet (ConsumerNotStarted): nothing is ours
            return
        assigned = [_tp(tp) for tp in assignment if tp.topic in consumed]
        if not assigned:
            return
        try:
            lags = await lag_probe(max(config.interval_seconds, 10.0))
        except Exception as exc:  # the broker may be down: that is not a stall of this worker
            log.debug("watchdog: lag probe failed: %r", exc)
            policy.tracker.forget()
            return
        committed = {_tp(tp): int(off) for tp, off in (app.monitor.tp_committed_offsets or {}).items()}
        busy = bool(getattr(app, "rebalancing", False) or getattr(app, "in_recovery", False))
        verdict = policy.decide(time.monotonic(), assigned, committed, lags, busy)
        if verdict.action == "none":
            return
        state = flow_state(app, verdict.stalled)
        lag_of = {tp: lags.get(tp) for tp in verdict.stalled}
        if verdict.action == "report":
            log.error(
                "watchdog: stalled in a rebalance for %.0fs (lag > 0, no commit): lag=%s state=%s",
                config.rebalance_seconds, lag_of, state,
            )  # fmt: skip
        elif verdict.action == "nudge":
            log.error(
                "watchdog: partitions stalled (lag > 0, no commit for %.0fs): lag=%s state=%s",
                config.stall_seconds, lag_of, state,
            )  # fmt: skip
            log.error("watchdog: where the worker waits:\n%s", task_dump(app))
            resumed = await nudge(app, verdict.stalled)
            log.error("watchdog: nudged; resumed partitions missing from the fetch set: %s", resumed)
        else:
            what = "in a rebalance" if state["rebalancing"] or state["in_recovery"] else "after the nudge"
            log.critical("watchdog: where the worker waits:\n%s", task_dump(app))
            log.critical(
                "watchdog: still stalled %s: lag=%s state=%s; exiting with %d so the "
                "supervisor restarts the worker (at-least-once: nothing is lost)",
                what, lag_of, state, EXIT_STALLED,
            )  # fmt: skip
            exit_process(EXIT_STALLED)

    app.add_dependency(WatchdogService(stall_watchdog, config.interval_seconds))
    app.wirestream_watchdog = policy  # for inspection (debugging, tests)
    return policy
