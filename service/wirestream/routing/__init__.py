"""Routing: which downstream topics each outcome goes to, driven by a versioned data file.

The routing table is data (``data/routing.yaml``, or ``WIRESTREAM_ROUTING_FILE``) validated at start-up
so that a typo fails loudly before the worker consumes anything. :func:`route_enriched` is a pure
function of the record and the table; :mod:`wirestream.routing.outputs` turns records into the bytes,
keys and headers written to Kafka (or to JSONL files in embedded mode).
"""

from __future__ import annotations

from .table import Destination, Route, RoutingTable, load_routing, route_enriched, route_tags

__all__ = ["Destination", "Route", "RoutingTable", "load_routing", "route_enriched", "route_tags"]
