"""Closing credits that only their place marks as credits (session 15): the AFP desk slug, AP's
contributor lines, Reuters' double-bracketed contact line. Written for these tests in agency style.

They go to ``boilerplate`` like "(Reporting by ...)": left in the body they become a paragraph the
taggers read ("Magdy reported from Cairo." is a Cairo actor) and make every AFP story end alike.
The same words elsewhere — a closing sentence that is news, a credit-like line mid-story — stay.
"""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest

from wirestream.models import Article, Provenance, RawInput
from wirestream.normalise import normalise
from wirestream.settings import NormaliseSettings

STORY = (
    "Kenya will send another 200 police officers to Haiti next month to reinforce a UN-backed "
    "mission battling armed gangs, President William Ruto announced on Thursday."
)


def _normalise(paragraphs: list[str]) -> Article:
    value = orjson.dumps(
        {"id": "t1", "headline": "Kenya to send more police to Haiti", "body": "\n\n".join(paragraphs)}
    )
    prov = Provenance(topic="wire.raw", partition=0, offset=0, received_at=datetime.now(UTC))
    return normalise(RawInput(value=value, provenance=prov), NormaliseSettings())


@pytest.mark.parametrize(
    "credit",
    [
        "str/jj/fb",
        "bur-ach/dl",
        "dpa-AFX/xyz/DP/abc",
        "Magdy reported from Cairo.",
        "Associated Press writers Jon Gambrell in Dubai and Sam Metz in Rabat, Morocco, contributed to this report.",
        "AP writer Jane Doe contributed.",
        "Contributing: Jane Doe, USA TODAY",
        "((jane.doe@example.com; +1 202 555 0100))",
    ],
)
def test_a_closing_credit_leaves_the_body(credit: str) -> None:
    article = _normalise([STORY, credit])
    assert credit not in article.body
    assert article.boilerplate[-1] == credit
    assert article.body == STORY


def test_credits_stacked_at_the_end_all_leave() -> None:
    article = _normalise(
        [STORY, "(Reporting by Ana Silva; Editing by Tom Hogue)", "Smith reported from Nairobi.", "str/jj"]
    )
    assert article.body == STORY
    assert article.boilerplate == [
        "(Reporting by Ana Silva; Editing by Tom Hogue)",
        "Smith reported from Nairobi.",
        "str/jj",
    ]


@pytest.mark.parametrize(
    "closing",
    [
        "Police reported three deaths.",
        "Rising costs also contributed.",
        "Journalists reported from the scene.",
        "The talks went on and/or broke down.",
        "The country's central bank said weak demand contributed to the slowdown in the third quarter, "
        "and that it expected growth to pick up again next year as exports recover.",
    ],
)
def test_a_closing_sentence_that_is_news_stays(closing: str) -> None:
    article = _normalise([STORY, closing])
    assert closing in article.body
    assert closing not in article.boilerplate


def test_a_credit_like_line_before_the_story_ends_stays() -> None:
    # only the run of paragraphs at the very end is read as credits
    article = _normalise(["Magdy reported from Cairo.", STORY])
    assert "Magdy reported from Cairo." in article.body
