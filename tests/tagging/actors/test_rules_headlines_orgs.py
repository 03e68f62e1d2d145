"""Title-case headlines, agent words used as modifiers, and organisation + agent-noun codes
(sentences written for the test)."""

from __future__ import annotations

import pytest

from wirestream.models import ActorTag

from .conftest import make_article

BODY = "No further details were given."


def codes(tags: list[ActorTag]) -> dict[str, list[str]]:
    return {t.actor_id: [m.text for m in t.mentions] for t in tags}


@pytest.mark.parametrize(
    "headline",
    [
        "Mayor Quits Following Corruption Accusations",
        "Minister Condemns Human Rights Violations",
        "President Reportedly Requests Meeting With Rebels",
        "Governor Resigns Amid Protests Over Fuel Prices",
    ],
)
def test_headline_words_are_no_new_person(tagger, headline):
    got = codes(tagger.tag(make_article(BODY, headline=headline)))
    assert not [k for k in got if k.startswith("person:")], got


def test_headline_name_ended_by_a_known_verb(tagger):
    tags = tagger.tag(make_article(BODY, headline="Estonian Minister Mart Tamm Condemns Cyber Attack"))
    person = next(t for t in tags if t.actor_id.startswith("person:"))
    assert [m.text for m in person.mentions] == ["Mart Tamm"]
    assert (person.country, person.role) == ("EST", "GOV")


def test_headline_run_without_a_closing_known_word_is_no_name(tagger):
    got = codes(tagger.tag(make_article(BODY, headline="Defence Minister Human Rights Report Released")))
    assert not [k for k in got if k.startswith("person:")], got


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The two navies held joint military exercises in the region.", "---MIL"),
        ("Officers gathered outside the police station on Monday.", "---COP"),
        ("Satellite images show new army bases along the coast.", "---MIL"),
    ],
)
def test_agent_word_as_modifier_is_not_an_actor(tagger, text, absent):
    assert absent not in codes(tagger.tag(make_article(text)))


def test_agent_word_as_modifier_keeps_a_country_qualifier(tagger):
    got = codes(tagger.tag(make_article("Chilean military exercises began on Monday.")))
    assert got.get("CHLMIL") == ["Chilean military"], got


def test_agent_word_as_actor_stays(tagger):
    got = codes(tagger.tag(make_article("A military spokesman said the convoy had been stopped.")))
    assert got.get("---MIL") == ["military"], got


@pytest.mark.parametrize(
    ("text", "org", "span"),
    [
        ("A Hamas official said the talks had stalled.", "org:hamas", "Hamas official"),
        ("NATO officials met in the morning.", "org:nato", "NATO officials"),
        ("An EU official said the file was under review.", "org:eu", "EU official"),
    ],
)
def test_people_speaking_for_an_organisation_are_the_organisation(tagger, text, org, span):
    tags = tagger.tag(make_article(text))
    got = codes(tags)
    assert got.get(org) == [span], got
    assert not [t.code for t in tags if t.code and t.code.endswith("GOV")], got


def test_government_run_by_an_organisation_is_the_state(tagger):
    got = codes(tagger.tag(make_article("The Taliban government announced new rules.")))
    assert [s.removeprefix("The ") for s in got.get("AFGGOV", [])] == ["Taliban government"], got
    assert "AFGREBGOV" not in got, got


def test_organisation_troops_keep_a_composite_code(tagger):
    tags = tagger.tag(make_article("NATO troops arrived at the border."))
    assert any(t.code == "IGOWSTNATMIL" for t in tags), codes(tags)


@pytest.mark.parametrize(
    ("text", "code", "span"),
    [
        ("Bogotá rejected the offer on Friday.", "COLGOV", "Bogotá"),  # accented city-file name
        ("Brasilia warned it would respond.", "BRAGOV", "Brasilia"),
        ("Astana said it would stay neutral.", "KAZGOV", "Astana"),  # country file still says Nur-Sultan
    ],
)
def test_capitals_spelled_differently_in_geonames_files_still_act(tagger, text, code, span):
    assert codes(tagger.tag(make_article(text))).get(code) == [span]
