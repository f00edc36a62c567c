"""Understanding of free text, measured on evaluation sets written apart from the samples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from angiovoice.assistant import Assistant
from intents import emergency
from intents.catalog import ALL_INTENTS, EMERGENCY_INTENTS, FALLBACK, LAUNCH, TOPIC_INTENTS
from intents.model import DialogState, Turn
from intents.text import normalise
from intents.understand import CONFIDENT, PAIN_AFTERWARDS_TOPIC, PAIN_QUESTION_TOPIC, WEAK

DATA = Path(__file__).parent / "data"
EVAL_SETS = sorted(DATA.glob("understanding_eval*.jsonl"))


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


# Three blind sets of 260 everyday questions (2026-11-27), each written by a helper who saw only
# the topics' texts, never the samples: 235 a topic answers (one or two named), 25 none does
# ("NONE"), and no red flag happening now. Each asked at the start of a conversation, what
# is said is classed: answered with a right topic at once, answered with a wrong one (or one
# for a "NONE" question), or an instruction first. The day's figures are the bar: no change may
# answer fewer right, more wrong, or give more instructions first. (The third set was measured
# once before any change was made with it: see the README's "Limits and known gaps".)
LAUNCHED = DialogState(last=LAUNCH)
EVERYDAY_SETS = {
    "everyday_blind_1.jsonl": (139, 4, 11),
    "everyday_blind_2.jsonl": (139, 2, 4),
    "everyday_blind_3.jsonl": (136, 7, 3),
    "everyday_blind_4.jsonl": (135, 4, 20),
}


@pytest.mark.parametrize(("name", "bar"), EVERYDAY_SETS.items())
def test_everyday_questions_from_blind_sets_do_no_worse(
    assistant: Assistant, name: str, bar: tuple[int, int, int]
) -> None:
    rows = _rows(DATA / name)
    assert len(rows) == 260
    router, topics = assistant.router, assistant.catalog.topics
    right = wrong = instructions = 0
    for row in rows:
        expected = set(row["intents"])  # type: ignore[arg-type]
        assert expected <= {*topics, "NONE"}, row
        turn = Turn(channel="console", locale="en-US", text=str(row["text"]), state=LAUNCHED)
        reply = router.respond(turn)
        answered = {reply.intent, *reply.state.before} & set(topics)
        if reply.emergency:
            instructions += 1
        elif answered and reply.state.offer != reply.intent:
            right += bool(answered & expected)
            wrong += not answered & expected
    assert right >= bar[0] and wrong <= bar[1] and instructions <= bar[2], (
        right,
        wrong,
        instructions,
    )


def test_there_are_evaluation_sets() -> None:
    assert len(EVAL_SETS) >= 2


@pytest.mark.parametrize("path", EVAL_SETS, ids=lambda p: p.name)
def test_evaluation_set_is_well_formed_and_apart_from_the_samples(
    path: Path, assistant: Assistant
) -> None:
    rows = _rows(path)
    assert len(rows) >= 150
    emergencies = [r for r in rows if r["emergency"]]
    # The first set holds a third emergencies; a later set at least a quarter.
    assert len(emergencies) * (3 if path.name == "understanding_eval.jsonl" else 4) >= len(rows)
    for row in rows:
        assert row["intent"] in ALL_INTENTS
        assert row["emergency"] == (row["intent"] in EMERGENCY_INTENTS)


# Intent accuracy required on lines that are not word for word a sample. The red-flag set is
# mostly red flags and their look-alikes ("is a bruise normal?", "breaststroke"), the hardest
# lines there are; which red flag a line is, it must get right 95 times in 100 all the same.
RED_FLAG_SETS = "understanding_eval_redflags"


@pytest.mark.parametrize("path", EVAL_SETS, ids=lambda p: p.name)
def test_no_emergency_is_missed_and_intents_are_right(path: Path, assistant: Assistant) -> None:
    rows = _rows(path)
    results = [(row, assistant.understander.understand(str(row["text"]))) for row in rows]
    missed = [row["text"] for row, result in results if row["emergency"] and not result.emergency]
    assert missed == [], "emergency recall must be 100 percent"
    emergencies = [(row, result) for row, result in results if row["emergency"]]
    right_flag = sum(row["intent"] == result.intent for row, result in emergencies)
    assert right_flag >= 0.95 * len(emergencies), [
        (row["text"], row["intent"], result.intent)
        for row, result in emergencies
        if row["intent"] != result.intent
    ]

    # Accuracy counts only the lines that are not word for word a sample utterance: short
    # phrases such as "chest pain" or "yes" are bound to be in both, and would flatter it.
    samples = {normalise(s) for values in assistant.intents.samples.values() for s in values}
    unseen = [
        (row, result) for row, result in results if normalise(str(row["text"])) not in samples
    ]
    assert len(unseen) >= 150
    wrong = [
        (row["text"], row["intent"], result.intent, round(result.score, 2))
        for row, result in unseen
        if result.intent != row["intent"]
    ]
    accuracy = 1 - len(wrong) / len(unseen)
    required = 0.90 if path.name.startswith(RED_FLAG_SETS) else 0.95
    assert accuracy >= required, f"intent accuracy {accuracy:.3f} on {len(unseen)} lines; {wrong}"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "a" * 10_000, "🙂🎉🙃", "\x00\x01\x02\x1b[2J", "asdf qwerty zxcv", "?!?!"],
)
def test_bad_input_gets_the_fallback(assistant: Assistant, text: str) -> None:
    result = assistant.understander.understand(text)
    assert result.intent == FALLBACK and result.emergency is None


def test_a_red_flag_at_the_end_of_an_over_long_text_is_still_heard(
    assistant: Assistant,
) -> None:
    text = "blah " * 2_000 + "my chest hurts"  # past the 10,000 characters understood
    result = assistant.understander.understand(text)
    assert result.emergency is not None and result.intent == "ChestPainIntent"
    assert assistant.understander.understand("blah " * 2_000 + "when can I drive").emergency is None
    # A character that unfolds into three ("\ufb03" is "ffi") fills the 10,000 sooner.
    unfolded = assistant.understander.understand("\ufb03 " * 4_000 + "my chest hurts")
    assert unfolded.emergency is not None


def test_misspellings_are_corrected(assistant: Assistant) -> None:
    assert assistant.understander.understand("how long do i take clopidegral").intent == (
        "MedicationIntent"
    )
    assert assistant.understander.understand("what is angioplassty").intent == (
        "WhatIsAngioplastyIntent"
    )


def test_a_misspelling_is_corrected_the_same_way_in_every_process() -> None:
    # "other" is as much like "mother" as like "bother", "every" as much like "very" as like
    # "ever": the choice must not follow the process's string-hash seed (each server worker
    # has its own), or the same words could be understood differently from turn to turn.
    script = (
        "from angiovoice.assistant import build_assistant\n"
        "m = build_assistant().understander.matcher\n"
        "print(' '.join(m.correct(w) for w in ['other', 'every', 'grand']))\n"
    )
    root = Path(__file__).resolve().parents[1]
    seen = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(root)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in range(6)
    }
    # The likeness ties are broken by the number of samples holding the word.
    assert seen == {"mother very grandad"}


@pytest.mark.parametrize(
    "text", ["i have tightness in my", "there's a pressure in my", "my feels tight"]
)
def test_text_that_reads_like_a_red_flag_takes_the_emergency_path(
    assistant: Assistant, text: str
) -> None:
    # The recogniser dropped "chest": the detector's patterns miss it, the samples do not.
    result = assistant.understander.understand(text)
    assert result.emergency is not None and result.intent == "ChestPainIntent"


@pytest.mark.parametrize("text", ["bad", "that is bad", "it's so bad", "what's a blood orange"])
def test_words_red_flags_share_with_other_topics_do_not_make_a_red_flag(
    assistant: Assistant, text: str
) -> None:
    # "bad" is in a breathing sample ("his breathing is bad") and in a lifestyle one; alone it
    # must not send anybody to call 911. The detector still fires on the real thing.
    assert assistant.understander.understand(text).emergency is None
    assert assistant.understander.understand("his breathing is bad").emergency is not None


@pytest.mark.parametrize(
    "text",
    [
        "thanks a lot",
        "I think so",
        "that was a lot to take in",
        "nearly",
        "in the kitchen",
        "can you drop it",
        "spell it",
        "I can't find it",
        "half an hour",
        "very very",
    ],
)
def test_everyday_words_that_only_red_flags_samples_use_do_not_make_a_red_flag(
    assistant: Assistant, text: str
) -> None:
    # "I think so" shares "think" only with "I think it's my heart": no reason to call 911.
    assert assistant.understander.understand(text).emergency is None


def test_a_harmless_phrase_does_not_make_text_read_like_a_red_flag(assistant: Assistant) -> None:
    assert assistant.understander.understand("what are the four swimming strokes").emergency is None


# A follow-on question in a conversation names only its topic: it is answered, not confirmed.
@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what about flying", "FlyingIntent"),
        ("what about work", "WorkIntent"),
        ("how about driving", "DrivingIntent"),
        ("and what about my tablets", "MedicationIntent"),
    ],
)
def test_what_about_a_topic_is_answered(assistant: Assistant, text: str, intent: str) -> None:
    result = assistant.understander.understand(text)
    assert result.intent == intent and result.score >= CONFIDENT, result


# "Will it hurt?" is one of the first things people ask about the procedure. It uses red flags'
# words, so it is heard as a whole-text question only, and answered by the topic that says how
# pain is kept away; any other text with those words still reads like a red flag.
PAIN_QUESTIONS = [
    "will it hurt",
    "Does it hurt?",
    "is it painful",
    "how painful is it",
    "is angioplasty painful",
    "does angioplasty hurt much",
    "ok, is the procedure going to be painful?",
    "will I feel any pain during the procedure",
    "does getting a stent hurt",
    "will it hurt when they put the stent in",
    "is it very painful",
    "does it really hurt",
    "will my husband feel any pain during the procedure",
    "can you tell me if it hurts",
    "I want to know if angioplasty will hurt",
    # a fifth red team's
    "will I feel any pain",
    "is the procedure painful at all",
    "angioplasty is painful or not",
    "I'm scared it's gonna hurt",
    # pain relief asked about (the topic says painkillers can be given through a small tube)
    "do I get pain relief",
    "will they give me painkillers",
    "will I be given something for the pain",
]
PAIN_ALARMS = [
    "it hurts",
    "it really hurts",
    "it's really hurting",
    "my neck hurts",
    "it is painful",
    "does it hurt when I breathe",
    "does it hurt, my arm is cold",
    "will it hurt if my arm is numb",
    "is it painful when my chest is tight",
    "my chest hurts, does it hurt",
    # from a review of this change: a recogniser's "it's hurt", the present tense, and a sore,
    # swollen groin, which new samples about soreness had taken for wound care
    "is it hurt",
    "do I feel pain during it",
    "my groin is sore and swollen",
    "sore swollen groin",
    "my husband's groin is sore and swollen",
    # next to the shapes added from a fifth red team
    "will I feel any pain in my chest now",
    "I'm scared it hurts",
]
# Pain after the procedure, asked about: the wound's topic answers (a sore bruise for a few
# days is normal). These had the chest-pain instruction, or "I can't help with that".
PAIN_AFTERWARDS_QUESTIONS = [
    "will I have pain afterwards",
    "Will I have any pain after the procedure?",
    "will it hurt afterwards",
    "will I be in pain after the stent",
    "how much pain will I have afterwards",
    "will there be any discomfort afterwards",
    "will my husband have pain after it",
    "ok will it be sore after",
]
# ...and what still hears the instruction: a "what if", chest pain, pain now, or more said.
PAIN_AFTERWARDS_ALARMS = [
    "what if I have pain tonight",
    "will I have chest pain afterwards",
    "I have pain afterwards",
    "will I have pain afterwards, my chest hurts",
    "is it normal to have pain after angioplasty",
    # present tense, or the speaker's own stent: the pain may be there now (a code review's)
    "does it hurt after",
    "does it hurt after the stent",
    "is there pain after my stent",
    "and is there pain after my stent",
    # asking for pain relief now, not about the procedure's (a code review's)
    "do you have something for the pain",
    "please do you have something for the pain",
    "do they give you something for the pain",
    "do I have something for the pain",
    # a second code review's: present tense; a phrase like "without it hurting" is not set
    # aside, since what follows may lean on it
    "is there pain after the procedure",
    "is there much pain after angioplasty",
    "I can't move without my chest hurting",
    "when can I breathe without it hurting",
    "when can I bend my leg without my groin aching, it's swelling up",
]


# Saying something hurts now is a red flag however else the text reads: these read more like
# "yes", "help" or nothing at all, and had no instruction.
HURTING = {
    "it hurts a lot": "ChestPainIntent",
    "yes it hurts": "ChestPainIntent",
    "ok it hurts": "ChestPainIntent",
    "please help it hurts": "ChestPainIntent",
    "my husband says it hurts": "ChestPainIntent",
    "my groin really hurts": "LimbProblemIntent",  # where the tube went in: press on it
    "my wrist hurts and is swollen": "BleedingIntent",
    "it hurts when I breathe": "BreathingProblemIntent",
    "it's still hurting a lot": "ChestPainIntent",
    "the swelling in my left arm has gone down but it aches": "ChestPainIntent",
}


@pytest.mark.parametrize("text", PAIN_QUESTIONS)
def test_will_it_hurt_is_answered_by_the_procedure_topic(assistant: Assistant, text: str) -> None:
    _answered_by(assistant, text, PAIN_QUESTION_TOPIC)


def _answered_by(assistant: Assistant, text: str, topic: str) -> None:
    result = assistant.understander.understand(text)
    assert result.emergency is None
    assert result.intent == topic and result.score >= CONFIDENT


@pytest.mark.parametrize("text", [*PAIN_ALARMS, *PAIN_AFTERWARDS_ALARMS])
def test_pain_said_any_other_way_still_reads_like_a_red_flag(
    assistant: Assistant, text: str
) -> None:
    assert assistant.understander.understand(text).emergency is not None


# ...but "it" or a part of the body where heart pain is felt or the tube went in must be what
# hurts, and not be said to be easing: no instruction for these (from a review).
NOT_HURTING = [
    "my tooth hurts",
    "it hurts my feelings that nobody visits",
    "the light hurts my eyes",
    "nothing is hurting thank you",
    "it's not hurting any more",
    "it hurts less today",
    "the price of parking really hurts",
    "I'm hurting inside since my wife died",
]


@pytest.mark.parametrize("text", NOT_HURTING)
def test_hurting_that_is_not_a_red_flag_gets_no_instruction(
    assistant: Assistant, text: str
) -> None:
    assert assistant.understander.understand(text).emergency is None


@pytest.mark.parametrize(("text", "intent"), HURTING.items())
def test_saying_it_hurts_gets_the_instruction_it_reads_most_like(
    assistant: Assistant, text: str, intent: str
) -> None:
    result = assistant.understander.understand(text)
    assert result.emergency is not None and result.intent == intent, result


@pytest.mark.parametrize("text", PAIN_AFTERWARDS_QUESTIONS)
def test_pain_afterwards_asked_about_is_answered_by_the_wound_topic(
    assistant: Assistant, text: str
) -> None:
    _answered_by(assistant, text, PAIN_AFTERWARDS_TOPIC)


def test_the_pain_afterwards_topic_says_a_sore_bruise_is_normal(assistant: Assistant) -> None:
    answer = assistant.catalog.topic_text(PAIN_AFTERWARDS_TOPIC, "answer", "en-US")
    assert "sore bruise" in answer and "normal" in answer


def test_the_pain_question_topic_says_how_pain_is_kept_away(assistant: Assistant) -> None:
    assert PAIN_QUESTION_TOPIC in TOPIC_INTENTS
    answer = assistant.catalog.topic_text(PAIN_QUESTION_TOPIC, "answer", "en-US")
    assert "numbs" in answer and "painkillers" in answer


# -- a red-team pass (written without seeing the samples or the patterns' tests) ---------------
# Nearly all of these were missed, answered with the wrong red flag's instruction, or raised a
# false alarm before the detector learnt from them (a few are guards that already passed); the
# last lines of each list came from a review of that change, which had overreached. They go
# through the whole understanding.

RED_TEAM_FLAGS = {
    "ChestPainIntent": [
        "my nitrate isn't helping",
        "the G.T.N. isn't working",
        "the G T N isn't working",
        "my pump's not working",
        "the puffer didn't help",
        "I've had my pump twice and the pain's still there",
        "it feels like someone's sitting on me and I can't shift it",
        "it feels like a tight band round me and I'm sweating",
        "I've got pressure in the centre of me and it's going into my neck",
        "pain between my shoulder blades and I feel clammy",
        "I think it's my heart, something's not right",
        "I feel like I'm going to die",
        "call triple 0",
        "call an ambo",
        "get the ambos",
        "call 108",
        "call 102",
        "ring triple nine",
        "call nine eleven",
        "when i'm working out my chest gets tight",
        "every time i work out my chest hurts",
        "please ring the ambulance service for me",
        "i feel like i'm dying for real",
        "can you help my heart is pounding",
        "upper back pain and sweating",
        "pain in my chest day and night",
        "my chest muscles feel tight",
        "my heart hurts and i'm breathless",
        "i have pain in my jaw and left arm and i'm short of breath",
        "my left arm hurts and my fingers are numb",
        "my jaw aches and my arm is numb",
        "heart pain and bleeding gums",
        "i took my nitro and it's still heavy",
        "used my spray and it still burns",
        "he is holding his heart",
        "it's painful again",
    ],
    "BreathingProblemIntent": [
        "she's gone floppy and won't answer me",
        "he's fallen and he's not answering me",
        "he's drowsy and I can't rouse him",
        "she's gone limp",
        "he's out for the count",
        "I came over all funny and went down",
        "I had a funny do and ended up on the floor",
        "my father is feeling giddy and fell down",
        "I went dizzy and everything went black",
        "I feel like I'm drowning",
        "I've got no breath",
        "I've got no puff",
        "a week after his stent he collapsed",
        "since the stent my dad collapsed twice",
        "he's on the phone, not responding",
        "i feel faint, red and sweaty",
    ],
    "StrokeIntent": [
        "her smile is wonky",
        "he's talking gobbledygook",
        "he's not making any sense",
        "I suddenly can't understand what people are saying",
        "I've gone blind in one eye suddenly",
        "I can't see properly all of a sudden",
        "I've got the worst headache of my life",
        "sudden terrible headache and I'm on clopidogrel",
        "my dad is having a right side stroke",
        "she keeps talking and it's not making sense",
    ],
    "BleedingIntent": [
        "the hole in my groin is leaking",
        "it's squirting out of my wrist",
        "the site in my groin is gushing",
        "there's a red patch spreading on the dressing",
        "my groin has come up like a golf ball",
        "my wrist has blown up like a balloon",
        "my groin's gone hard and swollen all of a sudden",
        "my wrist is bleeding again and it's painful",
        "the groin's bleeding again, it's really painful",
        "bleeding from my wrist and my heart's pounding",
    ],
    "LimbProblemIntent": [
        "my arm is throbbing like mad and it's cold",
        "my foot feels like a block of ice",
        "my leg hurts like hell",
        "my hand is extremely sore and swollen",
        "there's a lot of pain in my hand",
        "my arm hurts really badly",
        "my leg has gone cold and the pain is back",
        "the pain in my leg came back and it's cold and white",
        "i've got really cold feet since the procedure",
    ],
    "SeriousBleedingIntent": [
        "I'm passing black stuff when I go to the toilet",
        "I banged my head and I'm on blood thinners",
        "I fell and hit my head, I take clopidogrel",
        "I've got black poo and tummy pain again",
        "there's blood in my poo and I've got a pain in my back again",
        "I'm vomiting blood and my heart is pounding",
        "my nose's bleeding",
        "my nose's been bleeding for an hour",
        "i've got bruising and black poo",
    ],
}

# A second red team's, after the first's were learnt (302 utterances: 9 misses, 12 false alarms).
RED_TEAM_2_FLAGS = {
    "StrokeIntent": [
        "mum's suddenly all confused and doesn't know where she is",
        "my vision's suddenly gone double",
        "sudden blindness in one eye",
        "I've got a splitting headache, came out of nowhere, worst I've ever had",
    ],
    "BreathingProblemIntent": [
        "he went down like a sack of spuds and isn't answering me",
    ],
    "BleedingIntent": [
        "my wrist is bleeting",
    ],
    "SeriousBleedingIntent": [
        "my pee's the colour of cola",
        "I had a fall and whacked my head, I'm on aspirin and prasugrel",
    ],
}
RED_TEAM_2_QUIET = [
    "can I do my freestyle stroke training yet",
    "can I go to my grandson's swimming gala, he's doing butterfly stroke",
    "can I play tennis, my serve is my best stroke",
    "my grandson had a stroke of luck and won the raffle",
    "my neighbour's a paramedic, she said I look well",
    "the Blues are bleeding points this season, can I still go to the match",
    "I'm collapsing the gazebo after the fete, is that too much lifting",
    "our tent collapsed in the wind on the camping trip, can I put it back up",
    "my wife had a fainting fit of giggles at the rehab class, she says hi",
    "my husband's been giving me the cold shoulder since the op",
    "I hold my breath when I lift things, is that bad",
    "my wife collapsed with laughter",
    "can I paint the ceiling with my arms up",
]

# Red flags that another red flag's instruction answers as well (both say call now).
RED_TEAM_ANY = [
    "she can't move her left arm and it feels heavy",
    "my arm is so sore I can't move it",
    "bruise getting bigger, foot going blue",
]

RED_TEAM_QUIET = [
    "can I take paracetamol for back pain",
    "I've got back pain from lying in the hospital bed",
    "when can I get back to painting the house",
    "I'm a painter, when can I go back to work",
    "can I do some painting again",
    "can I take the same painkillers as before",
    "when can I take a painkiller again",
    "I've accidentally taken my tablets twice this morning",
    "my husband took his tablets twice by mistake",
    "I took my pills again by mistake, what should I do",
    "my tablets aren't working, my cholesterol's still high",
    "my meds aren't helping me sleep",
    "how should I hold the GTN spray",
    "do I hold my breath when I use the spray",
    "the GTN spray gives me a pounding headache, is that normal",
    "the spray burns under my tongue, is that normal",
    "how do I use my angina pump",
    "how do I use the angina puffer",
    "I've got a chest infection, can I take antibiotics with clopidogrel",
    "I've got a chesty cough, what cough medicine can I take",
    "I need to get something off my chest",
    "when can I train chest again at the gym",
    "I've been feeling heavy hearted since the operation, is that normal",
    "is lifting heavy things bad for my heart",
    "will losing weight help my heart",
    "should I hold my heart tablets before my dental work",
    "can sex hurt my heart",
    "will drinking alcohol hurt my heart",
    "is it ok to hold off on exercise to let my heart heal",
    "my heart monitor is showing a funny reading",
    "I'm dying for a cigarette, can I smoke",
    "I'm dying to get back on the golf course",
    "can I add my daughter as my emergency contact",
    "I'm an ambulance driver, when can I go back to work",
    "my son is a paramedic, can he take my dressing off",
    "can I swim breast stroke",
    "can I do back stroke at the pool",
    "can I go back to rowing, my stroke rate was good",
    "I don't want sun stroke, can I go in the sun on clopidogrel",
    "the instructions on the leaflet are not making sense",
    "I can't speak to my GP until Monday, what should I do about my tablets",
    "I couldn't talk to the doctor before I left hospital",
    "I'm paralysed with worry about the next procedure",
    "I'm gasping for a cup of tea, can I have caffeine",
    "I've got a faint bruise on my wrist, is that normal",
    "there's a faint red mark where the needle went in",
    "can a stent collapse if I lift weights",
    "can I fly to my grandson's passing out parade",
    "the app is not responding",
    "I've got cold feet about going back to work",
    "I'm getting cold feet about having the second stent",
    "can I put a cold compress on my wrist",
    "does bisoprolol make your hands cold",
    "the bruising on my wrist has gone purple, is that normal",
    "I have poor blood circulation in my legs",
    "how many weeks until my blood is back to normal",
    "I have a weekly blood check at the surgery",
    "I'm sick of having my blood taken every week",
    "does coffee thin the blood",
    "is coffee bad for my blood",
    "I feel sick when I drink coffee, is it the tablets",
    "my nose won't stop running, can I take a decongestant",
    "it's still pouring with rain, can I go for my walk tomorrow",
    "do I need to cut down on alcohol for my blood",
    "should I cut out alcohol because it thins my blood",
    "the TR band has left a red mark on my wrist, is that normal",
    "the plaster made my skin red and itchy",
    "when can I leave the wound open to the air",
    "there's a small lump at the site but it's no bigger than yesterday",
    "the lump in my groin hasn't grown",
    "the bruise is getting smaller not bigger",
    "my ankles are swollen, should I increase my water tablets",
    "when can I go back to racing with my heart stent",
]

# A third red team's (ordinary questions): a question about the bleeding the medicines' side
# effects list is not an emergency when it is the whole text. A review then slipped real
# emergencies past a word-list version of that rule (137 of 201); the rule became whole-text
# shapes, and a sample of those attempts stays here (any instruction will do for them).
RED_TEAM_3_QUIET = [
    "my gums bleed when I brush my teeth",
    "I get little nosebleeds on my blood thinners",
    "can clopidogrel cause nosebleeds",
    "do you bleed more easily on clopidogrel",
    "does ticagrelor give you nosebleeds, is that normal",
]
RED_TEAM_3_FLAGS = {
    "SeriousBleedingIntent": [
        "my gums bleed when I brush and it won't stop",
        "I get little nosebleeds but this one has gone on for an hour",
        "bleeding gums when I brush, loads of blood",
        "my gums bleed when I brush my teeth and I'm vomiting blood",
        "small nosebleeds usually but now it's pouring out",
        "it's been an hour, my gums bleed when I brush",
        "I had a small nosebleed and couldn't stop it",
        "a little nosebleed that hasn't stopped",
        "a little nosebleed and it's not stopping",
        "a small nosebleed for 20 mins now",
        "my dad's had a small nosebleed for ages",
        "grandma's gums have been bleeding after brushing all morning",
        "small nosebleed non-stop",
        "minor nosebleeds but this one is massive",
        "little nosebleed it's soaked a towel",
        "clopidogrel is giving me nosebleeds that keep going",
        "gums bleeding after brushing, blood keeps coming",
        "small nosebleed and I feel dizzy",
        "he gets little nosebleeds, now he's confused",
        "I've got a little nosebleed right now",
    ],
    "BleedingIntent": [
        "will I bleed more, my wrist is bleeding",
        "my groin is starting to bleed more",
        "the dressing is starting to bleed more",
        "my wrist does seem to bleed more when I move it",
        "can I bleed more from my groin",
        "will I bleed more on blood thinners if I cut myself shaving",
    ],
}
RED_TEAM_4_ANY = [
    "I get small nosebleeds on clopidogrel but this one is not letting up",
    "small nosebleed and nothing I do stops it",
    "slight nosebleed, it's flowing like a river",
    "small nosebleed and pinching it is not working",
    "gums bleed when I brush and it hasn't finished yet",
    "little nosebleed on and off from yesterday",
    "minor nosebleed from teatime till bedtime",
    "small nosebleed but it filled a cup",
    "small nosebleed and the sheets are red through",
    "small nosebleed and there's bucketloads",
    "occasional nosebleeds but this time very much blood is coming sir",
    "small nosebleed, a mouthful of blood every few seconds",
    "gums bleed when brushing and I'm spitting out mouthfuls",
    "small nosebleed and I'm sweaty and shaky",
    "small nosebleed and I feel terrible",
    "small nosebleed and my pulse is racing",
    "small nosebleed and my vision is blurry",
    "small nosebleed and I've been throwing up",
    "small nosebleed and my blood pressure is sky high",
    "small nosebleed and mum is acting very strange",
    "small nosebleed and my skin has gone yellow",
    "gums bleed when I brush and I'm hacking up blood",
    "my toddler swallowed one of my clopidogrel, does it cause nosebleeds",
    "tripped over the dog and smacked my face on the door, small nosebleed",
    "small nosebleed after he headbutted the wall",
    "small nosebleed and a bump on my forehead",
    "gums bleed when I brush and I'm pissing blood",
    "gums bleed when I brush and there's blood on the loo paper",
    "does clopidogrel give you bleeding gums, my mouth is full of blood",
    "can I bleed more easily, I've just knocked my forehead",
    "does prasugrel cause nosebleeds, my wife's will not quit and she looks grey",
    "small nosebleed and I'm feeling pretty ordinary and sweaty",
    "small nosebleed and I've filled a bowl",
    "gums bleed when I brush and I've got blood in my eye",
    "small nosebleed, please call someone",
]

# A fifth red team's (patients' and carers' words, and callers mid-call): heart attack signs
# without the word "chest" (AHA: upper-body pain, a cold sweat, nausea), a stent said to be
# blocked, pain said in answer to a yes/no question, swelling by the tube's way in, one-sided
# weakness and sight, a racing heart, someone not responding.
RED_TEAM_5_FLAGS = {
    "ChestPainIntent": [
        "it feels like indigestion but it's going into my neck",
        "I've got really bad heartburn and I'm sweating",
        "my mother has indigestion and she's grey",
        "my shoulder and arm are aching and I feel sick",
        "i think my stent is blocked",
        "I think my artery has closed again",
        "no I'm in pain",
        "yes I'm still in pain",
        "he's in a lot of pain",
        "I'm having palpitations",
        "my heart is beating really fast and I feel dizzy",
        "my heartbeat is really fast and irregular",
        "my dad's in a lot of pain",
        "feels like my artery's closed up again",
    ],
    "HeartAttackSignsIntent": [
        "my husband is grey and sweaty",
        "he's gone grey and he's throwing up",
    ],
    "BreathingProblemIntent": [
        "my mom just fell over and isn't responding",
        "I can't get any response from him",
    ],
    "BleedingIntent": [
        "the hand where they put the tube is swelling",
        "my hand is swollen where the band was",
        "my thigh is really swollen",
        "the wound's opened up",
        "the hole in my groin has opened up",
        "there is blood everywhere",
    ],
    "LimbProblemIntent": ["severe pain in my thigh where they put the wire"],
    "StrokeIntent": [
        "my left side is weak",
        "one side of him isn't working",
        "I can't move my right leg",
        "I have sudden blurred vision",
        "I'm seeing double",
        "everything's gone blurry all of a sudden",
        "I can't see properly",
    ],
}
# ...and their near misses: questions about side effects, about the stent in general, about
# pain to come, and the past.
RED_TEAM_5_QUIET = [
    "can clopidogrel make you feel sick and give you indigestion",
    "does ticagrelor give you palpitations",
    "can a stent get blocked",
    "will my stent get blocked",
    "how long will I be in pain",
    "the doctor said my artery was blocked",
    "I had indigestion last week",
    # from a review and a red team of the new triggers: words that plainly mean something
    # else, side effects asked about, denials and questions
    "can I wear my grey sweatshirt to the hospital",
    "the app isn't responding",
    "my blood pressure isn't responding to the tablets",
    "I can't see properly without my glasses, can I drive",
    "my leg is a bit weak from lying in bed",
    "are palpitations a side effect of ticagrelor",
    "I haven't had any palpitations",
    "my heart beats fast when I climb the stairs",
    "can I take gaviscon for heartburn before going back to work",
    "how do I know if my stent is blocked",
    "I don't think my stent is blocked",
    "what painkillers can I take if I'm in pain after the procedure",
    "can clopidogrel give me indigestion and nausea",
    # the recogniser's slip for angioplasty is not angina
    "what is angina plasty",
    "how soon can I drive after angina plasty",
    "how risky is angie plasty",
    "what is angel plasty for the heart",
]


# A weak guess must rest on a word about its topic when the text holds a word no sample uses:
# "can I have" is no ground for offering "sex after a stent" to "can I have a pint?".
GUESSES = {
    "can I have a pint": FALLBACK,
    "can I have my covid jab": FALLBACK,
    "can I get pregnant after a stent": FALLBACK,
    "I'm really anxious about my stent": FALLBACK,
    # a toss-up between weak topics goes to the one the text has a word about
    "can I still play cricket": "ActivityIntent",
    "can I go back to yoga": "ActivityIntent",
    "do I need to tell the DVLA about my stent": "DrivingIntent",
    # a contraction is no unknown word: the guess stands
    "how long will it take they're saying": "ProcedureDurationIntent",
}


# Using the arm or the hand after a wrist procedure is the lifting topic's question (at first,
# lift no more than 10 pounds with that arm), not a limb that will not work, nor sex.
USING_THE_ARM = [
    "when can I use my hand again",
    "why can't I use my hand",
    "I can't use my hand for a week",
    "can I use my arm",
    "how much can I lift with my wrist",
]


# Everyday questions from a held-out set, written after the samples a first routing red team
# brought (none is a sample): the first four heard the chest-pain instruction before, the
# fifth was only offered its topic.
EVERYDAY = {
    "how many weeks off work after a heart attack and stent": "WorkIntent",
    "is it safe to fly after a heart attack and a stent": "FlyingIntent",
    "what food should i avoid after a heart attack": "LifestyleIntent",
    "will the stent stop my angina": "BenefitsIntent",
    "my boss wants to know when i'll be back in the office": "WorkIntent",
    # a sample about getting back on the tools once drew this to work
    "when can i get back to the gym": "ActivityIntent",
}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # a blind set's polite questions, which got help: the opening is left out
        (
            "I was wondering how on earth they get a wire into the artery of the heart.",
            "ProcedureIntent",
        ),
        (
            "Would you be kind enough to tell me how long I must wait before having a proper soak"
            " in the tub?",
            "WoundCareIntent",
        ),
        ("could you tell me", FALLBACK),  # nothing follows: as ever
    ],
)
def test_a_polite_opening_is_no_part_of_the_question(
    assistant: Assistant, text: str, intent: str
) -> None:
    assert assistant.understander.understand(text).intent == intent


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("how risky is angie plasty", "how risky is angioplasty"),
        ("what is angel plasty for the heart", "what is angioplasty for the heart"),
        ("angio plasty", "angioplasty"),
        ("my angina is back", "my angina is back"),  # angina itself stays angina
    ],
)
def test_the_recognisers_slips_for_angioplasty_are_angioplasty(said: str, meant: str) -> None:
    assert normalise(said) == meant


# From a blind set of everyday questions (2026-11-27): each heard an instruction first. A few
# whole-text shapes now name what answers them (emergency._ASKED_ABOUT).
ASKED_ABOUT_A_RED_FLAG = {
    # a heart attack and a stent, then the question, which alone decides
    "I had a heart attack and a stent, how long before I can fly": "FlyingIntent",
    "I had a heart attack and then a stent, how long before I'm allowed to drive": "DrivingIntent",
    "my son had an emergency stent after a heart attack, how long will he be off work": (
        "WorkIntent"
    ),
    "I had a heart attack and two stents 3 weeks ago, when can I go back to work": "WorkIntent",
    # the shapes that name their topic
    "do they do angioplasty on people who've had a heart attack": "WhoNeedsItIntent",
    "what are the chances of having a stroke during angioplasty": "RisksIntent",
    "can angioplasty cause a stroke": "RisksIntent",
    "does brilinta make you breathless": "MedicationSideEffectsIntent",
    "if brilinta makes me breathless can I just stop taking it": "MedicationSideEffectsIntent",
    "will having a stent help with my breathlessness": "BenefitsIntent",
    # a medicine's name as a recogniser spells it, in the side effects' bleeding question
    "can plavicks cause nosebleeds": "MedicationSideEffectsIntent",
    "can ecosprin cause nose bleeds": "MedicationSideEffectsIntent",
    "is it normal to get the odd nosebleed on plavicks": "MedicationSideEffectsIntent",
    # from a second blind set
    "After a heart attack and stent, when can I travel by plane?": "FlyingIntent",
    "I had an emergency stent after a heart attack, how long off work?": "WorkIntent",
    "Does everyone who has a heart attack get a stent?": "WhoNeedsItIntent",
    "When should rehab start after a heart attack?": "CardiacRehabIntent",
    "Will I be less breathless on my walks once the stent is in?": "BenefitsIntent",
    "Will Plavix make my gums bleed when I brush?": "MedicationSideEffectsIntent",
    "When should I worry about bleeding on blood thinners?": "MedicationSideEffectsIntent",
    # from a third, and a fourth (measured once before it was used)
    "I had a heart attack in March and a stent, when can I drive?": "DrivingIntent",
    "After my heart attack and stent in May, when can I start exercising again?": "ActivityIntent",
    "When is dizziness after angioplasty an emergency?": "DizzinessIntent",
    "can you have a stroke from angioplasty": "RisksIntent",
    "are bleeding gums a side effect of clopidogrel": "MedicationSideEffectsIntent",
    "do they numb you for angioplasty": "ProcedureDurationIntent",
    "do they only do stents in an emergency": "WhoNeedsItIntent",
    "when is dizziness an emergency after a stent": "DizzinessIntent",
    "when should we call an ambulance for dizziness after angioplasty": "DizzinessIntent",
    "nosebleeds and blood thinners after a stent is that a thing": "MedicationSideEffectsIntent",
}

# The same words, but something happening now, or a question a frightened person asks: heard.
STILL_A_RED_FLAG = [
    "I had a heart attack and a stent",
    "my husband had a heart attack",
    "I had a heart attack and a stent, what do I do",
    "I had a heart attack and a stent, is this another one",
    "I had a heart attack and a stent, should I go to hospital",
    "I had a heart attack and a stent, is it normal to have this tightness",
    "I had a heart attack and a stent, how long before the pain goes",
    "I had a heart attack and a stent, can I fly, my chest hurts",
    "my husband had a heart attack, can I drive him to the hospital",
    "brilinta makes me breathless",
    "does brilinta make you breathless, I can't breathe",
    "will the stent help my breathlessness, I can barely breathe now",
    "what are the chances I'm having a stroke",
    "I'm having a stroke during angioplasty",
    "after a heart attack, when can I drive, it's crushing me",
    "does everyone who has a heart attack get a stent, I think I'm having one",
    "when should rehab start after a heart attack, my chest hurts",
    "when should I worry about bleeding on blood thinners, it won't stop",
    "will plavix make my gums bleed, they won't stop",
    "do they only do stents in an emergency, I think this is one",
    "I'm dizzy, when should we call an ambulance for dizziness",
    "nosebleeds on clopidogrel",
    "I had a heart attack in March and a stent, when can I drive? my chest is tight",
    "can you have a stroke from angioplasty, his face has dropped",
    "are bleeding gums a side effect of clopidogrel, mine won't stop",
    "they numb my arm and now it's cold and white",
    # a code review's: a red flag after a question, beside a heart attack in the past
    "What do I do? my dad is in a bad way after his heart attack",
    "What should I do? I've got some tightness since my heart attack",
    "when can I drive? I'm struggling badly after my heart attack",
    "what do I do it's getting worse since my heart attack",
    # ...and after a polite opening
    "I need to know, my husband is on Brilinta and he's gone quiet and grey",
    "Could you tell me, I'm on Ecosprin and blood keeps coming from my nose for an hour",
    "I'm on Brilinta and I'm struggling right now, please",
    "she's struggling now please help me",
]


@pytest.mark.parametrize(("text", "intent"), ASKED_ABOUT_A_RED_FLAG.items())
def test_a_question_about_a_red_flag_gets_its_topic(
    assistant: Assistant, text: str, intent: str
) -> None:
    result = assistant.understander.understand(text)
    assert result.emergency is None and result.intent == intent, result


def test_every_shape_names_a_topic_or_the_question_after_it() -> None:
    answers = {answer for _, _, answer in emergency._ASKED_ABOUT}
    assert answers - {None, emergency.THE_QUESTION_AFTER} <= set(TOPIC_INTENTS)


@pytest.mark.parametrize("filler", ["\u200b", "\U0001f600"])
def test_a_red_flag_after_a_flood_of_vanishing_characters_is_heard(
    assistant: Assistant, filler: str
) -> None:
    text = filler * 20_000 + " my chest hurts"
    assert assistant.understander.understand(text).emergency is not None


@pytest.mark.parametrize("text", STILL_A_RED_FLAG)
def test_the_same_words_about_now_are_still_a_red_flag(assistant: Assistant, text: str) -> None:
    assert assistant.understander.understand(text).emergency is not None, text


def _lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


# Red teams' emergencies, all to be heard: six blind teams' (written without the code), three
# teams' said in the words of the everyday questions that name a red flag, and those a code
# review found lost to a fix for false alarms.
@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("blind_emergencies.txt", 1226),
        ("red_team_asked_about.txt", 1070),
        ("review_emergencies.txt", 63),
    ],
)
def test_red_teams_emergencies_are_all_heard(assistant: Assistant, name: str, count: int) -> None:
    texts = _lines(name)
    assert len(texts) == count
    missed = [text for text in texts if assistant.understander.understand(text).emergency is None]
    assert missed == []


def test_its_look_alikes_hear_no_more_instructions_than_on_the_day(assistant: Assistant) -> None:
    texts = _lines("blind_lookalikes.txt")
    assert len(texts) == 790
    alarmed = [assistant.understander.understand(text).emergency is not None for text in texts]
    # a bar for the first five teams' 630 and one for the sixth team's 160, so that fewer
    # alarms in one cannot hide more in the other (lines, not distinct texts: a few repeat)
    assert sum(alarmed[:630]) <= 180, [t for t, a in zip(texts, alarmed, strict=True) if a]
    assert sum(alarmed[630:]) <= 26, [t for t, a in zip(texts, alarmed, strict=True) if a]


@pytest.mark.parametrize(("text", "intent"), EVERYDAY.items())
def test_everyday_questions_are_answered_with_their_topic(
    assistant: Assistant, text: str, intent: str
) -> None:
    result = assistant.understander.understand(text)
    assert result.emergency is None and result.intent == intent, result
    assert result.score >= CONFIDENT, result


@pytest.mark.parametrize("text", USING_THE_ARM)
def test_using_the_arm_after_a_wrist_procedure_is_about_lifting(
    assistant: Assistant, text: str
) -> None:
    result = assistant.understander.understand(text)
    assert result.emergency is None and result.intent == "ActivityIntent", result


@pytest.mark.parametrize(("text", "intent"), GUESSES.items())
def test_a_weak_guess_rests_on_a_word_about_its_topic(
    assistant: Assistant, text: str, intent: str
) -> None:
    result = assistant.understander.understand(text)
    assert result.emergency is None and result.intent == intent, result


# From a blind set of everyday questions: a weak match well ahead of the next intent, on a word
# about its topic, is answered; one nearly level with another, or a single word, is confirmed.
@pytest.mark.parametrize(
    ("text", "intent", "answered"),
    [
        ("what are the signs that the wound is infected", "WoundCareIntent", True),
        ("what's the tight band on my wrist for", "AccessSiteIntent", True),
        ("do stents need replacing after ten years", "StentLifetimeIntent", True),
        ("can I still play cricket", "ActivityIntent", True),
        ("does the rehab start before you leave the hospital", "HospitalStayIntent", False),
        ("how long do I stay on ticagrelor", "HospitalStayIntent", False),  # no topical word
        ("I'm scared", "RisksIntent", False),
        ("my diet", "LifestyleIntent", False),
        # a word no sample uses, and one generic word about the topic: not answered
        ("is it common to feel depressed after a stent", "DizzinessIntent", False),
    ],
)
def test_a_weak_match_well_ahead_is_answered(
    assistant: Assistant, text: str, intent: str, answered: bool
) -> None:
    matcher = assistant.understander.matcher
    ranked = matcher.rank_terms(matcher.terms(normalise(text)))
    assert ranked[0][1] < CONFIDENT  # the words alone are a weak match
    result = assistant.understander.understand(text)
    assert result.intent == intent and result.score >= WEAK
    assert (result.score >= CONFIDENT) == answered, result.score


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        (intent, text)
        for table in (RED_TEAM_FLAGS, RED_TEAM_2_FLAGS, RED_TEAM_3_FLAGS, RED_TEAM_5_FLAGS)
        for intent, texts in table.items()
        for text in texts
    ],
)
def test_red_team_red_flags_get_their_own_instruction(
    assistant: Assistant, intent: str, text: str
) -> None:
    result = assistant.understander.understand(text)
    assert result.emergency is not None and result.intent == intent, result


@pytest.mark.parametrize("text", RED_TEAM_ANY + RED_TEAM_4_ANY)
def test_red_team_red_flags_that_two_instructions_fit_get_one(
    assistant: Assistant, text: str
) -> None:
    assert assistant.understander.understand(text).emergency is not None


@pytest.mark.parametrize(
    "text", RED_TEAM_QUIET + RED_TEAM_2_QUIET + RED_TEAM_3_QUIET + RED_TEAM_5_QUIET
)
def test_red_team_ordinary_questions_raise_no_alarm(assistant: Assistant, text: str) -> None:
    result = assistant.understander.understand(text)
    assert result.emergency is None, result.emergency


# Dizziness on its own has a topic (when to call, and that the nitrate can cause it); with a
# heart attack's other signs (AHA: a cold sweat, nausea, breathlessness) or a faint, it is a
# red flag, heard first.
DIZZY_ALONE = [
    "I feel dizzy",
    "I'm a bit light headed",
    "I feel giddy",
    "the room is spinning",
    "my wife is dizzy",
    "I keep getting dizzy",
    "I feel dizzy after using my gtn",
    "I feel as if I'm going to fall over",
    "I feel like I'm about to fall over",
]
DIZZY_AND_MORE = {
    "I feel dizzy and sweaty": "HeartAttackSignsIntent",
    "dizzy and sick": "HeartAttackSignsIntent",
    "I'm woozy and I've been throwing up": "HeartAttackSignsIntent",
    "I feel dizzy and short of breath": "BreathingProblemIntent",
    "I felt dizzy and fell over": "BreathingProblemIntent",
    "I feel dizzy and my chest hurts": "ChestPainIntent",
    # from a red team: other words for dizzy and for sick, and typing slips
    "the room is spinning and I feel sick": "HeartAttackSignsIntent",
    "dizzy and puking": "HeartAttackSignsIntent",
    "vertigo and nausea": "HeartAttackSignsIntent",
    "i m dizy and sweting": "HeartAttackSignsIntent",
    "dizzy and clamy": "HeartAttackSignsIntent",
    "the room was spinning and I threw up": "HeartAttackSignsIntent",
    "I'm losing my balance and I feel sick": "HeartAttackSignsIntent",
    "dizzyness and sweating": "HeartAttackSignsIntent",
    "I feel like I'm going to fall over and I'm sweating": "HeartAttackSignsIntent",
}


@pytest.mark.parametrize("text", DIZZY_ALONE)
def test_dizziness_alone_is_answered_by_its_topic(assistant: Assistant, text: str) -> None:
    result = assistant.understander.understand(text)
    assert result.emergency is None and result.intent == "DizzinessIntent", result


@pytest.mark.parametrize(("text", "intent"), DIZZY_AND_MORE.items())
def test_dizziness_with_another_sign_is_a_red_flag(
    assistant: Assistant, text: str, intent: str
) -> None:
    result = assistant.understander.understand(text)
    assert result.emergency is not None and result.intent == intent, result


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("why does gtn make me dizzy", "NitrateIntent"),
        ("does clopidogrel make you dizzy and sick", "MedicationSideEffectsIntent"),
    ],
)
def test_questions_about_dizziness_as_a_side_effect_raise_no_alarm(
    assistant: Assistant, text: str, intent: str
) -> None:
    result = assistant.understander.understand(text)
    assert result.emergency is None and result.intent == intent, result


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        ("when can I drive and when can I go back to work", ["DrivingIntent", "WorkIntent"]),
        (
            "Can I fly? Can I go through airport security?",
            ["FlyingIntent", "SecurityScreeningIntent"],
        ),
        ("when can I drive?", []),  # one question, however it ends
        ("when can I drive and when can I drive", []),  # one topic, asked twice
        ("I'm going home tomorrow and wondered when I can drive", []),  # news, then a question
        ("what tablets do I take and for how long", []),  # "for how long" asks no new thing
        ("what does clopidogrel do and how long do I take it", []),  # "it" points back
        ("I'm dizzy and when can I drive", ["DizzinessIntent", "DrivingIntent"]),  # a symptom
        ("when can I fly and when can I drive and " * 3, []),  # too many parts to be a few
    ],
)
def test_several_questions_are_told_from_one(
    assistant: Assistant, text: str, intents: list[str]
) -> None:
    assert [u.intent for u in assistant.understander.topics_asked(text)] == intents


# A red flag said beside a question: the question's words must not outweigh it.
@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("I have pain and can I drive", True),
        ("it hurts and can I drive", True),
        ("it hurts, when can I drive?", True),
        ("when can I drive? my arm is killing me", True),
        ("does it hurt and when can I drive", False),  # asks about the procedure
        ("when can I drive and when can I go back to work", False),
        ("I have pain, can I drive?", True),
        ("I've got some tightness and when can I fly", True),
        ("my groin hurts and can I drive", True),
        ("lie down and press on it?", False),  # "press" is no "pressure"
        ("I've got a cold and can I take my aspirin", False),  # a cold, the illness
        # a short remark that alone only reads like a red flag's samples, put in its place
        ("I'm cold. Can I have another blanket?", False),
        ("Vomiting and diarrhoea, can I still take my clopidogrel?", False),
        ("My knee hurts and I can't walk far, can I do cardiac rehab?", False),
        ("I'm weak and tired after the hospital stay. Also can I go for a walk?", False),
        ("when can I drive and I have pain", True),  # said second: only its part says it
        ("my husband has pain and can he drive", True),
        ("I'm still having pain, can I take ibuprofen", True),
        # having pain is told from another by what follows, past the break too
        ("I've still got pain and bruising in my groin", False),
        ("he has pain and where is the clinic", True),
    ],
)
def test_a_red_flag_beside_a_question_is_heard(
    assistant: Assistant, text: str, flagged: bool
) -> None:
    result = assistant.understander.understand(text)
    assert (result.emergency is not None) == flagged, result
    if flagged:
        assert result.intent in EMERGENCY_INTENTS, result


# Having pain now, said first, is the chest-pain instruction's; a pain named by what follows,
# or one in a question, is not that (the samples may still read it as chest pain).
@pytest.mark.parametrize(
    ("text", "has_pain"),
    [
        ("I have pain", True),
        ("I've got a pain. When can I drive?", True),
        ("mum's got a lot of pain and can she take paracetamol", True),
        ("I'm getting pain, can I have a bath?", True),
        ("I've still got some tightness", True),
        ("he says he has pain", True),
        ("my husband had a stent last week, now he has pain", True),
        ("I have pain that won't go away", True),
        ("I have pain and the wound looks fine", True),
        ("I have discomfort where the catheter went in", False),
        ("I have tightness and it's the wrist band", False),
        ("I have pain. The wound looks fine.", True),  # a full stop: no more of the same
        ("I have pain I don't know what to do", True),
        ("I have discomfort at rest", True),
        ("he has pain when he lies down", True),
        ("I have pain, doctor", True),
        ("he has pain when he's walking", True),
        ("I have pain pills don't help", True),  # the recogniser's missing comma
        ("I'd say he has pain", True),
        ("I have discomfort in my upper body", True),
        ("I have discomfort like indigestion", True),
        ("I've had pain for an hour", True),
        ("how long will my husband have pain", False),
        ("when can I drive and what if my husband has pain", False),
        ("I've got some discomfort when I swallow", False),
        ("I have a bit of discomfort from the cannula", False),
        ("I've got some tightness in my calves after walking", False),
        ("I have pain medication, can I take it with my blood thinners?", False),
        ("we're having some discomfort with the new mattress", False),
        ("every time he has pain he goes grey and it's happening now", True),
        ("I suppose she's got discomfort, she's rubbing her arm", True),
        ("he has pain when he puts his shoes on and goes grey", True),
        ("she has pain in bed tonight", True),
        ("I have discomfort with clamminess", True),
        # a cause only rules it out said straight after: not denied, compared or a place
        ("he has pain, not from the drip", True),
        ("he has pain worse than from his hernia", True),
        ("he has pain walking from the bed to the toilet", True),
        ("I have discomfort in my left fingers and my arm", True),
        ("I have pain in my lower back", True),  # a bleed behind the belly may show so
        ("he has tightness, it's a band around him", True),  # angina's band, not the wrist's
        ("I have tightness due to my hernia they said but it's in my jaw now", True),
        ("he has pain, it's not sciatica this time", True),
        ("I have pain, tablets have done nothing", True),
        ("she has pain tablets but it's getting worse", True),
        ("I have pain in my knee", False),
        ("I have pain in my knee but now it's spreading", True),
        ("will I have pain?", False),
    ],
)
def test_having_pain_now_is_told_from_a_named_or_supposed_pain(
    assistant: Assistant, text: str, has_pain: bool
) -> None:
    flag = assistant.understander.understand(text).emergency
    assert (flag is not None and flag.kind == "has pain") == has_pain, flag


# A cold, the illness, is no cold limb; a cold sweat or a cold, pale leg still is.
@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("I have a cold", None),
        ("I've got a bad cold", None),
        ("I caught a cold after the stent", None),
        ("I have a cold sweat", "HeartAttackSignsIntent"),
        ("he has a cold, pale leg", "LimbProblemIntent"),
        ("I have a cold feeling in my leg", "LimbProblemIntent"),
        ("I have a cold and my leg is numb", "LimbProblemIntent"),
        ("I have a cold left foot", "LimbProblemIntent"),
        ("he has a cold swollen leg", "LimbProblemIntent"),
        ("I've got a cold lower leg", "LimbProblemIntent"),
        ("I have a cold in my left arm", "LimbProblemIntent"),
        ("I have a cold and my legs ache", None),
        ("I've got a cold, my legs are aching", None),
    ],
)
def test_a_cold_is_told_from_a_cold_limb(
    assistant: Assistant, text: str, intent: str | None
) -> None:
    result = assistant.understander.understand(text)
    assert (result.intent if result.emergency else None) == intent, result


# "Killing me" is said of pain: in the jaw, beside sickness, it is a heart attack sign.
@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("my jaw is killing me", True),
        ("I've been vomiting and my jaw is killing me", True),
        ("my neck is killing me and I feel sick", True),
        ("my groin is killing me", True),  # as "my groin hurts": the site's instruction
        ("my shoulder is killing me", True),
        ("my back is killing me", True),  # as "my back hurts": the back is in AHA's list
        ("my back is killing me from gardening", True),
        # lying flat after the procedure is when a bleed behind the belly shows as back pain
        ("my back hurts from lying flat", True),
        ("my back hurts since the procedure", True),  # a bleed after it may show so
        ("my back hurts after the angiogram and I feel dizzy", True),
        ("my back hurts from lying on the table during the procedure", True),
        ("my back hurts because of sciatica", False),  # a long-standing back complaint
        ("my back hurts from my arthritis but this is different", True),
        ("my back hurts from arthritis now", True),
        ("the waiting is killing me", False),
        ("my knee is killing me", False),
    ],
)
def test_killing_me_is_pain(assistant: Assistant, text: str, flagged: bool) -> None:
    result = assistant.understander.understand(text)
    assert (result.emergency is not None) == flagged, result
    if flagged:
        site = "groin" in text
        assert result.intent == ("LimbProblemIntent" if site else "ChestPainIntent")


def test_the_topics_named_in_the_understanding_and_the_router_exist() -> None:
    from intents import handlers, understand

    named = {PAIN_QUESTION_TOPIC, *understand._SAID, *handlers._SIGN_TOPICS}
    assert named <= set(TOPIC_INTENTS)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("cold sweat but no chest pain", "HeartAttackSignsIntent"),
        ("i'm dizzy and sweaty, no chest pain", "HeartAttackSignsIntent"),
        ("i'm clammy and the pain is back", "ChestPainIntent"),
        ("it hurts and i feel sick", "ChestPainIntent"),
        ("my groin hurts and i feel sick", "LimbProblemIntent"),
        ("i'm vomiting blood and sweating", "SeriousBleedingIntent"),
        ("he's grey and clammy and not responding", "BreathingProblemIntent"),
        ("my leg is cold and pale and i'm sweating", "LimbProblemIntent"),
        ("i get night sweats", None),
        ("i sweat a lot", None),
        ("the tablets make me feel sick and sweaty", None),
        ("can ticagrelor cause dizziness and nausea", None),
    ],
)
def test_signs_without_pain_are_told_from_pain_and_from_the_other_flags(
    assistant: Assistant, text: str, intent: str | None
) -> None:
    result = assistant.understander.understand(text)
    if intent is None:
        assert result.emergency is None, result
    else:
        assert result.emergency is not None and result.intent == intent, result
