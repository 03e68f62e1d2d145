"""Organisation names that other readings used to shadow: historic names of the EU, and German
"Deutsche <Noun>" names whose sentence-initial adjective read as Germany."""

from __future__ import annotations

import pytest

from .conftest import make_article


def ids(tagger, text, **kw):
    return {t.actor_id: [m.text for m in t.mentions] for t in tagger.tag(make_article(text, **kw))}


@pytest.mark.parametrize(
    ("text", "day", "surface"),
    [
        ("The European Community imposed an arms embargo on the regime.", "1991-07-05", "European Community"),
        ("Foreign ministers of the European Communities met on Monday.", "1988-03-01", "European Communities"),
        ("Britain joined the European Economic Community in 1973.", "1975-06-01", "European Economic Community"),
        ("The EEC agreed new quotas for fishing fleets.", "1984-01-01", "EEC"),
    ],
)
def test_historic_names_of_the_eu(tagger, text, day, surface):
    (mention,) = ids(tagger, text, date=day)["org:eu"]
    assert mention.endswith(surface)  # "The EEC": the article is part of the name, as for "the EU"


def test_central_and_eastern_europe_is_not_the_eec(tagger):
    got = ids(tagger, "Investors piled into CEE markets on Tuesday.")
    assert "org:eu" not in got


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Deutsche Bank hat am Montag seine Zahlen vorgelegt.", "org:deutsche-bank"),
        ("Deutsche Telekom erhöhte die Prognose für das Gesamtjahr.", "org:deutsche-telekom"),
        ("Deutsche Bahn streicht wegen des Streiks Hunderte Verbindungen.", "org:deutsche-bahn"),
    ],
)
def test_deutsche_company_at_a_german_sentence_start_is_the_company(tagger, text, org):
    got = ids(tagger, text, language="de")
    assert org in got and "DEU" not in got, got


def test_sentence_initial_deutsche_before_a_plain_noun_is_still_germany(tagger):
    got = ids(tagger, "Deutsche Soldaten sind in Litauen stationiert.", language="de")
    assert "DEUMIL" in got
