"""The clinicians' review page: every word the assistant says, on one static HTML page.

A clinician signs content off from this page, so it is generated from the same catalog, intent
samples and phone menu that the channels use, and never written by hand. For each topic it shows
the answer, its "more" part, reprompt, title and card in every locale side by side, the sources
as links, the sample questions, the keys that reach it on the phone, the reading grade
(Flesch-Kincaid, through textstat) with the plain-words limits, and a player for the answer as
the speech engine renders it. The emergency instruction and every system prompt follow.

    page = build_review(get_assistant())
    write_review(page, Path("out/review"), Voice())   # index.html and audio/*.wav
    html = render_html(page)

`angiovoice review --out DIR` writes the page; `angiovoice serve --dev` also offers it at
/review/, rendering each audio file when it is first asked for (`review_blueprint`).
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
import threading
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from angiovoice.assistant import Assistant
from intents import catalog as ic
from intents.handlers import EMERGENCY_PROMPTS
from ivr import menu
from prompts.catalog import DEFAULT_LOCALE, GENERIC_LOCALE, Catalog, Prompt
from prompts.static import GOODBYE, LAST_RESORT

if TYPE_CHECKING:
    from flask import Blueprint

    from angiovoice.voice import Voice

log = logging.getLogger(__name__)

# -- the plain-words limits (issue 5) --------------------------------------------------------------

MAX_GRADE = 8.0
MAX_EMERGENCY_GRADE = 6.0
MAX_SENTENCE_WORDS = 25
MAX_ANSWER_WORDS = 70
# Flesch-Kincaid means nothing on a label or a one-line title, so texts shorter than this are
# not graded (their sentence and word counts are still checked).
MIN_GRADED_WORDS = 10

EMERGENCY_PREFIX = "emergency"
# Prompts that are written, never spoken: the Alexa skill-store listing and the card titles.
_UNSPOKEN_PREFIXES = ("alexa_store_", "alexa_testing_")
_UNSPOKEN_SUFFIXES = ("card_title",)

# A sentence ends at . ! or ? followed by a space or the end (so "2.5" stays one word).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Readability:
    """How hard a text is to follow. grade is Flesch-Kincaid (textstat)."""

    grade: float
    words: int
    sentences: int
    longest_sentence: int

    @property
    def graded(self) -> bool:
        """Whether the grade means anything (see MIN_GRADED_WORDS)."""
        return self.words >= MIN_GRADED_WORDS


@dataclass(frozen=True)
class Limits:
    """The plain-words limits a spoken text is held to. max_words None: no overall limit (the
    "more" part, which the caller asked for)."""

    max_grade: float
    max_words: int | None
    max_sentence_words: int = MAX_SENTENCE_WORDS

    def problems(self, measured: Readability) -> tuple[str, ...]:
        found = []
        if measured.graded and measured.grade > self.max_grade:
            found.append(f"grade {measured.grade:.1f} is over {self.max_grade:g}")
        if measured.longest_sentence > self.max_sentence_words:
            found.append(
                f"a sentence of {measured.longest_sentence} words (over {self.max_sentence_words})"
            )
        if self.max_words is not None and measured.words > self.max_words:
            found.append(f"{measured.words} words (over {self.max_words})")
        return tuple(found)


ANSWER_LIMITS = Limits(MAX_GRADE, MAX_ANSWER_WORDS)
MORE_LIMITS = Limits(MAX_GRADE, None)
EMERGENCY_LIMITS = Limits(MAX_EMERGENCY_GRADE, MAX_ANSWER_WORDS)


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text.strip()) if part]


def measure(text: str) -> Readability:
    """Grade, word count and sentence lengths of a text, with textstat."""
    import textstat  # type: ignore[import-untyped]

    parts = sentences(text)
    lengths = [int(textstat.lexicon_count(part)) for part in parts] or [0]
    return Readability(
        grade=round(float(textstat.flesch_kincaid_grade(text)), 1),
        words=int(textstat.lexicon_count(text)),
        sentences=len(parts),
        longest_sentence=max(lengths),
    )


# -- what is spoken, and the limits it is held to -----------------------------------------------

# A topic's parts in the order the page shows them, with what a reviewer calls them.
TOPIC_PARTS: tuple[tuple[str, str], ...] = (
    ("answer", "Answer"),
    ("more", "More (after “yes”)"),
    ("reprompt", "Reprompt (after a silence)"),
    ("title", "Title (in “would you like to hear about …?”)"),
    ("card_title", "Card title (screens, not spoken)"),
    ("card_text", "Card text (screens, not spoken)"),
)
SPOKEN_TOPIC_PARTS = ("answer", "more", "reprompt", "title")

# Fixed sentences in prompts/static.py, said when the catalog itself cannot be rendered.
STATIC_TEXTS: tuple[tuple[str, str], ...] = (("LAST_RESORT", LAST_RESORT), ("GOODBYE", GOODBYE))
STATIC_EMERGENCY = frozenset({"LAST_RESORT"})  # it carries the chest-pain instruction


def topic_limits(part: str) -> Limits | None:
    """The limits for a part of a topic; None for the parts that are only shown."""
    if part not in SPOKEN_TOPIC_PARTS:
        return None
    return MORE_LIMITS if part == "more" else ANSWER_LIMITS


_INSTRUCTIONS = frozenset(keys.instruction for keys in EMERGENCY_PROMPTS.values())


def is_emergency_prompt(key: str) -> bool:
    return key.startswith(EMERGENCY_PREFIX)


def is_spoken_prompt(key: str) -> bool:
    return not key.startswith(_UNSPOKEN_PREFIXES) and not key.endswith(_UNSPOKEN_SUFFIXES)


def prompt_limits(key: str) -> Limits | None:
    """Emergency prompts are held to grade 6 (spoken or not); other spoken prompts to grade 8;
    the skill-store listing and card titles to nothing."""
    if is_emergency_prompt(key):
        return EMERGENCY_LIMITS
    return ANSWER_LIMITS if is_spoken_prompt(key) else None


def static_limits(name: str) -> Limits:
    return EMERGENCY_LIMITS if name in STATIC_EMERGENCY else ANSWER_LIMITS


# Not a channel name: Catalog.say() gives the text every channel without a variant says.
EVERY_CHANNEL = "*"


def prompt_channels(prompt: Prompt) -> tuple[str | None, ...]:
    """None for the text every channel without a variant says, then each channel's variant."""
    return (None, *sorted(prompt.variants))


def example_params(catalog: Catalog, prompt: Prompt, locale: str) -> list[dict[str, str]]:
    """Values for a prompt's placeholders, so it can be read and graded as callers hear it:
    a {topic} or {label} takes each topic's title in turn, a {digit} is a key."""
    base = dict.fromkeys(prompt.params, "something")
    if "digit" in prompt.params:
        base["digit"] = "1"
    named = prompt.params & {"topic", "label"}
    if not named:
        return [base]
    return [
        {**base, **dict.fromkeys(named, catalog.topic_title(intent, locale))}
        for intent in catalog.topics
    ]


def prompt_examples(catalog: Catalog, key: str, locale: str, channel: str | None) -> list[str]:
    """A prompt as callers can hear it, once for each set of example values (in order)."""
    prompt = catalog.prompts[key]
    renderings = (
        catalog.say(key, locale, channel or EVERY_CHANNEL, **params)
        for params in example_params(catalog, prompt, locale)
    )
    return list(dict.fromkeys(renderings))


def hardest(texts: Iterable[str]) -> str:
    """The text with the highest grade (then the longest), which the limits must hold for."""
    return max(texts, key=lambda text: (measure(text).grade, len(text)))


# -- the phone menu -----------------------------------------------------------------------------


def menu_paths(
    levels: Mapping[str, menu.Level] = menu.LEVELS, start: str = menu.MAIN
) -> dict[str, tuple[menu.Option, ...]]:
    """The shortest run of keypad options from the main menu to each topic intent it reaches.

    Breadth first, options in the order the menu says them, so the path a caller is most
    likely to take wins when a topic can be reached two ways.
    """
    paths: dict[str, tuple[menu.Option, ...]] = {}
    seen = {start}
    todo: deque[tuple[str, tuple[menu.Option, ...]]] = deque([(start, ())])
    while todo:
        name, path = todo.popleft()
        for option in levels[name].options:
            action = option.action
            if isinstance(action, menu.GoTo) and action.level not in seen:
                seen.add(action.level)
                todo.append((action.level, (*path, option)))
            elif isinstance(action, menu.Route) and action.intent not in paths:
                paths[action.intent] = (*path, option)
    return paths


def describe_menu_path(path: Sequence[menu.Option]) -> str:
    """("2", "3") -> "main menu 2, then 3"."""
    keys = [option.key for option in path]
    if not keys:
        return "main menu"
    return ", then ".join([f"main menu {keys[0]}", *keys[1:]])


def emergency_key() -> str | None:
    """The key that gives the chest-pain instruction at every level of the phone menu."""
    for option in menu.GLOBAL_OPTIONS:
        if isinstance(option.action, menu.Route) and option.action.intent == ic.CHEST_PAIN:
            return option.key
    return None


# -- the page model -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One text in one locale.

    text: as written, a prompt's placeholders left as {name};
    graded_as: for a prompt with placeholders, the example that was graded (the hardest);
    spoken_as: what the speech engine is given, when that differs (digits spelt out);
    audio: the file under audio/ that holds it spoken, if any.
    """

    locale: str
    text: str
    graded_as: str | None
    spoken_as: str | None
    readability: Readability
    problems: tuple[str, ...]
    audio: str | None
    same_as_default: bool


@dataclass(frozen=True)
class Row:
    anchor: str
    label: str
    limits: Limits | None
    params: tuple[str, ...]
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class TopicReview:
    intent: str
    heading: str
    title: str
    menu_path: str | None
    menu_labels: tuple[str, ...]
    samples: tuple[str, ...]
    sources: tuple[str, ...]
    follow_up: str | None
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class PromptReview:
    key: str
    spoken: bool
    emergency: bool
    sources: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class LocaleReview:
    locale: str
    values: tuple[tuple[str, str], ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Problem:
    """A text over a plain-words limit, in the locales where it is over it."""

    anchor: str
    what: str
    problem: str
    locales: tuple[str, ...]


@dataclass(frozen=True)
class ReviewPage:
    version: str
    fingerprint: str
    locales: tuple[str, ...]
    default_locale: str
    emergency_key: str | None
    chest_pain_samples: tuple[str, ...]
    emergency: tuple[PromptReview, ...]
    topics: tuple[TopicReview, ...]
    prompts: tuple[PromptReview, ...]
    fixed: tuple[PromptReview, ...]
    locale_info: tuple[LocaleReview, ...]
    audio: Mapping[str, str]  # file name under audio/ -> the text the engine speaks
    with_audio: bool

    def problems(self) -> tuple[Problem, ...]:
        rows = [
            *((topic.intent, row) for topic in self.topics for row in topic.rows),
            *(
                (entry.key, row)
                for entry in (*self.emergency, *self.prompts, *self.fixed)
                for row in entry.rows
            ),
        ]
        found: dict[tuple[str, str, str], list[str]] = {}
        for name, row in rows:
            for cell in row.cells:
                for problem in cell.problems:
                    found.setdefault((row.anchor, f"{name}: {row.label}", problem), []).append(
                        cell.locale
                    )
        return tuple(
            Problem(anchor, what, problem, tuple(locales))
            for (anchor, what, problem), locales in found.items()
        )


def audio_name(stem: str, spoken: str) -> str:
    """Content-addressed: identical texts (say en-US and en-CA) share one file."""
    digest = hashlib.sha256(spoken.encode("utf-8")).hexdigest()[:12]
    return f"{stem}-{digest}.wav"


class _Builder:
    def __init__(self, assistant: Assistant, with_audio: bool) -> None:
        self.catalog = assistant.catalog
        self.intents = assistant.intents
        self.with_audio = with_audio
        self.locales = review_locales(self.catalog)
        self.default = DEFAULT_LOCALE if DEFAULT_LOCALE in self.locales else self.locales[0]
        self.audio: dict[str, str] = {}

    def _cells(
        self,
        texts: Mapping[str, str],
        graded: Mapping[str, str],
        limits: Limits | None,
        audio_stem: str | None,
    ) -> tuple[Cell, ...]:
        if not self.with_audio:
            audio_stem = None
        cells = []
        for locale in self.locales:
            text = texts[locale]
            measured = measure(graded[locale])
            spoken = self.catalog.speakable(graded[locale], locale)
            audio = None
            if audio_stem is not None:
                audio = audio_name(audio_stem, spoken)
                self.audio.setdefault(audio, spoken)
            cells.append(
                Cell(
                    locale=locale,
                    text=text,
                    graded_as=graded[locale] if graded[locale] != text else None,
                    spoken_as=spoken if spoken != graded[locale] else None,
                    readability=measured,
                    problems=limits.problems(measured) if limits else (),
                    audio=audio,
                    same_as_default=text == texts[self.default],
                )
            )
        return tuple(cells)

    def topic(self, intent: str, paths: Mapping[str, tuple[menu.Option, ...]]) -> TopicReview:
        catalog = self.catalog
        topic = catalog.topics[intent]
        rows = []
        for part, label in TOPIC_PARTS:
            texts = {loc: catalog.topic_text(intent, part, loc) for loc in self.locales}
            stem = intent if part == "answer" else None
            rows.append(
                Row(
                    anchor=f"{intent}-{part}",
                    label=label,
                    limits=topic_limits(part),
                    params=(),
                    cells=self._cells(texts, texts, topic_limits(part), stem),
                )
            )
        path = paths.get(intent)
        return TopicReview(
            intent=intent,
            heading=catalog.topic_text(intent, "card_title", self.default),
            title=catalog.topic_title(intent, self.default),
            menu_path=describe_menu_path(path) if path else None,
            menu_labels=tuple(self._option_label(option) for option in path or ()),
            samples=self.intents.custom_samples(intent),
            sources=topic.sources,
            follow_up=topic.follow_up,
            rows=tuple(rows),
        )

    def _option_label(self, option: menu.Option) -> str:
        label = option.label
        if label is None:
            return ""
        if label in self.catalog.topics:
            return self.catalog.topic_title(label, self.default)
        if label in self.catalog.prompts:
            return prompt_examples(self.catalog, label, self.default, "phone")[0]
        return label

    def prompt(self, key: str) -> PromptReview:
        catalog = self.catalog
        prompt = catalog.prompts[key]
        limits = prompt_limits(key)
        shown = {name: "{" + name + "}" for name in prompt.params}
        rows = []
        for channel in prompt_channels(prompt):
            texts = {
                loc: catalog.say(key, loc, channel or EVERY_CHANNEL, **shown)
                for loc in self.locales
            }
            graded = {
                loc: hardest(prompt_examples(catalog, key, loc, channel)) for loc in self.locales
            }
            # Every red flag's instruction is rendered to audio, so a clinician hears each one.
            stem = key if key in _INSTRUCTIONS and channel is None else None
            rows.append(
                Row(
                    anchor=f"prompt-{key}-{channel or 'all'}",
                    label=f"{channel} only" if channel else "every channel",
                    limits=limits,
                    params=tuple(sorted(prompt.params)),
                    cells=self._cells(texts, graded, limits, stem),
                )
            )
        return PromptReview(
            key=key,
            spoken=is_spoken_prompt(key),
            emergency=is_emergency_prompt(key),
            sources=prompt.sources,
            rows=tuple(rows),
        )

    def fixed(self, name: str, text: str) -> PromptReview:
        from prompts.static import SOURCES

        texts = dict.fromkeys(self.locales, text)
        limits = static_limits(name)
        row = Row(
            f"fixed-{name}", "every channel", limits, (), self._cells(texts, texts, limits, None)
        )
        return PromptReview(name, True, name in STATIC_EMERGENCY, SOURCES, (row,))


def review_locales(catalog: Catalog) -> tuple[str, ...]:
    """Every locale, then the generic wording that callers from anywhere else hear."""
    return (*catalog.locales, GENERIC_LOCALE)


def topic_order(catalog: Catalog) -> tuple[str, ...]:
    """The order help and the menus present topics in, then any topic the catalog adds."""
    known = [name for name in ic.TOPIC_INTENTS if name in catalog.topics]
    return (*known, *(name for name in catalog.topics if name not in known))


def build_review(
    assistant: Assistant,
    with_audio: bool = True,
    levels: Mapping[str, menu.Level] = menu.LEVELS,
) -> ReviewPage:
    """The page model, from the assistant the channels use."""
    catalog = assistant.catalog
    builder = _Builder(assistant, with_audio)
    paths = menu_paths(levels)
    emergency = tuple(builder.prompt(key) for key in catalog.prompts if is_emergency_prompt(key))
    topics = tuple(builder.topic(intent, paths) for intent in topic_order(catalog))
    prompts = tuple(builder.prompt(key) for key in catalog.prompts if not is_emergency_prompt(key))
    fixed = tuple(builder.fixed(name, text) for name, text in STATIC_TEXTS)
    locale_info = tuple(
        LocaleReview(
            locale=name,
            values=tuple(sorted(catalog.locale_values(name).items())),
            sources=catalog.locale_sources.get(name, ()),
        )
        for name in builder.locales
    )
    page = ReviewPage(
        version=catalog.version,
        fingerprint="",
        locales=builder.locales,
        default_locale=builder.default,
        emergency_key=emergency_key(),
        chest_pain_samples=assistant.intents.custom_samples(ic.CHEST_PAIN),
        emergency=emergency,
        topics=topics,
        prompts=prompts,
        fixed=fixed,
        locale_info=locale_info,
        audio=dict(builder.audio) if with_audio else {},
        with_audio=with_audio,
    )
    return _with_fingerprint(page)


def _with_fingerprint(page: ReviewPage) -> ReviewPage:
    """A short hash of everything a clinician signs off, to quote in the sign-off."""
    content = asdict(replace(page, fingerprint="", audio={}, with_audio=False))
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()
    return replace(page, fingerprint=digest[:16])


# -- HTML ---------------------------------------------------------------------------------------

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1f24;
background:#f6f7f9}
header{background:#12395b;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:22px}
header p{margin:2px 0}main{padding:8px 24px 40px}
section{background:#fff;border:1px solid #d8dde3;border-radius:6px;margin:16px 0;padding:8px 16px}
h2{font-size:19px;margin:10px 0 6px}h2 small{font-weight:normal;color:#5b6670;font-size:13px}
h3{font-size:16px;margin:14px 0 4px}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:6px 0}
th,td{border:1px solid #d8dde3;padding:6px 8px;vertical-align:top;text-align:left}
th{background:#eef1f4;font-weight:600}th.part{width:11em}
td .text{margin:0 0 4px}td.same .text{color:#3c4650}
.meta{font-size:12.5px;color:#5b6670}.bad{background:#fff1f0}
.flag{display:inline-block;background:#c62828;color:#fff;border-radius:3px;padding:0 5px;
font-size:12px;margin:2px 2px 0 0}.ok{color:#2e7d32}.param{background:#fff3c4;padding:0 2px}
.differs{font-size:11.5px;color:#8a5300}audio{width:100%;height:32px;margin-top:4px}
dl{display:grid;grid-template-columns:10em 1fr;gap:2px 12px;margin:6px 0}dt{font-weight:600}
dd{margin:0}ul{margin:2px 0;padding-left:20px}nav ol{columns:3;margin:4px 0}
ul.samples{columns:4;font-size:13.5px;color:#3c4650}
.emergency{border-left:6px solid #c62828}code{font-size:13px}
td a,dd a{overflow-wrap:anywhere}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _locale_label(locale: str) -> str:
    if locale == GENERIC_LOCALE:
        return f'{_e(locale)} <span class="meta">(any other locale)</span>'
    return _e(locale)


def _source(source: str) -> str:
    if source.startswith(("https://", "http://")):
        return f'<a href="{_e(source)}" rel="noreferrer">{_e(source)}</a>'
    name = source.split(":", 1)[-1]
    return f"<code>{_e(name)}</code> (the team's seed document)"


def _sources(sources: Iterable[str]) -> str:
    items = "".join(f"<li>{_source(source)}</li>" for source in sources)
    return f'<ul class="sources">{items}</ul>' if items else "<p class=meta>no sources listed</p>"


def _text(text: str, params: Sequence[str]) -> str:
    out = _e(text)
    for name in params:
        out = out.replace("{" + _e(name) + "}", f'<span class="param">{{{_e(name)}}}</span>')
    return out


def _cell(cell: Cell, row: Row, page: ReviewPage) -> str:
    r = cell.readability
    grade = f"grade {r.grade:.1f}" if r.graded else "too short to grade"
    meta = f"{grade} · {r.words} words · longest sentence {r.longest_sentence}"
    parts = [f'<p class="text" lang="{_e(cell.locale)}">{_text(cell.text, row.params)}</p>']
    if cell.graded_as is not None:
        parts.append(f'<p class="meta">graded with the hardest example: {_e(cell.graded_as)}</p>')
    if cell.spoken_as is not None:
        parts.append(f'<p class="meta">spoken as: {_e(cell.spoken_as)}</p>')
    parts.append(f'<p class="meta">{_e(meta)}</p>')
    parts.extend(f'<span class="flag">{_e(problem)}</span>' for problem in cell.problems)
    if not cell.same_as_default:
        parts.append(f'<p class="differs">differs from {_e(page.default_locale)}</p>')
    if cell.audio and page.with_audio:
        src = f"audio/{cell.audio}"
        parts.append(
            f'<audio controls preload="none" src="{_e(src)}" '
            f'data-locale="{_e(cell.locale)}" title="{_e(row.anchor)} {_e(cell.locale)}"></audio>'
        )
    classes = " ".join(
        name for name, on in (("bad", bool(cell.problems)), ("same", cell.same_as_default)) if on
    )
    return f'<td class="{classes}">{"".join(parts)}</td>'


def _table(rows: Sequence[Row], page: ReviewPage) -> str:
    head = "".join(f'<th scope="col">{_locale_label(locale)}</th>' for locale in page.locales)
    body = []
    for row in rows:
        limits = (
            f"limits: grade {row.limits.max_grade:g}"
            + (f", {row.limits.max_words} words" if row.limits.max_words else "")
            + f", {row.limits.max_sentence_words} words a sentence"
            if row.limits
            else "not spoken: no limits"
        )
        cells = "".join(_cell(cell, row, page) for cell in row.cells)
        body.append(
            f'<tr id="{_e(row.anchor)}"><th scope="row" class="part">{_e(row.label)}'
            f'<div class="meta">{_e(limits)}</div></th>{cells}</tr>'
        )
    return (
        f'<table><thead><tr><th class="part">Part</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _prompt(entry: PromptReview, page: ReviewPage) -> str:
    kind = "spoken" if entry.spoken else "written, not spoken"
    params = sorted({name for row in entry.rows for name in row.params})
    note = (
        f" · filled in by the code: {', '.join(_e('{' + name + '}') for name in params)}"
        if params
        else ""
    )
    return (
        f'<h3 id="prompt-{_e(entry.key)}"><code>{_e(entry.key)}</code> '
        f'<small class="meta">{_e(kind)}{note}</small></h3>'
        f"{_table(entry.rows, page)}"
        + (f'<div class="meta">Sources:</div>{_sources(entry.sources)}' if entry.sources else "")
    )


def _topic(topic: TopicReview, page: ReviewPage) -> str:
    if topic.menu_path:
        steps = " → ".join(label for label in topic.menu_labels if label)
        phone = f"{_e(topic.menu_path)} <span class=meta>({_e(steps)})</span>"
    else:
        phone = '<span class="flag">not reachable from the phone menu</span>'
    samples = "".join(f"<li>{_e(sample)}</li>" for sample in topic.samples)
    headings = {other.intent: other.heading for other in page.topics}
    follow = (
        f'<a href="#{_e(topic.follow_up)}">{_e(headings.get(topic.follow_up, topic.follow_up))}</a>'
        if topic.follow_up
        else "nothing"
    )
    return (
        f'<section class="topic" id="{_e(topic.intent)}">'
        f"<h2>{_e(topic.heading)} <small>{_e(topic.intent)} · “{_e(topic.title)}”</small></h2>"
        f"<dl><dt>Phone menu</dt><dd class=menu-path>{phone}</dd>"
        f"<dt>Offered next</dt><dd>{follow}</dd>"
        f"<dt>Sample questions</dt><dd>{len(topic.samples)} that the assistant learns from:"
        f"<ul class=samples>{samples}</ul></dd>"
        f"<dt>Sources</dt><dd>{_sources(topic.sources)}</dd></dl>"
        f"{_table(topic.rows, page)}</section>"
    )


def _problems(page: ReviewPage) -> str:
    problems = page.problems()
    if not problems:
        return '<p class="ok">Every spoken text is within the plain-words limits.</p>'
    items = "".join(
        f'<li><a href="#{_e(p.anchor)}">{_e(p.what)}</a>: {_e(p.problem)} '
        f'<span class="meta">({_e(_locales(p.locales, page))})</span></li>'
        for p in problems
    )
    return (
        f"<p><strong>{len(problems)} texts over the plain-words limits</strong> "
        f'(marked in red below):</p><ul id="problems">{items}</ul>'
    )


def _locales(locales: Sequence[str], page: ReviewPage) -> str:
    return "every locale" if tuple(locales) == page.locales else ", ".join(locales)


def _locale_table(page: ReviewPage) -> str:
    """What differs by locale, one column per locale, with the sources each value rests on."""
    infos = page.locale_info
    names = sorted({name for info in infos for name, _ in info.values})
    values = [dict(info.values) for info in infos]
    head = "".join(f'<th scope="col">{_locale_label(info.locale)}</th>' for info in infos)
    rows = "".join(
        f'<tr><th scope="row" class="part"><code>{{{_e(name)}}}</code></th>'
        + "".join(f"<td>{_e(value.get(name, ''))}</td>" for value in values)
        + "</tr>"
        for name in names
    )
    sources = "".join(f"<td>{_sources(info.sources)}</td>" for info in infos)
    return (
        f'<table><thead><tr><th class="part">Value</th>{head}</tr></thead><tbody>{rows}'
        f'<tr><th scope="row" class="part">Sources</th>{sources}</tr></tbody></table>'
    )


def render_html(page: ReviewPage) -> str:
    """The whole page, every catalog text escaped."""
    toc = "".join(f'<li><a href="#{_e(t.intent)}">{_e(t.heading)}</a></li>' for t in page.topics)
    audio_note = (
        "Each answer has a player with the answer as the speech engine (pyttsx3) renders it."
        if page.with_audio
        else "Audio was not rendered for this copy (--no-audio)."
    )
    key = (
        f"On the phone, key {_e(page.emergency_key)} gives this at any menu."
        if page.emergency_key
        else "No phone key gives this instruction."
    )
    chest = "".join(f"<li>{_e(sample)}</li>" for sample in page.chest_pain_samples)
    locale_rows = _locale_table(page)
    body = (
        f"<header><h1>AngioVoice content review</h1>"
        f"<p>Catalog version {_e(page.version)} · content fingerprint "
        f"<code id=fingerprint>{_e(page.fingerprint)}</code> · "
        f"{len(page.topics)} topics · locales {_e(', '.join(page.locales))}</p>"
        f"<p>Generated from the catalog the Alexa skill, the phone line and the console use. "
        f"Quote the version and fingerprint when you sign off.</p></header><main>"
        f"<section><h2>How to read this page</h2>"
        f"<p>Each table shows one text in every locale side by side; cells in grey say the same "
        f"as {_e(page.default_locale)}. Grades are Flesch-Kincaid (textstat). Spoken texts are "
        f"held to grade {MAX_GRADE:g} (the emergency instruction to grade "
        f"{MAX_EMERGENCY_GRADE:g}), {MAX_SENTENCE_WORDS} words a sentence and "
        f"{MAX_ANSWER_WORDS} words an answer (the “more” part excluded). Texts under "
        f"{MIN_GRADED_WORDS} words are not graded. Highlighted "
        f"<span class=param>{{names}}</span> are filled in when spoken. {_e(audio_note)}</p>"
        f"{_problems(page)}<nav><h3>Topics</h3><ol>{toc}</ol></nav></section>"
        f'<section class="emergency" id="emergency"><h2>Emergency instructions</h2>'
        f"<p>Said first, on every channel, whenever a caller mentions chest pain or another red "
        f"flag: signs of a stroke, trouble breathing or fainting, bleeding where the tube went "
        f"in, serious bleeding elsewhere, or a cold, pale or numb arm or leg. {key}</p>"
        f"<details><summary>Sample chest pain phrases</summary><ul>{chest}</ul></details>"
        + "".join(_prompt(entry, page) for entry in page.emergency)
        + "</section><h2>Topics</h2>"
        + "".join(_topic(topic, page) for topic in page.topics)
        + '<section id="prompts"><h2>System prompts</h2>'
        "<p>Everything else the assistant says or shows: welcome, help, fallback, the phone "
        "menu and the skill-store listing.</p>"
        + "".join(_prompt(entry, page) for entry in page.prompts)
        + '</section><section id="fixed"><h2>Fixed sentences</h2>'
        "<p>Said when the content itself cannot be used (prompts/static.py).</p>"
        + "".join(_prompt(entry, page) for entry in page.fixed)
        + f'</section><section id="locales"><h2>Locale values</h2>{locale_rows}</section>'
        "</main>"
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>AngioVoice content review {_e(page.version)}</title>"
        f"<style>{_CSS}</style></head><body>{body}</body></html>\n"
    )


# -- writing files ------------------------------------------------------------------------------


def render_audio(page: ReviewPage, name: str, directory: Path, voice: Voice) -> Path:
    """The audio file `name` of the page in directory, rendered unless it is there already
    (names are content hashes, so a file that exists holds the right words)."""
    path = directory / name
    if not path.exists():
        partial = directory / f".{name}.partial.wav"
        voice.save(page.audio[name], partial)
        os.replace(partial, path)
    return path


def write_review(page: ReviewPage, out: Path, voice: Voice | None = None) -> list[Path]:
    """Write index.html and, when the page has audio, audio/*.wav; return the files written.

    Stale .wav files left in out/audio by an earlier run are removed.
    """
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if page.with_audio:
        if voice is None:
            raise ValueError("a page with audio needs a Voice to render it")
        audio_dir = out / "audio"
        audio_dir.mkdir(exist_ok=True)
        for stale in audio_dir.glob("*.wav"):
            if stale.name not in page.audio:
                stale.unlink()
        written.extend(render_audio(page, name, audio_dir, voice) for name in sorted(page.audio))
    index = out / "index.html"
    index.write_text(render_html(page), encoding="utf-8")
    return [index, *written]


# -- the development server's /review/ ---------------------------------------------------------


# The Flask config key for where /review/ keeps its audio (default: a new temporary directory).
CACHE_DIR_CONFIG = "ANGIOVOICE_REVIEW_DIR"


class _ReviewServer:
    """The state behind /review/: the page, built on first use, and the rendered audio."""

    def __init__(self, assistant: Assistant, cache_dir: Path | None) -> None:
        self.assistant = assistant
        self.cache_dir = cache_dir
        self.lock = threading.Lock()  # one speech engine, and the dev server is threaded
        self._page: ReviewPage | None = None
        self._voice: Voice | None = None

    def page(self) -> ReviewPage:
        with self.lock:
            if self._page is None:
                self._page = build_review(self.assistant)
            return self._page

    def audio(self, name: str) -> Path | None:
        """The rendered file, or None if the page has no such file."""
        import tempfile

        from flask import current_app

        from angiovoice.voice import Voice

        page = self.page()
        if name not in page.audio:
            return None
        with self.lock:
            if self.cache_dir is None:
                configured = current_app.config.get(CACHE_DIR_CONFIG)
                self.cache_dir = (
                    Path(configured)
                    if configured
                    else Path(tempfile.mkdtemp(prefix="angiovoice-review-"))
                )
            if self._voice is None:
                self._voice = Voice()
            return render_audio(page, name, self.cache_dir, self._voice)


def review_blueprint(assistant: Assistant, cache_dir: Path | None = None) -> Blueprint:
    """GET /review/ and /review/audio/<file>, for development mode only.

    The page is built on the first request; each audio file is rendered when first asked for
    and kept in cache_dir (else the app's ANGIOVOICE_REVIEW_DIR, else a new temporary
    directory).
    """
    from flask import Blueprint, Response, abort, send_file

    from angiovoice.voice import VoiceError

    server = _ReviewServer(assistant, cache_dir)
    blueprint = Blueprint("review", __name__, url_prefix="/review")

    @blueprint.get("/")
    def index() -> Response:
        return Response(render_html(server.page()), mimetype="text/html")

    @blueprint.get("/audio/<name>")
    def audio(name: str) -> Response:
        try:
            path = server.audio(name)
        except VoiceError as exc:
            log.warning("review audio unavailable: %s", exc)
            return Response(str(exc), status=503, mimetype="text/plain")
        if path is None:
            abort(404)
        return send_file(path, mimetype="audio/wav", max_age=0)

    return blueprint
