"""Whole calls through the simulator: the greeting, every menu path, every topic by speech,
the emergency path from every level by key and by speech, silences, unknown keys, weak matches,
the care team, and the locale of the line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from phone_sim import PhoneCall, Step, check_twiml, phone_client

from angiovoice.assistant import Assistant
from angiovoice.settings import Settings
from intents import catalog as ic
from ivr import menu
from ivr.state import MAX_SILENCES

SENTENCE_END = re.compile(r"(?<=[.?!])\s+")

SPEECH = {
    "WhatIsAngioplastyIntent": "what is angioplasty",
    "ProcedureIntent": "how is the procedure done",
    "StentIntent": "what is a stent",
    "WhoNeedsItIntent": "who needs an angioplasty",
    "BenefitsIntent": "what are the benefits of angioplasty",
    "HospitalStayIntent": "how long will I stay in hospital",
    "DrivingIntent": "when can I drive",
    "WorkIntent": "when can I go back to work",
    "ActivityIntent": "can I lift heavy things",
    "CardiacRehabIntent": "what is cardiac rehab",
    "MedicationIntent": "what tablets do I need to take",
    "SecurityScreeningIntent": "can I go through airport security",
    "ProcedureDurationIntent": "how long does the angioplasty take",
    "AccessSiteIntent": "how long do I have to lie flat afterwards",
    "RisksIntent": "what are the risks of having a stent",
    "WoundCareIntent": "when can I have a shower",
    "StentLifetimeIntent": "how many years will my stent last",
    "FlyingIntent": "when can I fly after my stent",
    "SexIntent": "when can we have sex after the stent",
    "LifestyleIntent": "what food should I eat now",
    "MedicationSideEffectsIntent": "what side effects does clopidogrel have",
    "NitrateIntent": "how do I use my GTN spray",
    "DizzinessIntent": "I feel a bit dizzy",
}
WEAK = "something about my car"  # understood as driving, but not confidently
CARE_TEAM = "+442079460000"


def said(assistant: Assistant, key: str, locale: str = "en-US", **params: str) -> str:
    """A prompt as the phone line speaks it."""
    catalog = assistant.catalog
    return catalog.speakable(catalog.say(key, locale, "phone", **params), locale)


def topic(assistant: Assistant, intent: str, part: str = "answer", locale: str = "en-US") -> str:
    catalog = assistant.catalog
    return catalog.speakable(catalog.topic_text(intent, part, locale), locale)


def key_path(intent: str) -> list[str]:
    """The keys that reach a topic from the main menu, found in the menu data."""
    paths: dict[str, list[str]] = {menu.MAIN: []}
    todo = [menu.MAIN]
    while todo:
        level = menu.LEVELS[todo.pop(0)]
        for option in level.options:
            action = option.action
            if isinstance(action, menu.Route) and action.intent == intent:
                return [*paths[level.name], option.key]
            if isinstance(action, menu.GoTo) and action.level not in paths:
                paths[action.level] = [*paths[level.name], option.key]
                todo.append(action.level)
    raise AssertionError(f"no key path to {intent}")


def assert_emergency(step: Step, assistant: Assistant, locale: str = "en-US") -> None:
    """The full instruction is the first thing heard, then how to hear it again."""
    assert step.says[0] == said(assistant, "emergency", locale)
    assert said(assistant, "emergency_after", locale) in step.says
    assert step.level == menu.EMERGENCY and not step.hung_up


def assert_main_menu(step: Step) -> None:
    assert step.level == menu.MAIN
    for label in ("the procedure", "going home and recovery", "your medicines", "a stent"):
        assert label in step.text
    assert "press 4" in step.text


@pytest.fixture
def call(client: FlaskClient) -> PhoneCall:
    return PhoneCall(client)


# -- the greeting -----------------------------------------------------------------------------


def test_the_first_sentence_tells_a_caller_with_chest_pain_what_to_press(
    call: PhoneCall,
) -> None:
    step = call.start()
    sentences = SENTENCE_END.split(step.text)
    assert "chest pain" in sentences[0] and f"press {menu.EMERGENCY_KEY}" in sentences[0]
    assert "not medical advice" in " ".join(sentences[1:3])
    assert_main_menu(step)
    assert step.text.index("not medical advice") < step.text.index("press 1")


def test_every_prompt_is_inside_a_gather_that_takes_keys_and_speech(call: PhoneCall) -> None:
    step = call.start()
    root = step.documents[-1]
    verbs = [child.tag for child in root]
    assert verbs == ["Gather", "Redirect"]  # nothing is said outside the Gather: barge-in
    gather = root[0]
    assert gather.get("input") == "dtmf speech"
    assert gather.get("speechTimeout") == "auto"
    assert gather.get("actionOnEmptyResult") == "true"
    assert gather.get("language") == "en-US"
    assert int(gather.get("timeout") or 0) >= 3
    hints = (gather.get("hints") or "").split(", ")
    assert "chest pain" in hints and "when can i drive" in hints
    assert root[1].text == gather.get("action")  # a Gather that ends unposted counts as silence


# -- every menu path by keys ------------------------------------------------------------------


@pytest.mark.parametrize("intent", ic.TOPIC_INTENTS)
def test_every_topic_by_keys_then_again_more_and_main_menu(
    call: PhoneCall, assistant: Assistant, intent: str
) -> None:
    call.start()
    for key in key_path(intent):
        step = call.press(key)
    assert step.says[0] == topic(assistant, intent)
    assert step.level == menu.ANSWER
    assert "press 2" in step.text and "press 1" in step.text and "press 3" in step.text
    again = call.press("1")
    assert again.says[0] == topic(assistant, intent) and again.level == menu.ANSWER
    more = call.press("2")
    assert more.says[0] == topic(assistant, intent, "more") and more.level == menu.ANSWER
    assert_main_menu(call.press(menu.MAIN_MENU_KEY))


@pytest.mark.parametrize(
    ("key", "level", "labels"),
    [
        ("1", menu.PROCEDURE, ["what angioplasty is", "who needs it", "how it is done"]),
        ("2", menu.RECOVERY, ["going home from hospital", "driving", "going back to work"]),
        ("4", menu.STENT, ["what a stent is", "cardiac rehab", "airport security"]),
        ("5", menu.MEDICINES, ["medicine side effects", "your angina spray or tablets"]),
    ],
)
def test_each_group_lists_its_topics_and_the_way_back(
    call: PhoneCall, key: str, level: str, labels: list[str]
) -> None:
    call.start()
    step = call.press(key)
    assert step.level == level
    for label in labels:
        assert label in step.text
    assert f"main menu, press {menu.MAIN_MENU_KEY}" in step.text
    assert call.press(menu.REPEAT_KEY).text == step.text  # star says the menu again
    assert_main_menu(call.press(menu.MAIN_MENU_KEY))


def test_after_the_more_part_yes_goes_to_the_follow_up_topic(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    call.say("when can I drive")
    more = call.press("2")
    follow_up = assistant.catalog.topics["DrivingIntent"].follow_up
    assert follow_up is not None
    assert "press 2" in more.text  # "Would you like to hear about going back to work?"
    assert call.press("2").says[0] == topic(assistant, follow_up)


def test_goodbye_key_ends_the_call(call: PhoneCall, assistant: Assistant) -> None:
    call.start()
    call.press("3")
    step = call.press("3")
    assert step.hung_up and step.says == [said(assistant, "goodbye")]
    with pytest.raises(AssertionError, match="ended"):
        call.press("1")


def test_star_repeats_an_answer(call: PhoneCall, assistant: Assistant) -> None:
    call.start()
    first = call.press("3")
    again = call.press(menu.REPEAT_KEY)
    assert again.says[0] == topic(assistant, "MedicationIntent") == first.says[0]


# -- every topic by speech --------------------------------------------------------------------


@pytest.mark.parametrize("intent", ic.TOPIC_INTENTS)
def test_every_topic_by_speech(call: PhoneCall, assistant: Assistant, intent: str) -> None:
    call.start()
    step = call.say(SPEECH[intent])
    assert step.says[0] == topic(assistant, intent)
    assert step.level == menu.ANSWER
    assert step.query["last"] == [intent]


def test_speech_works_at_any_level(call: PhoneCall, assistant: Assistant) -> None:
    call.start()
    call.press("1")
    step = call.say("can I go back to work")
    assert step.says[0] == topic(assistant, "WorkIntent")
    more = call.say("tell me more")
    assert more.says[0] == topic(assistant, "WorkIntent", "more")
    assert_main_menu(call.say("main menu"))
    assert call.say("goodbye").hung_up


@pytest.mark.parametrize(("words", "level"), [("two", menu.RECOVERY), ("press 4", menu.STENT)])
def test_a_spoken_number_is_a_key(call: PhoneCall, words: str, level: str) -> None:
    call.start()
    assert call.say(words).level == level


def test_saying_repeat_at_a_menu_repeats_the_menu(call: PhoneCall) -> None:
    call.start()
    stent = call.press("4")
    assert call.say("say that again").text == stent.text


def test_no_match_gets_help_and_the_menu(call: PhoneCall, assistant: Assistant) -> None:
    call.start()
    step = call.say("order a pizza")  # ("holiday abroad" is now the flying topic)
    assert step.says[0] == said(assistant, "fallback")
    assert "press 9" in step.says[0]
    assert_main_menu(step)


def test_a_remark_that_reads_a_little_like_goodbye_does_not_hang_up(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    call.press("4")
    step = call.say("that's scary")
    assert not step.hung_up and step.says[0] == said(assistant, "stop_unsure")
    assert "say goodbye, or just hang up" in step.says[0]
    assert step.level == menu.STENT  # the menu the caller was in, again
    assert call.say("goodbye").hung_up


def test_speech_not_understood_in_a_menu_hears_that_menu_again(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    menu_page = call.press("2")
    step = call.say("tell me about bananas")
    assert step.says[0] == said(assistant, "fallback")
    assert step.level == menu.RECOVERY
    assert step.says[1:] == menu_page.says  # its choices, as they were first said
    assert call.press("2").says[0] == topic(assistant, "DrivingIntent")
    # At the main menu it is the main menu, as ever.
    call.press(menu.MAIN_MENU_KEY)
    assert_main_menu(call.say("tell me about bananas"))


@pytest.mark.parametrize("words", ["oh never mind I pressed the wrong thing", "cancel that"])
def test_never_mind_goes_back_to_the_main_menu_and_keeps_the_call(
    call: PhoneCall, words: str
) -> None:
    call.start()
    call.press("2")
    step = call.say(words)
    assert not step.hung_up
    assert_main_menu(step)


# -- the emergency path -----------------------------------------------------------------------


def _reach(call: PhoneCall, level: str) -> Step:
    call.start()
    route = {
        menu.MAIN: [],
        menu.PROCEDURE: ["1"],
        menu.PROCEDURE_DAY: ["1", "3"],
        menu.RECOVERY: ["2"],
        menu.STENT: ["4"],
        menu.LIVING: ["4", "5"],
        menu.MEDICINES: ["5"],
        menu.ANSWER: ["3"],
        menu.EMERGENCY: [menu.EMERGENCY_KEY],
    }
    step = call.history[-1]
    if level == menu.CONFIRM:
        step = call.say(WEAK)
    for key in route.get(level, []):
        step = call.press(key)
    assert step.level == level
    return step


@pytest.mark.parametrize("level", list(menu.LEVELS))
def test_the_emergency_key_works_at_every_level(
    call: PhoneCall, assistant: Assistant, level: str
) -> None:
    _reach(call, level)
    assert_emergency(call.press(menu.EMERGENCY_KEY), assistant)


@pytest.mark.parametrize("level", list(menu.LEVELS))
@pytest.mark.parametrize(
    "words", ["I have chest pain", "my chest feels tight", "I think I'm having a heart attack"]
)
def test_chest_pain_in_words_works_at_every_level(
    call: PhoneCall, assistant: Assistant, level: str, words: str
) -> None:
    _reach(call, level)
    assert_emergency(call.say(words), assistant)


def test_emergency_words_beat_a_spoken_key_and_a_topic(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    assert_emergency(call.say("press two my chest hurts"), assistant)
    step = call.say("chest pain when I drive")
    assert_emergency(step, assistant)
    assert step.query["offer"] == ["DrivingIntent"]  # "if you are not in pain... say yes"
    assert call.say("yes").says[0] == topic(assistant, "DrivingIntent")


def test_the_question_offered_after_the_instruction_can_be_taken_by_key(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    step = call.say("chest pain when I drive")
    assert_emergency(step, assistant)
    title = assistant.catalog.topic_title("DrivingIntent", "en-US")
    offer = said(assistant, "offer_after_emergency", topic=title)
    assert "press 2 or say yes" in offer and offer in step.says
    assert call.press("2").says[0] == topic(assistant, "DrivingIntent")
    # The offer is made again with the instruction (after 1 or "repeat"), and still stands
    # after a silence's reprompt.
    for how in ("key 1", "repeat", "silence"):
        call.start()
        call.say("chest pain when I drive")
        step = {"key 1": lambda: call.press("1"), "repeat": lambda: call.say("repeat")}.get(
            how, call.silence
        )()
        if how != "silence":
            assert_emergency(step, assistant)
        assert offer in step.text  # the silence's short reprompt makes the offer again too
        assert call.press("2").says[0] == topic(assistant, "DrivingIntent")
    # Without a question beside the red flag, 2 is not one of the choices: it is not said,
    # and pressing it is an unknown key (the instruction's level is said again).
    call.press(menu.EMERGENCY_KEY)
    assert "press 2" not in call.history[-1].text
    step = call.press("2")
    assert step.says[0] == said(assistant, "phone_unknown_key")
    assert step.level == menu.EMERGENCY


def test_the_emergency_key_wins_over_speech_sent_with_it(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    assert_emergency(
        call.send({"Digits": menu.EMERGENCY_KEY, "SpeechResult": "when can I drive"}), assistant
    )


def test_after_the_instruction_one_or_repeat_hears_it_again(
    call: PhoneCall, assistant: Assistant
) -> None:
    _reach(call, menu.EMERGENCY)
    assert_emergency(call.press("1"), assistant)
    assert_emergency(call.say("repeat"), assistant)
    assert_emergency(call.press(menu.REPEAT_KEY), assistant)
    assert "care team" not in call.history[-1].text  # not configured
    assert "not one of the choices" in call.press("0").text
    assert_main_menu(call.press(menu.MAIN_MENU_KEY))


# -- silence ----------------------------------------------------------------------------------


def test_silence_reprompts_then_repeats_the_menu_then_says_goodbye(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    first = call.silence()
    assert first.says == [said(assistant, "phone_menu_reprompt")]
    assert first.level == menu.MAIN and first.query["s"] == ["1"]
    second = call.silence()
    assert_main_menu(second)
    assert second.query["s"] == ["2"]
    third = call.silence()
    assert third.hung_up and third.says == [
        said(assistant, key) for key in ("phone_silence_end", "phone_silence_chest_pain", "goodbye")
    ]
    assert "call 9 1 1" in third.text


def test_silence_after_an_answer_gives_its_reprompt_then_the_main_menu(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    call.say("when can I drive")
    first = call.silence()
    assert first.says[0] == topic(assistant, "DrivingIntent", "reprompt")
    assert first.level == menu.ANSWER and "press 1" in first.text
    assert_main_menu(call.silence())
    assert call.silence().hung_up


def test_silence_after_the_instruction_says_it_again(call: PhoneCall, assistant: Assistant) -> None:
    _reach(call, menu.EMERGENCY)
    first = call.silence()
    assert first.says[0] == said(assistant, "emergency_reprompt")
    assert_emergency(call.silence(), assistant)
    last = call.silence()
    assert last.hung_up and "call 9 1 1" in last.text
    assert last.says[1] == said(assistant, "emergency_reminder")


def test_the_goodbye_after_silences_reminds_of_the_red_flag_heard(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    call.say("my wrist is bleeding")
    for _ in range(MAX_SILENCES - 1):
        call.silence()
    last = call.silence()
    assert last.hung_up
    assert last.says == [
        said(assistant, key)
        for key in ("phone_silence_end", "emergency_bleeding_reminder", "goodbye")
    ]
    assert "chest pain" not in last.text  # the bleeding's reminder, not chest pain's


def test_a_caller_who_says_they_are_calling_999_is_let_go(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    call.say("my chest hurts")
    step = call.say("I'm going to call 911 now, bye")
    assert step.hung_up
    assert step.says == [said(assistant, "emergency_calling"), said(assistant, "goodbye")]
    assert "hang up now and call 9 1 1" in step.text


def test_what_a_caller_says_after_the_instruction_keeps_them_in_it(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    call.say("when can I drive again? my chest feels tight")
    reminder = said(assistant, "emergency_reprompt")
    for text in ("what do I do now", "he's getting worse"):
        step = call.say(text)
        assert step.says[0] == reminder and step.level == menu.EMERGENCY
        assert "press 2 or say yes" in step.text  # driving is still on offer
    weak = call.say("my diet")  # a weak match: offered after the reminder
    assert weak.says[0] == said(assistant, "emergency_reminder") and weak.level == menu.CONFIRM
    assert_emergency(call.press(menu.EMERGENCY_KEY), assistant)
    declined = call.say("no")
    assert declined.says[0] == reminder and declined.level == menu.EMERGENCY
    assert "press 2" not in declined.text  # the offer is declined
    assert_emergency(call.press("1"), assistant)
    goodbye = call.say("goodbye")
    assert goodbye.hung_up
    assert goodbye.says == [said(assistant, k) for k in ("emergency_reminder", "goodbye")]


def test_any_input_resets_the_silence_count(call: PhoneCall, assistant: Assistant) -> None:
    call.start()
    call.silence()
    call.silence()
    call.press("1")
    step = call.silence()
    assert step.says == [said(assistant, "phone_menu_reprompt")] and not step.hung_up


# -- unknown keys -----------------------------------------------------------------------------


@pytest.mark.parametrize("level", list(menu.LEVELS))
@pytest.mark.parametrize("key", ["7", "#"])
def test_an_unknown_key_is_named_and_the_level_repeated(
    call: PhoneCall, assistant: Assistant, level: str, key: str
) -> None:
    _reach(call, level)
    step = call.press(key)
    assert step.says[0] == said(assistant, "phone_unknown_key")
    assert step.level == level and len(step.says) > 1


# -- weak matches -----------------------------------------------------------------------------


def test_a_weak_match_is_confirmed_by_key(call: PhoneCall, assistant: Assistant) -> None:
    step = _reach(call, menu.CONFIRM)
    assert step.text.startswith(
        "Did you want to know about driving? Say yes, or press 2. For the main menu, press 8."
    )
    assert call.press("2").says[0] == topic(assistant, "DrivingIntent")


def test_the_yes_key_is_the_same_on_every_page(call: PhoneCall) -> None:
    # After an answer, an instruction or a "did you want...?", yes is 2: a key that meant yes on
    # one page and no on another (from a new-user pass) would answer the opposite of what a
    # caller means. 1 is never yes: after an answer or an instruction it hears it again.
    replies = [level for level in menu.LEVELS.values() if level.kind == "reply"]
    for level in replies:
        for option in level.options:
            is_yes = option.action == menu.Route(ic.YES)
            assert is_yes == (option.key == "2"), (level.name, option)
    _reach(call, menu.CONFIRM)
    unknown = call.press("1")
    assert unknown.level == menu.CONFIRM and "not one of the choices" in unknown.text


def test_a_weak_match_is_confirmed_by_voice(call: PhoneCall, assistant: Assistant) -> None:
    _reach(call, menu.CONFIRM)
    assert call.say("yes please").says[0] == topic(assistant, "DrivingIntent")


def test_a_question_the_second_part_answers_hears_it_first(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    step = call.say("can I have a bath")
    more = topic(assistant, "WoundCareIntent", "more")
    assert step.says[0] == more and step.level == menu.ANSWER
    assert "Would you like to hear the rest about caring for the wound?" in step.text
    assert call.press("1").says[0] == more  # hear it again
    rest = call.say("yes please")
    assert rest.says[0] == topic(assistant, "WoundCareIntent") and rest.level == menu.ANSWER
    # Both parts heard: hearing the rest again keeps its offer, the follow-up topic (from a
    # new-user pass: it used to offer "more", the part heard first).
    again = call.press("1")
    assert again.says == rest.says
    assert call.press("2").says[0] == topic(assistant, "DrivingIntent")


@pytest.mark.parametrize("level", list(menu.LEVELS))
def test_saying_repeat_is_pressing_star_at_every_level(call: PhoneCall, level: str) -> None:
    step = _reach(call, level)
    starred = call.press(menu.REPEAT_KEY)
    _reach(call, level)
    spoken = call.say("repeat")
    assert spoken.says == starred.says and spoken.level == starred.level == level
    if level == menu.CONFIRM:  # not the greeting: "did you want to know about driving?"
        assert spoken.text.startswith(step.text[:40])


@pytest.mark.parametrize("decline", [("press", menu.MAIN_MENU_KEY), ("say", "no thanks")])
def test_a_weak_match_declined_goes_to_the_menu(
    call: PhoneCall, assistant: Assistant, decline: tuple[str, str]
) -> None:
    _reach(call, menu.CONFIRM)
    how, what = decline
    step = call.press(what) if how == "press" else call.say(what)
    if how == "say":
        assert step.says[0] == said(assistant, "declined")
    assert_main_menu(step)
    assert "Do not drive" not in step.text


# -- the care team ----------------------------------------------------------------------------


def _care_team_call(assistant: Assistant) -> PhoneCall:
    """A call, answered, on a line with CARE_TEAM_NUMBER set."""
    call = PhoneCall(phone_client(Settings(dev=True, care_team_number=CARE_TEAM), assistant))
    call.start()
    return call


def test_the_care_team_is_offered_dialled_and_a_no_answer_comes_back(
    assistant: Assistant,
) -> None:
    call = _care_team_call(assistant)
    step = call.press(menu.EMERGENCY_KEY)
    assert_emergency(step, assistant)
    assert said(assistant, "phone_key_care_team", digit="0") in step.says
    dialling = call.press("0")
    assert dialling.dialed == CARE_TEAM and not dialling.hung_up
    assert dialling.says == [said(assistant, "phone_connecting")]
    missed = call.dial_outcome("no-answer")
    assert missed.says[0] == said(assistant, "phone_care_team_no_answer")
    assert "call 9 1 1 now" in missed.text and missed.level == menu.EMERGENCY
    call.press("0")
    done = call.dial_outcome("completed")
    assert done.hung_up and done.says == [said(assistant, "goodbye")]


def test_asking_for_a_person_after_the_instruction_connects_to_the_care_team(
    assistant: Assistant,
) -> None:
    call = _care_team_call(assistant)
    assert_emergency(call.say("my chest hurts"), assistant)
    dialling = call.say("can I speak to a nurse")
    assert dialling.dialed == CARE_TEAM  # as 0 does: not "I can't put you through"
    # Elsewhere on the line, and without a care team, it is the automated guide's answer.
    call.start()
    step = call.say("can I speak to a nurse")
    assert step.dialed is None and step.says[0] == said(assistant, "no_person")
    # A weak match ("can you speak slower") connects nobody: the reminder, as other words get.
    call.start()
    call.say("my chest hurts")
    slower = call.say("can you speak slower")
    assert slower.dialed is None and slower.says[0] == said(assistant, "emergency_reprompt")
    # Without a care team, right after an instruction: no person, and its reminder, staying there.
    plain = PhoneCall(phone_client(Settings(dev=True), assistant))
    plain.start()
    plain.say("my chest hurts")
    step = plain.say("can I speak to a nurse")
    assert step.dialed is None and step.says[0] == said(assistant, "no_person_now")
    assert step.says[1] == said(assistant, "emergency_reprompt") and step.level == menu.EMERGENCY
    assert_emergency(plain.say("repeat"), assistant)


def test_a_topic_on_offer_is_said_again_when_the_care_team_does_not_answer(
    assistant: Assistant,
) -> None:
    call = _care_team_call(assistant)
    call.say("when can I drive, I have chest pain")
    call.press("0")
    missed = call.dial_outcome("no-answer")
    offer = said(assistant, "offer_after_emergency", topic="driving")
    assert offer in missed.says and missed.query["offer"] == ["DrivingIntent"]
    driving = call.press("2")
    assert driving.says[0] == topic(assistant, "DrivingIntent")  # what they only wanted


def test_the_caregiver_line_rides_in_the_call_and_is_said_again(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    first = call.say("my husband is clutching his chest")
    caregiver = said(assistant, "emergency_for_someone_else")
    assert caregiver in first.says and first.query["about"] == ["someone"]
    assert caregiver in call.press("1").says
    assert caregiver in call.say("he's getting worse and I've called an ambulance").says
    eased = call.say("the spray worked")  # to the main menu, still about him
    assert eased.query["last"] == ["ChestPainEased"] and eased.query["about"] == ["someone"]
    assert caregiver in call.say("it's back").says


def test_after_the_pain_eased_the_call_goes_on_and_hears_it_come_back(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    call.say("my chest hurts")
    eased = call.say("the spray worked")
    assert eased.says[0] == said(assistant, "emergency_eased")
    assert eased.level == menu.MAIN and eased.query["last"] == ["ChestPainEased"]
    quiet = call.silence()  # the menu's reprompt, not an apology
    assert said(assistant, "error") not in quiet.says and quiet.query["last"] == ["ChestPainEased"]
    assert_emergency(call.say("it's back"), assistant)


def test_what_at_a_menu_says_its_choices_again(call: PhoneCall, assistant: Assistant) -> None:
    menu_page = call.start()
    call.press("2")
    again = call.say("what?")
    recovery = call.press("*")
    assert again.says == recovery.says and again.level == menu.RECOVERY
    assert menu_page.level == menu.MAIN


def test_after_leaving_the_instruction_for_a_menu_speech_is_not_about_the_emergency(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    assert_emergency(call.say("my chest hurts"), assistant)
    call.press(menu.MAIN_MENU_KEY)
    call.press("2")
    step = call.say("tell me about bananas")
    assert step.says[0] == said(assistant, "fallback") and step.level == menu.RECOVERY
    weak = call.say("something about my car")
    assert weak.says[0].startswith("Did you want to know about driving")


@pytest.mark.parametrize("number", ["999", "911", "+1 911", "not a number"])
def test_an_emergency_or_malformed_care_team_number_is_never_dialled(
    assistant: Assistant, number: str
) -> None:
    client = phone_client(Settings(dev=True, care_team_number=number), assistant)
    call = PhoneCall(client)
    call.start()
    step = call.press(menu.EMERGENCY_KEY)
    assert "care team" not in step.text
    after = call.press("0")
    assert after.dial is None and "not one of the choices" in after.text


# -- locale -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "locale", "spoken_number", "voice"),
    [
        ("US", "en-US", "9 1 1", "Polly.Joanna"),
        ("GB", "en-GB", "9 9 9", "Polly.Amy"),
        ("IN", "en-IN", "1 1 2", "Polly.Raveena"),
        ("AU", "en-AU", "0 0 0", "Polly.Nicole"),
        ("CA", "en-CA", "9 1 1", "Polly.Joanna"),
        ("FR", "default", "your local emergency number", "Polly.Joanna"),
    ],
)
def test_the_line_can_follow_the_called_country(
    assistant: Assistant, country: str, locale: str, spoken_number: str, voice: str
) -> None:
    settings = Settings(dev=True, locale_from_called_country=True)
    call = PhoneCall(phone_client(settings, assistant), to_country=country)
    greeting = call.start()
    say = greeting.documents[-1].find("Gather/Say")
    assert say is not None and say.get("voice") == voice
    step = call.press(menu.EMERGENCY_KEY)
    assert step.says[0] == said(assistant, "emergency", locale)
    assert f"call {spoken_number} now" in step.says[0]


@pytest.mark.parametrize(("country", "number"), [("gb", "9 9 9"), ("Narnia", "your local")])
def test_an_odd_called_country_is_read_leniently_not_refused(
    assistant: Assistant, country: str, number: str
) -> None:
    settings = Settings(dev=True, locale_from_called_country=True)
    call = PhoneCall(phone_client(settings, assistant), to_country=country)
    assert_main_menu(call.start())
    assert number in call.press(menu.EMERGENCY_KEY).says[0]


def test_the_apology_for_a_refused_field_names_the_called_countrys_number(
    assistant: Assistant,
) -> None:
    settings = Settings(dev=True, locale_from_called_country=True)
    call = PhoneCall(phone_client(settings, assistant), to_country="GB")
    call.start()
    step = call.send({"Digits": "abc"})
    assert step.says[1] == said(assistant, "emergency_short", "en-GB")
    assert "call 9 9 9 now" in step.says[1]


def test_without_opting_in_the_configured_locale_wins(assistant: Assistant) -> None:
    call = PhoneCall(phone_client(Settings(dev=True, locale="en-GB"), assistant), to_country="IN")
    greeting = call.start()
    gather = greeting.documents[-1].find("Gather")
    assert gather is not None and gather.get("language") == "en-GB"
    assert "call 9 9 9 now" in call.press(menu.EMERGENCY_KEY).says[0]


# -- the request fixtures (for curl and the benchmarks) ---------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "twilio"


@pytest.mark.parametrize(
    ("fixture", "path", "first_words"),
    [
        ("incoming-call.form", "/twilio/voice", "If you have chest pain, press 9"),
        ("speech-driving.form", "/twilio/gather?at=main&s=0", "Do not drive"),
    ],
)
def test_the_request_fixtures_answer(
    client: FlaskClient, fixture: str, path: str, first_words: str
) -> None:
    body = (FIXTURES / fixture).read_text(encoding="utf-8").strip()
    response = client.post(path, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    root = check_twiml(response.get_data())
    first = root.find("Gather/Say")
    assert first is not None and (first.text or "").startswith(first_words)


@pytest.mark.parametrize("text", ["I see", "got it", "ok"])
def test_taking_in_what_was_said_keeps_the_call(call: PhoneCall, text: str) -> None:
    call.start()
    step = call.say(text)  # "I see" read like "see you" and hung up
    assert step.says[0] == "What else would you like to know?"
    assert_main_menu(step)


@pytest.mark.parametrize("text", ["ok", "got it", "yes", "thank you", "no"])
def test_taking_in_a_submenu_stays_at_that_submenu(call: PhoneCall, text: str) -> None:
    call.start()
    submenu = call.press("2")
    assert submenu.level == menu.RECOVERY
    step = call.say(text)  # it went back to the main menu
    assert step.level == menu.RECOVERY
    assert step.text.endswith(submenu.text)


def test_several_questions_by_speech_are_each_answered(
    call: PhoneCall, assistant: Assistant
) -> None:
    call.start()
    step = call.say("when can I drive and when can I go back to work")
    assert step.says[:2] == [topic(assistant, "DrivingIntent"), topic(assistant, "WorkIntent")]
    assert step.level == menu.ANSWER and step.query["last"] == ["WorkIntent"]
    assert step.query["before"] == ["DrivingIntent"]
    again = call.press("1")  # "To hear that again, press 1": both answers, not the last alone
    assert again.says == step.says


def test_dizziness_at_the_emergency_level_hears_the_instruction_again(call: PhoneCall) -> None:
    call.start()
    instruction = call.press("9")
    step = call.say("I feel light headed")
    assert step.level == menu.EMERGENCY
    assert step.says[0] == instruction.says[0]
