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


def story_id_for(agency_id: str, version: int | None) -> str:
    if version is not None and agency_id.endswith(str(version)):
        for sep in (":", "/", ".", "-", "_", ":v", "/v", "-v", "_v", ".v"):
            suffix = f"{sep}{version}"
            if agency_id.endswith(suffix) and len(agency_id) > len(suffix):
                return agency_id[: -len(suffix)]
    match = _V_SUFFIX.search(agency_id)
    if match is not None and match.start() > 0:
        return agency_id[: match.start()]
    return agency_id
