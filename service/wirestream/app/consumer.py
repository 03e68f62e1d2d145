"""A Faust consumer that never commits past an input record it did not process.

Why this exists (docs/reliability.md, "Post-rebalance stall"): in session 7 a looped
``test_rebalance_under_load_loses_nothing`` lost one input. Right after a rebalance, the surviving
worker delivered raw offset 472 of a partition it had just taken over, then 474, and committed
534: offset 473 never reached the agent (the worker's ``articles_in`` counted 474 inputs, it
produced 474 normalised records), yet its offset was committed (``__consumer_offsets``: 473 at
18:45:21.2, 534 at 18:45:22.3). The worker was idle and its lag 0, so the stall watchdog rightly
saw nothing; the test waited for the missing outcome until pytest's 600 s timeout. That was
session 6's "10-minute CI stall".

Faust 0.15.3 turns any offset it did not deliver into an acked one, in two places:

* ``Consumer._drain_messages``: when the next delivered record of a partition is more than one
  offset past the last one, the offsets in between become a *gap*, and ``_new_offset`` commits
  over gaps. That is right for holes the broker leaves (transaction markers, compacted records)
  and wrong for a record Faust fetched and then dropped (which it does silently, e.g. in
  ``getmany`` for a partition that is not in its active set at that moment, after the fetch
  position has moved past it).
* ``Consumer._new_offset`` refuses to commit over a missing head only when it is *more* than one
  offset (``min(acked) - committed > 1``): a single missing record right at the commit point is
  committed over.

This class replaces the commit rule for the agents' topics: a commit moves only over acked offsets
and over offsets the broker confirmed hold no record (markers, compaction; a plain consumer reads
the first record at the hole's start, with the app's isolation level). An offset with a record
that is not acked holds the commit. A record Faust delivered again after a second seek may be in
flight for a moment; one still not acked ``Settings.hole_grace_seconds`` (30 s) later was skipped: the worker
logs it and exits with :data:`~wirestream.app.watchdog.EXIT_STALLED`, and its restart (the
supervisor's job) reads from the committed offset again. At-least-once holds, at the price of a
restart and some repeats (idempotent). The grace matters: a first version that judged holes the
moment Faust recorded a gap exited on a record that had been delivered (session 7 loop, new run 18:
a second concurrent ``perform_seek`` rewound the read offset after 517 and 518 were redelivered).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from faust.transport.drivers.aiokafka import Consumer as FaustAIOKafkaConsumer

from ..kafka_client import aiokafka_kwargs
from ..settings import Settings
from .watchdog import EXIT_STALLED, _exit

log = logging.getLogger("wirestream.consumer")

Hole = tuple[str, int, int, int]  # topic, partition, first offset, end offset (exclusive)


async def first_record_offset(settings: Settings, topic: str, partition: int, start: int, timeout: float) -> int:
    """Offset of the first record the broker returns at or after ``start`` (same isolation as the app).

    A hole between two delivered records always has a record after it (the second one), so this
    returns; a value below the hole's end means a real record sat in the hole.
    """
    isolation = "read_committed" if settings.processing_guarantee == "exactly_once" else "read_uncommitted"
    consumer = AIOKafkaConsumer(
        **aiokafka_kwargs(settings.kafka), group_id=None, enable_auto_commit=False, isolation_level=isolation
    )
    await consumer.start()
    try:
        tp = TopicPartition(topic, partition)
        consumer.assign([tp])
        consumer.seek(tp, start)
        async with asyncio.timeout(timeout):
            while True:
                batch = await consumer.getmany(tp, timeout_ms=1000, max_records=1)
                for records in batch.values():
                    if records:
                        return int(records[0].offset)
    finally:
        await consumer.stop()


#: How long a fetch that has nothing it may fetch (no active partition, or only stream partitions during a
#: rebalance) waits before Faust's drain loop asks again.
IDLE_FETCH_SECONDS = 0.05

#: At most this many missing offsets are examined per partition and commit (a bound on the work, not on safety:
#: the commit never passes the first unexamined one).
MAX_HOLE_OFFSETS = 1000


class HoleCheckingConsumer(FaustAIOKafkaConsumer):
    """Faust's aiokafka consumer, whose commits never pass an offset that holds an unprocessed record.

    ``create_app`` installs it as the app transport's consumer class and sets :attr:`settings`.

    It replaces Faust's ``_new_offset`` (the offset a commit may move to) for the agents' topics:
    the commit moves over acked offsets and over offsets the broker confirmed hold no record
    (transaction markers, compaction). Any other offset missing from the acked ones holds the
    commit: it is checked with the broker, and a real record that is still not acked
    :attr:`grace_seconds` later was skipped. Faust's own gaps (``_add_gap``) are not trusted:
    after a second seek rewinds the read offset, Faust also records offsets it *did* deliver as gaps.
    """

    settings: Settings | None = None
    exit_process: Callable[[int], None] = staticmethod(_exit)
    check_timeout: float = 30.0

    @property
    def grace_seconds(self) -> float:
        """``Settings.hole_grace_seconds``: a setting, not a constant, so that the tests that wait for a
        skipped input's exit need not sit out the production grace (30 s) each time."""
        if self.settings is not None:
            return self.settings.hole_grace_seconds
        return float(Settings.model_fields["hole_grace_seconds"].default)  # no settings installed: its default

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._empty: dict[tuple[str, int], set[int]] = {}  # offsets the broker confirmed hold no record
        self._real: dict[tuple[str, int, int], float] = {}  # (topic, partition, offset) with a record -> first seen
        self._checking: set[Hole] = set()
        self._hole_checks: set[asyncio.Future[None]] = set()
        self._log_start: dict[tuple[str, int], int] = {}  # partitions this group never committed on

    async def _getmany(self, active_partitions: Any, timeout: float) -> Any:
        """Fetch for a *snapshot* of the active partitions, never for Faust's live set (finding 9).

        Faust passes its live ``_active_partitions`` set to aiokafka's ``Fetcher.fetched_records``,
        which waits up to ``timeout`` for records and filters with ``if partitions and tp not in
        partitions``: an empty set means *every* assigned partition. When table recovery finishes
        reading the changelogs, it empties the live set (changelogs done, stream partitions not
        resumed yet); a fetch waiting at that moment then returns stream records, aiokafka's position
        moves past them, and Faust's ``getmany`` drops them (not in its active set). Recovery's seek
        to the committed offsets usually reads them again, but aiokafka's ``seek_to_committed`` does
        not seek a partition without a committed offset (or with 0): on a worker's first start those
        records were never processed and, with no later record acked, never seen as a hole.
        Seen in session 8's instrumented loop of test_ops_commands (2 drops in 17 runs, both of the one
        record past the commit, both read again by the seek). Faust checks the set is non-empty before
        fetching ("to avoid the risk of fetching all partitions"); the snapshot makes that check hold.

        While the app is rebalancing, only changelog partitions are fetched. ``Recovery.on_recovery_completed``
        resumes the stream partitions, awaits the seek to the committed offsets, and only then calls
        ``flow_control.resume()``, which *clears* every stream buffer (mode's ``FlowControlEvent.resume``;
        Faust's conductor puts records with ``force_put_nowait``, not waiting for the flow control). A
        stream record fetched during that seek was delivered, cleared, never acked, and aiokafka was past
        it: the replayed dead letter of session 8's failing test_ops_commands run (raw[0]@2, commit held at
        2, end offset 3, worker idle for 93 s, no drop in ``getmany``). ``app.rebalancing`` ends with
        ``on_rebalance_end``, after that clear; stream records wait in aiokafka until then.
        """
        if active_partitions is not None:
            active_partitions = set(active_partitions)
            if getattr(self.app, "rebalancing", False):
                active_partitions = {tp for tp in active_partitions if self._is_changelog_tp(tp)}
            if not active_partitions:
                await asyncio.sleep(IDLE_FETCH_SECONDS)  # Faust's drain loop calls again at once: no busy loop
                return {}
        return await super()._getmany(active_partitions, timeout)

    async def commit(self, topics: Any = None, start_new_transaction: bool = True) -> bool:
        """Read the log start of every partition about to make its first commit, then commit.

        ``_new_offset`` cannot commit a never-committed partition before it knows the log start,
        and it is synchronous: left to itself, it asks the broker and skips that partition until the
        next commit. Every caller goes through here (the interval timer, the commit on revocation,
        and the one on a graceful stop), and the stop's commit is the last one: a worker stopped
        within a commit interval of its first records committed none of them, and its successor
        processed them again (session 9's flaky ``test_dedupe_kafka``: 3 enriched records where one
        was produced, after a plain SIGTERM restart). Awaiting the read here makes that commit whole.
        """
        await self._read_log_starts()
        return await super().commit(topics, start_new_transaction=start_new_transaction)

    async def _read_log_starts(self) -> None:
        if self.settings is None:
            return
        tps = [
            tp
            for tp, acked in self._acked.items()
            if acked and self._committed_offset.get(tp) is None and (tp.topic, tp.partition) not in self._log_start
        ]
        if not tps:
            return
        try:
            async with asyncio.timeout(self.check_timeout):
                starts = await self.earliest_offsets(*tps)
        except Exception as exc:  # the commit holds those partitions, as before; the next one asks again
            log.warning("consumer: could not read the log start of %d partition(s): %r", len(tps), exc)
            return
        for tp, offset in starts.items():
            self._log_start[(tp.topic, tp.partition)] = int(offset)

    def _new_offset(self, tp: Any) -> int | None:
        acked = self._acked[tp]
        committed = self._committed_offset[tp]
        if not acked:
            return None
        acked.sort()
        key = (tp.topic, tp.partition)
        if committed is None:
            # The group never committed here, so it began reading at the log start (auto_offset_reset="earliest"):
            # that, not the first processed offset, is where the commit's walk starts. Otherwise a record dropped
            # before the first one processed would be committed over unseen. ``commit`` reads the log start
            # before committing (one broker round trip); until it has, the partition holds.
            if self.settings is None:
                committed = acked[0]
            elif key in self._log_start:
                committed = min(self._log_start[key], acked[0])
            else:
                return None
        empty = self._empty.setdefault(key, set())
        have = set(acked)
        new = committed
        examined = 0
        while new <= acked[-1] and examined < MAX_HOLE_OFFSETS:
            if new in have or new in empty:
                new += 1
                continue
            examined += 1
            seen = self._real.get((tp.topic, tp.partition, new))
            if seen is None:
                self._schedule_check(tp, new, acked)
            elif time.monotonic() - seen >= self.grace_seconds:
                log.critical(
                    "consumer: %s[%s]: the record at offset %s was never processed (not acked %.0fs after it was "
                    "found missing) while later offsets were: Faust skipped an input and would commit past it. "
                    "Exiting with %d so that a restarted worker reads from the committed offset %s again "
                    "(at-least-once: nothing is lost)",
                    tp.topic, tp.partition, new, self.grace_seconds, EXIT_STALLED, committed,
                )  # fmt: skip
                self.exit_process(EXIT_STALLED)
            break  # the commit stops at the first offset not known to be processed or empty
        if new == committed:
            return None
        done = [o for o in acked if o < new]
        acked[: len(done)] = []
        self._acked_index[tp].difference_update(done)
        empty.difference_update(range(committed, new))
        self._gap[tp].chop(0, new)  # Faust's gaps below the commit are moot
        for o in range(committed, new):
            self._real.pop((tp.topic, tp.partition, o), None)
        return new

    def _schedule_check(self, tp: Any, offset: int, acked: list[int]) -> None:
        nxt = next((o for o in acked if o > offset), offset + 1)
        hole = (tp.topic, tp.partition, offset, nxt)
        if hole in self._checking or self.settings is None:
            return
        self._checking.add(hole)
        task = asyncio.ensure_future(self._check_hole(hole))
        self._hole_checks.add(task)
        task.add_done_callback(self._hole_checks.discard)

    async def _check_hole(self, hole: Hole) -> None:
        """Ask the broker what is at the hole's offsets: empty ones may be committed over, a record starts the clock."""
        topic, partition, start, end = hole
        try:
            assert self.settings is not None
            first = await first_record_offset(self.settings, topic, partition, start, self.check_timeout)
        except Exception as exc:
            log.warning("consumer: could not check offsets %s[%s] %s..%s: %r", topic, partition, start, end - 1, exc)
            return
        finally:
            self._checking.discard(hole)
        self._empty.setdefault((topic, partition), set()).update(range(start, min(first, end)))
        if first < end:
            self._real.setdefault((topic, partition, first), time.monotonic())
            log.warning(
                "consumer: %s[%s]: offset %s holds a record that is not acked while later offsets are; holding the "
                "commit there (a skipped input if it stays so for %.0fs)",
                topic, partition, first, self.grace_seconds,
            )  # fmt: skip
