"""Session 11's tag-stage speed changes keep the models and the measurement what they were.

* The event engine builds every ``EventTag``/``Span`` with one shared fields-set per class (not a
  new set per model). Sharing is only safe while nothing mutates that set in place: pydantic's
  ``model_copy`` copies it before adding to it, and these tests fail if that ever changes (the
  shared set would then grow for every event of the process).
* ``bench.pipeline`` applies the worker's GC policy (``freeze_long_lived``) after building, so its
  tag-stage figures exclude full collections over the tagger's data, which the worker never pays.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from wirestream.models import ActorType, EventTag, Span
from wirestream.tagging.events import EventTagger

sys.path.insert(0, str(Path(__file__).parent / "events"))
from _helpers import actors, article

_LEX = {
    "Russia": ("RUS", "RUS", ActorType.COUNTRY),
    "Kyiv": ("UKR", "UKR", ActorType.COUNTRY),
    "France": ("FRA", "FRA", ActorType.COUNTRY),
    "Moscow": ("RUS", "RUS", ActorType.COUNTRY),
}


def _events() -> list[EventTag]:
    art = article(
        "Russia launched missile strikes on Kyiv overnight, officials said. "
        "France condemned the attack and urged Moscow to agree to a ceasefire."
    )
    events = EventTagger.load().tag(art, actors(art, _LEX))
    assert len(events) >= 2
    return events


def test_engine_models_carry_every_field_in_their_fields_set() -> None:
    for ev in _events():
        assert ev.model_fields_set == set(EventTag.model_fields)
        assert ev.trigger.model_fields_set == set(Span.model_fields)
        assert ev.sentence.model_fields_set == set(Span.model_fields)


def test_copies_and_updates_never_touch_the_shared_fields_set() -> None:
    events = _events()
    first = events[0]
    before = set(first.model_fields_set)
    copied = first.model_copy(update={"negated": not first.negated, "not_a_field": 1})
    assert copied.model_fields_set is not first.model_fields_set
    assert "not_a_field" in copied.model_fields_set  # pydantic added the key: to its own copy
    for ev in events:
        assert ev.model_fields_set == before
    again = _events()[0]
    assert again.model_fields_set == before
    assert first == again


@pytest.mark.slow  # loads the whole pipeline's data (~30 s on a loaded 2-vCPU machine)
def test_bench_pipeline_builds_with_the_workers_gc_policy() -> None:
    from bench.pipeline import build

    gc.unfreeze()
    try:
        build()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
