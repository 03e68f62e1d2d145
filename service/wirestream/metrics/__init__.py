"""Prometheus instrumentation for wirestream workers.

:class:`Metrics` owns a private registry per worker (no global state); :mod:`wirestream.metrics.lag`
computes consumer-group lag from the brokers' point of view. ``lag`` is not imported here so that
importing metrics never drags in a Kafka client.
"""

from wirestream.metrics.core import LATENCY_BUCKETS, OUTCOMES, STAGE_BUCKETS, STAGES, Metrics

__all__ = ["LATENCY_BUCKETS", "OUTCOMES", "STAGES", "STAGE_BUCKETS", "Metrics"]
