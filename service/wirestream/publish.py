"""Produce articles from files to a topic (``wirestream publish`` and ``replay``)."""

from __future__ import annotations

from pathlib import Path

from aiokafka import AIOKafkaProducer
from rich.progress import Progress

from .inputs import count_items, read_items
from .kafka_client import aiokafka_kwargs
from .settings import Settings


async def publish_items(settings: Settings, paths: list[Path], topic: str, *, progress: bool = False) -> int:
    """Send every article under ``paths`` to ``topic``; returns how many were sent (all acknowledged)."""
    producer = AIOKafkaProducer(**aiokafka_kwargs(settings.kafka), linger_ms=5, acks="all", enable_idempotence=True)
    await producer.start()
    n = 0
    try:
        total = count_items(paths) if progress else None
        with Progress(disable=not progress, transient=True) as bar:
            task = bar.add_task("publishing", total=total)
            futures = []
            for item in read_items(paths):
                headers = [("wirestream.source", item.source.encode()), ("wirestream.ordinal", str(item.ordinal).encode())]
                futures.append(await producer.send(topic, item.value, headers=headers))
                n += 1
                bar.advance(task)
            for f in futures:
                await f
    finally:
        await producer.stop()
    return n
