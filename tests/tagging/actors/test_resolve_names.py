"""Names built on a place or country ("Texas Instruments", "Nigerian Bar Association", "Lagos State
government") and role nouns. Sentences are written for these tests, not taken from any corpus."""

from __future__ import annotations

import pytest

from wirestream.models import ActorTag, ActorType

from .conftest import make_article


def covering(tags: list[ActorTag], text: str) -> ActorTag | None:
    """The tag with a mention exactly ``text``."""
    return next((t for t in tags if any(m.text == text for m in t.mentions)), None)


@pytest.mark.parametrize(
    ("sentence", "span", "country"),
    [
        ("Shares in Texas Instruments fell on Monday.", "Texas Instruments", "USA"),
        ("Scotland Yard said it was investigating.", "Scotland Yard", "GBR"),
    ],
)
def test_region_named_body_is_not_the_region(tagger, sentence, span, country):
    tags = tagger.tag(make_article(sentence))
    t = covering(tags, span)
    assert t is not None and t.type is ActorType.ORGANISATION and t.country == country
    assert not [x for x in tags if x.type is ActorType.PLACE]


def test_region_alone_is_still_a_place(tagger):
    tags = tagger.tag(make_article("Fighting in Donetsk continued as Texas sent aid."))
    assert {t.name for t in tags if t.type is ActorType.PLACE} >= {"Donetsk", "Texas"}


@pytest.mark.parametrize(
    ("sentence", "span", "code"),
    [
        ("The Nigerian Bar Association condemned the arrest.", "Nigerian Bar Association", "NGANGO"),
        ("Kenya Airways cancelled flights.", "Kenya Airways", "KENBUS"),
        ("Pakistan Muslim League leaders met in Lahore.", "Pakistan Muslim League", "PAKNGO"),
        ("The Lagos State government said schools would reopen.", "Lagos State government", "NGAGOV"),
        ("Kano state government officials denied it.", "Kano state government officials", "NGAGOV"),
        ("Indian Muslims marked the festival.", "Indian Muslims", "INDMOS"),
    ],
)
def test_country_anchored_names_and_groups(tagger, sentence, span, code):
    t = covering(tagger.tag(make_article(sentence)), span)
    assert t is not None and t.code == code


def test_title_case_headline_country_does_not_bridge_into_a_name(tagger):
    tags = tagger.tag(make_article("Talks stalled.", headline="Russia Warns Kenya Airways Will Pay"))
    assert covering(tags, "Russia") is not None
    assert not [t for t in tags if t.code == "RUSBUS"]


def test_lower_case_org_head_is_prose(tagger):
    assert tagger.tag(make_article("They worked in association with the league.")) == []


def test_capitalised_head_after_a_known_organisation_extends_it(tagger):
    # ("Red Crescent Society", the earlier example here, is now a dictionary name of its own)
    t = covering(tagger.tag(make_article("The NATO Alliance said it would respond.")), "NATO Alliance")
    assert t is not None and t.actor_id == "org:nato"


@pytest.mark.parametrize(
    "sentence",
    [
        "Jana Dovile, Kenya's health minister, said the clinics would open.",
        "Kenyan Health Minister Jana Dovile said the clinics would open.",
    ],
)
def test_portfolio_word_keeps_the_qualifier(tagger, sentence):
    body = "Uganda said on Monday that Uganda would help. " + sentence
    p = next(t for t in tagger.tag(make_article(body)) if t.name == "Jana Dovile")
    assert (p.country, p.role) == ("KEN", "GOV")


def test_crime_role_nouns(tagger):
    t = covering(tagger.tag(make_article("Police said a crime syndicate ran the port.")), "crime syndicate")
    assert t is not None and t.role == "CRM"


@pytest.mark.parametrize(
    ("sentence", "pid", "span"),
    [
        ("Recep Erdogan said Turkey would respond.", "person:recep-tayyip-erdogan", "Recep Erdogan"),
        ("President Recep Erdogan said Turkey would respond.", "person:recep-tayyip-erdogan", "Recep Erdogan"),
        ("Andres Lopez Obrador spoke in Mexico City.", "person:andres-manuel-lopez-obrador", "Andres Lopez Obrador"),
    ],
)
def test_given_name_and_surname_without_middle_name(tagger, sentence, pid, span):
    tags = tagger.tag(make_article(sentence, date="2021-06-01"))
    people = [t for t in tags if t.type is ActorType.PERSON]
    assert [(p.actor_id, [m.text for m in p.mentions]) for p in people] == [(pid, [span])]


def test_other_given_name_is_someone_else(tagger):
    tags = tagger.tag(make_article("Melania Trump visited a school.", date="2021-06-01"))
    assert not [t for t in tags if t.type is ActorType.PERSON]


@pytest.mark.parametrize(
    ("sentence", "span", "code"),
    [
        ("Kenyan President William Ruto's government faces protests.", "government", "KENGOV"),
        ("Trump's administration imposed new tariffs.", "administration", "USAGOV"),
    ],
)
def test_a_leaders_institution_is_their_country(tagger, sentence, span, code):
    t = covering(tagger.tag(make_article(sentence, date="2025-03-10")), span)
    assert t is not None and t.code == code


def test_capitalised_agent_word_inside_an_unknown_name_is_not_an_actor(tagger):
    tags = tagger.tag(make_article("The Texas Department of Public Safety said two people died."))
    assert covering(tags, "Public") is None
    assert covering(tags, "people") is not None  # ordinary prose still is


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Residents of Donetsk Oblast fled west.", "Donetsk"),
        ("Texas Republican Senator Ted Cruz said the bill would fail.", "Texas"),
    ],
)
def test_geographic_heads_and_party_adjectives_keep_the_place(tagger, sentence, place):
    tags = tagger.tag(make_article(sentence))
    assert place in {t.name for t in tags if t.type is ActorType.PLACE}
    assert not [t for t in tags if t.type is ActorType.ORGANISATION and t.actor_id.startswith("org:")]


def test_the_valley_is_only_anguilla_after_a_preposition(tagger):
    assert not [t for t in tagger.tag(make_article("The Kashmir Valley was calm.")) if t.country == "AIA"]


def test_seas_and_gulfs_are_not_their_namesake_countries(tagger):
    # "Persian Gulf" is neither Iran nor Papua New Guinea's Gulf province; "Irish Sea" is not Ireland
    tags = tagger.tag(make_article("Tankers crossed the Persian Gulf and the Irish Sea."))
    assert {t.country for t in tags} <= {None}


def test_a_middle_name_is_not_a_given_name_match(tagger):
    # "Ahmad" is the ICC prosecutor's middle name: "Ahmad Khan" is someone else
    tags = tagger.tag(make_article("Ahmad Khan, a farmer, said the harvest failed.", date="2023-01-01"))
    assert not [t for t in tags if t.type is ActorType.PERSON]


def test_place_name_after_a_given_name_is_a_family_name(tagger):
    """ "Ahmed Shan": a region's name right after a name part that the dictionary knows (here a
    surname that is also a common given name) belongs to the person, not to Myanmar's Shan State."""
    tags = tagger.tag(make_article("Ahmed Shan, a Pakistani lawmaker, criticised the budget.", date="2023-05-01"))
    assert "MMR" not in {t.country for t in tags}
    tags = tagger.tag(make_article("Fighting continued in northern Shan, the Myanmar army said.", date="2023-05-01"))
    assert any(t.country == "MMR" and [m.text for m in t.mentions] == ["Shan"] for t in tags)
