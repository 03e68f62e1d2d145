"""A realistic wire corpus for the pipeline, end-to-end and latency benchmarks.

Why a generator of its own: the per-stage benches each feed their stage clean, pre-built inputs,
but the whole pipeline's cost depends on the *mix* it sees in production — formats (plain wire
text, IPTC ninjs, CMS JSON), sizes (a 2 KB news item, a 20 KB feature) and, above all, the share of
copies that the dedupe stage ends early (re-sends of the same bytes, syndicated copies of the same
story under another headline and id, and updated versions). On agency feeds that share is about
15–20 %, so this corpus has:

* ``original`` (≈ 80 %): a new story — wire-style sentences about actors (countries, leaders,
  organisations) doing things (meeting, condemning, striking, agreeing…), so the actor and event
  taggers do real work; every article has its own numbers, places and sentence order;
* ``resend`` (≈ 8 %): the exact bytes of an earlier article (an agency re-send);
* ``syndicated`` (≈ 9 %): an earlier story republished by another outlet as CMS JSON — new id,
  new headline, new dateline, a paragraph dropped and a sentence edited (a near-duplicate);
* ``update`` (≈ 3 %): a new version of an earlier ninjs story (same uri, version + 1, a paragraph
  added).

Deterministic for a seed, so every variant in one run (wirestream, baselines) sees the same bytes.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

import orjson

COUNTRIES = [
    ("France", "Paris", "French"), ("Germany", "Berlin", "German"), ("Poland", "Warsaw", "Polish"),
    ("Ukraine", "Kyiv", "Ukrainian"), ("Russia", "Moscow", "Russian"), ("China", "Beijing", "Chinese"),
    ("Japan", "Tokyo", "Japanese"), ("India", "New Delhi", "Indian"), ("Brazil", "Brasilia", "Brazilian"),
    ("Kenya", "Nairobi", "Kenyan"), ("Egypt", "Cairo", "Egyptian"), ("Turkey", "Ankara", "Turkish"),
    ("Iran", "Tehran", "Iranian"), ("Israel", "Jerusalem", "Israeli"), ("Spain", "Madrid", "Spanish"),
    ("Italy", "Rome", "Italian"), ("Mexico", "Mexico City", "Mexican"), ("Canada", "Ottawa", "Canadian"),
    ("Nigeria", "Abuja", "Nigerian"), ("Pakistan", "Islamabad", "Pakistani"), ("Sudan", "Khartoum", "Sudanese"),
    ("Hungary", "Budapest", "Hungarian"), ("Greece", "Athens", "Greek"), ("Chile", "Santiago", "Chilean"),
]  # fmt: skip
ORGS = ["the United Nations", "the European Union", "NATO", "the African Union", "the World Bank",
        "the International Monetary Fund", "the World Health Organization", "the Red Cross"]  # fmt: skip
OFFICIALS = ["foreign minister", "defence minister", "prime minister", "president", "finance minister",
             "interior minister", "government spokesman", "central bank governor"]  # fmt: skip
TOPICS = ["energy security", "grain exports", "border security", "a ceasefire", "trade tariffs", "climate finance",
          "debt relief", "migration", "air defence", "humanitarian aid", "nuclear inspections", "fishing rights",
          "rail links", "interest rates", "election monitoring", "water sharing"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TEMPLATES = [
    "The {dem} {off} met {dem2} counterparts in {cap} on {day} to discuss {topic}, officials said.",
    "{country} condemned the latest strikes on {country2}, which killed at least {n} people, and called "
    "for an independent investigation.",
    "{country} launched {n} missiles and drones at targets in {country2} overnight, the regional governor said.",
    "Thousands of protesters rallied in {cap} on {day} against {topic} plans, and police used tear gas "
    "to disperse the crowd.",
    "{org} agreed to extend its mission in {country} for another {n} months, diplomats said.",
    "The {dem} {off} called on {country2} to allow aid to reach {n},000 civilians cut off by fighting.",
    "{country} denied accusations that it had supplied weapons to {country2}, calling them baseless.",
    "{country} and {country2} signed an agreement on {topic} worth {n} million dollars in {cap}.",
    "{org} said it would send food and medical supplies to {country}, where {n},000 people have been displaced.",
    "The {dem} {off} resigned on {day} after losing a confidence vote by {n} votes.",
    "{country} threatened to impose sanctions on {country2} unless talks on {topic} resumed within {n} days.",
    "Police in {cap} arrested {n} people suspected of planning attacks, the interior ministry said.",
    "{country} expelled {n} {dem2} diplomats, accusing them of spying, the foreign ministry said.",
    "Shares in {dem} banks rose {n} percent on {day} as investors bet that interest rates had peaked.",
    "The {dem} {off} praised {country2} for its support on {topic} during a visit to {cap2}.",
    "{org} warned that {topic} talks between {country} and {country2} could collapse within {n} weeks.",
    "Talks between {country} and {country2} on {topic} will resume in {cap} on {day}, a spokesman said.",
    "{country} rejected a proposal from {country2} on {topic}, saying it would not accept new conditions.",
]
# Background sentences with no actor or event: real copy is not all events (about half of a wire
# story's sentences are context, figures, attribution).
NEUTRAL = [
    "The figures were published by the statistics office on {day} and are due to be revised in {n} weeks.",
    "Analysts expect growth of {n} tenths of a percentage point next year, according to a survey.",
    "The report runs to {n} pages and covers the period from January to June.",
    "Temperatures are expected to reach {n} degrees in the south of the country at the weekend.",
    "The museum, which opened in {n}, receives about a million visitors a year.",
    "Details of the plan are expected to be published later this month, a spokesman said.",
    "The project has been delayed several times since it was first proposed {n} years ago.",
]


@dataclass(frozen=True)
class Item:
    """One input message: its bytes and what it is (for reporting the mix, never used by the pipeline)."""

    value: bytes
    kind: str  # original | resend | syndicated | update
    fmt: str  # text | ninjs | json
    size: int  # target size class (2_000 or 20_000)


@dataclass
class _Story:
    n: int
    headline: str
    dateline: str
    paragraphs: list[str]
    uri: str
    version: int


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(NEUTRAL).format(day=rng.choice(DAYS), n=rng.randint(2, 9999))
    c, c2 = rng.sample(COUNTRIES, 2)
    return rng.choice(TEMPLATES).format(
        country=c[0], country2=c2[0], cap=c[1], cap2=c2[1], dem=c[2], dem2=c2[2], org=rng.choice(ORGS),
        off=rng.choice(OFFICIALS), topic=rng.choice(TOPICS), day=rng.choice(DAYS), n=rng.randint(2, 9999),
    )  # fmt: skip


def _story(rng: random.Random, n: int, size: int) -> _Story:
    country = rng.choice(COUNTRIES)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
        paragraphs.append(para)
        total += len(para) + 2
    headline = f"{country[0]} {rng.choice(['holds talks on', 'warns over', 'agrees deal on', 'rejects plan on'])} " \
               f"{rng.choice(TOPICS)} ({n})"  # fmt: skip
    return _Story(n, headline, f"{country[1].upper()}, July {rng.randint(1, 28)} (Example Wire) - ", paragraphs,
                  f"urn:newsml:example-wire.test:20250704:W{n:07d}", 1)  # fmt: skip


def _text(s: _Story) -> bytes:
    body = "\n\n".join([s.dateline + s.paragraphs[0], *s.paragraphs[1:]])
    return f" date 2025-07-04 {s.headline}\n\n{body}\n".encode()


def _ninjs(s: _Story) -> bytes:
    return orjson.dumps({
        "uri": s.uri, "version": str(s.version), "type": "text", "pubstatus": "usable",
        "versioncreated": f"2025-07-04T{8 + s.version:02d}:30:00Z", "firstcreated": "2025-07-04T08:30:00Z",
        "language": "en", "headline": s.headline, "byline": "By Example Staff",
        "subject": [{"code": "medtop:11000000", "name": "politics"}],
        "body_text": "\n\n".join([s.dateline + s.paragraphs[0], *s.paragraphs[1:]]),
    })  # fmt: skip


def _json(s: _Story, ident: str, headline: str, dateline: str) -> bytes:
    return orjson.dumps({
        "id": ident, "title": headline, "published": "2025-07-04 14:05:00", "lang": "en",
        "body": "\n\n".join([dateline + s.paragraphs[0], *s.paragraphs[1:]]), "tags": ["world"],
    })  # fmt: skip


ENCODERS = {"text": _text, "ninjs": _ninjs}


def generate(count: int, size: int = 2_000, seed: int = 1, formats: tuple[str, ...] = ("text", "ninjs", "json"),
             copies: float = 0.18) -> list[Item]:  # fmt: skip
    """``count`` inputs of about ``size`` characters; ``copies`` of them are re-sends/syndications/updates."""
    rng = random.Random(f"wirestream-corpus-{seed}-{size}")
    stories: list[tuple[_Story, str, bytes]] = []  # (story, fmt, bytes as first sent)
    out: list[Item] = []
    for i in range(count):
        roll = rng.random()
        if stories and roll < copies:
            story, fmt, first = stories[rng.randrange(max(0, len(stories) - 200), len(stories))]
            share = roll / copies
            if share < 0.4:
                out.append(Item(first, "resend", fmt, size))
            elif share < 0.85 or fmt != "ninjs":  # only ninjs stories carry a version
                paras = list(story.paragraphs)
                if len(paras) > 3:
                    paras.pop(rng.randrange(1, len(paras)))
                paras[0] = paras[0].replace(" said", " told reporters", 1)
                syn = _Story(story.n, story.headline, story.dateline, paras, story.uri, story.version)
                headline = f"UPDATE: {story.headline.split(' (')[0]} - partner agency"
                out.append(Item(_json(syn, f"partner-{i:08d}", headline, "(Partner) - "), "syndicated", "json", size))
            else:
                upd = _Story(story.n, story.headline, story.dateline, [*story.paragraphs, _sentence(rng)],
                             story.uri, story.version + 1)  # fmt: skip
                out.append(Item(_ninjs(upd), "update", "ninjs", size))
            continue
        story = _story(rng, i, size)
        fmt = formats[i % len(formats)]
        data = _json(story, f"cms-{i:08d}", story.headline, story.dateline) if fmt == "json" else ENCODERS[fmt](story)
        stories.append((story, fmt, data))
        out.append(Item(data, "original", fmt, size))
    return out


def mix(items: list[Item]) -> dict[str, int]:
    """How many of each kind: reported next to every figure measured on the corpus."""
    return dict(Counter(i.kind for i in items))


if __name__ == "__main__":
    for size in (2_000, 20_000):
        items = generate(1000, size)
        mean = sum(len(i.value) for i in items) / len(items)
        print(f"{size:>6}: {mix(items)} mean {mean:.0f} bytes")
