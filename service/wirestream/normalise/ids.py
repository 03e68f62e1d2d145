"""Article and story identity.

``article_id`` is the agency's id when it sent one (it is what corrections and kills refer to),
otherwise ``sha:<xxh3-64 of headline + "\\n\\n" + body>`` so that re-sending identical copy yields the
same id. ``story_id`` groups versions: the agency id minus a *visible* version suffix — the version
number it also sent (``urn:newsml:dpa.com:20090101:190510-99-167362:2`` with version 2), or an
explicit ``v3``-style suffix (``.../story-123/v3``, ``story-123-v3``). We never guess beyond that:
a wrong story_id would merge unrelated stories in dedupe.
"""

from __future__ import annotations

import re

import xxhash

_V_SUFFIX = re.compile(r"[:/._-]v\d{1,9}$", re.IGNORECASE)


def content_hash(headline: str, body: str) -> str:
    return xxhash.xxh3_64_hexdigest(f"{headline}\n\n{body}".encode())


_SEPARATORS = frozenset(":/.-_")


def story_id_for(agency_id: str, version: int | None) -> str:
    if version is not None:
        number = str(version)
        if agency_id.endswith(number):
            # the version after a separator, or after a separator and "v": at most one can end the
            # id (their last characters differ), so look at the characters before the number
            cut = len(agency_id) - len(number)
            if agency_id[cut - 1 : cut] in _SEPARATORS and cut > 1:
                return agency_id[: cut - 1]
            if agency_id[cut - 1 : cut] == "v" and agency_id[cut - 2 : cut - 1] in _SEPARATORS and cut > 2:
                return agency_id[: cut - 2]
    match = _V_SUFFIX.search(agency_id)
    if match is not None and match.start() > 0:
        return agency_id[: match.start()]
    return agency_id
