"""consumer_lag against the real local broker: proves the aiokafka calls work, not just the maths."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.structs import OffsetAndMetadata, TopicPartition

from wirestream.metrics.lag import consumer_lag

pytestmark = pytest.mark.kafka


async def _scenario(bootstrap: str) -> tuple[dict[tuple[str, int], int], str, str]:
    topic = f"t.lag.{uuid.uuid4().hex[:8]}"
    group = f"g.lag.{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, num_partitions=3, replication_factor=1)])
    finally:
        await admin.close()

    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for _ in range(10):
            await producer.send_and_wait(topic, b"x", partition=0)
        for _ in range(3):
            await producer.send_and_wait(topic, b"x", partition=1)
    finally:
        await producer.stop()

    # the group has consumed 4 records of partition 0 and never committed 1 or 2
    committer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await committer.start()
    try:
        committer.assign([TopicPartition(topic, 0)])  # manual assignment: commit without joining
        await committer.commit({TopicPartition(topic, 0): OffsetAndMetadata(4, "")})
    finally:
        await committer.stop()

    lag = await consumer_lag(bootstrap, group, [topic, "t.lag.does-not-exist"])
    return lag, topic, group


def test_consumer_lag_real_broker(broker_state: Any) -> None:
    lag, topic, _ = asyncio.run(asyncio.wait_for(_scenario(broker_state.bootstrap), 120))
    assert lag == {(topic, 0): 6, (topic, 1): 3, (topic, 2): 0}
