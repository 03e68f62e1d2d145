"""Datelines at the start of the lede: ``KYIV (Reuters) -``, ``LONDON, July 4 (AP) —``,
``MADRID, 4 jul (EFE) -``, ``Lisboa, 04 jul 2025 (Lusa) -``, ``دبي (رويترز) -``, ``(Reuters) -``.

Accepted shapes, all ending in a dash (``-``, ``--``, en or em dash) followed by a space:

* ``PLACE[, EXTRA] (AGENCY) -``: place of 1–5 words, all caps or with every word of 4+ letters
  capitalised (or a caseless script), agency in parentheses;
* ``PLACE, DATE -`` without agency (ANSA's ``ROMA, 4 LUG -``): only when the place is ALL CAPS
  and a date part with a digit follows, because ``NATO - the alliance ...`` must stay a sentence;
* ``(AGENCY) -`` alone.

The regexes only ever see the first 160 characters of the lede, and use bounded repetitions, so
hostile input cannot make them backtrack for long.
"""

from __future__ import annotations

import re

from wirestream.models import Dateline

_SCAN_CHARS = 160
_DASH = r"\s*(?:--?|–|—|―)(?:\s+|$)"
_WITH_PLACE = re.compile(
    r"^(?P<head>(?P<place>[^\W\d_][^\W_]{0,30}(?:[ .'’/-]{1,2}[^\W_]{1,30}){0,4}\.?)"
    r"(?:,\s?(?P<extra>[^()\n,–—-]{1,40}?(?:,\s?[^()\n,–—-]{1,20}?)?))?"
    r"(?:\s?\((?P<agency>[^()\n]{1,40})\))?)" + _DASH
)
_AGENCY_ONLY = re.compile(r"^(?P<head>\((?P<agency>[^()\n]{1,40})\))" + _DASH)


def split_dateline(text: str) -> tuple[Dateline | None, str]:
    """Return (dateline, lede without it). The lede is unchanged when no dateline is found."""
    head = text[:_SCAN_CHARS]
    match = _WITH_PLACE.match(head) or _AGENCY_ONLY.match(head)
    if match is None:
        return None, text
    groups = match.groupdict()
    place: str | None = groups.get("place")
    extra: str | None = groups.get("extra")
    agency: str | None = groups.get("agency")
    if agency is not None and not _plausible_agency(agency):
        return None, text
    if place is not None:
        if agency is None and not (_all_caps(place) and extra and _has_digit(extra)):
            return None, text
        if not _place_ok(place):
            return None, text
    # ", England, July 4": parts with a digit are the date, the others qualify the place.
    parts = [p.strip() for p in extra.split(",")] if extra else []
    date_text = ", ".join(p for p in parts if _has_digit(p)) or None
    region = ", ".join(p for p in parts if p and not _has_digit(p))
    if region and place is not None:
        place = f"{place}, {region}"
    dateline = Dateline(
        text=match.group("head").strip(),
        place=place.strip() if place else None,
        agency=agency.strip() if agency else None,
        date_text=date_text,
    )
    return dateline, text[match.end() :]


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


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)
