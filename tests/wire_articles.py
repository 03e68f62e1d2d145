"""Generated test articles: distinct stories that no near-duplicate check may merge, plus copies."""

from __future__ import annotations

import random

import orjson

_PLACES = [
    "Kyiv",
    "Warsaw",
    "Nairobi",
    "Lima",
    "Jakarta",
    "Oslo",
    "Hanoi",
    "Accra",
    "Quito",
    "Tbilisi",
    "Dhaka",
    "Rabat",
]
_SUBJECTS = [
    "the finance ministry", "farmers' unions", "the central bank", "port workers", "the health agency",
    "opposition lawmakers", "the football federation", "a mining company", "teachers", "the weather service",
]  # fmt: skip
_VERBS = ["announced", "rejected", "postponed", "approved", "criticised", "defended", "expanded", "suspended"]
_OBJECTS = [
    "a plan to raise fuel taxes", "new rules for rail freight", "a water rationing scheme", "wage talks",
    "a vaccination campaign", "the sale of a state airline", "a flood defence budget", "exam reforms",
    "copper export quotas", "a stadium project", "drought relief payments", "a fishing ban",
]  # fmt: skip
_DETAILS = [
    "Officials said the measure would take effect in {month}.",
    "The decision follows {n} weeks of protests in {place}.",
    "Critics said the cost, estimated at {n} million dollars, was too high.",
    "A spokesperson declined to say whether {subject} had been consulted.",
    "Local media reported that {n} people attended a meeting on the issue.",
    "The proposal will be debated again on {day}.",
]
_MONTHS = ["January", "March", "May", "August", "October", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def story(i: int) -> dict[str, str]:
    """A distinct plain-JSON article; ``i`` seeds every choice so stories differ in most shingles."""
    rng = random.Random(i * 7919)
    place, subject, verb, obj = rng.choice(_PLACES), rng.choice(_SUBJECTS), rng.choice(_VERBS), rng.choice(_OBJECTS)
    paras = [f"{place.upper()} - In {place}, {subject} {verb} {obj} on {rng.choice(_DAYS)}, story number {i}."]
    for _ in range(4):
        tmpl = rng.choice(_DETAILS)
        paras.append(
            tmpl.format(month=rng.choice(_MONTHS), n=rng.randint(2, 900), place=rng.choice(_PLACES),
                        subject=rng.choice(_SUBJECTS), day=rng.choice(_DAYS))
            + f" Reference {i}-{rng.randint(1000, 9999)}."
        )  # fmt: skip
    return {
        "id": f"urn:test:story:{i}",
        "headline": f"{subject.capitalize()} {verb} {obj} ({i})",
        "body": "\n\n".join(paras),
        "published": f"2025-06-0{1 + i % 9}T10:00:00Z",
        "lang": "en",
    }


def story_bytes(i: int) -> bytes:
    return orjson.dumps(story(i))


BAD_INPUTS: dict[str, bytes] = {
    "truncated_json": b'{"headline": "Cut off", "body": "The minis',
    "invalid_utf8": b"\xff\xfe\xfa not text \xc3\x28",
    "empty_body": orjson.dumps({"headline": "Nothing here", "body": "   "}),
    "empty_value": b"",
}
