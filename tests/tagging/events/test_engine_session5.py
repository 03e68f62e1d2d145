"""False-positive classes fixed in rules 2025.11.26-28 (sentences written for these tests): a condition
stated by inversion, an event noun under a free-choice determiner, and "as" introducing the
predicate of a judgement verb rather than a new clause."""

from __future__ import annotations

import pytest

from wirestream.models import ActorType, EventTag, PloverType
from wirestream.tagging.events import EventTagger

from ._helpers import actors, article

C = ActorType.COUNTRY
LEX = {
    "China": ("CHN", "CHN", C),
    "Taiwan": ("TWN", "TWN", C),
    "Russia": ("RUS", "RUS", C),
    "Ukraine": ("UKR", "UKR", C),
    "Poland": ("POL", "POL", C),
    "Iran": ("IRN", "IRN", C),
    "Iraq": ("IRQ", "IRQ", C),
    "Kenya": ("KEN", "KEN", C),
    "Uganda": ("UGA", "UGA", C),
    "Germany": ("DEU", "DEU", C),
    "Greece": ("GRC", "GRC", C),
    "NATO": ("NATO", None, ActorType.IGO),
    "the United States": ("USA", "USA", C),
}


def run(tagger: EventTagger, body: str) -> list[EventTag]:
    art = article(body)
    return tagger.tag(art, actors(art, LEX))


@pytest.mark.parametrize(
    "body",
    [
        "Should China invade Taiwan, the United States would have to decide how to respond.",
        "Were Russia to attack Poland, NATO would be obliged to defend it.",
        "Analysts warned that, should Iran strike Iraq, oil prices would soar.",
    ],
)
def test_inverted_condition_is_a_condition(tagger: EventTagger, body: str) -> None:
    evs = [e for e in run(tagger, body) if e.event_type is PloverType.ASSAULT]
    assert evs, "the act is still found"
    assert all(e.modality == "condition" for e in evs)


def test_modal_after_its_subject_is_no_condition(tagger: EventTagger) -> None:
    # "should" after the subject is an obligation, "were" after it a passive or a copula
    evs = run(tagger, "Ukraine should negotiate with Russia, Germany said.")
    assert any(e.event_type is PloverType.CONSULT and e.modality == "request" for e in evs)
    evs = run(tagger, "Ukraine said its border posts were attacked by Russia on Monday.")
    assert any(e.event_type is PloverType.ASSAULT and e.modality is None and e.source == ["RUS"] for e in evs)


@pytest.mark.parametrize(
    "body",
    [
        "Any attack on Poland would be answered by NATO as a whole, the alliance said.",
        "Every strike on a school in Ukraine is a war crime, the United Nations rapporteur said.",
    ],
)
def test_free_choice_event_noun_is_no_event(tagger: EventTagger, body: str) -> None:
    assert not [e for e in run(tagger, body) if e.event_type is PloverType.ASSAULT and not e.negated]


def test_specific_event_noun_stays(tagger: EventTagger) -> None:
    evs = run(tagger, "The attack on Poland was condemned by NATO.")
    assert any(e.event_type is PloverType.ASSAULT and e.target == ["POL"] for e in evs)


def test_denied_any_attack_stays_negated(tagger: EventTagger) -> None:
    evs = [e for e in run(tagger, "Iran denied any attack on Iraq.") if e.event_type is PloverType.ASSAULT]
    assert evs and all(e.negated for e in evs)


@pytest.mark.parametrize(
    "body",
    [
        "Kenya condemned as baseless allegations by Uganda that it had armed the rebels.",
        'Germany rejected as "unacceptable" a demand by Greece for reparations.',
    ],
)
def test_as_predicate_keeps_the_target(tagger: EventTagger, body: str) -> None:
    evs = [e for e in run(tagger, body) if e.event_type in (PloverType.ACCUSE, PloverType.REJECT)]
    first = min(evs, key=lambda e: e.trigger.start)
    assert first.source in (["KEN"], ["DEU"])
    assert first.target in (["UGA"], ["GRC"])


def test_as_clause_is_still_a_boundary(tagger: EventTagger) -> None:
    # "as" + a clause subject: the actor after it is no target of the verb before it
    evs = run(tagger, "Russia attacked as Ukraine prepared for talks.")
    assault = [e for e in evs if e.event_type is PloverType.ASSAULT]
    assert assault and all("UKR" not in e.target for e in assault)


@pytest.mark.parametrize(
    "body",
    [
        "Russia will invade Ukraine within days, the United States warned.",
        "Germany fears that Russia could attack Poland next year.",
    ],
)
def test_act_predicted_by_another_country_is_no_threat(tagger: EventTagger, body: str) -> None:
    evs = [e for e in run(tagger, body) if not e.negated]
    assert not [e for e in evs if e.event_type is PloverType.THREATEN]
    assault = [e for e in evs if e.event_type is PloverType.ASSAULT]
    assert assault and all(e.modality == "predicted" and e.source == ["RUS"] for e in assault)


@pytest.mark.parametrize(
    "body",
    [
        "Russia said it would attack Ukraine if the strikes continued.",  # its own statement
        "Russia will attack Ukraine again, the Kremlin spokesman warned.",  # no country: unknown side
        "Russia has sworn to attack Ukraine again, Germany warned.",  # the doer's own vow
        "Russia will attack Ukraine again, Kenya said.",  # a plain report keeps the gold convention
    ],
)
def test_own_or_reported_announcement_stays_a_threat(tagger: EventTagger, body: str) -> None:
    evs = [e for e in run(tagger, body) if not e.negated]
    assert any(e.event_type is PloverType.THREATEN and e.source == ["RUS"] for e in evs)


def _with_roles(body: str, roles: dict[str, str]) -> tuple[EventTagger, list[EventTag]]:
    """Tag ``body`` with the lexicon actors, giving the actors named in ``roles`` that CAMEO role."""
    tagger = EventTagger.load()
    art = article(body)
    lex = dict(LEX) | {
        "the embassy": ("---GOV", None, ActorType.GOVERNMENT),
        "parliament": ("---LEG", None, ActorType.GOVERNMENT),
        "the French embassy": ("FRAGOV", "FRA", ActorType.GOVERNMENT),
    }
    tags = [t.model_copy(update={"role": roles.get(t.actor_id)}) for t in actors(art, lex)]
    return tagger, tagger.tag(art, tags)


def test_stateless_embassy_or_parliament_is_no_target() -> None:
    _, evs = _with_roles("Russia accused parliament of stalling the deal.", {"---LEG": "LEG"})
    accuse = [e for e in evs if e.event_type is PloverType.ACCUSE]
    assert accuse and all(e.source == ["RUS"] and e.target == [] for e in accuse)
    _, evs = _with_roles("Iran attacked the embassy on Friday.", {"---GOV": "GOV"})
    assert [e.target for e in evs if e.event_type is PloverType.ASSAULT] == [[]]


def test_embassy_of_a_known_country_stays_the_target() -> None:
    _, evs = _with_roles("Iran attacked the French embassy on Friday.", {"FRAGOV": "GOV"})
    assert [e.target for e in evs if e.event_type is PloverType.ASSAULT] == [["FRAGOV"]]


def test_pronoun_subject_past_auxiliaries_and_adverbs(tagger: EventTagger) -> None:
    # "it" six words before the verb ("it was still determined to restore") is its subject, and
    # refers to the sentence subject, not to the object of the first clause
    body = "Kenya accused Uganda of arming rebels, but said it was still determined to restore ties with Uganda."
    evs = [e for e in run(tagger, body) if e.event_type is PloverType.SUPPORT]
    assert evs and all(e.source == ["KEN"] for e in evs)


@pytest.mark.parametrize(
    ("body", "typ"),
    [
        ("Ukraine accused Russia of shelling a hospital in Kenya.", PloverType.ASSAULT),
        ("Kenya accused Uganda of imposing sanctions on Iraq.", PloverType.SANCTION),
        ("Germany accused Greece of making false accusations against Iran.", PloverType.ACCUSE),
    ],
)
def test_act_in_an_accusation_is_alleged(tagger: EventTagger, body: str, typ: PloverType) -> None:
    evs = [e for e in run(tagger, body) if not e.negated]
    accusation = min((e for e in evs if e.event_type is PloverType.ACCUSE), key=lambda e: e.trigger.start)
    assert accusation.modality is None
    content = [e for e in evs if e.event_type is typ and e is not accusation]
    assert content and all(e.modality == "alleged" for e in content)
    # an allegation earns no PLOVER reading (no THREATEN, no AGREE)
    assert not [e for e in evs if "+" in e.rule_id]


def test_act_after_the_accusation_clause_stays_asserted(tagger: EventTagger) -> None:
    evs = run(tagger, "Ukraine accused Russia of war crimes; Russian forces shelled Kenya on Monday.")
    assert any(e.event_type is PloverType.ASSAULT and e.modality is None for e in evs)


def test_unnamed_individual_is_no_source() -> None:
    tagger = EventTagger.load()

    def tag(body: str) -> list[EventTag]:
        art = article(body)
        lex = dict(LEX) | {"protester": ("---OPP", None, ActorType.ORGANISATION)}
        lex |= {"protesters": ("---OPP", None, ActorType.ORGANISATION)}
        return [e for e in tagger.tag(art, actors(art, lex)) if not e.negated]

    # one unnamed person and no party acted upon: no PLOVER event
    assert not tag("A protester destroyed the building on Friday.")
    # with a party acted upon the act stays, without the person as its source
    evs = [e for e in tag("A protester attacked Kenya's embassy in Uganda.") if e.event_type is PloverType.ASSAULT]
    assert evs and all(e.source == [] for e in evs)
    # a group of them is a party (no indefinite article)
    evs = [e for e in tag("The protesters destroyed the Kenya embassy.") if e.event_type is PloverType.ASSAULT]
    assert evs and all(e.source == ["---OPP"] for e in evs)


def test_unnamed_official_stays_a_source() -> None:
    # "a government spokesman" speaks for a state, unnamed or not
    tagger = EventTagger.load()
    art = article("A government spokesman condemned Uganda on Friday.")
    lex = dict(LEX) | {"government spokesman": ("---GOV", None, ActorType.GOVERNMENT)}
    tags = [t.model_copy(update={"role": "GOV" if t.actor_id == "---GOV" else None}) for t in actors(art, lex)]
    evs = [e for e in tagger.tag(art, tags) if e.event_type is PloverType.ACCUSE]
    assert evs and all(e.source == ["---GOV"] and e.target == ["UGA"] for e in evs)
