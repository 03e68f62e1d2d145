"""Session 12: actor tagging errors left by session 11, fixed as classes (sentences written for these
tests, none from the peer gold). Each class has the other side as a test too.

* a bare organisation name that is an ordinary word of the text's language (``common_word``), where
  case says nothing: English "Amnesty" as the subject of a passive only a thing given takes ("Amnesty
  was granted to 300 prisoners"); Spanish "Podemos", Portuguese "Chega" before an infinitive, a
  preposition or an article ("Podemos ganar", "Chega de violência"). Otherwise ("Amnesty found",
  "Podemos anunció") they stay the bodies;
* a capital beside a capital that acts for its government is its partner government after "with" or
  "and" ("Moscow signed the treaty with Washington"); with no acting capital it stays a city (session
  13 made the object of the acting capital's verb a government too: ``test_errors_s13.py``);
* a title word that modifies an agent noun ("chief executive", "chief rabbi") is no office of its own
  ("the chief executive" was the British prime minister in a British story); a company's business
  people are the company ("Shell's chief executive", "investors in Toyota", "Shell executives");
* hunger strikers protest (OPP), they are no union; the Party of Regions is Ukraine's.
"""

from __future__ import annotations

import pytest

from .conftest import make_article


def tags(tagger, text, language="en"):
    return {t.actor_id: t for t in tagger.tag(make_article(text, language=language))}


def codes(tagger, text, language="en"):
    return {t.code for t in tagger.tag(make_article(text, language=language))}


# ---------------------------------------------------------------- a bare name that is a word


@pytest.mark.parametrize(
    "text",
    [
        "Amnesty was granted to 300 prisoners on Tuesday, the justice ministry said.",
        "Amnesty was offered to rebels who hand in their weapons before March.",
        "Amnesty will be extended to protesters detained last year, officials said.",
        "AMNESTY WAS GRANTED TO JAILED REPORTERS",
        "Amnesty for rebels approved by parliament",
    ],
)
def test_amnesty_the_measure_is_no_ngo(tagger, text):
    assert "org:amnesty" not in tags(tagger, text)


@pytest.mark.parametrize(
    "text",
    [
        "Amnesty said the verdict was a travesty of justice.",
        "Amnesty International said the trial was unfair.",
        "Amnesty has documented dozens of cases of torture in the prisons.",
        "Amnesty was founded in London in 1961.",
        # the body as the recipient: a noun follows the participle
        "Amnesty was granted access to the prison.",
        "Amnesty Says Trial Was Unfair",
        "The government said Amnesty was granted to nobody.",  # mid-sentence: the capital decides
        # active, not passive: no form of "be" before the participle
        "Amnesty has promised to publish the full report.",
        # a verb no word list has: the name unless the words show the noun (Shell, whose noun is the
        # usual reading, is the other way round: word_first)
        "Amnesty found that the detainees had been tortured.",
        "Amnesty reports widespread abuses in the camps.",
        "Amnesty Finds Evidence Of War Crimes",
    ],
)
def test_amnesty_the_body_still_counts(tagger, text):
    assert "org:amnesty" in tags(tagger, text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Podemos ganar las elecciones si votamos todos, dijo el candidato.", "es"),
        ("Podemos seguir negociando con los socios, afirmó la ministra.", "es"),
        ("¿Podemos ganar las elecciones?", "es"),
        ("Chega de violência, gritaram os manifestantes em Lisboa.", "pt"),
        ("Chega a Lisboa o primeiro comboio de alta velocidade.", "pt"),
        ("Chega-se a Lisboa pela autoestrada.", "pt"),
    ],
)
def test_a_party_name_that_is_a_word_of_the_language_is_the_word(tagger, text, language):
    found = tags(tagger, text, language)
    assert "org:podemos" not in found and "org:chega" not in found


@pytest.mark.parametrize(
    ("text", "language", "party"),
    [
        ("Podemos anunció que votará en contra de los presupuestos.", "es", "org:podemos"),
        ("Podemos se abstendrá en la votación.", "es", "org:podemos"),
        ("Podemos y Sumar negocian un acuerdo.", "es", "org:podemos"),
        ("Chega apresentou uma moção de censura contra o governo.", "pt", "org:chega"),
        ("Chega quer eleições antecipadas.", "pt", "org:chega"),
        ("O Chega apresentou uma moção.", "pt", "org:chega"),
        # in English copy the name is no Spanish verb
        ("Podemos lost half its seats in the election.", "en", "org:podemos"),
    ],
)
def test_the_party_before_a_finite_verb_still_counts(tagger, text, language, party):
    assert party in tags(tagger, text, language)


def test_shell_promising_is_the_company(tagger):
    assert "org:shell" in tags(tagger, "Shell has promised to cut emissions by half.")


def test_a_shell_company_is_no_shell_but_shell_executives_are(tagger):
    assert "org:shell" not in tags(tagger, "Shell companies hid the money, prosecutors said.")
    found = tags(tagger, "Shell executives met in London.")
    assert "org:shell" in found and "---BUS" not in found


# ---------------------------------------------------------------- capitals as partner governments


@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("Moscow signed the treaty with Washington on Friday.", "USAGOV"),
        ("Washington signed the agreement with Moscow on Tuesday.", "RUSGOV"),
        ("Moscow signed deals with Beijing and Washington.", "USAGOV"),
        ("Moscow signed deals with Beijing and Washington.", "CHNGOV"),
        # holding talks is acting (rules.yaml agentive_verbs)
        ("Tokyo held talks with Washington over tariffs.", "JPNGOV"),
        ("Tokyo held talks with Washington over tariffs.", "USAGOV"),
        # session 13: the acting capital's object is a government (CAMEO), and so its conjunct
        ("Moscow accused Paris and London of lying.", "FRAGOV"),
        ("Moscow accused Paris and London of lying.", "GBRGOV"),
    ],
)
def test_a_capital_beside_an_acting_capital_is_its_government(tagger, text, partner):
    assert partner in codes(tagger, text)


@pytest.mark.parametrize(
    "text",
    [
        "Rents in Paris rose compared with London.",
        "Moscow said it would talk. Rents in Paris rose compared with London.",
        "The summit was held in Washington last week.",
        # no acting capital in the sentence, or the conjunct before "and" is no actor
        "Moscow said it would talk. Officials met with London's mayor.",
        "Paris held a marathon with London runners.",
    ],
)
def test_a_capital_with_no_acting_capital_beside_it_stays_a_place(tagger, text):
    assert not {"GBRGOV", "FRAGOV", "USAGOV"} & codes(tagger, text)


# ---------------------------------------------------------------- titles and business people


@pytest.mark.parametrize(
    "text",
    [
        "The British company said the chief executive would step down.",
        "British regulators said the chief executive had erred.",
    ],
)
def test_the_chief_executive_is_no_head_of_government(tagger, text):
    found = tags(tagger, text)
    assert not [t for t in found.values() if t.type == "person"]
    assert "---BUS" in found


def test_a_companys_chief_executive_is_the_company(tagger):
    found = tags(tagger, "Toyota's chief executive apologised to customers.")
    assert "org:toyota" in found and "---BUS" not in found


def test_a_title_word_before_an_agent_noun_takes_the_nouns_role(tagger):
    assert "GBRREL" in codes(tagger, "Britain's chief rabbi condemned the attack.")
    # a place's chief executive is its executive head, not a business
    assert "HKGGOV" in codes(tagger, "Hong Kong's chief executive said the city would reopen.")


@pytest.mark.parametrize(
    "text",
    [
        "Investors in Toyota welcomed the results on Tuesday.",
        "Executives at Shell said the deal was off.",
        "The chief executive of Toyota resigned.",
    ],
)
def test_business_people_of_a_named_company_are_the_company(tagger, text):
    found = tags(tagger, text)
    assert "---BUS" not in found
    assert {"org:toyota", "org:shell"} & set(found)


def test_investors_alone_are_still_business(tagger):
    assert "---BUS" in tags(tagger, "Investors fled emerging markets as the dollar rose.")


# ---------------------------------------------------------------- agent nouns and parties


@pytest.mark.parametrize(
    "text",
    [
        "Hunger strikers at the detention centre refused food for a third week.",
        "A hunger striker died in custody, activists said.",
    ],
)
def test_hunger_strikers_protest_they_are_no_union(tagger, text):
    found = codes(tagger, text)
    assert "---LAB" not in found and "---OPP" in found


def test_strikers_still_strike(tagger):
    assert "---LAB" in codes(tagger, "Strikers blocked the factory gates on Monday.")


@pytest.mark.parametrize(
    "text",
    ["The Party of the Regions won the most seats in the vote.", "The Party of Regions was banned in 2014."],
)
def test_the_party_of_regions_is_ukraines(tagger, text):
    found = codes(tagger, text)
    assert "UKRPTY" in found and "---PTY" not in found


def test_org_flags_survive_the_frozen_lexicon(tagger):
    """The flags are read positionally (lexicon build, ``Org.__reduce__``): a field added in the
    middle of the class swapped ``shared_name`` and ``word_first`` twice, which only the pickle round
    trip put right."""
    import pickle

    from wirestream.tagging.actors.scan import Org

    org = Org("x", "X", "company", "GBR", "BUS", "GBRBUS", False, ("en",), shared_name=True, word_first=False)
    assert pickle.loads(pickle.dumps(org)) == org
    orgs = tagger.lexicon.orgs
    assert orgs["org:shell"].word_first and not orgs["org:shell"].shared_name
    assert orgs["org:uk-mod"].shared_name and not orgs["org:uk-mod"].word_first
