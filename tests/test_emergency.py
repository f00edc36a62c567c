"""The emergency detector must not miss, and must not fire on a chest of drawers."""

from __future__ import annotations

import pytest

from intents.emergency import detect

MUST_FIRE = [
    "chest pain",
    "I have chest pain",
    "my chest is tight",
    "there's a pressure in my chest",
    "a heaviness in my chest",
    "it's like something squeezing my chest",
    "burning in the chest",
    "pain spreading down my left arm",
    "the pain is going into my jaw",
    "my jaw aches",
    "am I having a heart attack",
    "my angina is back",
    "angina again since the stent",
    "this is an emergency",
    "call an ambulance",
    "should I ring 999",
    "chess pain",
    "my chess hurts",
    "chest pane",
    "my husband is clutching his chest",
    "dad's grabbing at his chest",
    "I don't have chest pain but I'm worried",
    "what do I do if I get chest pain",
    "what should I do if my chest hurts after the stent",
    "I have a chest x-ray tomorrow and my chest hurts now",
    "I was asking about driving but now my chest feels tight",
    "CHEST PAIN!!!",
    "chestpain",
    "took my gtn spray and it still hurts",
    "crushing feeling behind my breastbone",
    "hart attack",
    # the rescue medicine not working is the pain not easing
    "the spray is not working",
    "sorbitrate not working",
    "my GTN isn't working",
    "my spray didn't help",
    "my nitro spray did nothing",
    "my angina tablets aren't working",
    "I've used my spray three times",
    "I've had two sprays and no better",
    # the emergency number on its own, as a speech recogniser writes it
    "911",
    "9-1-1",
    "I need 911",
    "999 please",
    "i need 112 now",
    "triple zero",
    # not understanding what is said, for a spell (FAST's speech sign; it may come back)
    "grandpa couldn't understand what we were saying for a bit, he's better now but still not"
    " himself",
    "for about five minutes I couldn't understand what my wife was saying and then it went away",
    "my wife didn't understand me for a few minutes earlier and now she seems fine, does she need"
    " checking",
    "all of a sudden I couldn't understand the nurse on the phone",
    # someone on the floor and not answering; a hand held to the arm with a sweat
    "my dad's on the floor and not answering me",
    "my grandfather is sweating a lot and holding his left arm",
    # a second code review's: the old wordings for someone not answering or waking, kept
    "he's conscious but not answering questions",
    "he's not waking up until I shake him really hard",
    "he isn't waking up, every time I try he just groans",
    "he won't answer the phone, I can see him through the window slumped on the sofa",
    "he's hard to wake and very drowsy",
    # (two a third code review found missed, said now)
    "none of his words are making sense",
    "the wrong words keep coming out when I speak",
    "mum's very drowsy and confused and hard to wake up",
    # having pain now, said of oneself or another
    "I have pain",
    "I've got some tightness",
    "she's got a lot of pain",
    "he has pain and can he drive",
]

MUST_NOT_FIRE = [
    "can I move a chest of drawers after my stent",
    "can I drive to my chest x-ray appointment",
    "my heart rate reading is 80, can I go to the gym",
    "my heart rate monitor says 72",
    "we bought a toy chest for the grandchildren",
    "I had an emergency angioplasty, when can I drive",
    "can I play chess after my stent",
    "when can I go back to work",
    "what tablets do I need",
    # naming the medicine for angina is asking about it (the phone menu says "angina spray")
    "angina spray",
    "how do I use my angina spray",
    "angina tablets side effects",
    "when do I take a second dose of the spray",
    "is the spray better than tablets",
    "my blood pressure is 112 over 70",
    "I was born in 1999",
    # pain asked about, named as long-standing, at the site (other triggers' business), or
    # the medicine for it
    "will I have pain afterwards",
    "what if I have pain tonight",
    "I have pain in my knee",
    "I have pain in my groin",
    "I've got pain at the wound site",
    "I have pain killers at home",
    # not understanding a leaflet, a doctor, this assistant, jargon or a bad line, or through
    # deafness, is not the speech sign (the last six from a code review)
    "I couldn't understand the leaflet for a while",
    "I couldn't follow what the doctor said for a bit",
    "sorry I couldn't understand what you said for a second",
    "I couldn't follow what you were saying for a bit",
    "I couldn't understand a word for a while, the line kept cutting out",
    "my hearing aid battery died so I couldn't understand anyone for a while",
    "I couldn't understand a word for a bit, it was all medical jargon",
    "my dad is deaf and couldn't understand us for a bit without his hearing aid",
    "",
    "   ",
    "🙂🙂",
]


@pytest.mark.parametrize("text", MUST_FIRE)
def test_fires(text: str) -> None:
    assert detect(text) is not None


@pytest.mark.parametrize("text", MUST_NOT_FIRE)
def test_does_not_fire(text: str) -> None:
    assert detect(text) is None


def test_the_match_says_why() -> None:
    match = detect("my husband is clutching his chest")
    assert match is not None and match.kind == "chest" and match.intent == "ChestPainIntent"
    match = detect("pain spreading down my left arm")
    assert match is not None and match.kind in {"spreading pain", "left arm"}


def test_huge_and_hostile_input_is_handled() -> None:
    assert detect("a" * 100_000) is None
    assert detect("\x00\x1b[31m chest pain \x07") is not None
    assert detect("x " * 4_990 + "chest pain") is not None  # 10,000 characters are read
    assert detect("x " * 50_000 + "chest pain") is None  # what lies beyond them is not


@pytest.mark.parametrize(
    "text",
    [
        "my left arm feels heavy and I can't lift it",
        "my left arm aches and I cannot raise it",
        "his left arm is heavy, he can't keep his arms up",
        "she's unable to lift her left arm, it feels so heavy",
    ],
)
def test_an_arm_that_cannot_be_raised_is_a_stroke_sign_even_when_it_is_heavy(text: str) -> None:
    # FAST: call now. The chest-pain instruction would have them wait for the aspirin and spray.
    match = detect(text)
    assert match is not None and match.intent == "StrokeIntent", match


@pytest.mark.parametrize(
    "text",
    ["my left arm feels heavy", "a dull ache in my left arm", "my left arm is heavy and numb"],
)
def test_a_heavy_or_aching_left_arm_alone_is_still_chest_pain(text: str) -> None:
    match = detect(text)
    assert match is not None and match.intent == "ChestPainIntent", match


RED_FLAGS = {
    # heart attack signs, in either order (from a new-user pass)
    "ChestPainIntent": [
        "my pulse is racing at 160 and I feel awful",
        "I have a sense of doom, something is really wrong with my heart",
        "when is dizziness after angioplasty an emergency \U0001f691",
        # "emergency" misspelt, as a red team typed it (2026-11-27)
        "its an emergancy",
        "emmergancy",
        "this is an emergensy please",
        "my husband is sweating and has pain in his arm",
        "my husband has pain in his arm and is sweating",
        # only the phrase about a past heart attack or angina asked about is set aside
        "I think I'm having another heart attack after my heart attack last year",
        "after a heart attack my chest hurts",
        "he had a heart attack",
        "the spray isn't helping my angina",
        "what if the spray doesn't work, I've used it twice and I still have pain",
        # ...and only as the whole question: a word more and it is heard (a red team found
        # these silenced by phrases set aside wherever they were said)
        "since my heart attack i get this pain and it's here now",
        "after my heart attack they said ring if it came back well it's back",
        "is there a chance of another heart attack happening right now cause it's really bad",
        "what if my spray doesn't work i've used it twice",
        "will the stent stop my angina because it's happening now and it's really bad",
        "what if I get chest pain after a heart attack",
        "it feels like someone's cut my chest open",
        # (from a code review: "stop" may be a heart attack happening, and "this" the spray)
        "how do i stop a heart attack",
        "will the spray stop his heart attack",
        "am i having another one after my heart attack",
        "is it back after my heart attack",
        "will this help my angina pain",
    ],
    # ...and without pain: call now and rest, no nitrate
    "HeartAttackSignsIntent": [
        # the README's list of misses, and a blind red team's (2026-11-27, fourteenth session)
        "my dad looks ashen and says he feels awful",
        "the colour has drained from his face and he's sweating",
        "all the colour has just drained from his face and he says he feels really unwell",
        "sudden extreme tiredness and I'm breaking into a sweat",
        "dad suddenly says he has no energy at all and he's breaking out in a sweat",
        "I feel like something terrible is about to happen, I'm sweaty and shaky",
        "something awful is going to happen i can feel it, i'm shaking all over",
        "he says he feels doomed and he's being sick",
        "had my stent two weeks ago and now I'm sweating and feel like I'm going to be sick",
        # a code review's: dizzy with a grey face (2026-11-27)
        "he's grey and dizzy",
        "he feels woozy and grey",
        "I feel like I could fall over and I'm sweating",
        "I keep falling over and I feel sick",
        "she keeps falling over and she's sweating",
        "I might fall over in the shower and I'm sweating",
        "I nearly fell over and I'm sweating",
        "I'm sweating and keep falling over",
        "I keep falling over my feet and I'm sweating",
        "my grandfather keeps falling over and he's sweating",
        "I am sweating a lot and feel sick",
        "I've come out in a cold sweat",
        "I feel dizzy and clammy",
    ],
    "StrokeIntent": [
        # balance or walking lost suddenly or with the room spinning (a blind red team's)
        "sudden loss of balance, can't walk straight, room spinning",
        "dad's legs just gave way and he's really dizzy",
        "my mum cant stand up without falling over, this just started",
        "she keeps losing her balance and her legs are giving way, what do i do now",
        "my husband is staggering around like he's drunk and he hasnt had a drink",
        "my dad's walking like he's drunk all of a sudden and keeps bumping into things",
        "i'm suddenly so unsteady i can't get to the bathroom without falling",
        "I suddenly couldn't walk",
        # a fifth blind team's (2026-11-27)
        "mum keeps veering to the left when she tries to walk across the room",
        "the whole room's going round and I can't get off the floor",
        "she's swaying and can't stay upright even holding the rail",
        "all of a sudden my balance is gone and i'm crawling to the phone",
        "his leg keeps going weak on and off this last hour",
        "the tingling down my left side comes and goes and it's back now",
        "my words aren't coming out right",
        "she can't feel her left side",
        "I can't feel the left side of my body",
        "I think my dad is having a stroke",
        "her face is drooping on one side",
        "he can't lift his left arm and his speech is slurred",
        "mum's words are coming out garbled",
        # an arm, a hand or a leg that will not move or work is one that cannot be moved
        "his arm won't move",
        "her right arm isn't working",
        "my arm isn't moving",
        "his arms not working",
        "my left arm just won't work",
        "he's not moving his left arm",
        "he isn't moving his right arm",  # not the fainting's "isn't moving"
        "mum's not moving her right side",
        "he can't use his left hand",
        "he's dragging his leg",
        "half his face isn't moving",
        "left arm not working",
        "his hand won't grip the cup",
        "her right hand isn't responding",  # not the fainting's "not responding"
        "his leg just won't do what he tells it",
        "my wife can't grip anything with her right hand since this morning",
        "he's got no strength in his left arm suddenly",
        "she's lost the use of her left hand",
        "he can't move the right side of his body",
        "half my body feels numb",
        "i can't lift my leg off the bed",
        "my right foot is dragging",
        "when he holds both arms out one drops down",
        "dad's mouth won't move properly on one side",
        "my right arm has gone numb and weak and my face feels strange",  # not the limb's
        "her hand is clenched and she's not speaking right",
        "his right arm has stopped working, is that because of the wrist procedure?",
        "she can't use her right hand and it's not because of the bandage",
        "my grip has gone completely on the left, just now",
        "i was driving and my arm stopped working so i pulled over",
        "he's mixing up his words",
        "he's just not using his left hand at all",
        "my hand just wouldn't close",
        "my left leg won't take my weight",
        "my foot's dragging when i walk",
        "the whole left side of my body feels numb and heavy",
        "when i hold both arms out my left one drifts down",
        "my mouth won't work properly, i'm dribbling my tea",
        "my hand is weak and I'm right handed",
        # how well it works is the sign itself; only the advice's time or kit is no sign
        "he can't lift his arm too high",
        "he can't move his hand much",
        "he can't lift his arm for the past hour",
        "dad can't lift his arm, his angioplasty was two years ago",
        "her arm won't move, I'm calling because I'm scared",
        "his right arm has stopped working, could that be because of the procedure?",
    ],
    "BreathingProblemIntent": [
        # fell and now silent, choked and now silent (the README's misses, a blind red team's)
        "mum fell over and isn't talking",
        "dad fell over and now he won't say anything",
        "my wife just slumped over and isn't saying anything",
        "she's fallen and she's awake but won't talk to me",
        "she's not reacting to anything",
        "he choked on his dinner and now he's gone quiet",
        "she choked on her sandwich and now she isnt making any sound",
        "he's got something stuck in his throat and can't cough or talk",
        "he toppled out of his armchair and he just keeps saying the same word over and over",
        "she was eating and now she's clutching her throat and silent",
        "he's choked on a potato and he's silent and his lips are going dark",
        "he was coughing on his food and now he's stopped making any noise",
        "my throat is closing up, I think it's the new medicine",
        "I can hardly breathe, please help",
        "I can't find my husband's pulse",
        "his heart has stopped",
        "they've gone blue",
        "he's blue and floppy",
        "my husband is turning blue",
        # a blind red team's, missed before (2026-11-27): choking, turned blue, no pulse
        "my husband is choking",
        "she's choking on her food",
        "he's turned blue",
        "she has no pulse",
        # a red team's, on ticagrelor (2026-11-27)
        "im on brilinta and im struggling right now",
        "ticagrelor has me puffed out sitting still",
        "my wife's on the floor and she's not moving",
        "my dad fell and he's not getting up",
        "mum's not moving",
        "he's lying there not moving",
        "he's not getting up after his fall",
        "he's not moving or talking",
        "he fell and is not moving",
        "he's on the floor not moving",
        "my grandfather is not moving",
        "my son's not moving",
        "he's not moving, it's been five minutes",
        "he hasn't moved since he fell",
        "he fell and can't get up",
        "he's not moving this morning",
        "she's not moving properly and she's grey",
        "he's not moving quickly what do i do",
        "she's not moving next to me and she's cold",
        "he's not getting up off the bathroom floor",
        "I can't breathe",
        "my husband has collapsed",
        "she fainted in the kitchen",
        "he passed out after his tablets",
        "I'm gasping for air",
    ],
    "BleedingIntent": [
        # a forearm swollen or fit to burst, where the tube went in at the wrist
        "my forearm is hugely swollen and tight and really painful",
        "my forearm feels like it's going to burst, it's so swollen and painful",
        "I'm sitting in a pool of my own blood",
        "there's a pool of blood on the bed",  # a blind red team's (2026-11-27)
        "there's blood soaking through my trousers",
        "blood's coming through the bandage",
        "my jeans are soaked in blood",
        "blood is coming through the towel",
        "blood is coming through my fingers when I press",
        "blood coming through on the sheet",
        "blood is coming through the tube in his arm",
        "blood is coming through his mouth after he fell",
        "blood coming through my pad, not my period",
        "blood coming through the pad, I'm not on my period",
        "my wrist is bleeding where they put the tube in",
        "the groin wound won't stop bleeding",
        "the lump in my groin is getting bigger",
        "what do I do if the site starts bleeding",
        "it's bleeding",
        # swelling where the tube went in: lie down, press on it and call
        "my wrist is sore and swollen",
        "my groin is hard and swollen",
        "the puncture site is swollen",
        "swelling in my groin",
        "my arm is a bit swollen",
        "the place where the tube went in is puffy",
        "the swelling in my groin has come down my leg",
        "the site's swollen",
        # a swelling said to be going does not hide a bleeding beside it (from a review)
        "the swelling at the wrist has gone down but there's blood everywhere",
        "my wrist isn't swollen but it's growing",
        "my groin is oozing",
        "it is oozing pus and blood",
    ],
    "SeriousBleedingIntent": [
        "maroon coloured blood when I went to the loo",
        # a red team's: a nose pouring on blood thinners (2026-11-27)
        "ecosprin and my nose is pouring",
        "my nose has been pouring for ages on clopilet",
        "my nose is gushing",
        "I've been vomiting blood",
        "my poo is black and tarry",
        "there's blood in my urine",
        "there's blood coming through in my pee",  # not the site's: blood in the urine
        "I'm coughing up blood",
        "a nosebleed that won't stop",
        "it looked like coffee grounds when he was sick",
    ],
    "LimbProblemIntent": [
        # a little further from its sign (the README's miss)
        "the hand on the side of the procedure is going purple",
        "the arm they used is pale and there's no pulse at the wrist",
        "dad's fingers are turning blue",  # a limb's, not someone gone blue
        "my hand has gone cold and white",
        "I can't feel my fingers since the procedure",
        "his leg is pale and numb",
        "my foot has turned blue",
    ],
}

NOT_RED_FLAGS = [
    # near the new signs of the fourteenth session, not an emergency now
    # (a code review's)
    "my legs swell up in the evening, is it my tablets",
    "my ankles and legs swell up by the end of the day",
    "my leg balloons on long flights",
    "she fell asleep and isn't talking to me",
    "she fell out with me and isn't talking to me",
    "my dad went down to the shops and isn't answering his phone",
    "my husband stumbled on the stairs last week",
    "I keep stumbling over my words when I'm tired",
    "I can't stand up for long without feeling dizzy",
    "I can't walk up the stairs without getting dizzy",
    "I couldn't walk much yesterday because I was dizzy",
    "I get dizzy when I stand up and I nearly lost my balance",
    "my mum lost her balance and fell yesterday, she's fine now",
    "I dread the procedure tomorrow, I feel sick with nerves",
    "I feel terrible and I'm sweating with this flu",
    "I get tired suddenly in the afternoon and I sweat at night, is that the tablets",
    "I'm staggered by the price of parking",
    # (a second code review's)
    "my dad went down to the pub and isn't answering his phone",
    "my son won't answer my texts",
    "my husband doesn't wake up until ten",
    "my husband stares at the telly all evening and doesn't answer me, typical",
    "I said the wrong words to the nurse",
    # (a second code review's)
    "my son couldn't understand me for a while when I rang him from Spain",
    "I didn't understand what my wife said for a second, the kettle was boiling",
    "I couldn't understand the words the doctor used for a bit",
    "I just started cardiac rehab and I didn't understand the exercises",
    "the appointment was changed suddenly and I didn't understand why",
    "my grandson keeps using the wrong words for things, he's only three",
    "the new receptionist doesn't know who I am",
    "my husband is always hard to wake in the morning",
    "dad isn't answering the door, he's probably at the shops",
    "the nurse was holding my left arm to take my blood pressure",
    "I get sweaty holding my arm up for the blood pressure cuff",
    "rubbing my jaw after the dentist, I feel a bit sick from the anaesthetic",
    # (a third code review's)
    "I was on the floor stretching, not answering calls",
    "my husband grips his arm rest when he's nervous and gets sweaty palms",
    "she's clutching her left arm because of the flu jab she had this morning",
    "I clenched my left arm muscles during the physio exercise",
    "mum couldn't follow what we were saying for a few minutes because the telly was loud, she's"
    " fine now",
    "when I text I keep typing and the wrong words come out, it's the autocorrect",
    "when I type the wrong words keep coming out",
    "the baby is drowsy after his feed and hard to wake",
    "my dad couldn't understand what his consultant was saying for a bit but he's fine now",
    "my husband fell asleep and isn't talking",
    "she fell silent and isn't talking to me after the argument",
    "mum went down with flu and isn't talking much",
    "I keep stumbling over the rug, should I move it",
    "extreme fatigue and night sweats, is that a side effect of ticagrelor",
    "I feel a sense of dread before the angiogram, I get sweaty palms",
    "I felt terrible and sweaty last night after the curry",
    "I can't stand up right now, I'm so tired after the walk",
    "I felt wobbly and dizzy when I stood up",
    "I get tingling down my left side when I sleep on it",
    "he clutched his throat laughing",
    "my mum isn't reacting well to the new tablets",
    "my dad isn't responding to the tablets",
    "since the procedure I suddenly can't walk as far",
    "I feel dizzy and unsteady when I stand up",
    "I get a bit dizzy if I stand up too quickly",
    "she fell over last year but she's fine now",
    "I choked on my tea this morning but I'm fine",
    "the staggering cost of parking at the hospital",
    "the swelling on my wrist went down a week ago and it feels fine now",
    "I was suddenly really tired after the walk",
    "the colour has gone from my bruise",
    "is something wrong with my heart if my pulse is 90",
    "my throat is a bit sore",
    "I choked on my tea laughing earlier, I'm fine",
    "is the aspirin a choking hazard for my grandson",
    "she's going blue for the match, she supports Chelsea",
    "the wristband they gave me is blue",
    "my smartwatch shows no pulse reading, is it broken",
    "I couldn't get a pulse reading on my watch",
    "I was choked up at the wedding",
    "I'm scared of choking on the big tablets",
    "the sky is blue",
    "my pulse is 70",
    "my nose is pouring with a cold",
    "I'm struggling right now with all these tablets",
    "I'm struggling badly with the stairs",
    "what's the best breaststroke technique",
    "who won the stroke play",
    "my blood test results came back normal",
    "how long do I take blood thinners",
    "does ticagrelor make you breathless",
    "there's a small lump where they went in, is that normal",
    "is a bruise on my wrist normal",
    "my leg went to sleep watching tv",
    "the swelling in my wrist has gone down",
    "my groin is not swollen any more",
    "my ankles are swollen",
    "the swelling at my wrist has completely gone",
    "my wrist swelling has reduced a lot",
    "there isn't any swelling at the site",
    "the arm of the chair is swollen from the damp",
    # pus is a sign of infection (see a doctor), not a bleeding to press on
    "the wound is oozing pus and I have a fever",
    "he's not moving house yet",
    "she's not getting up early tomorrow",
    "they're not moving in with us",
    "he's not moving much since the stent",
    "he's not getting up off the sofa",
    "she's asleep and not getting up",
    "blood coming through my teeth",
    "the bins keep falling over and I'm sweating",
    "I could fall over laughing, I'm sweating",
    "he hasn't moved his bowels since the procedure",
    "he hasn't woken up from his nap",
    "I have a cold, sore arms from the flu jab",
    "night sweats soaking my pyjamas",
    "the coffee soaked my shirt",
    "it's coming through the top",
    "I have a cold today, legs aching",
    "I've got a cold plus tired legs",
    "she's just lying there not moving, watching TV",
    "it's soaking through my shirt, it's just sweat",
    # the advice after a wrist procedure, stiffness, and how well a limb works
    "keep the arm still so it does not move",
    "I was told to keep my arm still and not move it",
    "I can't use my hand for a week",
    "I can't use my right hand because of the band",
    "my arm isn't moving freely because of the bandage",
    "my arms aren't working out yet",
    "he's not moving his car",
    "the doctor said my right hand won't work properly for a couple of days",
    "he's not moving his arm because the nurse told him to keep it still",
    "my arm's not working hard enough at the gym",
    "he can't use his right arm for lifting till next tuesday",
    "I can't lift my arm for the first few days",
    "I can't move my leg for 4 hours after the procedure",
    "the minute hand isn't moving on the kitchen clock",
    "the clock hands aren't moving",
    "my granddad lost the use of his legs in the war",
    "i can't use my hand for heavy stuff for five days, what counts as heavy",
    "my husband had polio as a child and his left leg has always been weak",
    # a heart attack in the past or to prevent, angina asked about, in everyday questions
    "when is it safe to fly after a heart attack and stent",
    "how many weeks off work after my heart attack",
    "does it lower the chance of another heart attack",
    "is it only for people who've had a heart attack",
    "will the stent stop my angina",
    "are the sorbitrate tablets for angina attacks",
    "what if the spray doesn't work the first time",
    "do they cut my chest open for this",
    "what's my risk of a second heart attack",
    "is cardiac rehab only for people who've had a heart attack",
    "how can i prevent a future heart attack",
    "I can't use my hand for a week, is that right",
    "he has no grip in his hand for a week after the procedure",
]


@pytest.mark.parametrize(
    ("intent", "text"), [(intent, text) for intent, texts in RED_FLAGS.items() for text in texts]
)
def test_red_flags_fire_with_their_own_intent(intent: str, text: str) -> None:
    match = detect(text)
    assert match is not None and match.intent == intent, match


@pytest.mark.parametrize("text", NOT_RED_FLAGS)
def test_harmless_uses_of_red_flag_words_do_not_fire(text: str) -> None:
    assert detect(text) is None


def test_chest_pain_is_tried_first() -> None:
    match = detect("I'm short of breath and my chest is tight")
    assert match is not None and match.intent == "ChestPainIntent"


# -- the words a trigger needs ------------------------------------------------------------------

# Texts each guarded trigger matches, and texts near them: the guard must never hide a match.
GUARDED = {
    "heart attack signs": [
        "I've got really bad heartburn and I'm sweating",
        "my shoulder and arm are aching and I feel sick",
        "it feels like an elephant sitting on me",
        "I think it's my heart",
        "I feel like I'm going to die",
    ],
    "heart attack signs without pain": [
        "my dad looks ashen and says he feels awful",
        "sudden extreme tiredness and I'm breaking into a sweat",
        "I feel like something terrible is about to happen, I'm sweaty and shaky",
        "he's gone grey and he's throwing up",
        "my husband is white as a sheet and clammy",
        "I'm dizzy and sweating",
    ],
    "heart beat": [
        "my heart is pounding",
        "I'm having palpitations",
        "my heartbeat is really fast and irregular",
        "it keeps skipping beats",
    ],
    "stent blocked": ["i think my stent is blocked", "feels like my artery's closed up again"],
    "in pain": ["no I'm in pain", "my dad's in a lot of pain", "she is in agony"],
    "one side": [
        "my left side is weak",
        "I can't move my right leg",
        "my left leg went weak",
        "his arm won't move",
        "she's lost the use of her left hand",
        "half my body feels numb",
        "my grip has gone",
    ],
    "sight": ["I can't see properly", "I'm seeing double", "it's all gone blurry suddenly"],
    "balance lost": [
        "sudden loss of balance, can't walk straight, room spinning",
        "my husband is staggering around like he's drunk",
        "mum keeps veering to the left when she tries to walk",
        "he fell over and now he can't walk",
        "my legs won't hold me up right now",
        "dad's legs just gave way",
    ],
    "speech not understood": [
        "grandpa couldn't understand what we were saying for a bit, he's better now",
        "all of a sudden I couldn't understand the nurse on the phone",
        "I keep trying to say things and the wrong words come out",
        "I was talking to my son and suddenly none of his words made any sense",
    ],
    "not rousing": [
        "mum's very drowsy and confused and hard to wake up",
        "he's hard to wake and very drowsy",
        "my dad's on the floor and not answering me",
    ],
    "not responding": [
        "my mom just fell over and isn't responding",
        "I can't get any response",
        "my husband isn't reacting when I talk to him",
    ],
}


def _eval_texts() -> list[str]:
    import json
    from pathlib import Path

    data = Path(__file__).parent / "data"
    return [
        json.loads(line)["text"]
        for path in sorted(data.glob("understanding_eval*.jsonl"))
        for line in path.read_text().splitlines()
        if line
    ]


@pytest.mark.parametrize("kind", GUARDED)
def test_a_trigger_is_skipped_only_when_it_could_not_match(kind: str) -> None:
    from intents.emergency import _compiled, strip_benign
    from intents.text import normalise

    [(pattern, needs)] = [(p, n) for _, k, p, n in _compiled().triggers if k == kind]
    assert needs is not None, f"{kind} has no words it needs"
    matched = 0
    for text in [*GUARDED[kind], *_eval_texts()]:
        cleaned = strip_benign(normalise(text))
        if pattern.search(cleaned):
            matched += 1
            assert needs.search(cleaned), (kind, text)
    assert matched >= len(GUARDED[kind])  # the examples themselves match
    for text in GUARDED[kind]:
        found = detect(text)
        assert found is not None and found.kind == kind, (text, found)
