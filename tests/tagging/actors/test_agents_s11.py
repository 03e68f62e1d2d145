"""Session 11: ordinary English that the actor dictionary read as actors, fixed as classes in the data
(sentences written for these tests, none from the peer gold).

* fixed expressions around an agent noun ("a party to the conflict", "the forces of nature", "the leader
  board", "under his leadership", "the administration of vaccines") hide the noun (agents.yaml
  ``not_actors``); a striker is a footballer, strikers still strike;
* compounds that open a sentence with a common noun that is also an organisation's bare name ("Labour
  shortages", "Amnesty laws"), where the capital says nothing, are not the organisation; "Labour unions"
  are unions (agents.yaml LAB);
* party families many countries have ("Social Democrats", "Liberal Democratic Party") are no US
  Democratic Party (agents.yaml PTY);
* the Italian title "re" (king) is an Italian-only surface: English "re" is nothing;
* a financial "in" ("a stake in Toyota", "investors in Toyota") is the company's, any other "in" the city's.

Each class has the other side as a test too: the bare names and agent nouns still count where they act.
"""

from __future__ import annotations

import pytest

from .conftest import make_article


def tags(tagger, text, language="en"):
    return {t.actor_id: t for t in tagger.tag(make_article(text, language=language))}


# ---------------------------------------------------------------- fixed expressions around agent nouns


@pytest.mark.parametrize(
    "text",
    [
        "The government said it was not a party to the conflict in the north.",
        "Russia is not a party to the treaty, the ministry said.",
        "Every party to the agreement must cut emissions by 2030.",
        "Both sides said the mediator was not a party to the dispute.",
    ],
)
def test_a_party_to_a_conflict_or_treaty_is_no_political_party(tagger, text):
    assert "---PTY" not in tags(tagger, text)


@pytest.mark.parametrize(
    "text",
    [
        "The party said it would vote against the bill.",
        # why "party to" alone is not listed: the infinitive after it
        "The party to win the most seats will form the government.",
    ],
)
def test_the_party_itself_still_counts(tagger, text):
    assert "---PTY" in tags(tagger, text)


def test_the_forces_of_nature_are_no_army(tagger):
    assert "---MIL" not in tags(tagger, "Rescuers said the flood was a reminder of the forces of nature.")
    assert "---MIL" not in tags(tagger, "The striker was a force of nature in the second half.")


def test_forces_still_count(tagger):
    assert "---MIL" in tags(tagger, "Government forces retook the town, the army said.")


@pytest.mark.parametrize(
    "text", ["The striker scored twice in the second half.", "The goalkeeper saved a penalty from the striker."]
)
def test_a_striker_is_a_footballer(tagger, text):
    assert not [t for t in tags(tagger, text).values() if t.code.endswith("LAB")]


def test_strikers_still_count(tagger):
    found = tags(tagger, "Strikers blocked the factory gates on Monday.")
    assert [t for t in found.values() if t.code.endswith("LAB")]


@pytest.mark.parametrize(
    "text",
    [
        "The economy grew under his leadership in Kenya.",
        "Critics questioned her leadership after the defeat in Kenya.",
        "The administration of vaccines began in Nairobi on Monday.",
        "The administration of justice was slowed by the strike in Kenya.",
    ],
)
def test_leading_and_administering_are_no_government(tagger, text):
    assert not [t for t in tags(tagger, text).values() if t.code.endswith("GOV")]


@pytest.mark.parametrize(
    "text", ["The Kenyan leadership rejected the plan.", "The Kenyan administration said it would appeal."]
)
def test_leadership_and_administration_still_count(tagger, text):
    assert "KENGOV" in tags(tagger, text)


def test_an_expert_witness_is_no_academic(tagger):
    assert "---EDU" not in tags(tagger, "Expert witnesses told the court the bridge was unsafe.")
    assert "---EDU" in tags(tagger, "Experts said the virus was spreading.")


def test_a_leader_board_is_no_head_of_government(tagger):
    found = tags(tagger, "The leader board after the third round was topped by a Kenyan runner.")
    assert not [t for t in found.values() if t.type.value == "person"]


def test_the_leader_still_counts(tagger):
    found = tags(tagger, "The Kenyan leader said the vote would go ahead.")
    assert [t for t in found.values() if t.type.value == "person" and t.country == "KEN"]


# ---------------------------------------------------------------- a common noun opening the sentence


@pytest.mark.parametrize(
    "text",
    [
        "Labour shortages have slowed the harvest across the region.",
        "Labour market data showed wages rising faster than prices.",
        "Labour costs rose 4 percent in the quarter, the statistics office said.",
        "Labour Day rallies drew thousands in Manila.",
        "LABOUR SHORTAGES HIT FARMS",
    ],
)
def test_labour_compounds_are_no_labour_party(tagger, text):
    assert "org:labour-gbr" not in tags(tagger, text)


def test_labour_unions_are_unions(tagger):
    found = tags(tagger, "Labour unions called a general strike for Monday.")
    assert "org:labour-gbr" not in found
    assert [t for t in found.values() if t.code.endswith("LAB")]


@pytest.mark.parametrize(
    "text",
    [
        "Labour MPs voted against the bill on Tuesday.",
        "Labour said it would vote against the bill.",
        "Labour leader Keir Starmer said the party would vote against the bill.",
        "The minister accused Labour of wrecking the labour market.",
    ],
)
def test_the_labour_party_still_counts(tagger, text):
    assert "org:labour-gbr" in tags(tagger, text)


@pytest.mark.parametrize(
    "text",
    [
        "Amnesty laws shielded the generals from trial for decades.",
        "Amnesty programme draws 2,000 fighters, officials say.",
    ],
)
def test_amnesty_compounds_are_no_amnesty_international(tagger, text):
    assert "org:amnesty" not in tags(tagger, text)


@pytest.mark.parametrize(
    "text",
    [
        "Amnesty said the trial fell short of international standards.",
        "Amnesty International criticised the new amnesty law.",
    ],
)
def test_amnesty_international_still_counts(tagger, text):
    assert "org:amnesty" in tags(tagger, text)


# ---------------------------------------------------------------- party families


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Social Democratic Party won the election in Denmark.", "---PTY"),
        ("Germany's Social Democrats said they would join the coalition.", "DEUPTY"),
        ("The German Social Democrats said they would join the coalition.", "DEUPTY"),
        ("Canada's New Democrats backed the budget.", "CANPTY"),
        ("Japan's Liberal Democratic Party chose a new leader.", "JPNPTY"),
        ("Christian Democrat lawmakers in Italy voted against the bill.", "---PTY"),
    ],
)
def test_a_party_family_is_no_us_democratic_party(tagger, text, code):
    found = tags(tagger, text)
    assert "org:democrats-usa" not in found
    assert code in found


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Democrats in the Senate blocked the bill.", "org:democrats-usa"),
        ("The Democratic Party said it would sue the state.", "org:democrats-usa"),
        ("The Liberal Democrats said they would vote against the bill.", "org:libdems"),
        ("The Social Democratic Party of Germany won the vote.", "org:spd"),
        ("The Free Democratic Party left the coalition.", "org:fdp"),
    ],
)
def test_named_parties_still_count(tagger, text, actor):
    assert actor in tags(tagger, text)


# ---------------------------------------------------------------- the Italian title "re"


@pytest.mark.parametrize(
    "text",
    [
        "Re: the proposal, talks would continue next week.",
        "They're ready to re-open the border, the coach said.",
    ],
)
def test_english_re_is_no_king(tagger, text):
    assert tags(tagger, text) == {}


def test_italian_re_is_the_king(tagger):
    found = tags(tagger, "Macron ha detto che il re del Marocco è atteso a Parigi.", language="it")
    assert any(t.country == "MAR" and t.office == "head_of_state" for t in found.values())


# ---------------------------------------------------------------- a financial "in"


@pytest.mark.parametrize(
    "text",
    [
        "Investors in Toyota cheered the buyback plan on Tuesday.",
        "Berkshire Hathaway took a 5 percent stake in Toyota last year.",
        "Pension funds hold shares in Toyota and Honda.",
        "Confidence in Toyota has recovered since the recall.",
    ],
)
def test_a_stake_in_the_company_is_the_company(tagger, text):
    assert "org:toyota" in tags(tagger, text)


def test_a_street_in_the_city_is_the_city(tagger):
    found = tags(tagger, "Heavy rain flooded streets in Toyota and nearby towns.")
    assert "org:toyota" not in found
    assert any(t.type.value == "place" and t.country == "JPN" for t in found.values())
