"""The `angiovoice` command: ask, chat, understand, serve, export-model, review, report.

Each command imports only what it needs, so `angiovoice ask` answers without loading Flask,
the Alexa SDK or Twilio.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger("angiovoice")

# arn:aws:lambda:REGION:ACCOUNT:function:NAME, optionally :ALIAS or :VERSION ($LATEST too).
_LAMBDA_ARN = re.compile(
    r"arn:aws:lambda:[a-z]{2}(?:-[a-z]+)+-\d+:\d{12}:function:[A-Za-z0-9_-]{1,64}"
    r"(?::(?:\$LATEST|[A-Za-z0-9_-]{1,128}))?"
)


def _locale_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--locale",
        default=None,
        help="en-US, en-GB, en-IN, en-CA or en-AU (default: ANGIOVOICE_LOCALE "
        "or en-US); any other locale gets generic wording",
    )


def _default_locale(explicit: str | None) -> str:
    if explicit:
        return explicit
    from angiovoice.settings import Settings

    return Settings.from_env().locale


def cmd_ask(args: argparse.Namespace) -> int:
    from angiovoice.assistant import get_assistant
    from angiovoice.console import CHANNEL as CONSOLE
    from angiovoice.console import ConsoleConversation

    text = " ".join(args.text)
    assistant = get_assistant()
    locale = _default_locale(args.locale)
    reply = ConsoleConversation(assistant.router, locale).ask(text)
    print(reply.text)
    if reply.state.disclaimer_owed:  # a one-question conversation still hears it, after
        print(assistant.catalog.say("disclaimer", locale, CONSOLE))
    if reply.state.offer is not None:  # it asked something no one here can answer
        reply_hint = "angiovoice: ask answers one question; to reply, use `angiovoice chat`"
        print(reply_hint, file=sys.stderr)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from angiovoice.assistant import get_assistant
    from angiovoice.console import ConsoleConversation
    from intents.model import Reply

    assistant = get_assistant()
    locale = _default_locale(args.locale)
    voice = None
    speak = bool(args.speak)
    if args.speak or args.save_audio:
        from angiovoice.voice import Voice, VoiceError

        try:
            voice = Voice()
        except VoiceError as exc:
            print(f"angiovoice: {exc}", file=sys.stderr)
            return 2
        # Made only once the speech engine has started: a failed start leaves no empty folder.
        problem = _writable_dir_problem(Path(args.save_audio)) if args.save_audio else None
        if problem:
            print(f"angiovoice: --save-audio: {problem}", file=sys.stderr)
            return 2
        if speak and voice.playback_problem:
            # Said once, here: answers are still printed (and saved, with --save-audio).
            print(
                f"angiovoice: {voice.playback_problem}; answers are printed, not spoken",
                file=sys.stderr,
            )
            speak = False
    conversation = ConsoleConversation(assistant.router, locale)
    turn_number = 0

    def show(reply: Reply) -> None:
        nonlocal turn_number
        print(f"AngioVoice: {reply.text}", flush=True)
        spoken = assistant.catalog.speakable(reply.text, locale)
        if voice is not None and args.save_audio:
            path = voice.save(spoken, Path(args.save_audio) / f"turn-{turn_number:03d}.wav")
            print(f"(saved {path})", flush=True)
        if voice is not None and speak:
            voice.say(spoken)
        turn_number += 1

    show(conversation.welcome())
    while True:
        try:
            line = input("You: ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not sys.stdin.isatty():  # a transcript reads as a conversation typed at a terminal
            print(line, flush=True)
        reply = conversation.ask(line)
        show(reply)
        if reply.end_session:
            return 0


def _writable_dir_problem(directory: Path) -> str | None:
    """Why files cannot be written in directory (made if missing), or None."""
    if directory.exists() and not directory.is_dir():
        return f"{directory} exists and is not a directory"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"cannot create the directory {directory}: {exc.strerror or exc}"
    if not os.access(directory, os.W_OK | os.X_OK):
        return f"cannot write in the directory {directory}"
    return None


def cmd_understand(args: argparse.Namespace) -> int:
    from angiovoice.assistant import get_assistant

    if args.text and args.jsonl:
        print(
            "angiovoice understand: give TEXT or --jsonl (lines on standard input), not both",
            file=sys.stderr,
        )
        return 2
    understander = get_assistant().understander
    if args.text:
        print(json.dumps(understander.understand(" ".join(args.text)).as_dict()))
        return 0
    if not args.jsonl:
        print(
            "angiovoice understand: give TEXT, or --jsonl to read lines from standard input",
            file=sys.stderr,
        )
        return 2
    out = sys.stdout
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        out.write(json.dumps(understander.understand(line).as_dict()) + "\n")
    out.flush()
    return 0


def _port(text: str) -> int:
    """--port, read as the PORT setting is."""
    from angiovoice.settings import parse_port

    port = parse_port(text)
    if port is None:
        raise argparse.ArgumentTypeError(f"must be a number from 1 to 65535, not {text!r}")
    return port


def cmd_serve(args: argparse.Namespace) -> int:
    from angiovoice.server import serve
    from angiovoice.settings import Settings, SettingsError

    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"angiovoice: {exc}", file=sys.stderr)
        return 2
    return serve(settings, host=args.host, port=args.port, dev=args.dev or settings.dev)


def _is_alexa_endpoint(endpoint: str) -> bool:
    """An https:// URL with a host, or an AWS Lambda function ARN: what Alexa accepts."""
    return bool(_LAMBDA_ARN.fullmatch(endpoint)) or _is_https_url(endpoint)


def _is_https_url(value: str) -> bool:
    """An https:// URL with a host (and a numeric port, if any), as the skill manifest needs."""
    if not value or any(c.isspace() or not c.isprintable() for c in value):
        return False
    try:
        url = urlsplit(value)
        url.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    return url.scheme == "https" and bool(url.hostname)


def cmd_export_model(args: argparse.Namespace) -> int:
    if args.endpoint is not None and not _is_alexa_endpoint(args.endpoint):
        print(
            f"angiovoice: --endpoint must be an https:// URL (e.g. https://voice.example.org/alexa)"
            f" or an AWS Lambda ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME), "
            f"not {args.endpoint!r}",
            file=sys.stderr,
        )
        return 2
    urls = {
        "--privacy-url": args.privacy_url,
        "--terms-url": args.terms_url,
        "--small-icon": args.small_icon,
        "--large-icon": args.large_icon,
    }
    for option, value in urls.items():
        if value is not None and not _is_https_url(value):
            print(f"angiovoice: {option} must be an https:// URL, not {value!r}", file=sys.stderr)
            return 2
    from angiovoice.assistant import get_assistant
    from skill.model_export import PACKAGE_DIR, Listing, package_files, stale_files, write_package

    assistant = get_assistant()
    out = Path(args.out) if args.out else PACKAGE_DIR
    placeholder = Listing()
    listing = Listing(
        endpoint=args.endpoint or placeholder.endpoint,
        privacy_policy_url=args.privacy_url or placeholder.privacy_policy_url,
        terms_of_use_url=args.terms_url or placeholder.terms_of_use_url,
        small_icon_url=args.small_icon,
        large_icon_url=args.large_icon,
    )
    files = package_files(assistant.catalog, assistant.intents, listing)
    if args.check:
        stale = stale_files(files, out)
        for name in stale:
            print(f"angiovoice: out of date: {out / name}", file=sys.stderr)
        if not stale:
            print(f"up to date: {len(files)} files in {out}")
        return 1 if stale else 0
    for path in write_package(files, out):
        print(f"wrote {path}")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from angiovoice.assistant import get_assistant
    from angiovoice.review import build_review, write_review

    voice = None
    if not args.no_audio:
        from angiovoice.voice import Voice, VoiceError

        try:
            voice = Voice()
        except VoiceError as exc:
            print(f"angiovoice: {exc} (or use --no-audio)", file=sys.stderr)
            return 2
    out = Path(args.out)
    problem = _writable_dir_problem(out)
    if problem:
        print(f"angiovoice: --out: {problem}", file=sys.stderr)
        return 2
    page = build_review(get_assistant(), with_audio=voice is not None)
    files = write_review(page, out, voice)
    print(f"wrote {files[0]} ({len(page.topics)} topics, {len(files) - 1} audio files)")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from angiovoice.events import Report, SQLiteStore, open_store
    from angiovoice.report import format_report, parse_since
    from angiovoice.settings import Settings

    try:
        period = parse_since(args.since)
        settings = Settings.from_env()
    except ValueError as exc:  # SettingsError is one
        print(f"angiovoice: {exc}", file=sys.stderr)
        return 2
    now = datetime.now(UTC)
    store = open_store(settings)
    where = store.description
    try:
        if isinstance(store, SQLiteStore) and not store.path.exists():
            report = Report(since=now - period, turns=0)  # nothing recorded yet: make no file
            where += " (no such file yet: nothing has been recorded there)"
        else:
            report = store.report(now - period)
    except Exception as exc:
        print(f"angiovoice: cannot read the events in {store.description}: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    sys.stdout.write(format_report(report, args.since, where, now))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="angiovoice",
        description="A spoken guide to coronary angioplasty. General information, not medical "
        "advice.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer one question and exit")
    _locale_arg(ask)
    ask.add_argument("text", nargs="+", help="the question, e.g. when can I drive")
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", help="an interactive conversation")
    _locale_arg(chat)
    chat.add_argument("--speak", action="store_true", help="also say each answer aloud")
    chat.add_argument(
        "--save-audio", metavar="DIR", help="write each spoken answer to DIR/turn-NNN.wav"
    )
    chat.set_defaults(func=cmd_chat)

    understand = sub.add_parser("understand", help="show how text is understood")
    understand.add_argument(
        "--jsonl",
        action="store_true",
        help="read one utterance per line on stdin, write one JSON per line",
    )
    understand.add_argument("text", nargs="*", help="an utterance (instead of --jsonl)")
    understand.set_defaults(func=cmd_understand)

    serve = sub.add_parser("serve", help="run the web app (Alexa and phone endpoints)")
    serve.add_argument(
        "--host",
        default=None,
        help="address to bind (default: HOST or 127.0.0.1; --dev binds 127.0.0.1 only)",
    )
    serve.add_argument("--port", type=_port, default=None, help="1-65535 (default: PORT or 5000)")
    serve.add_argument(
        "--dev",
        action="store_true",
        help="development mode: no request verification, loopback only",
    )
    serve.set_defaults(func=cmd_serve)

    export = sub.add_parser(
        "export-model", help="generate the Alexa skill package from the intent catalog"
    )
    export.add_argument("--out", metavar="DIR", help="default: skill/skill-package")
    export.add_argument(
        "--endpoint",
        help="your HTTPS endpoint (ending /alexa) or Lambda ARN; the committed copy keeps a "
        "placeholder",
    )
    export.add_argument("--privacy-url", help="your privacy policy (https); default: a placeholder")
    export.add_argument("--terms-url", help="your terms of use (https); default: a placeholder")
    export.add_argument("--small-icon", help="108x108 PNG icon (https); certification needs both")
    export.add_argument("--large-icon", help="512x512 PNG icon (https)")
    export.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the files are out of date"
    )
    export.set_defaults(func=cmd_export_model)

    review = sub.add_parser(
        "review", help="write the clinicians' review page (every text, grade and audio)"
    )
    review.add_argument("--out", metavar="DIR", required=True, help="where to write index.html")
    review.add_argument("--no-audio", action="store_true", help="text only: render no audio")
    review.set_defaults(func=cmd_review)

    report = sub.add_parser(
        "report",
        help="what was asked, by intent and channel; emergency paths; unanswered questions; "
        "latency (from the turn events in DATABASE_URL or ANGIOVOICE_DATA_DIR)",
    )
    report.add_argument("--since", default="7d", help="how far back: 7d, 24h, 30m (default: 7d)")
    report.set_defaults(func=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from intents.catalog import IntentCatalogError
    from prompts import CatalogError

    try:
        status = int(args.func(args))
        sys.stdout.flush()  # here, so a closed pipe is met below and not at interpreter exit
        return status
    except (CatalogError, IntentCatalogError) as exc:
        print(f"angiovoice: the content files are invalid: {exc}", file=sys.stderr)
        return 3
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as a Unix tool killed by SIGPIPE does.
        # Python's docs: point stdout at devnull so the flush at exit cannot fail again.
        with contextlib.suppress(OSError, ValueError):  # a stdout with no descriptor (tests)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13  # 141: what a shell reports for a process ended by SIGPIPE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
