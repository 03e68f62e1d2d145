"""One realistic fixture per format and language; each assertion pins a documented behaviour."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from wirestream.errors import Rejection
from wirestream.models import Article, PubStatus, SourceFormat

from .conftest import Run

pytestmark = pytest.mark.filterwarnings("error")


def check_invariants(article: Article) -> None:
    assert article.body == "\n\n".join(b.text for b in article.blocks)
    for block in article.blocks:
        assert article.body[block.start : block.end] == block.text
        assert block.text == block.text.strip() and "\n" not in block.text
    Article.model_validate(article.model_dump())


def test_ninjs_1x_english(run: Run, fixture_bytes: Callable[[str], bytes]) -> None:
    a = run(fixture_bytes("ninjs1_en.json"))
    check_invariants(a)
    assert a.source_format is SourceFormat.NINJS
    assert a.article_id == "urn:newsml:example-wire.test:20250704:KYV0417:3"
    assert a.story_id == "urn:newsml:example-wire.test:20250704:KYV0417"
    assert a.version == 3
    assert a.headline == "Kyiv reopens river port after overnight drone attack"
    assert a.byline == "Olena Marchuk"
    assert a.dateline is not None and a.dateline.text == "KYIV (Reuters)"
    assert (a.dateline.place, a.dateline.agency) == ("KYIV", "Reuters")
    assert a.paragraphs[0].startswith("Kyiv's river port on the Dnipro reopened on Friday")
    # hard line wraps inside the first paragraph are joined
    assert "said, hours after drones damaged two grain warehouses and a loading crane" in a.body
    assert a.subheads == ["Damage"]
    assert a.boilerplate == [
        "(c) 2025 Example Wire. All rights reserved.",
        "Reporting by Olena Marchuk; Editing by Tom Pryor",
        "Sign up for our Ukraine briefing newsletter.",
    ]
    assert "Reporting by" not in a.body and "Sign up" not in a.body
    assert a.published == datetime(2025, 7, 4, 6, 5, tzinfo=UTC)
    assert a.version_created == datetime(2025, 7, 4, 6, 41, tzinfo=UTC)  # +03:00 -> UTC
    assert (a.language, a.declared_language) == ("en", "en-GB")
    assert {s.name for s in a.subjects} >= {"shipping", "Vitali Klitschko"}
    assert a.pubstatus is PubStatus.USABLE


def test_ninjs_2x_german_html_body(run: Run, fixture_bytes: Callable[[str], bytes]) -> None:
    a = run(fixture_bytes("ninjs2_de.json"))
    check_invariants(a)
    assert a.headline == "Bahnstreik legt Fernverkehr im Süden lahm"
    assert a.subheadline == "Pendler müssen auf Busse ausweichen"
    assert a.byline == "Von Jana Becker, dpa"
    assert a.dateline is not None and (a.dateline.place, a.dateline.agency) == ("BERLIN", "dpa")
    assert a.paragraphs[0].startswith("Ein Streik der Lokführer")
    assert "«Wir haben keine andere Wahl»" in a.body  # guillemets kept
    assert a.subheads == ["Verhandlungen"]
    assert a.boilerplate == ["© dpa-infocom GmbH. Alle Rechte vorbehalten."]
    assert "ignored plain copy" not in a.body  # HTML body preferred over text/plain
    assert a.language == "de"
    assert a.story_id == a.article_id  # no visible version suffix


def test_ninjs_3x_french_camelcase(run: Run, fixture_bytes: Callable[[str], bytes]) -> None:
    a = run(fixture_bytes("ninjs3_fr.json"))
    check_invariants(a)
    assert a.version == 4
    assert a.story_id == "http://example-agence.test/depeches/2025/07/04/vignobles-grele"
    assert a.headline == "La grêle ravage des vignobles en Bourgogne"
    assert a.dateline is not None and (a.dateline.place, a.dateline.agency) == ("PARIS", "AFP")
    assert a.paragraphs[1].startswith("« C’est une catastrophe")  # NBSP -> space, ’ kept
    assert a.subheads == ["Aides de l’État"]
    assert a.published == datetime(2025, 7, 4, 6, 0, tzinfo=UTC)
    assert a.updated == datetime(2025, 7, 4, 9, 20, tzinfo=UTC)
    assert a.language == "fr"


def test_newsml_spanish_inline_xhtml(run: Run, fixture_bytes: Callable[[str], bytes]) -> None:
    a = run(fixture_bytes("newsml_es.xml"))
    check_invariants(a)
    assert a.source_format is SourceFormat.NEWSML
    assert a.article_id == "urn:newsml:agencia-ejemplo.test:20250704:ES1234"
    assert a.version == 1
    assert a.headline == "El Gobierno aprueba el plan de vivienda para jóvenes"
    assert a.subheadline == "La medida incluye avales públicos para la primera compra"
    assert a.byline == "Por Lucía Romero"
    d = a.dateline
    assert d is not None and d.text == "MADRID, 4 jul (EFE)"
    assert (d.place, d.agency, d.date_text) == ("MADRID", "EFE", "4 jul")
    assert a.paragraphs[0].startswith("El Consejo de Ministros aprobó")
    assert a.subheads == ["Críticas de la oposición"]
    assert a.boilerplate == ["© 2025 Agencia Ejemplo. Todos los derechos reservados."]
    assert a.subjects[0].code == "medtop:11000000"
    assert (a.language, a.declared_language) == ("es", "es")
    assert a.published == datetime(2025, 7, 4, 10, 0, tzinfo=UTC)


def test_newsml_message_kill_notice(run: Run, fixture_bytes: Callable[[str], bytes]) -> None:
    a = run(fixture_bytes("newsml_en_message.xml"))
    check_invariants(a)
    assert a.pubstatus is PubStatus.CANCELED
    assert a.article_id == "tag:example-wire.test,2025:LDN7731"
    assert a.version == 2
    assert a.dateline is not None and a.dateline.place == "LONDON"
    assert a.language == "en"


def test_plain_json_italian(run: Run, fixture_bytes: Callable[[str], bytes]) -> None:
    a = run(fixture_bytes("json_it.json"))
    check_invariants(a)
    assert a.source_format is SourceFormat.JSON
    assert a.article_id == a.story_id == "ansa-esempio-2025-07-04-0042"
    assert a.headline == "Caldo record, allerta in 18 città"
    assert a.subheadline == "Bollino rosso da Bolzano a Palermo"
    assert a.dateline is not None and (a.dateline.place, a.dateline.date_text) == ("ROMA", "4 lug")
    assert a.boilerplate == ["RIPRODUZIONE RISERVATA © Copyright ANSA"]
    assert a.published == datetime(2025, 7, 4, 14, 5, tzinfo=UTC)  # naive -> source tz (UTC)
    assert a.language == "it"
    assert [s.name for s in a.subjects] == ["meteo", "salute"]


def test_plain_json_portuguese(run: Run, fixture_bytes: Callable[[str], bytes]) -> None:
    a = run(fixture_bytes("json_pt.json"))
    check_invariants(a)
    assert a.article_id.startswith("https://noticias-exemplo.test/")
    d = a.dateline
    assert d is not None and (d.place, d.agency, d.date_text) == ("Lisboa", "Lusa", "04 jul 2025")
    assert a.paragraphs[0].startswith("A taxa de inflação homóloga abrandou")
    assert a.published == datetime(2025, 7, 4, 10, 0, tzinfo=UTC)
    assert a.updated == datetime(2025, 7, 4, 11, 15, tzinfo=UTC)
    assert (a.language, a.declared_language) == ("pt", "pt-PT")


def test_whole_html_document(run: Run, fixture_bytes: Callable[[str], bytes]) -> None:
    a = run(fixture_bytes("html_en.html"))
    check_invariants(a)
    assert a.source_format is SourceFormat.HTML
    assert a.headline == "Heatwave grips southern Europe as wildfires spread"
    assert a.byline == "Maria Costa"
    d = a.dateline
    assert d is not None and (d.place, d.agency, d.date_text) == ("LONDON", "AP", "July 4")
    assert a.paragraphs[0].startswith("A heatwave tightened its grip")
    assert "Spain & temperatures topping 44°C" in a.body  # entities decoded
    assert "“We have never seen it this early in the summer,”" in a.body
    assert a.subheads == ["Evacuations", "Tourists warned"]
    # a single <br> is a hard wrap inside the paragraph
    assert "near the coast overnight, officials said, as shifting winds" in a.body
    for dropped in ("tracking", "Home", "Related: How to stay safe", "© Example News"):
        assert dropped not in a.body
    assert a.boilerplate == ["Copyright 2025 The Example Press. All rights reserved."]
    assert a.published == datetime(2025, 7, 4, 8, 15, tzinfo=UTC)
    assert a.article_id == "https://news-example.test/world/heatwave-europe-2025-07-04"
    assert a.language == "en"


def test_plain_text_arabic_rtl(run: Run, fixture_bytes: Callable[[str], bytes]) -> None:
    a = run(fixture_bytes("text_ar.txt"))
    check_invariants(a)
    assert a.language == "ar"
    assert a.published == datetime(2025, 7, 4, tzinfo=UTC)
    d = a.dateline
    assert d is not None and (d.place, d.agency) == ("دبي", "رويترز")
    assert "\u202e" not in a.body and "\u202c" not in a.body
    assert "مما يرفع القدرة" in a.body
    assert a.paragraphs[2] == "وقال مسؤول في الوزارة: «نحن ملتزمون بأهدافنا المناخية»."
    assert a.article_id.startswith("sha:") and a.article_id == f"sha:{a.content_hash}"


def test_plain_text_wrapped_with_headline_and_byline(run: Run, fixture_bytes: Callable[[str], bytes]) -> None:
    a = run(fixture_bytes("text_en_wrapped.txt"))
    check_invariants(a)
    assert a.headline == "Ferry strike halts Channel crossings"
    assert a.byline == "By Daniel Hughes"
    d = a.dateline
    assert d is not None and d.text == "DOVER, England, July 4 (Example Wire)"
    assert (d.place, d.date_text) == ("DOVER, England", "July 4")
    assert a.paragraphs[0] == (
        "Ferry crews walked out on Friday in a dispute over rosters, halting crossings between "
        "Dover and Calais at the start of the summer holidays."
    )
    assert a.subheads == ["Talks"]
    assert a.boilerplate == ["(c) 2025 Example Wire. All rights reserved."]


@pytest.mark.parametrize(
    ("lede", "text", "place", "agency", "date_text"),
    [
        ("KYIV (Reuters) - Strikes hit.", "KYIV (Reuters)", "KYIV", "Reuters", None),
        ("LONDON, July 4 (AP) — Rain fell.", "LONDON, July 4 (AP)", "LONDON", "AP", "July 4"),
        ("PARIS (AFP) - Il pleut.", "PARIS (AFP)", "PARIS", "AFP", None),
        ("MADRID, 4 jul (EFE) - Llueve.", "MADRID, 4 jul (EFE)", "MADRID", "EFE", "4 jul"),
        ("BERLIN (dpa) - Es regnet.", "BERLIN (dpa)", "BERLIN", "dpa", None),
        ("ROMA, 4 LUG - Piove.", "ROMA, 4 LUG", "ROMA", None, "4 LUG"),
        ("(Reuters) - Apple said.", "(Reuters)", None, "Reuters", None),
        ("SÃO PAULO (Reuters) -- Chove.", "SÃO PAULO (Reuters)", "SÃO PAULO", "Reuters", None),
        ("القاهرة (رويترز) - قال.", "القاهرة (رويترز)", "القاهرة", "رويترز", None),
        # bare newspaper-style datelines: no agency, no date
        ("WASHINGTON — The vote passed.", "WASHINGTON", "WASHINGTON", None, None),
        ("WASHINGTON: The vote passed.", "WASHINGTON", "WASHINGTON", None, None),
        ("NEW DELHI: India said.", "NEW DELHI", "NEW DELHI", None, None),
        ("WASHINGTON, D.C. — The vote.", "WASHINGTON, D.C.", "WASHINGTON, D.C.", None, None),
        ("LONDON — “We will,” he said.", "LONDON", "LONDON", None, None),
        ("KIEV — The city was quiet.", "KIEV", "KIEV", None, None),  # gazetteer: alternate names too
        ("SAO PAULO — Prices rose.", "SAO PAULO", "SAO PAULO", None, None),  # accents folded
        ("ST. LOUIS — The river rose.", "ST. LOUIS", "ST. LOUIS", None, None),
        # agency house styles in es/it/fr/de/pt, and right-to-left marks around an Arabic one
        ("MADRID, 4 jul (EFE).- El Gobierno aprobó.", "MADRID, 4 jul (EFE)", "MADRID", "EFE", "4 jul"),
        ("(ANSA) - ROMA, 4 LUG - Il governo.", "(ANSA) - ROMA, 4 LUG", "ROMA", "ANSA", "4 LUG"),
        ("Paris, 4 juil 2025 (AFP) - Le gouvernement.", "Paris, 4 juil 2025 (AFP)", "Paris", "AFP", "4 juil 2025"),
        ("Berlin (dpa) - Die Regierung.", "Berlin (dpa)", "Berlin", "dpa", None),
        ("Lisboa, 04 jul 2025 (Lusa) - A taxa.", "Lisboa, 04 jul 2025 (Lusa)", "Lisboa", "Lusa", "04 jul 2025"),
        ("\u200fدبي (رويترز)\u200f - قال مسؤولون.", "دبي (رويترز)", "دبي", "رويترز", None),
    ],
)
def test_dateline_shapes(
    run: Run, lede: str, text: str, place: str | None, agency: str | None, date_text: str | None
) -> None:
    a = run(f"Headline here\n\n{lede} More text follows here.\n")
    assert a.dateline is not None
    assert (a.dateline.text, a.dateline.place, a.dateline.agency) == (text, place, agency)
    assert a.dateline.date_text == date_text
    assert not a.body.startswith(text)


@pytest.mark.parametrize(
    "lede",
    [
        "NATO - the alliance - met on Friday.",  # caps word + dash but no agency/date
        "NATO — The alliance met on Friday.",  # an acronym, not a place, before a sentence
        "OPEC: The cartel kept output unchanged.",
        "NASA — The agency delayed the launch.",
        "FIFA — The body fined the club.",
        "The minister (Labour) - who resigned - spoke.",
        "Prices rose 3% - the fastest pace in a year.",
        "WASHINGTON — the capital braced for storms.",  # bare place: a sentence must follow
        "UPDATE: The central bank cut rates.",  # wire slugs are not places
        "BREAKING NEWS: Markets fell.",
        "COVID-19 — The virus spread.",
        "EU: Leaders met.",
    ],
)
def test_not_a_dateline(run: Run, lede: str) -> None:
    a = run(f"Headline here\n\n{lede}\n")
    assert a.dateline is None
    assert a.paragraphs[0] == lede


def test_content_type_forces_format(run: Run) -> None:
    a = run(b"<p>Tags are text here.</p>", content_type="text/plain; charset=utf-8")
    assert a.source_format is SourceFormat.TEXT
    assert "<p>" in a.body


def test_forced_format_setting(run: Run) -> None:
    from wirestream.settings import NormaliseSettings

    a = run(b'{"headline": "x"}', settings=NormaliseSettings(forced_format="text"))
    assert a.source_format is SourceFormat.TEXT


def test_identical_text_gets_identical_sha_id(run: Run) -> None:
    first = run("Headline one\n\nSome body text for the story.\n")
    again = run("Headline one\r\n\r\nSome   body text for the story.  \r\n")
    assert first.article_id == again.article_id == f"sha:{first.content_hash}"


def test_h1_repeating_the_headline_is_dropped(run: Run) -> None:
    a = run(
        b'{"uri": "u1", "versioncreated": "2025-07-04T10:00:00Z", "headline": "Big news", '
        b'"body_html": "<h1>Big news</h1><p>First paragraph.</p><h1>Other</h1><p>More.</p>"}'
    )
    assert a.subheads == ["Other"]
    assert a.paragraphs == ["First paragraph.", "More."]


@pytest.mark.parametrize(
    ("text", "lang", "place", "agency", "quote", "subhead"),
    [
        (
            "Sequía en Andalucía\n\nSEVILLA, 4 jul (EFE) - La Junta declaró este viernes la "
            "emergencia hídrica en tres provincias, según informó el Gobierno regional.\n\n"
            "«No hay agua para todos», dijo el consejero, que pidió calma a los agricultores.\n\n"
            "Restricciones\n\nLos cortes de suministro empezarán el lunes por la noche.\n",
            "es",
            "SEVILLA",
            "EFE",
            "«No hay agua para todos»",
            "Restricciones",
        ),
        (
            "Hitzewelle im Süden\n\nMÜNCHEN (dpa) - Die Hitze hat am Freitag in Bayern neue "
            "Rekordwerte erreicht, wie der Wetterdienst mitteilte.\n\n"
            "„Wir haben so etwas noch nie gemessen“, sagte ein Sprecher des Dienstes.\n\n"
            "Warnungen\n\nDie Behörden riefen dazu auf, viel Wasser zu trinken.\n",
            "de",
            "MÜNCHEN",
            "dpa",
            "„Wir haben so etwas noch nie gemessen“",
            "Warnungen",
        ),
        (
            "Grève à la SNCF\n\nLYON (AFP) - Le trafic ferroviaire était fortement perturbé "
            "vendredi dans le sud-est, selon la direction de la SNCF.\n\n"
            "« Nous ne lâcherons rien », a déclaré un responsable syndical devant la gare.\n\n"
            "Négociations\n\nUne nouvelle réunion est prévue lundi au ministère.\n",
            "fr",
            "LYON",
            "AFP",
            "« Nous ne lâcherons rien »",
            "Négociations",
        ),
        (
            "Sciopero dei treni\n\nMILANO, 4 lug (ANSA) - Lo sciopero dei treni ha causato "
            "ritardi e cancellazioni in tutta la Lombardia, secondo le ferrovie.\n\n"
            "«È una giornata difficile per i pendolari», ha detto l'assessore regionale.\n\n"
            "Le trattative\n\nIl tavolo con i sindacati riprenderà la prossima settimana.\n",
            "it",
            "MILANO",
            "ANSA",
            "«È una giornata difficile per i pendolari»",
            "Le trattative",
        ),
        (
            "Greve nos transportes\n\nPORTO, 04 jul 2025 (Lusa) - A greve dos trabalhadores dos "
            "transportes públicos paralisou hoje a cidade, segundo a empresa.\n\n"
            "“Não tivemos alternativa”, afirmou um dirigente sindical aos jornalistas.\n\n"
            "Serviços mínimos\n\nOs serviços mínimos não foram cumpridos em várias linhas.\n",
            "pt",
            "PORTO",
            "Lusa",
            "“Não tivemos alternativa”",
            "Serviços mínimos",
        ),
        (
            "ارتفاع أسعار الوقود\n\nعمان (رويترز) - قالت الحكومة الأردنية يوم الجمعة إنها سترفع "
            "أسعار الوقود اعتبارا من الشهر المقبل، في خطوة تهدف إلى خفض العجز.\n\n"
            "وقال وزير الطاقة: «لا بديل عن هذا القرار»، مضيفا أن الدعم سيستمر للأسر الفقيرة.\n\n"
            "ردود الفعل\n\nوانتقدت نقابات عمالية القرار ودعت إلى الاحتجاج.\n",
            "ar",
            "عمان",
            "رويترز",
            "«لا بديل عن هذا القرار»",
            "ردود الفعل",
        ),
    ],
    ids=["es", "de", "fr", "it", "pt", "ar"],
)
def test_non_english_plain_text(
    run: Run, text: str, lang: str, place: str, agency: str, quote: str, subhead: str
) -> None:
    a = run(text.encode())
    check_invariants(a)
    assert a.language == lang
    assert a.headline == text.split("\n", 1)[0]
    assert a.dateline is not None and (a.dateline.place, a.dateline.agency) == (place, agency)
    assert quote in a.body
    assert a.subheads == [subhead]
    assert len(a.paragraphs) == 3


def test_ninjs_description_is_the_body_of_a_bodiless_text_item(run: Run) -> None:
    a = run(
        b'{"uri": "u2", "type": "text", "versioncreated": "2025-07-04T10:00:00Z", '
        b'"headlines": [{"value": "FLASH: Rates cut"}], '
        b'"descriptions": [{"role": "summary", "value": "The central bank cut rates by 25bp."}]}'
    )
    assert (a.headline_labels, a.headline) == (["FLASH"], "Rates cut")  # the desk label comes off (session 15)
    assert a.paragraphs == ["The central bank cut rates by 25bp."]
    with pytest.raises(Rejection) as info:
        run(
            b'{"uri": "u3", "type": "picture", "versioncreated": "2025-07-04T10:00:00Z", '
            b'"headline": "Photo", "description_text": "A caption."}'
        )
    assert info.value.reason == "empty_body"
