"""Qualifier rules added for accuracy; each on a sentence written for the test (not from any corpus)."""

from __future__ import annotations

from wirestream.models import ActorTag

from .conftest import make_article


def by_id(tags: list[ActorTag]) -> dict[str, ActorTag]:
    return {t.actor_id: t for t in tags}


def test_country_qualifier_bridges_known_modifiers(tagger):
    tags = by_id(tagger.tag(make_article("Iraqi federal police raided a warehouse on Tuesday.")))
    assert [m.text for m in tags["IRQCOP"].mentions] == ["Iraqi federal police"]


def test_capitalised_modifier_after_possessive(tagger):
    tags = by_id(tagger.tag(make_article("Norway's Coastal Fleet escorted the ferry.")))
    assert tags["NORMIL"].role == "MIL"


def test_verb_never_bridges_country_and_agent(tagger):
    tags = by_id(tagger.tag(make_article("Peru accused rebels of blocking the road.")))
    assert "PERREB" not in tags
    assert "---REB" in tags and "PER" in tags


def test_foreign_qualifier_takes_generic_agent_reading(tagger):
    tags = by_id(tagger.tag(make_article("Brazil's Defense Department issued a statement.")))
    assert "BRAGOV" in tags
    assert "org:dod" not in tags


def test_namesake_party_of_another_country(tagger):
    tags = by_id(tagger.tag(make_article("The Irish Labour Party lost two seats.")))
    assert tags["IRLPTY"].country == "IRL"
    assert "org:labour-gbr" not in tags


def test_former_title_without_name_is_elite(tagger):
    tags = by_id(tagger.tag(make_article("A former minister was questioned by investigators.")))
    assert tags["---ELI"].role == "ELI"


def test_seat_qualified_agent(tagger):
    tags = by_id(tagger.tag(make_article("A White House official said the talks would resume.")))
    assert tags["USAGOV"].country == "USA"


def test_faith_leaders_are_religious_actors(tagger):
    tags = by_id(tagger.tag(make_article("Buddhist leaders in Thailand called for calm.")))
    assert tags["THAREL"].role == "REL"


def test_place_qualifies_agent_inside_a_capitalised_name(tagger):
    """ "<City> Border Police" is that country's police; a place and an agent noun separated by
    ordinary lower-case prose are not combined."""
    tags = {t.actor_id: t for t in tagger.tag(make_article("The Kandahar Provincial Border Police said."))}
    assert tags["AFGCOP"].mentions[0].text == "Kandahar Provincial Border Police"
    tags = {t.actor_id for t in tagger.tag(make_article("Residents of Kabul fear police."))}
    assert "AFGCOP" not in tags


def test_neutral_modifier_keeps_the_qualified_office(tagger):
    """ "current"/"top" between qualifier and title do not block it (unlike "deputy", "former")."""
    ids = {t.actor_id for t in tagger.tag(make_article("Poland's current interior minister spoke."))}
    assert "POLGOV" in ids
    ids = {t.actor_id for t in tagger.tag(make_article("Ukraine's deputy foreign minister spoke.", date="2023-06-01"))}
    assert not any(i.startswith("person:") for i in ids)


def test_office_of_a_named_organisation_is_not_the_state_office(tagger):
    """ "the president of the <Demonym> <Name> Federation" is not that country's head of state."""
    tags = tagger.tag(make_article("The president of the Kenyan Football Federation resigned."))
    assert not [t for t in tags if t.type.value == "person"]
    tags = tagger.tag(make_article("The president of the French Republic spoke.", date="2023-06-01"))
    assert [t.name for t in tags if t.type.value == "person"] == ["Emmanuel Macron"]


def test_members_of_an_armed_group_are_the_group(tagger):
    tags = {t.actor_id: t for t in tagger.tag(make_article("Hezbollah militants fired on the border post."))}
    assert tags["org:hezbollah"].mentions[0].text == "Hezbollah militants"
    assert not [i for i in tags if i.endswith("REB") and not i.startswith("org:")]
