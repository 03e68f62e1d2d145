"""Shared fixture: one event tagger (the packaged rules) for every test module here.

Loading the rules and compiling the trigger automaton is the costly part of a tagger, and it holds
no per-article state, so the modules share one as the actor tests do (``tests/tagging/actors``).
"""

from __future__ import annotations

import pytest

from wirestream.tagging.events import EventTagger


@pytest.fixture(scope="session")
def tagger() -> EventTagger:
    return EventTagger.load()
