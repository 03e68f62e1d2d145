"""Generic agent nouns added in session 7 (sentences written for these tests): the singular of the
NGO nouns ("a rights group", "the charity"), which headlines and ledes use for one body, and
extremist or militant groups as armed groups of no state (CAMEO UAF / REB)."""

from __future__ import annotations

import pytest

from .conftest import make_article


def roles(tagger, text, **kw):
    """(country, role) of every actor in ``text``."""
    return {(t.country, t.role) for t in tagger.tag(make_article(text, **kw))}


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("A rights group said the detainees had been beaten.", "NGO"),
        ("Human Rights Group Condemns Mass Trial", "NGO"),
        ("The charity said its warehouse had been looted overnight.", "NGO"),
        ("An NGO working in the camps reported cholera cases.", "NGO"),
        ("The humanitarian agency suspended its flights.", "NGO"),
        ("An extremist group claimed the bombing of the market.", "UAF"),
        ("Militant Group Seizes Border Crossing", "REB"),
    ],
)
def test_singular_agent_nouns(tagger, text, role):
    assert (None, role) in roles(tagger, text)


def test_qualified_singular_takes_the_country(tagger):
    # a country qualifier makes the body that country's, as with the plural nouns
    assert ("KEN", "NGO") in roles(tagger, "A Kenyan rights group accused the police of torture.")
