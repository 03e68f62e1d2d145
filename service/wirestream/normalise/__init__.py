"""Normalisation stage: any supported wire format in, one clean :class:`Article` out.

Public API (used by the Faust app and embedded mode)::

    from wirestream.normalise import normalise, REASON_CODES
    article = normalise(raw, settings)  # raises wirestream.errors.Rejection(reason, message)

Module map: ``decode`` (bytes -> str) -> ``detect`` (format) -> ``ninjs`` / ``newsml`` /
``jsonfmt`` / ``htmldoc`` / ``plaintext`` (format -> ``Draft``) -> ``assemble`` (repair, boilerplate,
dateline, headline, offsets, language, ids -> ``Article``).
"""

from __future__ import annotations

from .pipeline import normalise
from .reasons import REASON_CODES

__all__ = ["REASON_CODES", "normalise"]
