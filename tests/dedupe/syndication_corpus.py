"""A generated syndication test set: clusters of wire copies and same-topic hard negatives.

Why generated: real wire archives are licensed, and the edits must be known to score pairwise
precision/recall. The generator composes stories from sentence templates with slots (actors,
places, officials, numbers, quotes). Stories in one *group* share the topic, the day, the actors,
the officials, often a place and sometimes a verbatim quote from the same statement — the hard
negatives: separate reports on the same war on the same day. Some stories are then syndicated:
copies under other outlets' ids with the edits syndication really makes (headline rewritten,
dateline and byline changed, a paragraph added or cut, boilerplate added, typos fixed,
paragraphs reordered), two to four edits per copy, plus a few verbatim copies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from dedupe_articles import make_article

from wirestream.models import Article

# --------------------------------------------------------------------------- the world

GROUPS = [
    {
        "topic": "war",
        "A": ["Russian forces", "Russian troops", "Moscow's forces"],
        "B": ["Ukrainian forces", "Ukraine's army", "Kyiv's troops"],
        "places": ["Kharkiv", "Zaporizhzhia", "Kherson", "Sumy", "Pokrovsk", "Dnipro", "Odesa"],
        "people": [
            "President Volodymyr Zelenskiy",
            "Foreign Minister Andrii Sybiha",
            "Kremlin spokesman Dmitry Peskov",
            "Governor Oleh Syniehubov",
        ],
        "org": ["the United Nations", "NATO", "the European Union", "the IAEA"],
        "capital": "KYIV",
    },
    {
        "topic": "war",
        "A": ["Israeli forces", "the Israeli military", "Israeli troops"],
        "B": ["Hamas fighters", "Hamas", "militants in Gaza"],
        "places": ["Gaza City", "Khan Younis", "Rafah", "Deir al-Balah", "Jabalia", "Nuseirat"],
        "people": [
            "Prime Minister Benjamin Netanyahu",
            "military spokesman Avichay Adraee",
            "health ministry spokesman Ashraf al-Qidra",
            "Secretary-General Antonio Guterres",
        ],
        "org": ["the United Nations", "the Red Cross", "UNRWA", "the World Health Organization"],
        "capital": "JERUSALEM",
    },
    {
        "topic": "war",
        "A": ["the Sudanese army", "army units", "government troops"],
        "B": ["the Rapid Support Forces", "RSF fighters", "the paramilitary RSF"],
        "places": ["El Fasher", "Omdurman", "Khartoum", "Nyala", "Wad Madani", "Kordofan"],
        "people": [
            "General Abdel Fattah al-Burhan",
            "RSF commander Mohamed Hamdan Dagalo",
            "U.N. envoy Ramtane Lamamra",
            "aid official Clementine Nkweta-Salami",
        ],
        "org": ["the United Nations", "the African Union", "the World Food Programme", "IGAD"],
        "capital": "PORT SUDAN",
    },
    {
        "topic": "talks",
        "A": ["U.S. negotiators", "the U.S. delegation", "American officials"],
        "B": ["Chinese negotiators", "the Chinese delegation", "Beijing's team"],
        "places": ["Geneva", "London", "Stockholm", "Madrid", "Kuala Lumpur"],
        "people": [
            "Treasury Secretary Scott Bessent",
            "Vice Premier He Lifeng",
            "Trade Representative Jamieson Greer",
            "Commerce Minister Wang Wentao",
        ],
        "org": ["the World Trade Organization", "the IMF", "the G20", "the OECD"],
        "capital": "WASHINGTON",
    },
    {
        "topic": "protest",
        "A": ["police", "security forces", "riot police"],
        "B": ["protesters", "demonstrators", "opposition supporters"],
        "places": ["Belgrade", "Novi Sad", "Nis", "Kragujevac", "Subotica"],
        "people": [
            "President Aleksandar Vucic",
            "Prime Minister Djuro Macut",
            "opposition leader Dragan Djilas",
            "student organiser Ana Petrovic",
        ],
        "org": ["the European Union", "the OSCE", "Amnesty International", "the Council of Europe"],
        "capital": "BELGRADE",
    },
    {
        "topic": "disaster",
        "A": ["rescue teams", "emergency crews", "soldiers"],
        "B": ["survivors", "residents", "villagers"],
        "places": ["Kathmandu", "Pokhara", "Jajarkot", "Rukum", "Dolakha", "Sindhupalchok"],
        "people": [
            "Prime Minister K.P. Sharma Oli",
            "Home Minister Ramesh Lekhak",
            "police spokesman Dan Bahadur Karki",
            "relief coordinator Sita Gurung",
        ],
        "org": ["the United Nations", "the Red Cross", "UNICEF", "the World Bank"],
        "capital": "KATHMANDU",
    },
]

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# {A} {B} actor phrases, {L} {L2} places, {P} {P2} people, {O} organisation, {D} day,
# {N} {N2} {N3} numbers, {Q} a quote.
TEMPLATES = [
    "{A} launched a fresh assault on {L} on {D}, officials said, in what "
    "they described as the heaviest fighting in {N} weeks.",
    "At least {N} people were killed and {N2} wounded when {A} struck {L} overnight, according to local authorities.",
    "{P} said {B} had repelled {N} attacks near {L} since dawn and accused {A} of targeting civilian areas.",
    "The strikes hit a market, a school and {N2} apartment buildings in the centre of {L}, witnesses told reporters.",
    "{O} called for an immediate halt to the violence and urged both sides to protect civilians.",
    '"{Q}," {P} told reporters in {L2}.',
    "{P2} rejected the accusation, saying {A} were responding to provocations by {B}.",
    "Satellite images reviewed by analysts showed {N} destroyed vehicles along the road between {L} and {L2}.",
    "Talks between the two sides are due to resume in {L2} next week, "
    "diplomats said, although expectations remain low.",
    "The fighting has displaced more than {N3} people from {L} this year, according to {O}.",
    "{B} said they had captured {N} soldiers and seized weapons depots on the outskirts of {L}.",
    "Power was cut to about {N3} homes in {L} after the attack, the regional energy company said.",
    "{O} said its convoy of {N} trucks carrying food and medicine had been unable to reach {L} since {D}.",
    "Hospitals in {L} are running short of fuel, blood and surgical supplies, a doctor at the main clinic said.",
    "{P} is expected to discuss the situation with {O} officials in {L2} on {D}.",
    "It was not possible to independently verify the casualty figures given by either side.",
    "Residents of {L} described hearing explosions for {N} hours, followed by the sound of sirens across the city.",
    "{A} have intensified operations around {L} in recent weeks as both sides seek leverage before negotiations.",
    "In a statement, {O} said it was deeply alarmed by reports of attacks on aid workers near {L}.",
    "{P2} said the government would announce new measures on {D} to support families forced from their homes.",
    "The latest escalation came {N} days after {P} met {P2} in {L2} for talks that ended without agreement.",
    "Officials in {L2} said {N2} families had arrived at temporary "
    "shelters overnight, most of them women and children.",
    "{B} accused {A} of breaking a local truce agreed earlier in the week to allow evacuations from {L}.",
    "Prices of bread and fuel in {L} have risen by {N} percent since the start of the month, traders said.",
    "{O} estimated that {N3} people in the region need urgent humanitarian assistance.",
    "A spokesperson for {O} said teams were assessing damage to water and sanitation systems in {L}.",
    "{P} urged allies to speed up deliveries of air defence systems, saying {L} could not wait another month.",
    "Video shared on social media showed smoke rising over the industrial district of {L} on {D} morning.",
    "The {N2} dead included {N} children, the regional governor said on his official channel.",
    "{A} said in a statement that they had hit military targets and denied striking residential buildings.",
    "Markets in {L2} fell {N} percent on {D} as investors weighed the risk of a wider conflict.",
    "Diplomats said a draft resolution circulated at {O} would call for a ceasefire of at least {N} days.",
    "Schools in {L} will remain closed until further notice, the education department said on {D}.",
    "{P2} told parliament that the country would not accept any deal that left {L} under occupation.",
    "Engineers worked through the night to restore the bridge linking {L} and {L2}, which was damaged in the strike.",
    "Aid groups said {N2} tonnes of food were waiting at the border crossing near {L2} for permission to enter.",
    "{B} said air defences shot down {N} drones and {N2} missiles launched overnight toward {L}.",
    "The attack on {L} was condemned by {O}, which said it may amount to a violation of international law.",
    "Witnesses said {A} had set up new checkpoints on the main road out of {L} and were searching vehicles.",
    "Analysts said the offensive around {L} was intended to cut supply lines running through {L2}.",
]

QUOTE_PARTS = [
    ["We will not allow", "Nobody should accept", "The world cannot ignore", "We are determined to stop"],
    [
        "these attacks on our cities",
        "this campaign against civilians",
        "the destruction of",
        "the suffering of families in",
    ],
    [
        "and we will respond",
        "and we call on our partners to act",
        "and this must end now",
        "and those responsible will be held to account",
    ],
]

BOILERPLATE = [
    "Copyright 2026 The Associated Press. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed without permission.",
    "(Reporting by Olena Harmash and Tom Balmforth; Writing by Mark Trevelyan; Editing by Alex Richardson)",
    "Follow our live coverage of the crisis for the latest updates, analysis and video from our correspondents.",
    "This story has been corrected to fix the spelling of a name in the fifth paragraph.",
    "Sign up for our daily briefing newsletter to receive the most important world news every morning.",
]

OUTLETS = [("Reuters", "Reuters"), ("AP", "AP"), ("AFP", "AFP"), ("dpa", "dpa"), ("Xinhua", "Xinhua")]
REPORTERS = ["Jane Morris", "Ahmed Saleh", "Olga Ivanova", "Peter Chen", "Maria Lopez", "Tom Walker"]

EDITS = ["headline", "dateline", "byline", "add", "cut", "boilerplate", "typos", "reorder"]


@dataclass
class Story:
    story_key: str
    group: int
    headline: str
    paragraphs: list[str]
    typo_paragraphs: list[str]  # the same text with a few typos (what the first wire sent)


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    truth: dict[str, str] = field(default_factory=dict)  # article_id -> true cluster key
    edits: dict[str, list[str]] = field(default_factory=dict)  # article_id -> edits applied
    n_clusters: int = 0
    n_stories: int = 0

    def true_pairs(self) -> int:
        sizes: dict[str, int] = {}
        for c in self.truth.values():
            sizes[c] = sizes.get(c, 0) + 1
        return sum(n * (n - 1) // 2 for n in sizes.values())


def _fill(rng: random.Random, template: str, ctx: dict[str, str]) -> str:
    out = template
    for k, v in ctx.items():
        out = out.replace("{" + k + "}", v)
    return out


def _quote(rng: random.Random) -> str:
    return " ".join(rng.choice(p) for p in QUOTE_PARTS)


def _typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for _ in range(2):
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 4 and w.isalpha():
            j = rng.randrange(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def _story(rng: random.Random, gi: int, si: int, day: str, shared_quote: str) -> Story:
    g = GROUPS[gi]
    places = rng.sample(g["places"], 2)
    people = rng.sample(g["people"], 2)
    ctx = {
        "A": rng.choice(g["A"]),
        "B": rng.choice(g["B"]),
        "L": places[0],
        "L2": places[1],
        "P": people[0],
        "P2": people[1],
        "O": rng.choice(g["org"]),
        "D": day,
        "N": str(rng.randint(2, 60)),
        "N2": str(rng.randint(3, 300)),
        "N3": f"{rng.randint(2, 900) * 1000:,}",
        "Q": shared_quote if rng.random() < 0.4 else _quote(rng),
    }
    n_par = rng.randint(6, 10)
    sentences = rng.sample(TEMPLATES, min(len(TEMPLATES), n_par * 2 + 2))
    paragraphs: list[str] = []
    it = iter(sentences)
    for _ in range(n_par):
        k = rng.choice([1, 2, 2, 3])
        paragraphs.append(" ".join(_fill(rng, next(it, rng.choice(TEMPLATES)), ctx) for _ in range(k)))
    headline = f"{ctx['A'].capitalize()} and {ctx['B']} clash near {ctx['L']}; {ctx['N2']} casualties reported"
    typo = [_typo(rng, p) if rng.random() < 0.3 else p for p in paragraphs]
    return Story(f"g{gi}s{si}", gi, headline, paragraphs, typo)


def _copy(rng: random.Random, story: Story, edits: list[str]) -> tuple[str, list[str], str | None]:
    g = GROUPS[story.group]
    paragraphs = list(story.paragraphs)  # typos fixed by default; "typos" keeps the typo'd text
    if "typos" in edits:
        paragraphs = list(story.typo_paragraphs)
    headline = story.headline
    byline = None
    if "headline" in edits:
        headline = (
            rng.choice(
                [
                    "Fighting flares around {L}",
                    "{N} dead as clashes intensify",
                    "Civilians flee as violence grows",
                    "Officials trade blame after deadly day",
                ]
            )
            .replace("{L}", g["places"][0])
            .replace("{N}", str(rng.randint(2, 90)))
        )
    if "cut" in edits and len(paragraphs) > 4:
        for _ in range(rng.choice([1, 1, 2])):
            del paragraphs[rng.choice([len(paragraphs) - 1, rng.randrange(1, len(paragraphs))])]
    if "add" in edits:
        extra = _fill(rng, rng.choice(TEMPLATES), {
            "A": rng.choice(g["A"]), "B": rng.choice(g["B"]), "L": rng.choice(g["places"]),
            "L2": rng.choice(g["places"]), "P": rng.choice(g["people"]), "P2": rng.choice(g["people"]),
            "O": rng.choice(g["org"]), "D": rng.choice(DAYS), "N": str(rng.randint(2, 60)),
            "N2": str(rng.randint(3, 300)), "N3": f"{rng.randint(2, 900) * 1000:,}", "Q": _quote(rng),
        })  # fmt: skip
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), extra)
    if "reorder" in edits and len(paragraphs) > 3:
        i, j = rng.sample(range(1, len(paragraphs)), 2)
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
    if "dateline" in edits:
        outlet = rng.choice(OUTLETS)[0]
        place = g["capital"]
        paragraphs[0] = f"{place}, July 4 ({outlet}) - " + paragraphs[0]
    if "byline" in edits:
        byline = f"By {rng.choice(REPORTERS)}"
        if rng.random() < 0.5:
            paragraphs.insert(0, f"By {rng.choice(REPORTERS)} and {rng.choice(REPORTERS)}, {rng.choice(OUTLETS)[0]}")
    if "boilerplate" in edits:
        paragraphs.append(rng.choice(BOILERPLATE))
    return headline, paragraphs, byline


def generate(
    seed: int = 7, groups_per_topic: int = 3, stories_per_group: int = 20, syndicated_share: float = 0.3
) -> Corpus:
    """Articles in arrival order plus the ground truth. Defaults: 18 groups x 20 stories = 360
    distinct stories (all pairwise hard negatives within a group), ~108 of them syndicated."""
    rng = random.Random(seed)
    corpus = Corpus()
    n = 0
    for rep in range(groups_per_topic):
        for gi in range(len(GROUPS)):
            day = DAYS[(rep + gi) % 7]
            shared_quote = _quote(rng)
            for si in range(stories_per_group):
                st = _story(rng, gi, si + rep * stories_per_group, day, shared_quote)
                corpus.n_stories += 1
                key = st.story_key
                aid = f"urn:orig:{key}"
                typo_first = rng.random() < 0.5
                paras = st.typo_paragraphs if typo_first else st.paragraphs
                corpus.articles.append(make_article(aid, paras, headline=st.headline))
                corpus.truth[aid] = key
                corpus.edits[aid] = []
                if rng.random() < syndicated_share:
                    corpus.n_clusters += 1
                    for ci in range(rng.randint(1, 4)):
                        n += 1
                        cid = f"urn:copy:{key}:{ci}"
                        if rng.random() < 0.1:
                            edits: list[str] = []
                            headline, cparas, byline = st.headline, list(paras), None
                        else:
                            edits = rng.sample(EDITS, rng.randint(2, 4))
                            headline, cparas, byline = _copy(rng, st, edits)
                        corpus.articles.append(make_article(cid, cparas, headline=headline, byline=byline))
                        corpus.truth[cid] = key
                        corpus.edits[cid] = edits
    rng.shuffle(corpus.articles)
    return corpus


def pairwise(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, int, int, int]:
    """Pairwise precision and recall of a clustering (article_id -> cluster label)."""
    from collections import Counter

    joint = Counter((truth[a], predicted[a]) for a in truth)
    t = Counter(truth[a] for a in truth)
    p = Counter(predicted[a] for a in truth)

    def pairs(c: Counter[object]) -> int:
        return sum(v * (v - 1) // 2 for v in c.values())

    tp = pairs(joint)  # type: ignore[arg-type]
    fp = pairs(p) - tp  # type: ignore[arg-type]
    fn = pairs(t) - tp  # type: ignore[arg-type]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn
