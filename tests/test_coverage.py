"""Questions about subjects the content does not cover (intents/coverage.py): they hear that
there is no advice on it here and to ask the care team, before anything a nearby topic says."""

from __future__ import annotations

import pytest
from phone_sim import PhoneCall, phone_client

from angiovoice.assistant import Assistant
from angiovoice.settings import Settings
from intents import catalog as ic
from intents import coverage
from intents.handlers import Router
from intents.model import DialogState, Reply, Turn
from intents.text import normalise


@pytest.fixture
def router(assistant: Assistant) -> Router:
    return assistant.router


def ask(router: Router, text: str, state: DialogState | None = None) -> Reply:
    turn = Turn(channel="console", locale="en-US", text=text, state=state or DialogState())
    return router.respond(turn)


def not_covered(assistant: Assistant, subject: coverage.Subject, channel: str = "console") -> str:
    name = assistant.catalog.say(subject.prompt, "en-US", channel)
    return assistant.catalog.say("not_covered", "en-US", channel, subject=name)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # from the blind everyday sets, where a topic answers none of them
        ("can I take ibuprofen with my blood thinners", coverage.PAINKILLERS),
        ("can I take paracetamol", coverage.PAINKILLERS),
        # brand names a blind team used (Australia's Panadol, India's Crocin)
        ("can i take panadol after having a stent", coverage.PAINKILLERS),
        ("can mum take crocin after her angioplasty", coverage.PAINKILLERS),
        ("do I need to keep taking my statin after the stent", coverage.OTHER_MEDICINES),
        ("what time of day should I take my blood pressure pills", coverage.OTHER_MEDICINES),
        ("I forgot to take my plavix this morning what should I do", coverage.DOSES),
        ("what happens if I miss a dose of Brilinta", coverage.DOSES),
        ("Um, I've run out of my Plavix, can I just skip it for a while?", coverage.DOSES),
        ("I've taken two aspirin today by mistake", coverage.DOSES),
        # a second code review's: a named painkiller beside the procedure is still one; a
        # double dose of aspirin beside the spray still a dose
        ("can I take ibuprofen with my aspirin after the procedure", coverage.PAINKILLERS),
        ("does ibuprofen hurt the stent", coverage.PAINKILLERS),
        ("I took a double dose of my aspirin and used my spray", coverage.DOSES),
        ("can i drink alcohol after my stent", coverage.ALCOHOL),
        ("is it ok to have a glass of wine", coverage.ALCOHOL),
        ("can I get a covid booster after angioplasty", coverage.VACCINATIONS),
        ("can i get my flu jab after a stent", coverage.VACCINATIONS),
        ("is it common to feel depressed after a stent", coverage.MOOD),
        ("How do I book my follow-up appointment with the cardiologist?", coverage.FOLLOW_UP),
        ("When is my next check-up with the cardiologist?", coverage.FOLLOW_UP),
    ],
)
def test_a_subject_without_content_is_named(text: str, subject: coverage.Subject) -> None:
    assert coverage.uncovered_subject(normalise(text)) == subject


@pytest.mark.parametrize(
    "text",
    [
        # what the topics do answer, in words close to those subjects
        "will I get painkillers during the procedure",
        "do I take two tablets",
        "how long do I take aspirin for",
        "can I take two weeks off work",
        "I ran out of breath on the stairs",
        "I missed my rehab class",
        "can i drink water before the operation",
        "when can I sleep with my partner",
        "can I stop my blood thinners",
        # a code review's: the procedure's pain relief, the spray's second dose, a wound
        "do they give you painkillers, does it hurt",
        "can I take an extra dose of my spray",
        "how often should I check up on my wound",
        # the procedure's pain relief asked about as a whole: its topic says painkillers can
        # be given, which the line would have contradicted
        "will they give me painkillers",
        "do they give you painkillers",
        "will I have painkillers",
    ],
)
def test_what_the_topics_answer_names_no_such_subject(text: str) -> None:
    assert coverage.uncovered_subject(normalise(text)) is None


def test_each_subject_is_said_and_offers_a_topic_or_none(assistant: Assistant) -> None:
    assert coverage.offered_topics() <= set(ic.TOPIC_INTENTS)
    for key in coverage.prompt_keys():
        assert assistant.catalog.say(key, "en-US", "console")


def test_a_topic_that_fits_is_answered_after_it(router: Router, assistant: Assistant) -> None:
    # "can I take ibuprofen?" was answered with the medicines' answer alone, which says nothing
    # about ibuprofen (from a new-user pass): its silence could be taken for a yes.
    reply = ask(router, "can I take ibuprofen with my blood thinners", DialogState(last="x"))
    assert reply.intent == "MedicationIntent" and reply.state.offer != reply.intent
    assert reply.speech[0] == not_covered(assistant, coverage.PAINKILLERS)
    assert "anti-platelet" in reply.speech[1]
    # Two questions, one covered: the line, then the answer that fits.
    both = ask(router, "when can I drive and can I drink alcohol", DialogState(last="x"))
    assert both.intent == "DrivingIntent"
    assert both.speech[0] == not_covered(assistant, coverage.ALCOHOL)


@pytest.mark.parametrize(
    "text",
    ["will they give me painkillers", "do I get pain relief", "do they give you painkillers"],
)
def test_pain_relief_for_the_procedure_is_its_topics_answer_without_the_line(
    router: Router, assistant: Assistant, text: str
) -> None:
    reply = ask(router, text, DialogState(last="x"))
    assert reply.intent == "ProcedureDurationIntent" and reply.state.offer != reply.intent
    assert "painkillers if you need them" in " ".join(reply.speech)
    assert not_covered(assistant, coverage.PAINKILLERS) not in reply.speech
    # painkillers afterwards are after-care, which no topic covers: still the line
    later = ask(router, "can I have painkillers afterwards", DialogState(last="x"))
    assert later.speech[0] == not_covered(assistant, coverage.PAINKILLERS)


def test_what_this_is_is_still_said_first(router: Router, assistant: Assistant) -> None:
    reply = router.respond(
        Turn(channel="console", locale="en-US", text="can I take paracetamol", new_session=True)
    )
    disclaimer = assistant.catalog.say("disclaimer", "en-US", "console")
    assert reply.speech[:2] == (disclaimer, not_covered(assistant, coverage.PAINKILLERS))


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("what if I forget to take my plavix one day", coverage.DOSES),
        ("are statins bad for your muscles", coverage.OTHER_MEDICINES),
        ("can I drink alcohol after angioplasty", coverage.ALCOHOL),
    ],
)
def test_with_no_topic_plainly_named_its_nearest_is_offered(
    router: Router, assistant: Assistant, text: str, subject: coverage.Subject
) -> None:
    reply = ask(router, text, DialogState(last="x"))
    assert reply.speech[0] == not_covered(assistant, subject)
    assert reply.intent == subject.topic and reply.state.offer == subject.topic
    assert ask(router, "yes", reply.state).intent == subject.topic  # and yes answers it


def test_a_guess_that_fits_is_kept(router: Router, assistant: Assistant) -> None:
    # A code review's: the spray's topic fits this better than healthy living, alcohol's.
    reply = ask(router, "can I take my spray after drinking wine", DialogState(last="x"))
    assert reply.speech[0] == not_covered(assistant, coverage.ALCOHOL)
    assert reply.intent == "NitrateIntent" and reply.state.offer == "NitrateIntent"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # not "Did you want to know about feeling dizzy?", the guess a weak match made
        ("is it common to feel depressed after having a stent", coverage.MOOD),
        ("can I have the covid vaccine with a stent", coverage.VACCINATIONS),
        ("when is my follow up appointment with the cardiologist", coverage.FOLLOW_UP),
    ],
)
def test_with_no_topic_to_offer_it_says_what_can_be_asked(
    router: Router, assistant: Assistant, text: str, subject: coverage.Subject
) -> None:
    reply = ask(router, text, DialogState(last="x"))
    assert reply.intent == ic.FALLBACK and reply.state.offer is None
    assert reply.speech == (
        not_covered(assistant, subject),
        assistant.catalog.say("not_covered_next", "en-US", "console"),
    )
    assert reply.card_text == " ".join(reply.speech)  # the card says what was said


@pytest.mark.parametrize("channel", ["console", "alexa", "phone"])
def test_what_can_be_asked_is_the_fallbacks_own_ending(assistant: Assistant, channel: str) -> None:
    # not_covered_next repeats the fallback's last sentences; the two must not drift apart
    for locale in ("en-US", "en-GB", "en-IN", "en-CA", "en-AU"):
        fallback = assistant.catalog.say("fallback", locale, channel)
        next_line = assistant.catalog.say("not_covered_next", locale, channel)
        assert fallback.endswith(next_line) and fallback != next_line, (locale, fallback)


def test_an_emergency_comes_first_as_ever(router: Router) -> None:
    reply = ask(router, "I've taken two aspirin and my chest hurts")
    assert reply.emergency and reply.intent == ic.CHEST_PAIN
    # ...and right after an instruction, what to take for the pain hears it again
    again = ask(router, "can I take paracetamol for it", reply.state)
    assert again.emergency and again.speech[0] == reply.speech[0]


def test_the_phone_says_it_and_names_the_chest_pain_key_once(assistant: Assistant) -> None:
    call = PhoneCall(phone_client(Settings(dev=True), assistant))
    call.start()
    step = call.say("can I get my flu shot after angioplasty")
    assert step.says[0] == not_covered(assistant, coverage.VACCINATIONS, "phone")
    assert step.text.count("press 9") == 1
