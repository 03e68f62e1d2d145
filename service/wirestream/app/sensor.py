"""Faust's health signals (rebalances, producer errors, commit failures) as Prometheus counters."""

from __future__ import annotations

import logging
from typing import Any

from faust.sensors import Sensor

from ..metrics import Metrics


class MetricsSensor(Sensor):
    """Faust calls these hooks from its consumer/producer; we only count, never block."""

    def __init__(self, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._metrics = metrics
        # Faust reports a failed offset commit only in its log (then crashes or retries), so the
        # log is the one place to count it from.
        logging.getLogger("faust.transport.drivers.aiokafka").addHandler(_CommitFailureCounter(metrics))

    def on_rebalance_start(self, app: Any) -> dict[str, Any]:
        self._metrics.rebalance()
        return super().on_rebalance_start(app)

    def on_send_error(self, producer: Any, exc: BaseException, state: Any) -> None:
        self._metrics.producer_error()


class _CommitFailureCounter(logging.Handler):
    def __init__(self, metrics: Metrics) -> None:
        super().__init__(level=logging.ERROR)
        self._metrics = metrics

    def emit(self, record: logging.LogRecord) -> None:
        msg = str(record.msg)
        if msg.startswith(("Committing raised exception", "Got exception")):
            self._metrics.commit_failure()
