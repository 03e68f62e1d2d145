"""A web page's date line and "Related:" links around the story (session 15).

A page's ``<time>`` text ("November 20, 2025") between the headline and the lede became the body's
first paragraph, and so the lede's dateline ("ROTTERDAM, Nov 20 (Reuters) -") was never looked for;
a "Related: ..." link line stayed in the body. Both are moved to ``boilerplate``; dates inside the
story and sentences that start like a promo stay.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from wirestream.models import Article, Provenance, RawInput
from wirestream.normalise import normalise
from wirestream.normalise.boilerplate import is_boilerplate
from wirestream.normalise.dates import is_date_line
from wirestream.settings import NormaliseSettings

LEDE = (
    "ROTTERDAM, Nov 20 (Reuters) - Thousands of dockworkers walked off the job at Europe's largest port "
    "on Thursday, protesting against plans to automate container terminals."
)
PAGE = f"""<!DOCTYPE html><html><head><title>Port workers strike in Rotterdam</title></head><body><article>
<h1>Port workers strike in Rotterdam over automation plans</h1>
<time datetime="2025-11-20T08:30:00Z">November 20, 2025</time>
<p>{LEDE}</p><p>The FNV union said the 48-hour strike would halt most container traffic.</p>
<div class="related"><a href="/a">Related: Antwerp port traffic rises</a></div>
</article></body></html>"""


def _normalise(value: str) -> Article:
    prov = Provenance(topic="wire.raw", partition=0, offset=0, received_at=datetime.now(UTC))
    return normalise(RawInput(value=value.encode(), provenance=prov), NormaliseSettings())


def test_a_pages_date_line_and_related_link_leave_the_body_and_the_dateline_is_found() -> None:
    article = _normalise(PAGE)
    assert article.dateline is not None and article.dateline.place == "ROTTERDAM"
    assert article.body.startswith("Thousands of dockworkers")
    assert "November 20, 2025" in article.boilerplate
    assert "Related: Antwerp port traffic rises" in article.boilerplate
    assert "Related" not in article.body
    assert article.published == datetime(2025, 11, 20, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 20, 2025", True),
        ("Updated: 20 Nov 2025 08:30 GMT", True),
        ("Thursday, November 20, 2025 | 8:30 AM", True),
        ("Published on 20/11/2025", True),
        ("Port workers strike in 2025", False),
        ("The 2025 budget", False),
        ("20 Nov 2025 - Rotterdam", False),
        ("Strikes", False),
    ],
)
def test_a_date_line_is_only_a_date(text: str, expected: bool) -> None:
    assert is_date_line(text) is expected


def test_a_date_inside_the_story_stays() -> None:
    article = _normalise(f"{LEDE}\n\nNovember 20, 2025\n\nThe port authority called for talks.\n")
    assert "November 20, 2025" in article.body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Related: Antwerp port traffic rises", True),
        ("See also: how the port strike unfolded", True),
        ("Also read: Dutch economy slows", True),
        ("Relatedly, the port said it would appeal.", False),
        ("Seeing the damage, the mayor called for calm.", False),
        ("Also, the port said it regretted the action.", False),
    ],
)
def test_promo_lines_and_their_look_alikes(text: str, expected: bool) -> None:
    assert is_boilerplate(text) is expected
