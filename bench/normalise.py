"""Throughput benchmark of the normalisation stage.

    .venv/bin/python -m bench.normalise [--quick]

Generates 2 KB and 20 KB articles for every input format (plain text, ninjs 1.x/2.x/3.x, NewsML-G2,
plain JSON, HTML) plus a multilingual plain-text mix, normalises them in this single process (so
"articles/s" is per core), prints a table and writes ``bench/results/normalise.json``. It also
pushes the bad-input catalogue through once and records the slowest case.

Per-core figures use this thread's CPU time (``time.thread_time_ns``) so that neighbours on a
shared machine do not distort them; wall-clock figures are in the JSON too. Throughput is that of
the fastest of several rounds timed as a whole; p50/p99 are over every call of as many rounds
timed article by article (see ``_measure``).

Articles are generated from a fixed seed with distinct numbers and word orders, so no two inputs
in a run are identical (nothing downstream can be served from a cache).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import importlib.util
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import orjson

from wirestream.errors import Rejection
from wirestream.models import Provenance, RawInput
from wirestream.normalise import normalise
from wirestream.normalise.language import detector
from wirestream.runtime import tune_glibc_malloc
from wirestream.settings import NormaliseSettings

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "normalise.json"

_WORD_TEXT = (
    "government minister said talks would resume on friday after officials in the capital "
    "reported new strikes overnight while allies pledged support for a ceasefire and the "
    "central bank kept interest rates unchanged as inflation eased in june according to "
    "figures released by the statistics office and analysts expected further cuts later"
)
_WORDS = _WORD_TEXT.split()
_LANG_SENTENCES = {
    "es": "El Gobierno aprobó el viernes un plan que según los expertos llega tarde pero es "
    "necesario para las familias con hijos",
    "de": "Die Regierung hat am Freitag einen Plan beschlossen der nach Ansicht der Experten "
    "zu spät kommt aber für die Familien wichtig ist",
    "fr": "Le gouvernement a adopté vendredi un plan qui selon les experts arrive tard mais "
    "reste nécessaire pour les familles avec enfants",
    "it": "Il governo ha approvato venerdì un piano che secondo gli esperti arriva tardi ma "
    "è necessario per le famiglie con figli",
    "pt": "O governo aprovou na sexta-feira um plano que segundo os especialistas chega tarde "
    "mas é necessário para as famílias com filhos",
    "ar": "وافقت الحكومة يوم الجمعة على خطة يقول الخبراء إنها جاءت متأخرة لكنها ضرورية للأسر",
}
_DATELINES = {
    "en": "LONDON, July 4 (Example Wire) - ",
    "es": "MADRID, 4 jul (EFE) - ",
    "de": "BERLIN (dpa) - ",
    "fr": "PARIS (AFP) - ",
    "it": "ROMA, 4 lug (ANSA) - ",
    "pt": "Lisboa, 04 jul 2025 (Lusa) - ",
    "ar": "دبي (رويترز) - ",
}


def _sentence(rng: random.Random, lang: str) -> str:
    if lang != "en":
        words = _LANG_SENTENCES[lang].split()
        cut = rng.randint(8, len(words))
        return " ".join(words[:cut]) + f" {rng.randint(2, 9999)}."
    words = rng.sample(_WORDS, rng.randint(9, 18))
    text = " ".join(words).capitalize() + f" {rng.randint(2, 9999)}."
    if rng.random() < 0.3:
        text = f"“{text[:-1]},” the minister said."
    return text


def _paragraphs(rng: random.Random, size: int, lang: str) -> list[tuple[str, str]]:
    """(kind, text) pairs totalling about ``size`` characters: a lede, paragraphs, subheads."""
    blocks: list[tuple[str, str]] = []
    total = 0
    while total < size:
        if blocks and rng.random() < 0.1:
            words = rng.sample(_WORDS, 2) if lang == "en" else _LANG_SENTENCES[lang].split()[:2]
            blocks.append(("subhead", " ".join(words).capitalize()))
        para = " ".join(_sentence(rng, lang) for _ in range(rng.randint(1, 3)))
        blocks.append(("paragraph", para))
        total += len(para) + 2
    first = blocks[0][1]
    blocks[0] = ("paragraph", _DATELINES[lang] + first)
    blocks.append(("paragraph", "Reporting by Jane Doe; Editing by John Roe"))
    return blocks


def _headline(rng: random.Random) -> str:
    return " ".join(rng.sample(_WORDS, 7)).capitalize()


def _as_text(blocks: list[tuple[str, str]], rng: random.Random, n: int) -> bytes:
    body = "\n\n".join(text for _, text in blocks)
    return f" date 2025-07-04 {body}\n".encode()


def _as_html_fragment(blocks: list[tuple[str, str]]) -> str:
    return "".join(f"<h2>{html.escape(t)}</h2>" if k == "subhead" else f"<p>{html.escape(t)}</p>" for k, t in blocks)


def _as_ninjs1(blocks: list[tuple[str, str]], rng: random.Random, n: int) -> bytes:
    doc = {
        "uri": f"urn:newsml:example-wire.test:20250704:B{n:06d}:2",
        "version": "2",
        "versioncreated": "2025-07-04T09:41:00+03:00",
        "firstcreated": "2025-07-04T06:05:00Z",
        "pubstatus": "usable",
        "language": "en",
        "headline": _headline(rng),
        "byline": "Jane Doe",
        "subject": [{"code": "medtop:11000000", "name": "politics"}],
        "body_text": "\n\n".join(text for _, text in blocks),
    }
    return orjson.dumps(doc)


def _as_ninjs2(blocks: list[tuple[str, str]], rng: random.Random, n: int) -> bytes:
    doc = {
        "uri": f"urn:newsml:example-wire.test:20250704:C{n:06d}",
        "version": "1",
        "versioncreated": "2025-07-04T16:02:28+02:00",
        "pubstatus": "usable",
        "language": "en",
        "headlines": [{"role": "main", "value": _headline(rng)}],
        "by": "Jane Doe",
        "bodies": [{"role": "html", "contenttype": "text/html",
                    "value": _as_html_fragment(blocks)}],
    }  # fmt: skip
    return orjson.dumps(doc)


def _as_ninjs3(blocks: list[tuple[str, str]], rng: random.Random, n: int) -> bytes:
    doc = {
        "uri": f"http://example-wire.test/items/D{n:06d}/v3",
        "version": "3",
        "versionCreated": "2025-07-04T11:20:00+02:00",
        "firstCreated": "2025-07-04T08:00:00+02:00",
        "pubStatus": "usable",
        "language": "en",
        "headlines": [{"role": "main", "value": _headline(rng)}],
        "bodies": [{"role": "richtext", "contentType": "application/xhtml+xml",
                    "value": _as_html_fragment(blocks)}],
    }  # fmt: skip
    return orjson.dumps(doc)


def _as_newsml(blocks: list[tuple[str, str]], rng: random.Random, n: int) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" '
        f'guid="urn:newsml:example-wire.test:20250704:E{n:06d}" version="1" standard="NewsML-G2">'
        '<itemMeta><itemClass qcode="ninat:text"/><versionCreated>2025-07-04T12:30:00+02:00'
        '</versionCreated><pubStatus qcode="stat:usable"/></itemMeta>'
        f"<contentMeta><headline>{html.escape(_headline(rng))}</headline>"
        '<language tag="en"/></contentMeta><contentSet>'
        '<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml">'
        f"<body>{_as_html_fragment(blocks)}</body></html></inlineXML></contentSet></newsItem>"
    ).encode()


def _as_json(blocks: list[tuple[str, str]], rng: random.Random, n: int) -> bytes:
    doc = {
        "id": f"cms-{n:08d}",
        "title": _headline(rng),
        "body": "\n\n".join(text for _, text in blocks),
        "published": "2025-07-04 14:05:00",
        "lang": "en",
        "tags": ["politics", "economy"],
    }
    return orjson.dumps(doc)


def _as_html(blocks: list[tuple[str, str]], rng: random.Random, n: int) -> bytes:
    title = html.escape(_headline(rng))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<title>{title} | Example</title><meta property="og:title" content="{title}">'
        '<meta property="article:published_time" content="2025-07-04T08:15:00Z">'
        "<script>var t = 1;</script><style>p{}</style></head><body><nav>Home | World</nav>"
        f"<article><h1>{title}</h1>{_as_html_fragment(blocks)}</article>"
        "<footer>© Example</footer></body></html>"
    ).encode()


Builder = Callable[[list[tuple[str, str]], random.Random, int], bytes]
FORMATS: dict[str, Builder] = {
    "text": _as_text,
    "ninjs1": _as_ninjs1,
    "ninjs2": _as_ninjs2,
    "ninjs3": _as_ninjs3,
    "newsml": _as_newsml,
    "json": _as_json,
    "html": _as_html,
}


def _corpus(fmt: str, size: int, count: int, langs: tuple[str, ...] = ("en",)) -> list[bytes]:
    rng = random.Random(f"{fmt}-{size}-{langs}")
    out = []
    for n in range(count):
        lang = langs[n % len(langs)]
        out.append(FORMATS[fmt](_paragraphs(rng, size, lang), rng, n))
    return out


def _raw(data: bytes) -> RawInput:
    prov = Provenance(topic="bench", partition=-1, offset=0, received_at=datetime.now(UTC))
    return RawInput(value=data, provenance=prov)


def _measure(raws: list[RawInput], settings: NormaliseSettings, rounds: int) -> dict[str, float]:
    """Per-core numbers from *CPU time of this thread* (``time.thread_time_ns``), so that other
    processes competing for the cores (this runs on shared machines) do not count against us;
    wall-clock numbers are recorded next to them.

    Throughput (``articles_per_s``) is that of the fastest of ``rounds`` rounds timed as a whole:
    reading the thread CPU clock is a system call (~1 µs here, ~1 % of a 2 KB article), so the
    throughput rounds read it twice per round, not twice per article. Latency percentiles and
    ``min_articles_per_s`` come from ``rounds`` further rounds timed article by article
    (``timed_articles_per_s`` is the fastest of those, clock reads included: the figure earlier
    versions of this benchmark reported as throughput).

    ``min_articles_per_s`` uses each article's fastest round: on a busy shared box even thread CPU
    time is inflated by neighbours (cache and memory-bandwidth contention, preemption inside a
    call), and per-article minima filter most of that out. Compare versions with it, side by side
    in one run; quote the fastest-round figure as the throughput."""
    for raw in raws[: min(50, len(raws))]:  # warm-up (regex caches, detector already built)
        normalise(raw, settings)
    cpu_clock, wall_clock = time.thread_time_ns, time.perf_counter_ns
    cpu_rounds: list[float] = []
    wall_rounds: list[float] = []
    for _ in range(rounds):
        c_start, w_start = cpu_clock(), wall_clock()
        for raw in raws:
            normalise(raw, settings)
        cpu_rounds.append((cpu_clock() - c_start) / 1e9)
        wall_rounds.append((wall_clock() - w_start) / 1e9)
    cpu: list[int] = []
    wall: list[int] = []
    timed_rounds: list[float] = []
    best = [1 << 62] * len(raws)
    for _ in range(rounds):
        c_start = cpu_clock()
        for index, raw in enumerate(raws):
            c0, w0 = cpu_clock(), wall_clock()
            normalise(raw, settings)
            spent = cpu_clock() - c0
            cpu.append(spent)
            wall.append(wall_clock() - w0)
            best[index] = min(best[index], spent)
        timed_rounds.append((cpu_clock() - c_start) / 1e9)
    cpu.sort()
    wall.sort()

    def pct(values: list[int], q: float) -> float:
        return values[min(len(values) - 1, int(len(values) * q))] / 1000

    return {
        "articles": len(cpu),
        "articles_per_s": len(raws) / min(cpu_rounds),
        "min_articles_per_s": len(raws) / (sum(best) / 1e9),
        "timed_articles_per_s": len(raws) / min(timed_rounds),
        "p50_us": pct(cpu, 0.50),
        "p99_us": pct(cpu, 0.99),
        "max_us": cpu[-1] / 1000,
        "wall_articles_per_s": len(raws) / min(wall_rounds),
        "wall_p50_us": pct(wall, 0.50),
        "wall_p99_us": pct(wall, 0.99),
    }


def _catalogue_max(settings: NormaliseSettings) -> dict[str, object]:
    """Each catalogue case once (after one warm-up pass): slowest by CPU time of this thread, with
    wall time next to it (wall is what the 100 ms budget is about, CPU is what survives a busy box)."""
    path = ROOT / "tests" / "normalise" / "bad_inputs.py"
    spec = importlib.util.spec_from_file_location("bad_inputs", path)
    if spec is None or spec.loader is None:
        return {}
    module = importlib.util.module_from_spec(spec)
    sys.modules["bad_inputs"] = module
    spec.loader.exec_module(module)
    raws = [(case.name, _raw(case.data)) for case in module.CATALOGUE]
    for _, raw in raws:  # warm-up: first-use costs (lazy builds, regex caches) are not the case's
        with contextlib.suppress(Rejection):
            normalise(raw, settings)
    timings = []
    for name, raw in raws:
        c0, w0 = time.thread_time(), time.perf_counter()
        with contextlib.suppress(Rejection):
            normalise(raw, settings)
        timings.append((time.thread_time() - c0, time.perf_counter() - w0, name))
    timings.sort(reverse=True)
    return {
        "cases": len(timings),
        "max_cpu_ms": round(timings[0][0] * 1000, 2),
        "max_wall_ms": round(max(t[1] for t in timings) * 1000, 2),
        "slowest": [
            {"name": n, "cpu_ms": round(c * 1000, 2), "wall_ms": round(w * 1000, 2)} for c, w, n in timings[:5]
        ],
    }


# --- language accuracy (--language) ---------------------------------------------------------------
# Short news sentences written for this benchmark (not agency copy), one language per key.
_LANGUAGE_SAMPLES = {
    "en": [
        "The central bank left its main rate unchanged on Thursday and said inflation was easing faster than expected.",
        "Firefighters battled a blaze near the port for six hours before it was brought under control, officials said.",
        "Shares in the carmaker fell sharply after it cut its annual forecast, blaming weak demand in China.",
        "Voters in the northern province go to the polls on Sunday in an election seen as a test for the government.",
        "Police arrested three men after a bank van was robbed on a motorway outside the city early on Monday.",
        "Heavy rain has flooded dozens of villages and forced thousands of people from their homes.",
    ],
    "es": [
        "El banco central mantuvo sin cambios los tipos de interés y advirtió de que la inflación sigue siendo alta.",
        "Los bomberos lograron controlar el incendio forestal tras dos días de trabajo, según informaron "
        "las autoridades.",
        "La policía detuvo a tres personas por su presunta relación con el robo de un furgón blindado.",
        "Miles de personas se manifestaron este domingo en el centro de la capital para pedir viviendas más baratas.",
        "El Gobierno aprobará la próxima semana una reforma de las pensiones que ya ha provocado críticas "
        "de los sindicatos.",
        "Las lluvias torrenciales han dejado sin electricidad a cientos de hogares en la costa.",
    ],
    "de": [
        "Die Zentralbank hat den Leitzins unverändert gelassen und vor weiter steigenden Preisen gewarnt.",
        "Nach dem schweren Unwetter sind in mehreren Gemeinden noch immer Tausende Haushalte ohne Strom.",
        "Die Polizei hat drei Verdächtige festgenommen, die einen Geldtransporter überfallen haben sollen.",
        "Der Autobauer senkte seine Prognose für das laufende Jahr, weil die Nachfrage in China schwächelt.",
        "Am Sonntag wählen die Bürger im Norden des Landes ein neues Parlament.",
        "Die Gewerkschaft kündigte weitere Streiks an, falls die Arbeitgeber kein besseres Angebot vorlegen.",
    ],
    "fr": [
        "La banque centrale a maintenu ses taux inchangés jeudi, estimant que l'inflation ralentissait plus "
        "vite que prévu.",
        "Les pompiers ont mis six heures à maîtriser l'incendie qui s'était déclaré près du port, selon la préfecture.",
        "Trois hommes ont été interpellés lundi après l'attaque d'un fourgon blindé sur l'autoroute.",
        "Des milliers de personnes ont manifesté dimanche dans la capitale contre la hausse des loyers.",
        "Le gouvernement présentera la semaine prochaine une réforme des retraites déjà contestée par les syndicats.",
        "De violents orages ont privé d'électricité des centaines de foyers sur le littoral.",
    ],
    "it": [
        "La banca centrale ha lasciato invariati i tassi e ha avvertito che l'inflazione resta elevata.",
        "I vigili del fuoco hanno spento l'incendio dopo sei ore di lavoro, secondo quanto riferito dalla prefettura.",
        "La polizia ha arrestato tre uomini accusati di aver assaltato un furgone portavalori in autostrada.",
        "Migliaia di persone sono scese in piazza domenica nella capitale contro il caro affitti.",
        "Il governo presenterà la prossima settimana una riforma delle pensioni già criticata dai sindacati.",
        "Le piogge torrenziali hanno lasciato senza corrente centinaia di famiglie lungo la costa.",
    ],
    "pt": [
        "O banco central manteve as taxas de juro inalteradas e alertou que a inflação continua elevada.",
        "Os bombeiros levaram seis horas a dominar o incêndio que deflagrou perto do porto, segundo a proteção civil.",
        "A polícia deteve três homens suspeitos de assaltar uma carrinha de valores na autoestrada.",
        "Milhares de pessoas manifestaram-se no domingo na capital contra o aumento das rendas.",
        "O governo vai apresentar na próxima semana uma reforma das pensões já criticada pelos sindicatos.",
        "As chuvas fortes deixaram centenas de casas sem eletricidade no litoral.",
    ],
    "nl": [
        "De centrale bank heeft de rente ongewijzigd gelaten en waarschuwt dat de inflatie hoog blijft.",
        "De brandweer had zes uur nodig om de brand bij de haven onder controle te krijgen.",
        "De politie heeft drie mannen aangehouden na een overval op een waardetransport.",
        "Duizenden mensen demonstreerden zondag in de hoofdstad tegen de stijgende huren.",
        "Het kabinet presenteert volgende week een hervorming van de pensioenen.",
        "Door de zware regenval zitten honderden huishoudens aan de kust zonder stroom.",
    ],
    "pl": [
        "Bank centralny pozostawił stopy procentowe bez zmian i ostrzegł, że inflacja nadal jest wysoka.",
        "Strażacy przez sześć godzin walczyli z pożarem w pobliżu portu, poinformowały władze.",
        "Policja zatrzymała trzech mężczyzn podejrzanych o napad na konwój z pieniędzmi.",
        "Tysiące ludzi protestowały w niedzielę w stolicy przeciwko rosnącym czynszom.",
        "Rząd przedstawi w przyszłym tygodniu reformę emerytalną, którą krytykują związki zawodowe.",
        "Ulewne deszcze pozbawiły prądu setki domów na wybrzeżu.",
    ],
    "tr": [
        "Merkez bankası faiz oranlarını sabit tuttu ve enflasyonun yüksek seyretmeye devam ettiği uyarısında bulundu.",
        "İtfaiye ekipleri limana yakın bölgede çıkan yangını altı saatte kontrol altına aldı.",
        "Polis, otoyolda bir para nakil aracını soyduğu iddia edilen üç kişiyi gözaltına aldı.",
        "Binlerce kişi pazar günü başkentte artan kiraları protesto etti.",
        "Hükümet gelecek hafta sendikaların eleştirdiği emeklilik reformunu açıklayacak.",
        "Şiddetli yağışlar kıyıdaki yüzlerce evi elektriksiz bıraktı.",
    ],
    "ru": [
        "Центральный банк сохранил ключевую ставку без изменений и предупредил о высокой инфляции.",
        "Пожарные шесть часов тушили пожар вблизи порта, сообщили власти.",
        "Полиция задержала трёх мужчин по подозрению в нападении на инкассаторскую машину.",
        "Тысячи людей вышли в воскресенье на улицы столицы в знак протеста против роста арендной платы.",
    ],
    "uk": [
        "Національний банк залишив облікову ставку без змін і попередив про високу інфляцію.",
        "Рятувальники шість годин гасили пожежу поблизу порту, повідомили у міській раді.",
        "Поліція затримала трьох чоловіків, яких підозрюють у нападі на інкасаторів.",
        "Тисячі людей вийшли в неділю на вулиці столиці через зростання орендної плати.",
    ],
    "ar": [
        "أبقى البنك المركزي أسعار الفائدة دون تغيير وحذر من أن التضخم لا يزال مرتفعا.",
        "قال مسؤولون إن رجال الإطفاء سيطروا على الحريق بالقرب من الميناء بعد ست ساعات.",
        "تظاهر آلاف الأشخاص يوم الأحد في العاصمة احتجاجا على ارتفاع الإيجارات.",
    ],
}
_PEER_GOLD = ROOT.parent / "shared" / "eval" / "peer-gold"


def _language_sets(settings: NormaliseSettings) -> dict[str, list[tuple[str, str, str | None, str]]]:
    """(headline, body, declared, expected) per labelled set. Peer-gold sentences (English news,
    read in place, never copied) when that folder exists beside the repo."""
    own = [(text, lang) for lang, texts in _LANGUAGE_SAMPLES.items() for text in texts]
    sets: dict[str, list[tuple[str, str, str | None, str]]] = {
        "sentences, undeclared": [("", t, None, lang) for t, lang in own],
        "sentences, declared": [("", t, lang, lang) for t, lang in own],
        "sentences, declared wrong": [("", t, "fr" if lang == "en" else "en", lang) for t, lang in own],
    }
    gold: list[str] = []
    for name in ("gold_events.jsonl", "cameo_manual_event_only.jsonl"):
        path = _PEER_GOLD / name
        if path.exists():
            gold += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    if gold:
        sets["peer-gold en sentences, undeclared"] = [("", t, None, "en") for t in gold]
        sets["peer-gold en sentences, declared"] = [("", t, "en", "en") for t in gold]
    fixtures = []
    for path in sorted((ROOT / "tests" / "normalise" / "fixtures").iterdir()):
        article = normalise(_raw(path.read_bytes()), settings)  # names end in _<lang>
        fixtures.append((article.headline, article.body, article.declared_language, path.stem.split("_")[1]))
    sets["test fixtures (all formats)"] = fixtures
    langs = ("en", "es", "de", "fr", "it", "pt", "ar")
    arts = [normalise(_raw(d), settings) for d in _corpus("text", 2_000, 280, langs)]
    sets["2 KB bench articles, 7 languages"] = [(a.headline, a.body, None, langs[i % 7]) for i, a in enumerate(arts)]
    return sets


def _language_accuracy(settings: NormaliseSettings) -> dict[str, object]:
    """Accuracy of ``detect_language`` against known labels, CPU µs per call, and how often the
    (expensive) lingua fallback ran, per set."""
    from wirestream.normalise import language

    real = language.detector()
    calls = 0

    class _Counting:
        def detect_language_of(self, text: str) -> object:
            nonlocal calls
            calls += 1
            return real.detect_language_of(text)

    rows = []
    original = language.detector
    language.detector = lambda: _Counting()  # type: ignore[assignment]
    sets = _language_sets(settings)
    for _, body, _, _ in sets["sentences, undeclared"]:  # lingua loads its models lazily: warm up
        real.detect_language_of(body)
    try:
        for name, cases in sets.items():
            calls = 0
            c0 = time.thread_time()
            got = [language.detect_language(h, b, d) for h, b, d, _ in cases]
            cpu = time.thread_time() - c0
            right = sum(g == want for g, (*_, want) in zip(got, cases, strict=True))
            rows.append({"set": name, "n": len(cases), "correct": right, "lingua_calls": calls,
                         "cpu_us_per_call": round(cpu / len(cases) * 1e6, 1)})  # fmt: skip
    finally:
        language.detector = original
    print(f"{'language set':<38}{'correct':>12}{'lingua calls':>14}{'CPU µs/call':>13}")
    for row in rows:
        print(f"{row['set']:<38}{row['correct']:>7}/{row['n']:<4}{row['lingua_calls']:>14}{row['cpu_us_per_call']:>13}")
    return {"sets": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 articles per row (20 at 20 KB), three rounds")
    parser.add_argument("--language", action="store_true", help="only the language-detection accuracy sets")
    parser.add_argument(
        "--malloc-tuned", action="store_true", help="glibc mmap/trim thresholds raised first (see tune_glibc_malloc)"
    )
    args = parser.parse_args(argv)
    malloc_tuned = tune_glibc_malloc() if args.malloc_tuned else False  # wirestream.runtime
    settings = NormaliseSettings()
    if args.language:
        detector()
        result = _language_accuracy(settings)
        out = RESULTS.with_name("normalise_language.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
        return 0
    count, rounds = (100, 3) if args.quick else (400, 5)
    t0 = time.perf_counter()
    detector()
    build_s = time.perf_counter() - t0

    cases: list[tuple[str, int, tuple[str, ...]]] = [
        (fmt, size, ("en",)) for fmt in FORMATS for size in (2_000, 20_000)
    ]
    cases.append(("text", 2_000, ("en", "es", "de", "fr", "it", "pt", "ar")))
    rows = []
    print(
        f"{'format':<16}{'size':>8}{'bytes':>9}{'articles/s/core':>17}{'(per-article min)':>19}{'p50 µs':>10}"
        f"{'p99 µs':>10}{'wall p99 µs':>13}"
    )
    for fmt, size, langs in cases:
        corpus = _corpus(fmt, size, count if size < 10_000 else max(20, count // 5), langs)
        raws = [_raw(data) for data in corpus]
        stats = _measure(raws, settings, rounds)
        label = fmt if langs == ("en",) else f"{fmt}-multilang"
        mean_bytes = statistics.fmean(len(d) for d in corpus)
        row = {"format": label, "size": size, "mean_bytes": round(mean_bytes)}
        row.update({k: round(v, 1) for k, v in stats.items()})
        rows.append(row)
        print(
            f"{label:<16}{size:>8}{mean_bytes:>9.0f}{stats['articles_per_s']:>17,.0f}"
            f"{stats['min_articles_per_s']:>19,.0f}{stats['p50_us']:>10.0f}{stats['p99_us']:>10.0f}{stats['wall_p99_us']:>13.0f}"
        )
    catalogue = _catalogue_max(settings)
    if catalogue:
        print(
            f"bad-input catalogue: {catalogue['cases']} cases, slowest {catalogue['max_cpu_ms']} ms CPU"
            f" (max wall {catalogue['max_wall_ms']} ms, load average {os.getloadavg()[0]:.1f})"
        )
        slowest: list[dict[str, object]] = catalogue["slowest"]  # type: ignore[assignment]
        for item in slowest:
            print(f"  {item['name']}: {item['cpu_ms']} ms CPU, {item['wall_ms']} ms wall")
    result = {
        "benchmark": "normalise",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "malloc_tuned": malloc_tuned,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "detector_build_s": round(build_s, 3),
        "load_average": list(os.getloadavg()),
        "cpu_count": os.cpu_count(),
        "rows": rows,
        "bad_input_catalogue": catalogue,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"malloc tuned: {malloc_tuned}; load average {os.getloadavg()[0]:.1f}")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
