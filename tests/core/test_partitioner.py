"""The worker's producer partitioner must place every key exactly where aiokafka's default (the Java
client's murmur2) does: consumers and compaction rely on one story id -> one partition everywhere."""

from __future__ import annotations

import random

from aiokafka.partitioner import DefaultPartitioner

from wirestream.kafka_client import key_hash_partitioner


def test_same_partition_as_the_default_partitioner() -> None:
    rng = random.Random(7)
    default = DefaultPartitioner()
    keys = [rng.randbytes(rng.randint(1, 40)) for _ in range(3000)] + [b"wirestream-dedupe", "story-é".encode()]
    for key in keys:
        for n in (1, 2, 3, 4, 12):
            parts = list(range(n))
            assert key_hash_partitioner(key, parts, parts) == default(key, parts, parts)
            assert key_hash_partitioner(key, parts, parts) == default(key, parts, parts)  # cached: unchanged


def test_no_key_picks_an_available_partition() -> None:
    picks = {key_hash_partitioner(None, [0, 1, 2, 3], [1, 3]) for _ in range(200)}
    assert picks == {1, 3}
    assert key_hash_partitioner(None, [0, 1], []) in {0, 1}
