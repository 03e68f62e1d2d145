"""Actor tagging: who and where an article is about, as CAMEO-style coded actors.

Usage::

    tagger = ActorTagger.load()          # compiles the packaged dictionary once per version
    tags = tagger.tag(article)           # list[ActorTag], resolved at the article's date
    tagger.version                       # dictionary VERSION, recorded with every tag set

    handle = ActorTaggerHandle()         # hot reload: handle.current() per batch, or reload()

What the tags mean (for consumers such as the event tagger):

* ``actor_id`` is stable across articles and dictionary versions:
  ``person:<slug>`` (dictionary people, or people introduced by an apposition such as "mayor X"),
  ``org:<id>`` (IGOs, NGOs, parties, armed groups, agencies), ISO3 (``GBR``: the country as such),
  ``<ISO3><ROLE>`` (``GBRGOV``, ``RUSMIL``: a country's institution, from capital/seat metonyms
  like "London said", "the Kremlin", "No 10" or from "Russian troops"), ``---<ROLE>`` for agent
  nouns with no country ("rebels"), ``geonames:<id>`` / ``region:<ISO3>:<name>`` for places.
* ``country`` is ISO 3166 alpha-3, or ``IGO``/``NGO``/``IMG``/``MNC`` as CAMEO uses them;
  ``code`` is the CAMEO-style code (``GBRGOV``, ``IGOUNO``, ``USAELI`` for a former leader).
* people: ``office`` is the office held on the article date (``head_of_government``...),
  ``role`` GOV/IGO while in office, ELI after, else the role their title in the text gives.
* a country qualifier before a title ("US President Donald Trump") is also tagged as a mention
  of the country (span "US"), next to the person's own span ("Donald Trump").

The dictionary lives in ``wirestream/tagging/data/actors`` (YAML + VERSION + schema.json, plus the
generated ``officeholders.json`` of heads of state/government and cabinet ministers of every UN
member, imported from public sources by ``scripts/import_officeholders.py`` and merged under the
curated ``people.yaml``); no names are hard-coded here. Modules: ``data`` (files), ``lexicon``
(compile), ``scan`` (automaton pass), ``resolve`` (rules and coreference), ``tagger`` (public API
and hot reload).
"""

from __future__ import annotations

from .tagger import ActorTagger, ActorTaggerHandle

__all__ = ["ActorTagger", "ActorTaggerHandle"]
