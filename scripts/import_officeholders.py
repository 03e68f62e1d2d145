"""Generate ``officeholders.json``: heads of state and government, foreign and defence ministers of
every UN member state, date-aware, from public sources (no names typed by hand); and, where the
EveryPolitician cabinet histories cover a country, every other cabinet minister (kind ``minister``,
each post its own office so concurrent ministers never close each other's terms; finance ministers
kind ``finance``). Posts below cabinet rank (deputy, state secretary, minister of state) are not read.

Why a generated file: ``people.yaml`` is curated from general knowledge and covers the countries the
news talks about most; the long tail (who was Malawi's foreign minister in 2021?) needs a sourced,
reproducible import. The tagger merges the two (curated entries win, see ``actors/lexicon.py``).

Sources (read from local copies; every snapshot is named by its commit so the output is reproducible)
-------------------------------------------------------------------------------------------------
1. CIA World Factbook, yearly editions 1994-2025 (US Government work, public domain), "Executive
   branch" field ("chief of state: President Abdelmadjid TEBBOUNE (since 12 December 2019) head of
   government: ..."), as structured by github.com/MilkMp/CIA-World-Factbooks-Archive-1990-2025
   (MIT) at commit b998f60a91d7de6fde80f3d4d216fa0e591a099e::

       git show b998f60:data/fields/country_fields_<YEAR>.sql.gz > factbook/country_fields_<YEAR>.sql.gz
       git show b998f60:data/reference_tables/countries.csv > factbook/countries.csv
       git show b998f60:data/reference_tables/master_countries.csv > factbook/master_countries.csv

   The same archive lists the 193 UN member states (``data/lookup_tables/un_member_classifications.csv``
   at commit 7de499004a059d404424a1e4f65997c7adcd83f4; its ISOAlpha2 column -> ``un_members.csv``).
2. Wikidata (CC0) via EveryPolitician: github.com/every-politician-scrapers/world,
   ``sources/foreign/wikidata.csv`` (the sitting foreign minister of every country), every commit
   that touched it (25 snapshots, 2022-08 .. 2023-01)::

       for c in $(git log --format=%H -- sources/foreign/wikidata.csv); do
         git show $c:sources/foreign/wikidata.csv > epworld/foreign@$c@$(git log -1 --format=%cs $c).csv; done
3. Wikidata via EveryPolitician per-country cabinet repositories
   github.com/every-politician-scrapers/<country>-cabinet|-ministers|<country>, ``html/holders21.csv``
   (every holder of each cabinet position with start/end dates), newest commit touching it::

       c=$(git log -1 --format=%H -- html/holders21.csv)
       git show $c:html/holders21.csv > ep/<repo>@$c@$(git log -1 --format=%cs $c).csv
4. Wikidata (CC0) directly, for whoever refreshes the data with network access (EveryPolitician
   stopped in early 2023): ``scripts/officeholders.sparql`` run on the Wikidata Query Service, its
   SPARQL 1.1 JSON results saved as ``wikidata/<YYYY-MM-DD>[-part].json`` (the date the query ran is
   the snapshot date)::

       curl -sS -G https://query.wikidata.org/sparql --data-urlencode query@scripts/officeholders.sparql \\
         -H 'Accept: application/sparql-results+json' -o wikidata/$(date -u +%F).json

   Optional: without such files the output is what it was. See ``docs/actor-data.md``.

Date semantics (only what the sources say)
------------------------------------------
A holder observed in snapshots T1..T2 with a start date S and no end date holds [S, T2], or until
the start of the next holder of the same office that a later snapshot or another source shows; an
explicit end date in the source wins. An open term is never extended to "today". A Factbook
edition's snapshot date is the latest "since" date printed anywhere in it (a lower bound of when it
was written). Month-only dates become the 1st of the month; year-only start dates are not used
(the first snapshot showing the holder is the start instead). Wikidata's dates come with their
precision, read the same way; a term whose end is Wikidata's "unknown value" is not read.

Usage::

    .venv/bin/python scripts/import_officeholders.py --src /tmp/actimport/src \\
        --out service/wirestream/tagging/data/actors/officeholders.json

The output is deterministic (sorted, no timestamps): running it twice on the same inputs gives
the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import cast

import pycountry

FACTBOOK_REPO = "MilkMp/CIA-World-Factbooks-Archive-1990-2025"
FACTBOOK_COMMIT = "b998f60a91d7de6fde80f3d4d216fa0e591a099e"
UN_MEMBERS_COMMIT = "7de499004a059d404424a1e4f65997c7adcd83f4"
#: Terms that ended before this are history the news no longer needs.
EARLIEST = date(1995, 1, 1)
#: Start dates this close are one holder (sources differ by a day or two on when a term began).
SAME_START = 10
#: A successor's start closes the previous term only when the snapshots showing them are this close.
MAX_GAP = 400
#: The Wikidata Query Service endpoint ``scripts/officeholders.sparql`` is run against.
WDQS = "https://query.wikidata.org/sparql"

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}

# ----------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def norm_name(name: str) -> str:
    """Comparison form of a person's name: no accents, case, punctuation or extra spaces."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(name).lower()).split())


def name_key(name: str) -> tuple[str, str]:
    """(first word, last word) of the normalised name: the same person across sources and
    editions ("Vladimir Vladimirovich Putin" / "Vladimir Putin", "Andrés Manuel López Obrador")."""
    words = norm_name(name).split()
    return (words[0], words[-1]) if words else ("", "")


def same_person(a: str, b: str) -> bool:
    """Two spellings of one name: the same given name and a shared family name ("Nicolas Maduro
    Moros" / "Nicolás Maduro"), or the same (first, last) words. The shared word must end one of the
    names: a second given name is no family name ("Juan Carlos Muñoz" / "Juan Carlos Jobet")."""
    if name_key(a) == name_key(b):
        return True
    ta, tb = norm_name(a).split(), norm_name(b).split()
    if not ta or not tb:
        return False
    shared = {t for t in set(ta[1:]) & set(tb[1:]) if len(t) >= 4 and t in (ta[-1], tb[-1])}
    return ta[0] == tb[0] and bool(shared)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")


def parse_date(text: str, allow_year: bool = False) -> date | None:
    """'12 December 2019' / 'December 2019' / '2019-12-12' (/ '2019' if ``allow_year``)."""
    text = text.strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = re.match(r"(\d{1,2}) ([A-Za-z]+),? (\d{4})", text)
    if m and m[2].lower() in MONTHS:
        try:
            return date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
        except ValueError:
            return None
    m = re.match(r"([A-Za-z]+),? (\d{4})", text)
    if m and m[1].lower() in MONTHS:
        return date(int(m[2]), MONTHS[m[1].lower()], 1)
    m = re.match(r"(\d{4})-(\d{2})$", text)
    if m:
        return date(int(m[1]), int(m[2]), 1)
    if allow_year and re.fullmatch(r"\d{4}", text):
        return date(int(text), 1, 1)
    return None


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def alpha3(alpha2: str) -> str | None:
    c = pycountry.countries.get(alpha_2=alpha2.upper())
    return c.alpha_3 if c else None


# ----------------------------------------------------------------------------- observations


@dataclass(frozen=True)
class Obs:
    """One source's statement: ``person`` held ``kind`` in ``iso3`` from ``start`` (to ``end``),
    seen in a snapshot dated ``seen``."""

    source: str
    iso3: str
    office: str  # hos | hog | fm | dm | finance | minister:<post>
    kind: str  # people.yaml office kind
    name: str
    surname: str | None
    alias: str | None
    qid: str | None
    start: date | None
    end: date | None
    seen: date
    #: the person's labels in the country's official languages (Wikidata only): further aliases
    natives: tuple[str, ...] = ()


# ----------------------------------------------------------------------------- Factbook

_ROW = re.compile(r"\(\d+, \d+, (\d+), N'(Executive branch|Leaders)', N'((?:[^']|'')*)'\)", re.S | re.I)
_SEGMENT = re.compile(
    r"(chief of state(?: and head of government)?|head of government)\s*:\s*(.*?)"
    r"(?=(?:chief of state|head of government|cabinet|elections?(?:/appointments?)?(?: process)?"
    r"|election results|note)\s*:|$)",
    re.I | re.S,
)
_HOLDER = re.compile(r"([^;()]*?)\(([^()]*?)\bsince\s+([^);,]*)")
_TITLE_WORDS = {
    "president",
    "prime",
    "minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "emir",
    "amir",
    "sultan",
    "supreme",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "of",
    "the",
    "republic",
    "council",
    "state",
    "interim",
    "transitional",
    "acting",
    "grand",
    "duke",
    "prince",
    "princess",
    "crown",
    "governor",
    "general",
    "head",
    "government",
    "federal",
    "co-prince",
    "captains",
    "captain",
    "regent",
    "regents",
    "sovereign",
    "military",
    "presidential",
    "executive",
    "chief",
    "first",
    "deputy",
    "vice",
    "lieutenant",
    "colonel",
    "gen.",
    "lt.",
    "maj.",
    "field",
    "marshal",
    "dr.",
    "his",
    "her",
    "majesty",
    "highness",
    "national",
    "assembly",
    "commander",
    "transition",
    "people's",
    "armed",
    "forces",
    "revolutionary",
    "emperor",
    "paramount",
    "ruler",
    "monarch",
    "taoiseach",
    "and",
    "in",
    "for",
    "ministers",
    "cabinet",
    "co-princes",
    "salvation",
    "committee",
    "sovereignty",
    "presidency",
    "central",
    "presidium",
    "chairperson",
    "lt",
    "gen",
    "dr",
    "brig",
    "brigadier",
    "admiral",
    "rear",
    "adm.",
    "col.",
    "maj",
    "mr.",
    "mrs.",
    "ms.",
}
_PARTICLES = {
    "von",
    "van",
    "der",
    "den",
    "de",
    "da",
    "di",
    "del",
    "della",
    "la",
    "le",
    "bin",
    "bint",
    "ibn",
    "al",
    "el",
    "dos",
    "das",
    "du",
    "y",
    "e",
    "ben",
    "ould",
    "ag",
    "mac",
    "st.",
}
_MONARCH = re.compile(r"\b(king|queen|emir|amir|sultan|grand duke|prince|emperor|monarch|co-prince|sovereign)\b", re.I)


def _caps(tok: str) -> bool:
    letters = [c for c in tok if c.isalpha()]
    return (len(letters) >= 2 and all(c.isupper() for c in letters)) or tok in {"II", "III", "IV", "X", "XVI"}


def _tc(tok: str) -> str:
    if re.fullmatch(r"[IVX]+", tok):
        return tok
    return "-".join("'".join(p[:1].upper() + p[1:].lower() for p in part.split("'")) for part in tok.split("-"))


_STOP = {"of", "as", "and", "represented", "who", "since", "was", "is", "the", "-", "–", "(", "with"}


def _titleish(tok: str) -> bool:
    """A title word, also inside a compound ("Minister-designate", "President-elect")."""
    low = tok.lower().strip(",.:;")
    return low in _TITLE_WORDS or any(part in _TITLE_WORDS for part in low.split("-") if part not in {"co"})


def parse_holder(pre: str) -> tuple[str, str, str, str] | None:
    """'President Joao Manuel Goncalves LOURENCO ' -> (title, display name, surname, short alias).

    The Factbook writes the name a person is called by in capitals ("Emmanuel MACRON", "XI
    Jinping", "Pedro SANCHEZ Perez-Castejon"). The first run of capitalised words that is not an
    acronym in front of a title ("CNSP Prime Minister ...") is that name; the capitalised words
    right before it are given names, the ones right after it further family names."""
    toks = [t for t in pre.replace('"', " ").replace("\u201c", " ").replace("\u201d", " ").split() if t]
    i = 0
    first_cap = last_cap = -1
    while i < len(toks):
        if _caps(toks[i].strip(",.")) and toks[i].strip(",.").lower() not in _TITLE_WORDS:
            j = i
            while j + 1 < len(toks) and _caps(toks[j + 1].strip(",.")) and not _titleish(toks[j + 1]):
                j += 1
            nxt = toks[j + 1] if j + 1 < len(toks) else ""
            if nxt and (_titleish(nxt) or nxt in {"-", "–"}):
                i = j + 1  # an acronym before a title ("GNU Interim Prime Minister ...")
                continue
            first_cap, last_cap = i, j
            break
        i += 1
    if first_cap < 0:
        return None
    start = first_cap
    while start > 0:
        t = toks[start - 1]
        low = t.lower().strip(",")
        if _titleish(t) or low in _STOP or t.endswith((":", ",", ";")):
            break
        if t[:1].isupper() or low in _PARTICLES:
            start -= 1
            continue
        break
    while start < first_cap and toks[start].lower() in _PARTICLES:
        start += 1
    end = last_cap + 1
    while end < len(toks):
        t = toks[end]
        if toks[end - 1].endswith(","):
            break
        if t.lower() in _STOP or _titleish(t) or _caps(t.strip(",.")):
            break
        if t[:1].isupper() or (t.lower() in _PARTICLES and end + 1 < len(toks) and toks[end + 1][:1].isupper()):
            end += 1
            continue
        break
    words = [t.strip(",;") for t in toks[start:end]]
    title = " ".join(toks[:start])
    name = " ".join(_tc(w) if _caps(w) else w for w in words)
    surname = " ".join(_tc(toks[k].strip(",;")) for k in range(first_cap, last_cap + 1))
    given = [w for w in toks[start:first_cap] if w.lower() not in _PARTICLES]
    alias = f"{given[0]} {surname}" if given else surname
    if len(name.split()) < 2 or len(name) < 5:
        return None  # one word ("Lecornu" from a garbled given name) would match as a full name
    return title, name, surname, alias


def factbook_obs(src: Path, un: set[str]) -> tuple[list[Obs], dict[str, str]]:
    fb = src / "factbook"
    master = {
        r["MasterCountryID"]: r["ISOAlpha2"]
        for r in _rows(fb / "master_countries.csv")
        if r["EntityType"] in ("sovereign", "freely_associated")  # not Guernsey under GB
    }
    country = {r["CountryID"]: master.get(r["MasterCountryID"], "") for r in _rows(fb / "countries.csv")}
    out: list[Obs] = []
    snapshots: dict[str, str] = {}
    for path in sorted(fb.glob("country_fields_*.sql.gz")):
        year = int(path.stem.split("_")[-1].split(".")[0])
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            text = fh.read()
        raw: list[tuple[str, str, str, str, date | None, str]] = []  # iso3, seg, title+name pre, since, date
        latest: date | None = None
        for cid, fname, content in _ROW.findall(text):
            if fname.lower() not in ("executive branch", "leaders"):
                continue
            iso3 = alpha3(country.get(cid, "")) if country.get(cid) else None
            if iso3 is None or iso3 not in un:
                continue
            content = " ".join(content.replace("''", "'").split())
            for seg_name, seg in _SEGMENT.findall(content):
                m = _HOLDER.search(seg)
                if m is None or "vacant" in m[1].lower():
                    continue
                since = parse_date(m[3])
                if since is not None and since.year <= year and (latest is None or since > latest):
                    latest = since
                raw.append((iso3, seg_name.lower(), m[1], m[3], since, m[2]))
        if latest is None:
            continue
        snapshots[str(year)] = latest.isoformat()
        by_country: dict[str, dict[str, tuple[str, str, str, str, date | None]]] = defaultdict(dict)
        for iso3, seg, pre, _s, since, _paren in raw:
            parsed = parse_holder(pre)
            if parsed is None:
                continue
            key = "hog" if seg == "head of government" else "hos"
            if key not in by_country[iso3]:
                by_country[iso3][key] = (*parsed, since)
                if seg == "chief of state and head of government":
                    by_country[iso3]["hog"] = (*parsed, since)
        for iso3, offices in sorted(by_country.items()):
            hos, hog = offices.get("hos"), offices.get("hog")
            same = hos is not None and hog is not None and name_key(hos[1]) == name_key(hog[1])
            for office, rec in (("hos", hos), ("hog", hog)):
                if rec is None:
                    continue
                title, name, surname, alias, since = rec
                if office == "hog" and same:
                    continue  # one term of a combined kind, emitted for the chief of state
                monarch = _MONARCH.search(title) is not None
                if office == "hos":
                    if re.search(r"supreme leader", title, re.I):
                        kind = "supreme_leader"
                    elif monarch:
                        kind = "monarch_exec" if same else "monarch"
                    else:
                        kind = "president_full" if same else "president_cer"
                else:
                    if re.search(r"chancellor", title, re.I):
                        kind = "chancellor"
                    elif hos is not None and _MONARCH.search(hos[0]):
                        kind = "pm"  # a parliamentary monarchy's prime minister leads the country
                    else:
                        kind = "premier"
                out.append(
                    Obs(
                        f"factbook:{year}",
                        iso3,
                        office if not same else "hos+hog",
                        kind,
                        name,
                        surname,
                        alias if alias != name else None,
                        None,
                        since,
                        None,
                        latest,
                    )
                )
    return out, snapshots


# ----------------------------------------------------------------------------- EveryPolitician

#: Posts below cabinet rank (no post of these is a minister of the cabinet).
_JUNIOR = re.compile(
    r"\b(deputy|vice|assistant|state secretary|minister of state|ministers of state|minister delegate|associate"
    r"|junior|under|parliamentary|permanent|principal|acting|chief of|spokes|ambassador|first deputy)\b",
    re.I,
)
#: ... and posts that look like a foreign/defence ministry's but are not its head.
_EXCLUDE = re.compile(
    _JUNIOR.pattern[:-3] + r"|materiel|equipment|procurement|industry|production|veterans|intelligence|staff)\b", re.I
)
_FM = re.compile(
    r"^(?:federal |union )?(?:minister|secretary)(?: of state)?(?: of| for)(?: the)? (?:europe and )?"
    r"(?:foreign|external) (?:and european )?(?:affairs|relations)\b"
    r"|^foreign (?:minister|secretary)\b|^secretary of state for foreign\b",
    re.I,
)
_DM = re.compile(
    r"^(?:federal |union )?(?:minister|secretary)(?: of state)?(?: of| for)(?: the)? (?:national )?"
    r"(?:defen[cs]e|armed forces|war)(?: and [\w ]+?)?(?: of .*)?$|^defen[cs]e (?:minister|secretary)$",
    re.I,
)

#: EveryPolitician repository name (without -cabinet/-ministers) -> ISO 3166 alpha-2, where a
#: pycountry lookup of the name does not find it.
REPO_COUNTRY = {
    "congo-kinshasa": "CD",
    "congo-brazzaville": "CG",
    "ivory-coast": "CI",
    "solomons": "SB",
    "uae": "AE",
    "us": "US",
    "united-kingdom": "GB",
    "south-korea": "KR",
    "north-korea": "KP",
    "saudi": "SA",
    "micronesia": "FM",
    "cabo-verde": "CV",
    "swiss-federal-council": "CH",
    "st-lucia": "LC",
    "st-vincent-and-the-grenadines": "VC",
    "st-kitts-and-nevis": "KN",
    "antigua-barbuda": "AG",
    "bosnia-herzegovina": "BA",
    "czech": "CZ",
    "iran": "IR",
    "syria": "SY",
    "russia": "RU",
    "moldova": "MD",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "vietnam": "VN",
    "laos": "LA",
    "brunei": "BN",
    "turkey": "TR",
    "timor-leste": "TL",
    "sao-tome-and-principe": "ST",
    "eswatini": "SZ",
    "gambia": "GM",
    "bahamas": "BS",
    "netherlands": "NL",
    "north-macedonia": "MK",
}


def repo_country(repo: str) -> str | None:
    base = re.sub(r"-(cabinet|ministers)$", "", repo)
    if base in REPO_COUNTRY:
        return alpha3(REPO_COUNTRY[base])
    try:
        return pycountry.countries.lookup(base.replace("-", " ")).alpha_3
    except LookupError:
        return None


def ep_office(label: str, iso3: str) -> str | None:
    label = " ".join(label.split())
    country = pycountry.countries.get(alpha_3=iso3)
    for cname in {getattr(country, a, "") for a in ("name", "common_name", "official_name")} - {""}:
        label = re.sub(rf" of (?:the )?{re.escape(cname)}$", "", label)  # "Prime Minister of Japan"
    if _JUNIOR.search(label):
        return None
    if not _EXCLUDE.search(label) and re.fullmatch(r"foreign secretary", label, re.I) and iso3 != "GBR":
        return None  # elsewhere (India, Pakistan) the Foreign Secretary is the ministry's top civil servant
    if not _EXCLUDE.search(label) and (_FM.search(label) or (iso3 == "USA" and label == "Secretary of State")):
        return "fm"
    if not _EXCLUDE.search(label) and _DM.search(label):
        return "dm"
    if _HOS.fullmatch(label):
        return "hos"
    if _HOG.fullmatch(label):
        return "hog"
    if _FINANCE.search(label) or (iso3 == "USA" and label == "Secretary of the Treasury"):
        return "finance"
    if _MINISTER.search(label) or (iso3 == "USA" and _US_SECRETARY.search(label)):
        return "minister"
    return None


_FINANCE = re.compile(r"^(?:federal |union )?minister (?:of|for) (?:the )?finances?$", re.I)
#: Any other cabinet post: "Minister of Health", "Minister for Women", "Minister without Portfolio". Not a
#: German Land's "Minister-President" (a regional head of government), nor a "Chief Minister" (no match at ^).
_MINISTER = re.compile(r"^(?:federal |union )?minister(?! ?-?president)\b(?! of state)", re.I)
_US_SECRETARY = re.compile(r"^(?:United States )?Secretary of (?!State\b)(?:the )?[A-Z]")
_HOS = re.compile(r"(?:president(?: of the republic)?|monarch|king|queen|emir|amir|sultan|grand duke|emperor)", re.I)
_HOG = re.compile(r"(?:prime minister|(?:federal )?chancellor|president of the government|taoiseach)", re.I)


def _snapshot_files(folder: Path) -> Iterator[tuple[str, str, date, Path]]:
    for path in sorted(folder.glob("*@*@*.csv")):
        name, commit, day = path.stem.split("@")
        yield name, commit, date.fromisoformat(day), path


def ep_cabinet_obs(src: Path, un: set[str], head_kinds: dict[tuple[str, str], str]) -> tuple[list[Obs], dict[str, str]]:
    """Cabinet histories. Wikidata does not say whether a president governs, so a head of state's
    or government's kind is the one the Factbook gives that country's office (``head_kinds``)."""
    out: list[Obs] = []
    snaps: dict[str, str] = {}
    for repo, commit, seen, path in _snapshot_files(src / "ep"):
        iso3 = repo_country(repo)
        if iso3 is None or iso3 not in un:
            continue
        snaps[repo] = f"{commit} {seen.isoformat()}"
        for row in _rows(path):
            office = ep_office(row.get("position") or "", iso3)
            name = (row.get("person") or "").strip()
            if office is None or not name or re.fullmatch(r"Q\d+", name):
                continue
            start = parse_date(row.get("start") or "")
            end = parse_date(row.get("end") or "")
            if (row.get("end") or "").strip() and end is None:
                end = parse_date(row["end"], allow_year=True)  # a year-only end still closes the term
            kind = office
            if office == "minister":
                # every cabinet post is its own office: holders of different posts are concurrent, and only
                # a successor in the same post closes a term (build_terms groups by country and office)
                kind, office = "minister", "minister:" + " ".join((row.get("position") or "").lower().split())
            if office in ("hos", "hog"):
                office, kind = head_kind(office, row.get("position") or "", iso3, head_kinds)
            out.append(
                Obs(f"ep:{repo}", iso3, office, kind, name, None, None, row.get("personID") or None, start, end, seen)
            )
    return out, snaps


def head_kind(office: str, label: str, iso3: str, head_kinds: dict[tuple[str, str], str]) -> tuple[str, str]:
    """(office, people.yaml kind) of a head of state's or government's post named ``label``.

    Wikidata does not say whether a president governs, so the kind is the one the Factbook gives
    that country's office (``head_kinds``); a head of state who is no president is a monarch. A
    governing president holds both offices (``hos+hog``), as in the Factbook's observations."""
    label = label.lower()
    if office == "hos" and not label.startswith("president"):
        kind = "monarch_exec" if head_kinds.get((iso3, "hos")) == "monarch_exec" else "monarch"
    elif office == "hos":
        kind = head_kinds.get((iso3, "hos"), "president_cer")
        if kind not in ("president_full", "president_cer"):
            kind = "president_cer"
    else:
        kind = "chancellor" if "chancellor" in label else head_kinds.get((iso3, "hog"), "premier")
        if head_kinds.get((iso3, "hos")) == "president_full" and kind != "chancellor":
            kind = "premier"
    if head_kinds.get((iso3, "hos")) == "president_full" and office == "hos":
        office = "hos+hog"
    return office, kind


def ep_world_obs(src: Path, un: set[str]) -> tuple[list[Obs], dict[str, str]]:
    out: list[Obs] = []
    snaps: dict[str, str] = {}
    for _name, commit, seen, path in _snapshot_files(src / "epworld"):
        snaps[commit] = seen.isoformat()
        for row in _rows(path):
            name = (row.get("name") or "").strip()
            cq = row.get("country") or ""
            if not name or not cq or re.fullmatch(r"Q\d+", name):
                continue
            iso3 = WIKIDATA_COUNTRY.get(cq)
            if iso3 is None:
                try:
                    iso3 = pycountry.countries.lookup(row.get("countryLabel") or "").alpha_3
                except LookupError:
                    continue
            if iso3 not in un:
                continue
            out.append(
                Obs(
                    "ep:world",
                    iso3,
                    "fm",
                    "fm",
                    name,
                    None,
                    None,
                    row.get("person") or None,
                    parse_date(row.get("start") or ""),
                    None,
                    seen,
                )
            )
    return out, snaps


#: Wikidata items of countries whose English label pycountry does not look up.
WIKIDATA_COUNTRY = {
    "Q974": "COD",
    "Q971": "COG",
    "Q1008": "CIV",
    "Q884": "KOR",
    "Q423": "PRK",
    "Q1011": "CPV",
    "Q702": "FSM",
    "Q43": "TUR",
    "Q881": "VNM",
    "Q819": "LAO",
    "Q921": "BRN",
    "Q1049": "SDN",
    "Q958": "SSD",
    "Q1050": "SWZ",
    "Q1005": "GMB",
    "Q778": "BHS",
    "Q55": "NLD",
    "Q221": "MKD",
    "Q574": "TLS",
    "Q159": "RUS",
    "Q794": "IRN",
    "Q858": "SYR",
    "Q217": "MDA",
    "Q750": "BOL",
    "Q717": "VEN",
    "Q924": "TZA",
    "Q213": "CZE",
    "Q30": "USA",
    "Q145": "GBR",
    "Q1044": "SLE",
    "Q1041": "SEN",
}


# ----------------------------------------------------------------------------- Wikidata Query Service

#: ``?office`` values of ``scripts/officeholders.sparql``.
WD_OFFICES = ("hos", "hog", "fm", "dm")
_WD_ENTITY = re.compile(r"http://www\.wikidata\.org/entity/(Q\d+)")
#: ``xsd:dateTime`` as Wikidata writes it ("+2019-12-12T00:00:00Z"; a month- or year-precision date has
#: day/month 00 or 01 depending on the writer, which is why the precision comes with it).
_WD_TIME = re.compile(r"\+?(\d{4})-(\d{2})-(\d{2})T")
#: A defence-labelled minister who is not the defence minister ("Minister for Defence Personnel", "... of Civil
#: Defence"), on top of ``_EXCLUDE`` (deputies, procurement, industry, veterans ...).
_WD_NOT_HEAD = re.compile(r"\b(?:personnel|civil defen[cs]e)\b", re.I)
#: A foreign-minister class post called "Minister of State" is the foreign minister (Palau), not a junior minister.
_WD_FM_TITLE = re.compile(r"minister of state(?: of .+)?", re.I)
#: wikibase:timePrecision: 11 day, 10 month, 9 year (lower: decade, century ... - no usable date).
_DAY, _MONTH, _YEAR = 11, 10, 9


class Malformed(ValueError):
    """A SPARQL result binding the import cannot read; the message is the reason it is counted under."""


def _wd_snapshot_files(folder: Path) -> Iterator[tuple[date, Path]]:
    """``<YYYY-MM-DD>[-part].json`` files: the date in the name is the snapshot date (the day the query
    ran), and the day an open term is last known to hold."""
    for path in sorted(folder.glob("*.json")):
        try:
            yield date.fromisoformat(path.name[:10]), path
        except ValueError:
            raise SystemExit(f"{path}: a Wikidata result file is named <YYYY-MM-DD>[-part].json") from None


def _wd_term(row: dict[str, dict[str, str]], var: str) -> str | None:
    cell = row.get(var)
    if cell is None:
        return None
    if not isinstance(cell, dict) or not isinstance(cell.get("value"), str):
        raise Malformed(f"{var} is not a SPARQL JSON term")
    return cell["value"]


def _wd_qid(row: dict[str, dict[str, str]], var: str) -> str:
    value = _wd_term(row, var)
    m = _WD_ENTITY.fullmatch(value or "")
    if m is None:
        raise Malformed(f"{var} is not a Wikidata item")
    return m[1]


def _wd_date(row: dict[str, dict[str, str]], var: str) -> tuple[date | None, int | None]:
    """(date, precision) of a start/end binding; (None, None) when unbound. An "unknown value" (a
    blank node or IRI instead of a literal) has no date and precision 0."""
    cell = row.get(var)
    if cell is None:
        return None, None
    value = _wd_term(row, var) or ""
    if cell.get("type") not in ("literal", "typed-literal"):
        return None, 0
    m = _WD_TIME.match(value)
    if m is None:
        raise Malformed(f"{var} is not a date")
    try:
        precision = int(_wd_term(row, var + "Precision") or _DAY)
    except ValueError:
        raise Malformed(f"{var}Precision is not an integer") from None
    year, month, day = int(m[1]), max(int(m[2]), 1), max(int(m[3]), 1)
    try:
        if precision >= _DAY:
            return date(year, month, day), precision
        if precision == _MONTH:
            return date(year, month, 1), precision
        return date(year, 1, 1), precision
    except ValueError:
        raise Malformed(f"{var} is not a date") from None


def wikidata_obs(
    src: Path, un: set[str], head_kinds: dict[tuple[str, str], str]
) -> tuple[list[Obs], dict[str, str], dict[str, int]]:
    """Holders from Wikidata Query Service results of ``scripts/officeholders.sparql``, read from
    ``src/wikidata/<YYYY-MM-DD>[-part].json`` (SPARQL 1.1 JSON results).

    The same date semantics as EveryPolitician's Wikidata rows: a day or month start/end is used as
    such, a year-only start is not (the snapshot is the first sign of the term), a year-only end still
    closes the term, and an open term holds until the snapshot date (``build_terms``), never to
    "today". A statement whose end is Wikidata's "unknown value" ended on a day nobody recorded, so it
    is not read at all rather than held to the snapshot. Heads' kinds come from the Factbook
    (``head_kind``). The foreign-minister class is trusted except for posts below cabinet rank
    (``_JUNIOR``); a defence-labelled minister also when it is no procurement, industry, veterans ...
    post (``_EXCLUDE``, ``_WD_NOT_HEAD``), the query having only its label to go by.

    Returns the observations, the snapshots read (file -> "date sha256:digest") and, per reason, how
    many bindings were skipped; a malformed binding is skipped and counted, never fatal."""
    out: list[Obs] = []
    snaps: dict[str, str] = {}
    skipped: dict[str, int] = defaultdict(int)
    folder = src / "wikidata"
    if not folder.is_dir():
        return out, snaps, {}
    for seen, path in _wd_snapshot_files(folder):
        raw = path.read_bytes()
        doc = json.loads(raw)
        bindings = doc.get("results", {}).get("bindings") if isinstance(doc, dict) else None
        if not isinstance(bindings, list):
            raise SystemExit(f"{path}: not a SPARQL JSON results document (no results.bindings)")
        # the results are not in any repository: their digest says which file a generated file came from
        snaps[path.name] = f"{seen.isoformat()} sha256:{hashlib.sha256(raw).hexdigest()}"
        statements: dict[tuple[str, str], Obs] = {}  # (statement, hos/hog/fm/dm) -> observation
        for row in bindings:
            try:
                obs = _wd_row(row, seen, un, head_kinds)
            except Malformed as err:
                skipped[f"malformed: {err}"] += 1
                continue
            if isinstance(obs, str):
                skipped[obs] += 1
                continue
            key, o = obs
            prev = statements.get(key)
            if prev is not None:  # one statement with several start/end values: its widest span
                starts = [d for d in (prev.start, o.start) if d is not None]
                ends = [d for d in (prev.end, o.end) if d is not None]
                o = replace(
                    o,
                    start=min(starts) if starts else None,
                    end=max(ends) if ends else None,
                    natives=tuple(sorted(set(prev.natives) | set(o.natives))),
                )
            statements[key] = o
        out.extend(_combined_heads(statements))
    return out, snaps, dict(sorted(skipped.items()))


def _wd_row(
    row: object, seen: date, un: set[str], head_kinds: dict[tuple[str, str], str]
) -> tuple[tuple[str, str], Obs] | str:
    """One binding -> (statement key, observation), or the reason it is not an observation."""
    if not isinstance(row, dict):
        raise Malformed("binding is not an object")
    office = _wd_term(row, "office")
    if office not in WD_OFFICES:
        raise Malformed("office is not one of " + "/".join(WD_OFFICES))
    iso3 = (_wd_term(row, "iso3") or "").upper()
    if not re.fullmatch(r"[A-Z]{3}", iso3):
        raise Malformed("iso3 is not an ISO 3166 alpha-3 code")
    qid = _wd_qid(row, "person")
    _wd_qid(row, "position")
    name = " ".join((_wd_term(row, "personLabel") or "").split())
    label = " ".join((_wd_term(row, "positionLabel") or "").split())
    start, start_precision = _wd_date(row, "start")
    end, end_precision = _wd_date(row, "end")
    natives = tuple(
        sorted({n for n in (" ".join(x.split()) for x in (_wd_term(row, "nativeLabels") or "").split("|")) if n})
    )
    if iso3 not in un:
        return "not a UN member"
    if not name or re.fullmatch(r"Q\d+", name):
        return "person has no English label"
    if end_precision == 0 or (end_precision is not None and end_precision < _YEAR):
        return "end date unknown or coarser than a year"
    if start_precision is not None and start_precision < _MONTH:
        start = None  # a year-only (or unknown) start: the snapshot is the first sign of the term
    kind = office
    if office == "fm" and _JUNIOR.search(label) and not _WD_FM_TITLE.fullmatch(label):
        return "post below cabinet rank or not the ministry's head"
    if office == "dm" and (_EXCLUDE.search(label) or _WD_NOT_HEAD.search(label)):
        return "post below cabinet rank or not the ministry's head"
    if office in ("hos", "hog"):
        office, kind = head_kind(office, label, iso3, head_kinds)
        if "supreme leader" in label.lower() and head_kinds.get((iso3, "hos")) == "supreme_leader":
            kind = "supreme_leader"
    statement = (_wd_term(row, "statement") or f"{qid} {label} {start} {end}", str(_wd_term(row, "office")))
    obs = Obs(f"wikidata:{seen.isoformat()}", iso3, office, kind, name, None, None, qid, start, end, seen, natives)
    return statement, obs


def _combined_heads(statements: dict[tuple[str, str], Obs]) -> list[Obs]:
    """One observation per statement and office, except where the country's head-of-state office is
    also its head-of-government office (P1906 = P1313, a governing president): the statement is one
    term of both offices (``hos+hog``), of a governing kind even where the Factbook had no such kind."""
    out: list[Obs] = []
    for (statement, office), o in statements.items():
        if office == "hog" and (statement, "hos") in statements:
            continue  # the hos observation carries both
        if office == "hos" and (statement, "hog") in statements:
            kind = {"president_cer": "president_full", "monarch": "monarch_exec"}.get(o.kind, o.kind)
            o = replace(o, office="hos+hog", kind=kind)
        out.append(o)
    return out


# ----------------------------------------------------------------------------- terms


@dataclass
class Person:
    key: tuple[str, str]
    names: dict[str, tuple[int, date]] = field(default_factory=dict)  # name -> (source rank, latest seen)
    surnames: dict[str, date] = field(default_factory=dict)
    aliases: set[str] = field(default_factory=set)
    qids: set[str] = field(default_factory=set)
    terms: set[tuple[str, str, str, str]] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)


def _rank(o: Obs) -> tuple[int, date]:
    """Which spelling names a person: Wikidata's (accents, usual order) over the Factbook's
    transliteration, then the newest snapshot."""
    return (1 if o.source.startswith(("ep", "wikidata")) else 0, o.seen)


@dataclass
class Term:
    obs: list[Obs]
    start: date
    end: date

    @property
    def rep(self) -> Obs:
        return max(self.obs, key=lambda o: (_rank(o), o.name))


def build_terms(obs: Iterable[Obs]) -> list[Term]:
    """Per country and office, one term per holder and start date.

    Observations of one office whose start dates are the same (or within ``SAME_START`` days: the
    Factbook and Wikidata disagree by a day or two) are the same holder whatever the spelling
    ("Binyamin"/"Benyamin NETANYAHU"); without a start date the name identifies the holder.

    A term with no end date in its sources ends at the last snapshot showing it, or at the start
    of the holder that the next snapshot of that office shows - but only when that next snapshot
    came soon (``MAX_GAP``): across the Factbook's 2018-2020 gap an unseen holder may have come
    between them."""
    groups: dict[tuple[str, str], dict[object, list[Obs]]] = defaultdict(lambda: defaultdict(list))
    for o in obs:
        for office in o.office.split("+"):
            key: object = o.start if o.start is not None else name_key(o.name)
            groups[(o.iso3, office)][key].append(o)
    out: list[Term] = []
    for _where, holders in sorted(groups.items()):
        merged: list[list[Obs]] = []
        for key in sorted(holders, key=lambda k: (0, k, "") if isinstance(k, date) else (1, date.min, str(k))):
            os = holders[key]
            if isinstance(key, date) and merged and merged[-1][0].start is not None:
                prev_start = merged[-1][0].start
                if abs((key - prev_start).days) <= SAME_START:
                    merged[-1].extend(os)
                    continue
            merged.append(list(os))
        seen_dates = sorted({o.seen for os in merged for o in os})
        spans = []
        for os in merged:
            starts = sorted({o.start for o in os if o.start is not None})
            ends = sorted({o.end for o in os if o.end is not None})
            start = starts[0] if starts else min(o.seen for o in os)
            pkey = name_key(max(os, key=_rank).name)
            spans.append((start, pkey, max(o.seen for o in os), ends[-1] if ends else None, os))
        spans.sort(key=lambda s: (s[0], s[1]))
        first = len(out)
        for i, (begin, _pkey, seen_max, end, os) in enumerate(spans):
            if end is None:
                end = seen_max
                horizon = next((d for d in seen_dates if d > seen_max), None)
                nxt = next((s[0] for s in spans[i + 1 :] if not _same(s[4], os) and s[0] > begin), None)
                if nxt is not None and horizon is not None and (horizon - seen_max).days <= MAX_GAP:
                    end = max(nxt, seen_max) if nxt <= horizon else seen_max
                elif nxt is not None and nxt <= seen_max:
                    end = nxt
            if end <= begin or end < EARLIEST:
                continue
            prev = next((t for t in reversed(out[first:]) if _same(t.obs, os)), None)
            if prev is not None and begin <= prev.end:
                # the same person again before their term ended (an acting then a full term): one term
                prev.obs.extend(os)
                prev.end = max(prev.end, end)
                continue
            out.append(Term(list(os), begin, end))
    return out


def _same(a: list[Obs], b: list[Obs]) -> bool:
    return same_person(max(a, key=_rank).name, max(b, key=_rank).name)


def merge_people(terms: list[Term]) -> list[dict[str, object]]:
    """People from terms: one person per (first, last) name of each term's best spelling; the other
    spellings of the term become aliases."""
    people: dict[tuple[str, str], Person] = {}
    # same_person needs the same first word, so only people with a name of that first word are candidates
    # (a scan of all people is quadratic once every cabinet post is imported); kept in creation order
    by_first: dict[str, dict[int, Person]] = defaultdict(dict)
    order: dict[int, int] = {}
    for t in terms:
        rep = t.rep
        first = name_key(rep.name)[0]
        p = people.get(name_key(rep.name)) or next(
            (
                q
                for _, q in sorted(by_first[first].items())
                if same_person(rep.name, max(q.names)) and any(x[1] == rep.iso3 for x in q.terms)
            ),
            None,
        )
        if p is None:
            p = people[name_key(rep.name)] = Person(name_key(rep.name))
            order[id(p)] = len(order)
        for o in t.obs:
            if same_person(o.name, rep.name):
                p.names[o.name] = max(p.names.get(o.name, _rank(o)), _rank(o))
                by_first[name_key(o.name)[0]][order[id(p)]] = p
            else:
                p.aliases.add(o.name)
            if o.surname:
                p.surnames[o.surname] = max(p.surnames.get(o.surname, o.seen), o.seen)
            if o.alias:
                p.aliases.add(o.alias)
            p.aliases.update(o.natives)
            if o.qid:
                p.qids.add(o.qid)
            p.sources.add(o.source.split(":")[0])
        p.terms.add((rep.kind, rep.iso3, t.start.isoformat(), t.end.isoformat()))
    records = []
    for p in people.values():
        multi = {n: r for n, r in p.names.items() if len(n.split()) > 1}
        if not multi:
            continue  # a one-word name ("Shashank") would match as a full name wherever the word occurs
        name = max(multi, key=lambda n: (multi[n], n))
        longest: dict[tuple[str, str, str], str] = {}
        for kind, where, start, end in p.terms:  # a combined head of state and government: hos and hog
            longest[(kind, where, start)] = max(end, longest.get((kind, where, start), end))
        held = sorted(((k, w, s, e) for (k, w, s), e in longest.items()), key=lambda t: (t[2], t[0], t[1], t[3]))
        countries = sorted({t[1] for t in held}, key=lambda c: (-sum(t[1] == c for t in held), c))
        rec: dict[str, object] = {"name": name, "country": countries[0]}
        aliases = sorted(
            {
                a
                for a in [*p.names, *p.aliases]
                if norm_name(a) != norm_name(name) and len(a.split()) > 1 and "," not in a
            }
        )
        if aliases:
            rec["aliases"] = aliases
        if p.surnames:
            rec["surname"] = max(p.surnames, key=lambda s: (p.surnames[s], s))
        if p.qids:
            rec["qid"] = sorted(p.qids, key=lambda q: int(q[1:]))[0]
        rec["terms"] = [list(t) for t in held]
        rec["sources"] = sorted(p.sources)
        records.append(rec)
    # ids: slug of the name, made unique by country, then by QID, then by a counter
    records.sort(key=lambda r: (slug(str(r["name"])), str(r["country"]), str(r.get("qid", "")), str(r["terms"])))
    taken: set[str] = set()
    for r in records:
        base = slug(str(r["name"])) or "person"
        options = [base, f"{base}-{str(r['country']).lower()}"]
        if r.get("qid"):
            options.append(f"{base}-{str(r['qid']).lower()}")
        cand = next((c for c in options if c not in taken), "")
        n = 2
        while not cand or cand in taken:
            cand, n = f"{base}-{n}", n + 1
        taken.add(cand)
        r["id"] = cand
    return [{"id": r.pop("id"), **r} for r in records]


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--src", type=Path, required=True, help="folder with factbook/, ep/, epworld/, un_members.csv (, wikidata/)"
    )
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    un = {a for r in _rows(args.src / "un_members.csv") if (a := alpha3(r["ISOAlpha2"]))}
    fb, fb_snaps = factbook_obs(args.src, un)
    head_kinds: dict[tuple[str, str], str] = {}
    for o in sorted(fb, key=lambda o: o.seen):  # the newest edition's kinds
        for office in o.office.split("+"):
            head_kinds[(o.iso3, office)] = o.kind
    cab, cab_snaps = ep_cabinet_obs(args.src, un, head_kinds)
    world, world_snaps = ep_world_obs(args.src, un)
    wd, wd_snaps, wd_skipped = wikidata_obs(args.src, un, head_kinds)
    for reason, n in wd_skipped.items():
        print(f"warning: wikidata: {n} binding(s) skipped: {reason}", file=sys.stderr)
    all_obs = fb + cab + world + wd
    people = merge_people(build_terms(all_obs))
    about = {
        "generated_by": "scripts/import_officeholders.py --src <sources> --out "
        "service/wirestream/tagging/data/actors/officeholders.json (see the script's docstring for the sources)",
        "licence": "Factbook: US Government work, public domain; Wikidata (via EveryPolitician): CC0",
        "date_semantics": "a term without an end date in its source ends at the last snapshot that shows it, "
        "or at the start of the next holder a later snapshot/source shows",
        "sources": {
            "factbook": {
                "repo": FACTBOOK_REPO,
                "commit": FACTBOOK_COMMIT,
                "edition_snapshot_dates": dict(sorted(fb_snaps.items())),
            },
            "un_members": {
                "repo": FACTBOOK_REPO,
                "commit": UN_MEMBERS_COMMIT,
                "path": "data/lookup_tables/un_member_classifications.csv",
            },
            "ep_world_foreign": {
                "repo": "every-politician-scrapers/world",
                "path": "sources/foreign/wikidata.csv",
                "snapshots": dict(sorted(world_snaps.items(), key=lambda kv: (kv[1], kv[0]))),
            },
            "ep_cabinets": {
                "path": "html/holders21.csv",
                "repos": {f"every-politician-scrapers/{k}": v for k, v in sorted(cab_snaps.items())},
            },
        },
    }
    if wd_snaps:  # only then: without Wikidata results the output stays what it was
        about["licence"] = "Factbook: US Government work, public domain; Wikidata (via EveryPolitician and WDQS): CC0"
        cast(dict[str, object], about["sources"])["wikidata"] = {
            "endpoint": WDQS,
            "query": "scripts/officeholders.sparql",
            "snapshots": dict(sorted(wd_snaps.items())),
        }
    lines = [
        "{",
        f' "about": {json.dumps(about, ensure_ascii=False, sort_keys=True)},',
        f' "un_members": {json.dumps(sorted(un))},',
        ' "people": [',
    ]
    lines.append(",\n".join("  " + json.dumps(p, ensure_ascii=False) for p in people))
    lines += [" ]", "}"]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n_terms = sum(len(cast(list[object], p["terms"])) for p in people)
    print(f"{len(people)} people, {n_terms} terms, {len(un)} UN members -> {args.out}")


if __name__ == "__main__":
    main()
