"""Every topic wirestream uses, with its partition count and config, and creating them explicitly.

Topics are never auto-created (the local broker runs with ``auto.create.topics.enable=false``): a
topic created by accident gets the broker's default partition count, which silently breaks the
co-partitioning that Faust tables rely on.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from .kafka_client import aiokafka_kwargs
from .routing import RoutingTable
from .settings import Settings

_COMPACT = {"cleanup.policy": "compact"}


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    config: dict[str, str] = field(default_factory=dict)


def planned_topics(settings: Settings, routing: RoutingTable) -> list[TopicSpec]:
    """The full list: inputs, internal, outputs, routed topics and the Faust tables' changelogs."""
    from .dedupe.faust_state import changelog_topics

    t = settings.topics
    n = t.partitions
    size = {"max.message.bytes": str(t.max_message_bytes)}
    specs = [
        TopicSpec(t.raw, n, size),
        TopicSpec(t.normalised, n, size),
        TopicSpec(t.deduplicated, n, size),
        # Keyed by story id: compaction keeps the newest version, kill tombstones remove a story.
        TopicSpec(t.enriched, n, {"cleanup.policy": "compact,delete", **size}),
        TopicSpec(t.duplicates, n, size),
        TopicSpec(t.deadletter, n, size),
    ]
    specs += [TopicSpec(name, parts, size) for name, parts in routing.topic_partitions().items()]
    specs += [TopicSpec(name, n, {**_COMPACT, **size}) for name in changelog_topics(settings.app_id, n)]
    specs.append(TopicSpec(f"{settings.app_id}-held-embargoes-changelog", n, {**_COMPACT, **size}))
    seen: dict[str, TopicSpec] = {}
    for s in specs:
        seen.setdefault(s.name, s)
    return list(seen.values())


async def create_topics(settings: Settings, specs: list[TopicSpec]) -> dict[str, str]:
    """Create what is missing; report 'created' or 'exists' per topic. Idempotent."""
    admin = AIOKafkaAdminClient(**aiokafka_kwargs(settings.kafka))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        todo = [s for s in specs if s.name not in existing]
        result = {s.name: "exists" for s in specs if s.name in existing}
        if todo:
            new = [
                NewTopic(s.name, s.partitions, settings.topics.replication_factor, topic_configs=s.config) for s in todo
            ]
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(new)
            result.update({s.name: "created" for s in todo})
        # Metadata propagation is asynchronous; wait until every topic is visible.
        for _ in range(50):
            if {s.name for s in specs} <= set(await admin.list_topics()):
                break
            await asyncio.sleep(0.1)
        return result
    finally:
        await admin.close()


async def list_topics(settings: Settings) -> dict[str, int]:
    """Topic name → partition count, for every non-internal topic on the cluster."""
    admin = AIOKafkaAdminClient(**aiokafka_kwargs(settings.kafka))
    await admin.start()
    try:
        names = [n for n in await admin.list_topics() if not n.startswith("__")]
        if not names:
            return {}
        described = await admin.describe_topics(names)
        return {d["topic"]: len(d["partitions"]) for d in described}
    finally:
        await admin.close()
