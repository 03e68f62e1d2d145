"""IPTC Media Topic tagging: data validity, derivation from events/actors/keywords, agency codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from wirestream.models import ActorTag, ActorType, EventTag, PloverType, Span, Subject
from wirestream.tagging.topics import TopicTagger, agency_topics
from wirestream.tagging.topics.tagger import DATA_DIR

sys.path.insert(0, str(Path(__file__).parent))
from _helpers import article

CONFLICT, POLITICS, ECONOMY = "medtop:16000000", "medtop:11000000", "medtop:04000000"
SPORT, WEATHER, CRIME = "medtop:15000000", "medtop:17000000", "medtop:02000000"


@pytest.fixture(scope="module")
def tt() -> TopicTagger:
    return TopicTagger.load()


def _event(t: PloverType, cameo: str, quad: int, conf: float = 0.9, negated: bool = False) -> EventTag:
    sp = Span(text="x", start=0, end=1)
    return EventTag(
        event_type=t,
        quad_class=quad,
        cameo_root=cameo[:2],
        cameo_code=cameo,
        source=["a"],
        target=["b"],
        trigger=sp,
        sentence=sp,
        negated=negated,
        confidence=conf,
        rule_id="t",
    )


def test_topics_file_matches_schema_and_taxonomy() -> None:
    data = yaml.safe_load((DATA_DIR / "topics.yaml").read_text(encoding="utf-8"))
    schema = json.loads((DATA_DIR / "schema" / "topics.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert len(data["topics"]) == 17
    assert set(data["keywords"]) == set(data["topics"])  # every topic can be found from text
    for topic, langs in data["keywords"].items():
        assert "en" in langs, topic
        for words in langs.values():
            assert all(isinstance(w, str) for w in words), topic  # no YAML booleans


def test_version(tt: TopicTagger) -> None:
    assert tt.version == (DATA_DIR / "VERSION").read_text(encoding="utf-8").strip()


def test_keywords_alone(tt: TopicTagger) -> None:
    cases = {
        ECONOMY: (
            "Stocks slide as inflation bites",
            "Shares fell on Tuesday as investors worried that inflation would keep interest "
            "rates high, and the dollar rose.",
        ),
        SPORT: (
            "Late goal settles derby",
            "The striker scored in the final minute of the match to keep the club top of the league.",
        ),
        WEATHER: (
            "Storm warning for the coast",
            "Forecasters said heavy rain and strong wind would hit the region, with snow on high ground.",
        ),
    }
    for topic, (headline, body) in cases.items():
        assert tt.tag(article(body, headline=headline), [], [])[0] == topic


def test_events_drive_conflict_and_politics(tt: TopicTagger) -> None:
    art = article("Officials spoke on Monday.", headline="Overnight developments")
    events = [_event(PloverType.ASSAULT, "195", 4), _event(PloverType.ASSAULT, "190", 4)]
    assert tt.tag(art, [], events) == [CONFLICT]
    assert POLITICS in tt.tag(art, [], [_event(PloverType.CONSULT, "040", 1)] * 2)


def test_cameo_refines_event_type(tt: TopicTagger) -> None:
    art = article("Officials spoke on Monday.", headline="Overnight developments")
    assert tt.tag(art, [], [_event(PloverType.COERCE, "173", 4)] * 2) == [CRIME]


def test_negated_events_do_not_count(tt: TopicTagger) -> None:
    art = article("Officials spoke on Monday.", headline="Overnight developments")
    assert tt.tag(art, [], [_event(PloverType.ASSAULT, "190", 4, negated=True)] * 3) == []


def test_actor_types_are_weak_evidence(tt: TopicTagger) -> None:
    art = article("Officials spoke on Monday.", headline="Overnight developments")
    mil = [
        ActorTag(actor_id=f"m{i}", name="army", type=ActorType.MILITARY, mentions=[], confidence=0.9) for i in range(5)
    ]
    assert tt.tag(art, mil, []) == []  # actors alone never reach the threshold
    assert tt.scores(art, mil, [])[CONFLICT] == pytest.approx(1.5)


def test_other_language_keywords(tt: TopicTagger) -> None:
    art = article(
        "Las bolsas cayeron y la inflación subió, según el banco central; el mercado duda.",
        headline="Caen las bolsas",
        language="es",
    )
    assert ECONOMY in tt.tag(art, [], [])


def test_agency_subjects_passed_through(tt: TopicTagger) -> None:
    subjects = [
        Subject(code="medtop:20000053", scheme="medtop"),
        Subject(code="subj:15054000"),
        Subject(code="16000000", scheme="http://cv.iptc.org/newscodes/mediatopic/"),
        Subject(code="Politics", scheme="keyword"),
        Subject(code="http://cv.iptc.org/newscodes/mediatopic/04000000"),
        Subject(code="subj:99000000"),
    ]
    assert agency_topics(subjects) == ["medtop:20000053", SPORT, CONFLICT, ECONOMY]
    art = article("Nothing here.", headline="Nothing").model_copy(update={"subjects": subjects})
    assert tt.tag(art, [], []) == ["medtop:20000053", SPORT, CONFLICT, ECONOMY]


def test_at_most_max_topics_derived(tt: TopicTagger) -> None:
    body = (
        "The war, the election, the storm and the match: troops, voters, rain and goals; "
        "shares, hospitals, schools, churches and refugees all featured in the report."
    )
    assert len(tt.tag(article(body, headline="A busy day"), [], [])) <= 4
