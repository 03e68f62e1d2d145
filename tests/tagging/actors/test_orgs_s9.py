"""UK ministries (session 9; sentences written for these tests). The FCDO's full name has commas; unquoted in the
dictionary's YAML it split into surfaces, and the bare word "Foreign" became the UK Home Office: every sentence
starting "Foreign investors …" or "Foreign ministers …" carried a British government actor."""

from __future__ import annotations

import pytest

from .conftest import make_article


def ids(tagger, text):
    return {t.actor_id for t in tagger.tag(make_article(text))}


@pytest.mark.parametrize(
    "text",
    [
        "Foreign investors pulled money out of Turkish bonds on Monday.",
        "Foreign ministers met in Brussels to discuss the sanctions package.",
        "Foreign aid to the region fell by a third last year.",
    ],
)
def test_the_word_foreign_alone_is_no_british_ministry(tagger, text):
    assert not {i for i in ids(tagger, text) if i.startswith("org:uk-")}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The Foreign, Commonwealth and Development Office said it was monitoring the situation.", "org:uk-fcdo"),
        ("The Foreign Office summoned the ambassador on Tuesday.", "org:uk-fcdo"),
        ("The FCDO advised against all travel to the region.", "org:uk-fcdo"),
        ("The Home Office said the scheme would end in April.", "org:uk-home-office"),
        ("The Ministry of Defence in London said a frigate shadowed the vessel.", "org:uk-mod"),
    ],
)
def test_each_uk_ministry_is_its_own_actor(tagger, text, actor):
    assert actor in ids(tagger, text)
