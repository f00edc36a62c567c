"""The clinicians' review page (issue 5): complete, faithful to the catalog, escaped, and
working in a real browser."""

from __future__ import annotations

import copy
import ctypes.util
import dataclasses
import subprocess
import sys
import threading
import wave
from collections.abc import Iterator
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import textstat  # type: ignore[import-untyped]
from flask.testing import FlaskClient

from angiovoice.app import create_app
from angiovoice.assistant import Assistant
from angiovoice.cli import main
from angiovoice.review import (
    CACHE_DIR_CONFIG,
    TOPIC_PARTS,
    build_review,
    describe_menu_path,
    menu_paths,
    render_html,
    review_locales,
)
from angiovoice.settings import Settings
from intents import catalog as ic
from ivr import menu

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
HAS_ESPEAK = (
    ctypes.util.find_library("espeak-ng") is not None
    or ctypes.util.find_library("espeak") is not None
)
needs_espeak = pytest.mark.skipif(
    not HAS_ESPEAK, reason="espeak-ng is not installed (make test installs it)"
)


# -- reading the HTML back ----------------------------------------------------------------------


class Section:
    def __init__(self, ident: str) -> None:
        self.id = ident
        self.h2 = ""
        self.hrefs: list[str] = []
        self.audio: list[str] = []
        self.text: list[str] = []


class PageReader(HTMLParser):
    """Collects, per <section id>, its heading, links, audio sources and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, Section] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._stack: list[Section | None] = []
        self._in_h2 = False

    @property
    def _current(self) -> Section | None:
        return next((s for s in reversed(self._stack) if s is not None), None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "section":
            ident = attributes.get("id")
            section = Section(ident) if ident else None
            if section:
                self.sections[section.id] = section
            self._stack.append(section)
        current = self._current
        if current is None:
            return
        if tag == "h2":
            self._in_h2 = True
        elif tag == "a" and attributes.get("href"):
            current.hrefs.append(str(attributes["href"]))
        elif tag == "audio" and attributes.get("src"):
            current.audio.append(str(attributes["src"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self._stack:
            self._stack.pop()
        elif tag == "h2":
            self._in_h2 = False

    def handle_data(self, data: str) -> None:
        current = self._current
        if current is None:
            return
        current.text.append(data)
        if self._in_h2:
            current.h2 += data


def read_page(text: str) -> PageReader:
    reader = PageReader()
    reader.feed(text)
    reader.close()
    return reader


def section_text(section: Section) -> str:
    return " ".join(" ".join(section.text).split())


# -- the page model -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page_html(assistant: Assistant) -> str:
    return render_html(build_review(assistant, with_audio=False))


def test_every_topic_is_on_the_page_with_its_texts_in_every_locale(assistant: Assistant) -> None:
    catalog = assistant.catalog
    page = build_review(assistant, with_audio=False)
    assert [topic.intent for topic in page.topics] == [
        *[name for name in ic.TOPIC_INTENTS if name in catalog.topics],
        *[name for name in catalog.topics if name not in ic.TOPIC_INTENTS],
    ]
    assert set(catalog.locales) <= set(page.locales)
    for topic in page.topics:
        assert [row.anchor for row in topic.rows] == [f"{topic.intent}-{p}" for p, _ in TOPIC_PARTS]
        for (part, _), row in zip(TOPIC_PARTS, topic.rows, strict=True):
            assert [cell.locale for cell in row.cells] == list(page.locales)
            for cell in row.cells:
                assert cell.text == catalog.topic_text(topic.intent, part, cell.locale)
        assert topic.sources == catalog.topics[topic.intent].sources
        assert topic.samples == assistant.intents.custom_samples(topic.intent)
        assert topic.samples, topic.intent


def test_every_prompt_and_channel_variant_is_on_the_page(assistant: Assistant) -> None:
    catalog = assistant.catalog
    page = build_review(assistant, with_audio=False)
    entries = {entry.key: entry for entry in (*page.emergency, *page.prompts)}
    assert set(entries) == set(catalog.prompts)
    assert {entry.key for entry in page.emergency} == {
        key for key in catalog.prompts if key.startswith("emergency")
    }
    for key, prompt in catalog.prompts.items():
        labels = [row.label for row in entries[key].rows]
        assert labels == ["every channel", *(f"{c} only" for c in sorted(prompt.variants))]
    welcome = next(row for row in entries["welcome"].rows if row.label == "phone only")
    assert welcome.cells[0].text == catalog.say("welcome", welcome.cells[0].locale, "phone")
    # Placeholders the code fills are shown as such, not as an invented value.
    offer = entries["offer_after_emergency"].rows[0].cells[0]
    assert "{topic}" in offer.text


def test_a_prompt_naming_a_topic_is_graded_on_its_hardest_title(assistant: Assistant) -> None:
    catalog = assistant.catalog
    page = build_review(assistant, with_audio=False)
    offer = next(entry for entry in page.prompts if entry.key == "offer_after_emergency")
    cell = offer.rows[0].cells[0]
    heard = [
        catalog.say("offer_after_emergency", cell.locale, topic=catalog.topic_title(i, cell.locale))
        for i in catalog.topics
    ]
    grades = [round(textstat.flesch_kincaid_grade(text), 1) for text in heard]
    assert cell.graded_as in heard
    assert cell.readability.grade == max(grades)


def test_every_menu_path_leads_to_its_topic(assistant: Assistant) -> None:
    page = build_review(assistant, with_audio=False)
    reachable = menu.reachable_topics()
    for topic in page.topics:
        if topic.intent not in reachable:
            assert topic.menu_path is None
            continue
        assert topic.menu_path is not None and topic.menu_path.startswith("main menu ")
        keys = topic.menu_path.removeprefix("main menu ").split(", then ")
        level = menu.LEVELS[menu.MAIN]
        for key in keys[:-1]:
            option = menu.lookup(level, key, care_team=False)
            assert option is not None and isinstance(option.action, menu.GoTo)
            level = menu.LEVELS[option.action.level]
        last = menu.lookup(level, keys[-1], care_team=False)
        assert last is not None and last.action == menu.Route(topic.intent), topic.menu_path
        assert topic.menu_labels[-1] == assistant.catalog.topic_title(topic.intent, "en-US")


def test_menu_paths_take_the_shortest_route_in_menu_order() -> None:
    def level(name: str, *options: menu.Option) -> menu.Level:
        return menu.Level(name, "menu", options, after_silence=name)

    levels = {
        "main": level(
            "main",
            menu.Option("1", menu.GoTo("deep")),
            menu.Option("2", menu.GoTo("side")),
            menu.Option("3", menu.Route("DrivingIntent")),
        ),
        "deep": level(
            "deep",
            menu.Option("4", menu.GoTo("deeper")),
            menu.Option("5", menu.Route("WorkIntent")),
        ),
        "deeper": level("deeper", menu.Option("1", menu.Route("DrivingIntent"))),
        "side": level(
            "side", menu.Option("1", menu.Route("WorkIntent")), menu.Option("2", menu.GoTo("main"))
        ),
    }
    paths = {intent: [o.key for o in path] for intent, path in menu_paths(levels, "main").items()}
    assert paths == {"DrivingIntent": ["3"], "WorkIntent": ["1", "5"]}
    assert describe_menu_path(menu_paths(levels, "main")["WorkIntent"]) == "main menu 1, then 5"
    assert describe_menu_path(menu_paths()["MedicationIntent"]) == "main menu 3"
    assert describe_menu_path(menu_paths()["DrivingIntent"]) == "main menu 2, then 2"


def test_grades_are_textstat_flesch_kincaid(assistant: Assistant) -> None:
    page = build_review(assistant, with_audio=False)
    cells = [cell for topic in page.topics for row in topic.rows for cell in row.cells]
    assert cells
    for cell in cells:
        measured = cell.readability
        assert measured.words == textstat.lexicon_count(cell.text)
        assert measured.grade == round(textstat.flesch_kincaid_grade(cell.text), 1)


def test_the_html_lists_every_topic_with_links_menu_path_samples_and_grades(
    assistant: Assistant, page_html: str
) -> None:
    catalog = assistant.catalog
    reader = read_page(page_html)
    for intent, topic in catalog.topics.items():
        section = reader.sections[intent]
        heading = catalog.topic_text(intent, "card_title", "en-US")
        assert heading in section.h2 and intent in section.h2
        text = section_text(section)
        for source in topic.sources:
            if source.startswith("https://"):
                assert source in section.hrefs, (intent, source)
            else:
                assert source.removeprefix("seed:") in text
        for sample in assistant.intents.custom_samples(intent):
            assert sample in text
        if intent in menu.reachable_topics():
            assert describe_menu_path(menu_paths()[intent]) in text
        answer = catalog.topic_text(intent, "answer", "en-GB")
        assert answer in text
        assert f"grade {round(textstat.flesch_kincaid_grade(answer), 1):.1f}" in text
    emergency = section_text(reader.sections["emergency"])
    for locale in catalog.locales:
        assert catalog.say("emergency", locale) in emergency
    prompts = section_text(reader.sections["prompts"])
    for key in ("welcome", "help", "fallback", "goodbye"):
        assert catalog.say(key, "en-US", "console") in prompts
        assert catalog.say(key, "en-US", "phone") in prompts
    assert "audio" not in {tag for tag, _ in reader.tags}


def _with(assistant: Assistant, **changes: Any) -> Assistant:
    """The assistant with some catalog attributes replaced (topics, prompts, locale_sources)."""
    catalog = copy.copy(assistant.catalog)
    for name, value in changes.items():
        setattr(catalog, name, value)
    return Assistant(catalog)


HARD = (
    "Percutaneous coronary intervention necessitates antiplatelet pharmacotherapy, "
    "administered continuously, notwithstanding gastrointestinal considerations."
)


def test_the_page_flags_texts_over_the_limits(assistant: Assistant) -> None:
    topics = assistant.catalog.topics
    first = next(iter(topics))
    changed = _with(
        assistant, topics={**topics, first: dataclasses.replace(topics[first], answer=HARD)}
    )
    page = build_review(changed, with_audio=False)
    flagged = [p for p in page.problems() if p.anchor == f"{first}-answer"]
    assert len(flagged) == 1 and flagged[0].problem.startswith("grade ")
    assert flagged[0].locales == page.locales
    assert f'href="#{first}-answer"' in render_html(page)
    # The fingerprint a clinician quotes changes with the content.
    assert page.fingerprint != build_review(assistant, with_audio=False).fingerprint


def test_catalog_text_is_escaped(assistant: Assistant) -> None:
    catalog = assistant.catalog
    evil = '<script>alert("x")</script> & <b>bold</b>'
    bad_url = 'https://example.org/?a=1&b="><img src=x onerror=alert(1)>'
    goodbye = dataclasses.replace(catalog.prompts["goodbye"], text=evil, variants={})
    changed = _with(
        assistant,
        prompts={**catalog.prompts, "goodbye": goodbye},
        locale_sources={**catalog.locale_sources, "en-GB": (bad_url,)},
    )
    html = render_html(build_review(changed, with_audio=False))
    assert "<script>" not in html and "<b>bold" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in html
    reader = read_page(html)
    assert bad_url in reader.sections["locales"].hrefs  # the whole address, still one link
    assert evil in section_text(reader.sections["prompts"])


# -- the command --------------------------------------------------------------------------------


def test_review_no_audio_writes_a_text_only_page(
    assistant: Assistant, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "review"
    assert main(["review", "--out", str(out), "--no-audio"]) == 0
    assert f"wrote {out / 'index.html'}" in capsys.readouterr().out
    reader = read_page((out / "index.html").read_text(encoding="utf-8"))
    assert set(assistant.catalog.topics) <= set(reader.sections)
    assert not any(tag == "audio" for tag, _ in reader.tags)
    assert not (out / "audio").exists()


def test_review_needs_out() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["review"])
    assert exc.value.code == 2


@pytest.fixture(scope="module")
def review_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page with its audio, written by the command as a user runs it."""
    if not HAS_ESPEAK:
        pytest.skip("espeak-ng is not installed (make test installs it)")
    out = tmp_path_factory.mktemp("review")
    (out / "audio").mkdir()
    (out / "audio" / "left-over-from-an-old-run.wav").write_bytes(b"RIFF")
    result = subprocess.run(
        [sys.executable, "-m", "angiovoice.cli", "review", "--out", str(out)],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    return out


@needs_espeak
def test_review_renders_each_answer_to_audio_once(assistant: Assistant, review_dir: Path) -> None:
    reader = read_page((review_dir / "index.html").read_text(encoding="utf-8"))
    catalog = assistant.catalog
    locales = review_locales(catalog)
    for intent in catalog.topics:
        sources = reader.sections[intent].audio
        assert len(sources) == len(locales), intent  # one player per locale's answer
        for src in sources:
            assert src.startswith("audio/") and src.endswith(".wav")
            with wave.open(str(review_dir / src)) as audio:
                assert audio.getnchannels() == 1 and audio.getnframes() > audio.getframerate()
    players = {src for section in reader.sections.values() for src in section.audio}
    files = {f"audio/{path.name}" for path in (review_dir / "audio").iterdir()}
    assert files == players  # every player has its file, and the old run's file is gone
    # en-US and en-CA say most answers alike: identical texts share one file.
    assert len(players) < sum(len(section.audio) for section in reader.sections.values())


# -- development server ---------------------------------------------------------------------


def test_dev_server_offers_the_review_page(client: FlaskClient, assistant: Assistant) -> None:
    assert client.get("/review").status_code in (301, 308)
    response = client.get("/review", follow_redirects=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    reader = read_page(response.get_data(as_text=True))
    assert set(assistant.catalog.topics) <= set(reader.sections)
    assert all(src.startswith("audio/") for s in reader.sections.values() for src in s.audio)
    assert client.get("/review/audio/not-a-file.wav").status_code == 404
    assert client.get("/review/audio/..%2Fsecrets.wav").status_code == 404


@needs_espeak
def test_dev_server_renders_audio_when_asked(
    assistant: Assistant, settings: Settings, tmp_path: Path
) -> None:
    app = create_app(settings, assistant)
    app.config[CACHE_DIR_CONFIG] = str(tmp_path)
    client = app.test_client()
    reader = read_page(client.get("/review/").get_data(as_text=True))
    src = reader.sections["emergency"].audio[0]
    response = client.get(f"/review/{src}")
    assert response.status_code == 200 and response.mimetype == "audio/wav"
    assert response.data[:4] == b"RIFF" and len(response.data) > 10_000
    response.close()
    assert (tmp_path / src.removeprefix("audio/")).read_bytes() == response.data


def test_production_has_no_review_page(assistant: Assistant) -> None:
    settings = Settings(dev=False, alexa_skill_id="amzn1.ask.skill.x", twilio_auth_token="t")
    client = create_app(settings, assistant).test_client()
    for path in ("/review", "/review/", "/review/audio/x.wav"):
        assert client.get(path).status_code == 404, path


# -- in a real browser --------------------------------------------------------------------------

# Flags for Debian's Chromium in a container. Playwright adds --headless and its own fresh
# --user-data-dir (here the test's temporary directory) itself.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def served(review_dir: Path) -> Iterator[str]:
    """The written page over HTTP on loopback, as a reviewer's browser would load it."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_QuietHandler, directory=str(review_dir))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@needs_espeak
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"
)
def test_review_page_in_headless_chromium(
    assistant: Assistant, served: str, tmp_path: Path
) -> None:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (make test installs it)"
    )
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1440, "height": 1800},
        )
        try:
            page = context.new_page()
            response = page.goto(served)
            assert response is not None and response.ok
            assert page.title().startswith("AngioVoice content review")
            catalog = assistant.catalog
            for intent in catalog.topics:
                heading = page.locator(f"section#{intent} h2")
                assert heading.count() == 1, intent
                assert catalog.topic_text(intent, "card_title", "en-US") in heading.inner_text()
            # Every player's file is there.
            statuses = page.evaluate(
                """() => Promise.all([...document.querySelectorAll('audio')].map(
                    a => fetch(a.src, {method: 'HEAD'}).then(r => r.status)))"""
            )
            assert statuses and set(statuses) == {200}
            # The emergency instruction's first player plays.
            page.evaluate(
                """() => {
                    const audio = document.querySelector('#emergency audio');
                    window.audioEvents = [];
                    for (const name of ['playing', 'ended', 'error']) {
                        audio.addEventListener(name, () => window.audioEvents.push(name));
                    }
                    return audio.play();
                }"""
            )
            page.wait_for_function(
                "document.querySelector('#emergency audio').currentTime > 0.5", timeout=20_000
            )
            played = page.evaluate(
                """() => {
                    const audio = document.querySelector('#emergency audio');
                    return {events: window.audioEvents, duration: audio.duration,
                            error: audio.error && audio.error.code};
                }"""
            )
            assert "playing" in played["events"] and played["error"] is None
            assert played["duration"] > 5  # the whole instruction, not a stub
            ARTIFACTS.mkdir(exist_ok=True)
            shot = ARTIFACTS / "review.png"
            page.screenshot(path=str(shot))
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        finally:
            context.close()
