"""The whole bad-input catalogue plus a seeded hypothesis fuzz stream through the real broker.

The worker must never stop, every input must end as exactly one outcome, and dead letters must carry
the catalogue's reason codes (never ``internal_error``: that is a bug, not bad input).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalise.bad_inputs import CATALOGUE
from reliability.rel_support import SOAK, produce, read_outcomes, wait_settled
from wire_articles import story, story_bytes
from wirestream.audit import audit

pytestmark = [pytest.mark.reliability, pytest.mark.kafka]

#: What a default broker and producer accept (message.max.bytes / max_request_size ≈ 1 MiB).
KAFKA_MAX = 1_000_000
#: Inputs above this go to the large-input test below (each stage's record is several times its input).
LARGE = 128_000


def _mutate(data: bytes, ops: list[tuple[int, int, bytes]]) -> bytes:
    b = bytearray(data)
    for kind, pos, chunk in ops:
        if not b:
            b.extend(chunk)
            continue
        i = pos % len(b)
        if kind == 0:  # flip a byte
            b[i] ^= 0xFF
        elif kind == 1:  # truncate
            del b[i:]
        elif kind == 2:  # insert junk
            b[i:i] = chunk
        else:  # duplicate a range
            b[i:i] = b[i : i + len(chunk) + 1]
    return bytes(b)


def fuzz_inputs(count: int) -> list[bytes]:
    """``count`` inputs from hypothesis (derandomized: the same list on every run)."""
    valid = [story_bytes(i) for i in range(5)] + [c.data for c in CATALOGUE if c.expected_reason is None][:10]
    valid = [v for v in valid if len(v) < 50_000]
    out: list[bytes] = []
    op = st.tuples(st.integers(0, 3), st.integers(0, 1 << 20), st.binary(min_size=1, max_size=64))
    inputs = st.one_of(
        st.binary(max_size=2048),
        st.text(max_size=500).map(str.encode),
        st.tuples(st.sampled_from(valid), st.lists(op, min_size=1, max_size=6)).map(lambda t: _mutate(*t)),
        st.dictionaries(
            st.sampled_from(["id", "headline", "body", "published", "lang", "version", "uri", "body_text"]),
            st.one_of(st.text(max_size=200), st.integers(), st.none(), st.lists(st.integers(), max_size=3)),
        ).map(lambda d: json.dumps(d).encode()),
    )

    @settings(max_examples=count, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(inputs)
    def collect(value: bytes) -> None:
        out.append(value)

    collect()
    return out[:count]


def big_article(size: int) -> bytes:
    """A valid article of about ``size`` bytes (many paragraphs), under the broker's message limit."""
    d = story(424242 + size)  # its own story per size: the cases must not be copies of each other
    para = d["body"].split("\n\n")[1]
    body = "\n\n".join([d["body"]] + [f"{para} Paragraph {k}." for k in range(size // (len(para) + 20))])
    return orjson.dumps({**d, "id": f"urn:test:big:{size}", "body": body})


def test_catalogue_and_fuzz_through_the_worker_each_get_exactly_one_outcome(make_settings, workers) -> None:
    s = make_settings(partitions=1)
    cases = [c for c in CATALOGUE if len(c.data) < LARGE]
    too_big_for_kafka = [c.name for c in CATALOGUE if len(c.data) >= KAFKA_MAX]
    fuzz = fuzz_inputs(2_000 if SOAK else 300)
    values = [c.data for c in cases] + fuzz
    workers.start(s)
    t0 = time.monotonic()
    asyncio.run(produce(s, values, partition=0))
    report = wait_settled(s, len(values), workers, timeout=300)
    elapsed = time.monotonic() - t0
    workers.assert_alive()
    assert report.exact, report.summary()

    outs = read_outcomes(s)
    wrong = []
    for offset, case in enumerate(cases):
        outcome, _, _, headers = outs.by_input[(0, offset)][0]
        got = headers.get("wirestream.reason") if outcome == "deadletter" else None
        if case.expected_reason is None:
            if outcome == "deadletter":
                wrong.append((case.name, "accepted", got))
        elif got != case.expected_reason:
            wrong.append((case.name, case.expected_reason, got or outcome))
    assert not wrong, f"catalogue outcomes differ through the worker: {wrong}"

    reasons: Counter[str] = Counter()
    originals_ok = 0
    for offset in range(len(cases), len(values)):
        outcome, _key, value, headers = outs.by_input[(0, offset)][0]
        if outcome == "deadletter":
            reasons[headers.get("wirestream.reason", "?")] += 1
            originals_ok += value == values[offset]
    assert originals_ok == sum(reasons.values()), "dead letters must carry the original bytes"
    assert reasons["internal_error"] == 0, f"fuzz inputs hit internal errors: {reasons}"
    print(
        f"\nRELIABILITY bad-input: catalogue={len(cases)} (not producible, > 1 MB: {too_big_for_kafka}) "
        f"fuzz={len(fuzz)} seconds={elapsed:.0f} fuzz_dead_letters={dict(reasons)} "
        f"audit={asyncio.run(audit(s)).summary()}"
    )


def test_large_accepted_inputs_are_enriched_or_rejected_as_too_large(make_settings, workers) -> None:
    """Inputs the broker accepts (< 1 MB) that the normaliser accepts must not die as internal errors.

    Each stage's record is several times its input (the normalised envelope carries the original
    bytes in base64 *and* the article with its blocks; the enriched record adds tags), so a
    mid-sized article can exceed the producer's/broker's 1 MB message limit at an internal topic.
    Acceptable outcomes: enriched, or a dead letter with a reason the normaliser enforces up front
    (``too_large``, ``too_many_parts``). Not acceptable: ``internal_error`` or ``output_too_large``
    (a record over the topics' size limit).
    """
    s = make_settings(partitions=1)
    cases = [(c.name, c.data) for c in CATALOGUE if LARGE <= len(c.data) < KAFKA_MAX and c.expected_reason is None]
    cases += [(f"article_{n // 1000}kb", big_article(n)) for n in (150_000, 300_000, 600_000, 900_000)]
    workers.start(s)
    asyncio.run(produce(s, [d for _, d in cases], partition=0))
    report = wait_settled(s, len(cases), workers, timeout=300)
    workers.assert_alive()
    assert report.ok, report.summary()
    outs = read_outcomes(s)
    got = {}
    for offset, (name, data) in enumerate(cases):
        outcome, _, _, headers = outs.by_input[(0, offset)][0]
        got[f"{name} ({len(data) // 1000} kB)"] = (
            headers.get("wirestream.reason") if outcome == "deadletter" else outcome
        )
    print(f"\nRELIABILITY large inputs: {got}")
    bad = {k: v for k, v in got.items() if v not in ("enriched", "too_large", "too_many_parts")}
    assert not bad, f"large valid inputs lost to internal errors (message size limits): {bad}"


def test_an_output_over_the_topics_size_limit_is_a_dead_letter_named_output_too_large(make_settings, workers) -> None:
    """With the smallest allowed ``max_message_bytes`` (1 MiB), a 400 kB article is accepted (``normalise.max_bytes``
    is 5 MB) but its records downstream (the internal envelope is ~4x the input) are over the limit: the producer
    refuses them. That is a dead letter with reason
    ``output_too_large``, not ``internal_error`` (a bug): the client's error reaches the shell wrapped in
    ``ProducerSendError``, and before session 9 the reason was read from the wrapper only."""
    from wirestream.routing import load_routing
    from wirestream.topics import create_topics, planned_topics

    s = make_settings(partitions=1, create=False)
    s = s.model_copy(update={"topics": s.topics.model_copy(update={"max_message_bytes": 1024 * 1024})})
    asyncio.run(create_topics(s, planned_topics(s, load_routing(s.routing_file))))
    big = big_article(400_000)
    workers.start(s)
    asyncio.run(produce(s, [story_bytes(880), big], partition=0))
    report = wait_settled(s, 2, workers, timeout=240)
    workers.assert_alive()
    assert report.ok, report.summary()
    outs = read_outcomes(s)
    assert outs.by_input[(0, 0)][0][0] == "enriched"
    outcome, _, _, headers = outs.by_input[(0, 1)][0]
    assert (outcome, headers.get("wirestream.reason")) == ("deadletter", "output_too_large"), (outcome, headers)
    print(f"\nRELIABILITY output too large: {len(big)} B input -> output_too_large; audit={report.summary()}")
