"""Unknown people described by a title phrase: the phrase, not the article's main country, says who
they are. Sentences are written for these tests (fictional names, not taken from any corpus)."""

from __future__ import annotations

import pytest

from wirestream.models import ActorTag, ActorType

from .conftest import make_article

#: A story mostly about Ukraine, so a wrong guess would show up as UKR.
LEAD = "Ukraine said Russia attacked Kyiv overnight. Ukraine's army responded. "


def person(tags: list[ActorTag], name: str) -> ActorTag | None:
    return next((t for t in tags if t.type is ActorType.PERSON and t.name == name), None)


@pytest.mark.parametrize(
    ("sentence", "country", "role"),
    [
        ("Lithuania's defence minister, Jana Dovile, said Ukraine must win.", "LTU", "GOV"),
        ("The defence minister of Lithuania, Jana Dovile, said Ukraine must win.", "LTU", "GOV"),
        ("Lithuania's ambassador to Ukraine, Jana Dovile, said Ukraine must win.", "LTU", "GOV"),
        ("Lithuania's top general, Jana Dovile, said Ukraine must win.", "LTU", "MIL"),
        ("President Jana Dovile of Lithuania said Ukraine must win.", "LTU", "GOV"),
        ("Jana Dovile, a Lithuanian minister, said Ukraine must win.", "LTU", "GOV"),
        ("Jana Dovile, a former Lithuanian minister, said Ukraine must win.", "LTU", "ELI"),
        ("Jana Dovile, the mayor of Vilnius, said Ukraine must win.", "LTU", "GOV"),
        ("Mayor Jana Dovile of Vilnius said Ukraine must win.", "LTU", "GOV"),
        ("Kremlin spokesman Jana Dovile said Ukraine must lose.", "RUS", "GOV"),
        ("Chinese Foreign Ministry spokesperson Jana Dovile said talks must go on.", "CHN", "GOV"),
        ("A spokesperson for the Chinese foreign ministry, Jana Dovile, said talks must go on.", "CHN", "GOV"),
        ("The head of the Chinese delegation, Jana Dovile, said talks must go on.", "CHN", "GOV"),
    ],
)
def test_title_phrase_gives_country_and_role(tagger, sentence, country, role):
    tags = tagger.tag(make_article(LEAD + sentence))
    p = person(tags, "Jana Dovile")
    assert p is not None, [t.actor_id for t in tags]
    assert (p.country, p.role) == (country, role)
    assert [m.text for m in p.mentions] == ["Jana Dovile"]


def test_local_office_names_its_place(tagger):
    tags = tagger.tag(make_article(LEAD + "Jana Dovile, the mayor of Vilnius, said Ukraine must win."))
    assert person(tags, "Jana Dovile").office == "mayor of Vilnius"


def test_source_after_title_comma_is_not_a_name(tagger):
    # the apposition must close: "<Org> reported" after the comma is the source of the quote
    tags = tagger.tag(make_article(LEAD + "The minister, Baltic Wire Service reported, was angry."))
    assert not [t for t in tags if t.type is ActorType.PERSON]


def test_known_person_in_forward_apposition_is_not_duplicated(tagger):
    tags = tagger.tag(
        make_article("France's foreign minister, Jean-Noel Barrot, said talks would resume.", date="2025-07-04")
    )
    people = [t for t in tags if t.type is ActorType.PERSON]
    assert [p.actor_id for p in people] == ["person:jean-noel-barrot"]


@pytest.mark.parametrize(
    "headline",
    ["President Vows To Fight On As Protests Grow", "Prime Minister Hails New Trade Deal With Australia"],
)
def test_title_case_headline_words_are_not_people(tagger, headline):
    tags = tagger.tag(make_article("Talks continued on Monday.", headline=headline))
    # only dictionary people (an office holder for "Prime Minister" is fine), no "Vows To Fight On"
    known = {f"person:{pid}" for pid in tagger.lexicon.persons}
    assert [t.name for t in tags if t.type is ActorType.PERSON and t.actor_id not in known] == []


def test_function_word_ends_an_unknown_name(tagger):
    tags = tagger.tag(make_article("The talks were led by Minister Jana Dovile In Vilnius on Monday."))
    assert person(tags, "Jana Dovile") is not None
    assert person(tags, "Jana Dovile In") is None


def test_capitalised_name_connector_stays_in_the_name(tagger):
    tags = tagger.tag(make_article("Mayor Bill De Vreede said the city would appeal."))
    assert person(tags, "Bill De Vreede") is not None


def test_demonym_before_an_agent_does_not_qualify_the_title(tagger):
    # "head of the Chinese delegation" is not China's head of state
    tags = tagger.tag(make_article(LEAD + "The head of the Chinese delegation said talks must go on."))
    assert not [t for t in tags if t.type is ActorType.PERSON and t.country == "CHN"]


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("es", "Ucrania dijo que Rusia atacó Kiev. El ministro de Defensa de Lituania, Jana Dovile, dijo que sí."),
        ("fr", "L'Ukraine a dit que la Russie a attaqué Kiev. La présidente de la Lituanie, Jana Dovile, a dit oui."),
    ],
)
def test_of_phrase_in_other_languages(tagger, language, body):
    p = person(tagger.tag(make_article(body, language=language)), "Jana Dovile")
    assert p is not None and p.country == "LTU"


def test_spanish_title_of_country_resolves_the_holder(tagger):
    tags = tagger.tag(
        make_article("El presidente de Francia dijo que Ucrania debe ganar.", language="es", date="2025-03-10")
    )
    assert person(tags, "Emmanuel Macron") is not None


def test_portfolio_word_blocks_the_holder(tagger):
    # a security chief is not the country's leader
    tags = tagger.tag(make_article("Cairo's security chief said the protest was illegal.", date="2010-03-01"))
    assert not [t for t in tags if t.type is ActorType.PERSON]


def test_government_after_a_demonym_still_qualifies_the_title(tagger):
    tags = tagger.tag(make_article("The leader of the Algerian government said talks would resume.", date="2010-03-01"))
    assert [t.name for t in tags if t.type is ActorType.PERSON] == ["Abdelaziz Bouteflika"]


def test_member_of_an_institution_without_a_name(tagger):
    tags = tagger.tag(make_article("A State Department spokesman said Wednesday that talks would resume."))
    t = next(t for t in tags if t.code == "USAGOV")
    assert "spokesman" in [m.text for m in t.mentions]
