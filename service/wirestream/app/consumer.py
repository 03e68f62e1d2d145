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

This class checks every such hole with the broker before it may be committed over: it reads the
first record at the hole's start with a plain consumer. No record inside the hole: markers or
compaction, the hole is committed over as Faust would. A record inside it: an input was skipped;
the worker logs it and exits with :data:`~wirestream.app.watchdog.EXIT_STALLED` before anything
past the hole is committed, and its restart (the supervisor's job) reads from the committed
offset again. At-least-once holds, at the price of a restart and some repeats (idempotent).
"""

from __future__ import annotations

import asyncio
import logging
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


class HoleCheckingConsumer(FaustAIOKafkaConsumer):
    """Faust's aiokafka consumer, with every commit-over-a-hole checked first (module docstring).

    ``create_app`` installs it as the app transport's consumer class and sets :attr:`settings`.
    """

    settings: Settings | None = None
    exit_process: Callable[[int], None] = staticmethod(_exit)
    check_timeout: float = 30.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._verified: set[Hole] = set()  # holes the broker confirmed hold no record
        self._checking: set[Hole] = set()
        self._hole_checks: set[asyncio.Future[None]] = set()

    async def _hole_holds_a_record(self, hole: Hole) -> bool | None:
        """True: a record was skipped; False: a legitimate hole; None: could not ask the broker."""
        topic, partition, start, end = hole
        if hole in self._verified or self.settings is None:
            return False
        try:
            first = await first_record_offset(self.settings, topic, partition, start, self.check_timeout)
        except Exception as exc:
            log.warning("consumer: could not check the offset hole %s[%s] %s..%s: %r", topic, partition, start,
                        end - 1, exc)  # fmt: skip
            return None
        if first < end:
            log.critical(
                "consumer: %s[%s]: offsets %s..%s were not delivered to the agent, but the broker has a record "
                "at %s: Faust skipped an input and would commit past it. Exiting with %d so that a restarted "
                "worker reads from the committed offset again (at-least-once: nothing is lost)",
                topic, partition, start, end - 1, first, EXIT_STALLED,
            )  # fmt: skip
            self.exit_process(EXIT_STALLED)
            return True
        self._verified.add(hole)
        return False

    async def _add_gap(self, tp: Any, offset_from: int, offset_to: int) -> None:
        """Called by the fetch loop when the record at ``offset_to`` follows one before ``offset_from``."""
        committed = self._committed_offset[tp]
        start = offset_from if committed is None else max(offset_from, committed)
        if start < offset_to:
            found = await self._hole_holds_a_record((tp.topic, tp.partition, start, offset_to))
            if found is not False:
                return  # skipped (exiting) or unverified: not a gap; the commit stops at the hole
        await super()._add_gap(tp, offset_from, offset_to)

    def _new_offset(self, tp: Any) -> int | None:
        """Faust's, except that a hole right at the commit point is checked before it is committed over."""
        acked = self._acked[tp]
        committed = self._committed_offset[tp]
        if acked and committed is not None:
            head = min(acked)
            if head > committed:
                hole = (tp.topic, tp.partition, committed, head)
                if hole in self._verified:
                    acked.extend(range(committed, head))  # the broker has no record there: nothing to process
                elif not self._gap[tp].overlaps(committed, head):
                    if hole not in self._checking:
                        self._checking.add(hole)
                        task = asyncio.ensure_future(self._check_hole(hole))
                        self._hole_checks.add(task)
                        task.add_done_callback(self._hole_checks.discard)
                    return None  # the commit stays at the hole until the broker has answered
        return super()._new_offset(tp)

    async def _check_hole(self, hole: Hole) -> None:
        try:
            await self._hole_holds_a_record(hole)
        finally:
            self._checking.discard(hole)
