"""Session 13 classes (rules 2025.12.20; every sentence and headline written for these tests).

German separable verbs put their particle at the clause end in a main clause ("Russland greift
Kiew an", "wirft Russland ... vor", "nimmt ... fest"): the split form is the verb's trigger, and
the particle alone ("sagt zu Journalisten") is none. The German -t form of a weak verb with an
inseparable prefix or in -ieren ("verurteilt", "kritisiert") is its verb (simplemma leaves it
as it is). A German verb that closes its clause after an auxiliary ("hat ... angegriffen") has
its object next to it and its subject before the auxiliary or first after it. Being on strike
("en grève", "in sciopero", "em greve") is a strike by the clause's subject. A present tense
that simplemma reads as its noun ("accusa", "condena", "menace", "signe un accord", "bombarde",
"condanna") is the verb. In es/fr/it/pt a nationality adjective after an event noun names its
doer ("ataque ruso"). Portuguese verbs joined to a pronoun
("reúne-se", "comprometeu-se") are read as the verb. Taking to the streets ("scendere in piazza",
"descendre dans la rue") is a demonstration. A gapped trigger does not skip a place or topic
preposition ("doctors strike in Kenya over pay deal" is a strike, not "strike ... deal"). Backing
a party or its call, plan or bid is SUPPORT; the call stays its author's REQUEST, and "back pay",
"backed down", "pushed back" are no endorsement.
"""

from __future__ import annotations

import pytest

from wirestream.models import ActorType, EventTag, PloverType
from wirestream.tagging.events import EventTagger

from ._helpers import actors, article, top

C = ActorType.COUNTRY
LEX = {
    "Russland": ("RUS", "RUS", C),
    "Russia": ("RUS", "RUS", C),
    "Russie": ("RUS", "RUS", C),
    "Ukraine": ("UKR", "UKR", C),
    "Kiew": ("UKR", "UKR", C),
    "Kyiv": ("UKR", "UKR", C),
    "Polen": ("POL", "POL", C),
    "Deutschland": ("DEU", "DEU", C),
    "Berlin": ("DEU", "DEU", C),
    "Iran": ("IRN", "IRN", C),
    "Israël": ("ISR", "ISR", C),
    "Israele": ("ISR", "ISR", C),
    "Liban": ("LBN", "LBN", C),
    "Cina": ("CHN", "CHN", C),
    "Stati Uniti": ("USA", "USA", C),
    "Brasil": ("BRA", "BRA", C),
    "Angola": ("AGO", "AGO", C),
    "Lula": ("person:lula", "BRA", ActorType.PERSON),
    "Xi Jinping": ("person:xi", "CHN", ActorType.PERSON),
    "Kenya": ("KEN", "KEN", C),
    "Sweden": ("SWE", "SWE", C),
    "Turkey": ("TUR", "TUR", C),
    "Germany": ("DEU", "DEU", C),
    "French": ("FRA", "FRA", C),
    "France": ("FRA", "FRA", C),
    "Egypt": ("EGY", "EGY", C),
    "Saudi Arabia": ("SAU", "SAU", C),
    "UN": ("org:un", "IGO", ActorType.IGO),
    "EU": ("org:eu", "IGO", ActorType.IGO),
    "Polizei": ("---COP", None, ActorType.ORGANISATION),
    "doctors": ("---HLH", None, ActorType.ORGANISATION),
    "nurses": ("---HLH", None, ActorType.ORGANISATION),
    "Nurses": ("---HLH", None, ActorType.ORGANISATION),
    "studenti": ("---EDU", None, ActorType.ORGANISATION),
    "governo": ("---GOV", None, ActorType.ORGANISATION),
    "gouvernement": ("---GOV", None, ActorType.ORGANISATION),
    "agricultores": ("---AGR", None, ActorType.ORGANISATION),
    "agriculteurs": ("---AGR", None, ActorType.ORGANISATION),
    "Ukrainian troops": ("UKRMIL", "UKR", ActorType.ORGANISATION),
    "Russian forces": ("RUSMIL", "RUS", ActorType.ORGANISATION),
    "Russian": ("RUS", "RUS", C),
    "russischen": ("RUS", "RUS", C),
    "Tunisia": ("TUN", "TUN", C),
    "Gaza": ("region:gaza", "PSE", ActorType.PLACE),
    "portugueses": ("PRT", "PRT", C),
    "français": ("FRA", "FRA", C),
    "italiani": ("ITA", "ITA", C),
    "españoles": ("ESP", "ESP", C),
    "Mosca": ("RUS", "RUS", C),
    "Irán": ("IRN", "IRN", C),
    "Israel": ("ISR", "ISR", C),
    "Chine": ("CHN", "CHN", C),
    "Taïwan": ("TWN", "TWN", C),
    "Maroc": ("MAR", "MAR", C),
    "Espagne": ("ESP", "ESP", C),
    "israelense": ("ISR", "ISR", C),
    "israeliano": ("ISR", "ISR", C),
    "israéliennes": ("ISR", "ISR", C),
    "ruso": ("RUS", "RUS", C),
    "russes": ("RUS", "RUS", C),
    "israelíes": ("ISR", "ISR", C),
    "Hamas": ("org:hamas", "PSE", ActorType.ORGANISATION),
}


def events(tagger: EventTagger, text: str, headline: bool, lang: str = "en") -> list[EventTag]:
    """The asserted (not negated) events of a headline or body sentence in ``lang``, actors from LEX."""
    art = article("", headline=text, language=lang) if headline else article(text, language=lang)
    return [e for e in tagger.tag(art, actors(art, LEX)) if not e.negated]


def _types(evs: list[EventTag]) -> set[PloverType]:
    return {e.event_type for e in evs}


# ------------------------------------------------------------------ German separable verbs


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        ("Russland greift Kiew mit Drohnen an", PloverType.ASSAULT, "RUS"),
        ("Russland griff in der Nacht Kiew an.", PloverType.ASSAULT, "RUS"),
        ("Polen wirft Russland Sabotage vor", PloverType.ACCUSE, "POL"),
        ("Polizei nimmt zwei Verdächtige in Berlin fest", PloverType.COERCE, "---COP"),
        ("Iran lehnt Gespräche mit Deutschland ab", PloverType.REJECT, "IRN"),
        ("Russland zieht Truppen aus Kiew ab", PloverType.RETREAT, "RUS"),
        ("Deutschland sagt der Ukraine weitere Hilfe zu", PloverType.AGREE, "DEU"),
    ],
)
def test_german_split_verb_is_its_trigger(tagger: EventTagger, text: str, expected: PloverType, source: str) -> None:
    evs = events(tagger, text, not text.endswith("."), "de")
    assert evs and top(evs).event_type is expected and top(evs).source == [source], evs


@pytest.mark.parametrize(
    "text",
    [
        "Kanzler sagt zu Journalisten in Berlin nichts Neues",  # "zu" is a preposition here
        "Russland greift zu alten Mitteln der Propaganda",  # "greifen zu": resort to
        "Polen wirft einen Blick auf die Wahlen in Deutschland",  # no "vor"
    ],
)
def test_german_verb_without_its_particle_is_no_event(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, True, "de")
    assert not (_types(evs) & {PloverType.AGREE, PloverType.ASSAULT, PloverType.ACCUSE}), evs


@pytest.mark.parametrize(
    ("text", "expected", "source", "target"),
    [
        ("Deutschland verurteilt russischen Angriff auf Kiew", PloverType.ACCUSE, "DEU", "RUS"),
        ("Polen verhaftet russischen Spion", PloverType.COERCE, "POL", "RUS"),
        ("Iran kritisiert Deutschland", PloverType.ACCUSE, "IRN", "DEU"),
    ],
)
def test_german_t_form_is_the_verb(
    tagger: EventTagger, text: str, expected: PloverType, source: str, target: str
) -> None:
    evs = events(tagger, text, True, "de")
    assert evs and top(evs).event_type is expected, evs
    assert top(evs).source == [source] and top(evs).target == [target], evs


@pytest.mark.parametrize(
    "text",
    [
        "Russland hat die Ukraine in der Nacht mit Drohnen angegriffen.",
        "Am Montag hat Russland die Ukraine angegriffen.",
        "Russland will die Ukraine erneut angreifen.",
    ],
)
def test_german_clause_final_verb_has_its_object_next_to_it(tagger: EventTagger, text: str) -> None:
    evs = [e for e in events(tagger, text, False, "de") if e.event_type is PloverType.ASSAULT]
    assert evs and evs[0].source == ["RUS"] and evs[0].target == ["UKR"], evs


def test_german_passive_keeps_its_agent(tagger: EventTagger) -> None:
    evs = events(tagger, "Die Ukraine ist von Russland angegriffen worden.", False, "de")
    assert evs and top(evs).source == ["RUS"], evs


# ------------------------------------------------------------------ Romance forms


@pytest.mark.parametrize(
    ("text", "lang", "source"),
    [
        ("Os professores portugueses estão em greve desde segunda-feira.", "pt", "PRT"),
        ("Les contrôleurs aériens français sont en grève depuis lundi.", "fr", "FRA"),
        ("I medici italiani sono in sciopero da lunedì.", "it", "ITA"),
        ("Los médicos españoles están en huelga desde el lunes.", "es", "ESP"),
    ],
)
def test_being_on_strike_is_a_strike_by_the_subject(tagger: EventTagger, text: str, lang: str, source: str) -> None:
    evs = events(tagger, text, False, lang)
    assert evs and top(evs).event_type is PloverType.PROTEST and top(evs).source == [source], evs


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Israël bombarde le sud du Liban", "fr", PloverType.ASSAULT),
        ("La Cina condanna le sanzioni degli Stati Uniti", "it", PloverType.ACCUSE),
        ("Lula reúne-se com Xi Jinping em Pequim", "pt", PloverType.CONSULT),
        ("Migliaia di studenti scendono in piazza contro il governo", "it", PloverType.PROTEST),
        ("Les agriculteurs descendent dans la rue contre le gouvernement", "fr", PloverType.PROTEST),
    ],
)
def test_romance_verb_forms_and_street_idioms(tagger: EventTagger, text: str, lang: str, expected: PloverType) -> None:
    evs = events(tagger, text, True, lang)
    assert evs and top(evs).event_type is expected, evs


def test_portuguese_verb_and_pronoun_keeps_its_parties(tagger: EventTagger) -> None:
    evs = events(tagger, "Lula reúne-se com Xi Jinping em Pequim", True, "pt")
    assert top(evs).source == ["person:lula"] and top(evs).target == ["person:xi"], evs


def test_portuguese_hyphen_word_that_is_no_verb_and_pronoun_is_unchanged() -> None:
    from wirestream.tagging.events.text import lemma

    assert lemma("pt", "reúne-se") == lemma("pt", "reúne") == "reunir"
    assert lemma("pt", "guarda-chuva") == "guarda-chuva"  # "chuva" is no pronoun


def test_piazza_without_a_protest_is_no_event(tagger: EventTagger) -> None:
    evs = events(tagger, "Il governo presenta la manovra, concerto in piazza a Roma", True, "it")
    assert PloverType.PROTEST not in _types(evs), evs


# ------------------------------------------------------------------ a gap does not skip a preposition


@pytest.mark.parametrize(
    "text",
    ["Junior doctors strike in Kenya over pay deal", "Nurses strike in Kenya over new pay deal"],
)
def test_strike_about_a_deal_is_a_strike(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, True)
    assert evs and top(evs).event_type is PloverType.PROTEST, evs
    assert PloverType.AGREE not in _types(evs), evs


@pytest.mark.parametrize("text", ["Kenya and Sweden strike trade deal", "Turkey and Egypt strike deal on gas"])
def test_striking_a_deal_is_still_an_agreement(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, True)
    assert evs and top(evs).event_type is PloverType.AGREE, evs


# ------------------------------------------------------------------ backing a party or its call


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Kenya backs UN call to end fighting in Sudan", "org:un"),
        ("Germany backs French plan for Gaza ceasefire", "FRA"),
        ("Saudi Arabia backs Egypt's bid to host talks", "EGY"),
        ("Turkey backs Sweden's membership bid", "SWE"),
    ],
)
def test_backing_a_party_or_its_call_is_support(tagger: EventTagger, text: str, target: str) -> None:
    evs = events(tagger, text, True)
    assert top(evs).event_type is PloverType.SUPPORT and top(evs).target == [target], evs


def test_the_backed_call_stays_its_authors_request(tagger: EventTagger) -> None:
    evs = events(tagger, "Kenya backs UN call to end fighting in Sudan", True)
    reqs = [e for e in evs if e.event_type is PloverType.REQUEST]
    assert reqs and reqs[0].source == ["org:un"], evs


@pytest.mark.parametrize(
    "text",
    [
        "Nurses in Kenya demand back pay",
        "Russia backed down on plan to seize port",
        "Ukrainian troops push back Russian forces near Kharkiv",
        "Kenya's president flew back to Nairobi from the UN",
        "Ukraine beats back Russian assault",
        "Migrants deported back to Tunisia",
        "Journalists allowed back into Gaza",
    ],
)
def test_back_that_is_no_endorsement(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, True)
    assert PloverType.SUPPORT not in _types(evs), evs


# ------------------------------------------------------------------ present tense read as a noun


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("L'Ucraina accusa Mosca di crimini di guerra", "it", PloverType.ACCUSE),
        ("Irán amenaza a Israel con una respuesta", "es", PloverType.THREATEN),
        ("La Chine menace Taïwan de représailles", "fr", PloverType.THREATEN),
        ("Le Maroc et l'Espagne signent un accord sur la pêche", "fr", PloverType.SUPPORT),
    ],
)
def test_present_tense_that_reads_as_a_noun_is_the_verb(
    tagger: EventTagger, text: str, lang: str, expected: PloverType
) -> None:
    evs = events(tagger, text, True, lang)
    assert evs and top(evs).event_type is expected, evs


# ------------------------------------------------------------------ a nationality after an event noun


@pytest.mark.parametrize(
    ("text", "lang", "source"),
    [
        ("Ataque ruso contra Kiev deja diez muertos", "es", "RUS"),
        ("Frappes israéliennes sur le sud du Liban", "fr", "ISR"),
        ("Brasil condena ataque israelense no Líbano", "pt", "ISR"),
    ],
)
def test_nationality_after_an_event_noun_is_its_doer(tagger: EventTagger, text: str, lang: str, source: str) -> None:
    evs = [e for e in events(tagger, text, True, lang) if e.event_type is PloverType.ASSAULT]
    assert evs and evs[0].source == [source], evs


def test_nationality_after_a_verb_is_its_object(tagger: EventTagger) -> None:
    evs = events(tagger, "Hamas ataca israelíes en Cisjordania", True, "es")
    assert evs and top(evs).source == ["org:hamas"] and top(evs).target == ["ISR"], evs
