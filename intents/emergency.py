"""The emergency detector: does this utterance need an emergency instruction first, and which?

It runs on every utterance, on every channel, before anything else. Each red flag maps to the
intent whose instruction answers it: chest pain (ChestPainIntent, including the angina spray
not working and a call for an ambulance), signs of a stroke, severe breathlessness or fainting,
bleeding from the puncture site, serious bleeding elsewhere on anti-platelet medicines, and an
arm or leg that turns cold, pale, numb or very painful. The plain chest-pain signs are tried
first, so a sentence with chest pain and breathlessness hears the chest-pain instruction; the
weaker ones (the heart pounding, pain coming back, an aching jaw) come after the other red
flags, so "my wrist is bleeding and my heart is pounding" hears the bleeding instruction, not
"take your aspirin".

It is built for recall: a negation ("I don't have chest pain") or a question ("what if I get
chest pain?") still triggers it, because hearing the instruction costs a caller a few seconds
and missing a real emergency can cost a life. Only phrases where a trigger word plainly means
something else (a chest of drawers, a chest X-ray, breaststroke, a blood test) are set aside,
and only those words: the rest of the sentence is still checked. A question about the minor
bleeding the anti-platelet medicines' side effects list ("does clopidogrel cause nosebleeds?")
is quiet only when it is the whole text, word for word in one of a few shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from intents.catalog import (
    BLEEDING,
    BREATHING,
    CHEST_PAIN,
    HEART_SIGNS,
    LIMB,
    SERIOUS_BLEEDING,
    STROKE,
)
from intents.text import normalise

# The bleeding the medicines' side effects list, asked about as a side effect: "does clopidogrel
# cause nosebleeds?", "will I bleed more easily?", "my gums bleed when I brush", "I get small
# nosebleeds on my blood thinners". Only text that is one of these questions and nothing else
# is quiet: a word more ("...and it won't stop", "...since I banged my head") and it is heard
# as a red flag. A list of warning words could never be complete; these shapes can be.
_MEDICINE = (
    r"(?:(?:my |the |these |those |his |her )?(?:blood thinn(?:ers?|ing (?:tablets|pills))"
    r"|tablets|pills|medicines?|meds|anti ?platelets?)|clopidogrel|ticagrelor|prasugrel|aspirin"
    r"|brilinta|brilique|plavix|effient"
    # as a recogniser or a hand may spell them, and India's brand names
    r"|plavi(?:cks|ks|cs)|clopid[aei]grel|brillinta|ticagrel[ao]l|ecosprin|clopilet|deplatt)"
)
# An emergency number as said or written, in any locale this guide serves.
_NUMBER = (
    r"(?:9\s*1\s*1|9\s*9\s*9|1\s*1\s*2|0\s*0\s*0|1\s*0\s*8|1\s*0\s*2"
    r"|triple (?:zero|0|nine|9)|nine one one|nine eleven|nine nine nine|one one two"
    r"|one (?:oh|o|zero) (?:eight|two)|(?:oh|o|zero) (?:oh|o|zero) (?:oh|o|zero))"
)
_ON_MEDICINE = rf"(?: (?:on|with|from|since starting|because of|is (?:it|that)) {_MEDICINE})?"
# What may come before a whole-text question ("um, so will it hurt?").
_OPENING_WORDS = r"um|so|and|hi|hello|ok|okay|please"
_SIDE_EFFECT_BLEEDING = (
    rf"^(?:(?:{_OPENING_WORDS}) )*(?:"
    # does clopidogrel cause nosebleeds / can the tablets give you bleeding gums
    rf"(?:does|do|can|could|will|would|might|may) {_MEDICINE} (?:cause|give (?:you|me|people))"
    r" (?:nose ?bleeds|bleeding gums|gums to bleed)"
    # nosebleeds and blood thinners (after a stent), is that a thing (not "...on clopidogrel")
    rf"|nose ?bleeds and {_MEDICINE}(?: after (?:a |the |my )?stent)?"
    r"(?: (?:is|are) (?:that|it|this|they) (?:a thing|normal|common|a side effect))?"
    # are bleeding gums (or nosebleeds, or bruises) a side effect of clopidogrel
    r"|(?:are|is) (?:bleeding gums|nose ?bleeds|bruis\w*) a side effect of"
    rf" {_MEDICINE}"
    # will plavix make my gums bleed (when I brush)
    rf"|(?:does|do|can|could|will|would|might|may) {_MEDICINE} make (?:my |your |his |her )?gums"
    r" bleed(?: when (?:i|you|he|she) brush(?:es)?(?: (?:my|your|his|her) teeth)?)?"
    # will I bleed more easily (on ticagrelor)
    r"|(?:will|would|do|does|can|am|are|is) (?:i|you|we|people|patients|it normal to)"
    r" (?:going to |gonna )?bleed more easily"
    # my gums bleed (a little) when I brush (my teeth)
    r"|(?:is it normal (?:that|for) )?(?:my|his|her) gums (?:to )?(?:bleed|are bleeding|bleeding)"
    r"(?: a (?:little|bit))? when (?:i|he|she) (?:brush|floss)(?:es)?(?: (?:my|his|her) teeth)?"
    # I get small nosebleeds / is it normal to get the odd nosebleed
    r"|(?:i|he|she|we) (?:get|gets|have|has|ve had|s had|ve been getting|s been getting)"
    r" (?:the odd|a few|some|little|small|minor|occasional) nose ?bleeds?"
    r"|is it normal to (?:get|have) (?:the odd|a few|some|little|small|minor|occasional)"
    r" nose ?bleeds?"
    rf"){_ON_MEDICINE}(?: is (?:that|it|this) (?:normal|ok|okay|the tablets|a side effect))?$"
)

# Everyday questions that name a heart attack in the past or to prevent, angina or its medicine
# asked about, a stroke as a risk of the procedure, ticagrelor's breathlessness, dizziness and
# when to call for it, or the advice after a wrist procedure, which a topic answers: "when can I fly
# after a heart attack and a stent?", "does it lower the chance of another heart attack?", "is
# it only for people who've had a heart attack?", "will the stent stop my angina?", "are the
# tablets for angina?", "what if the spray doesn't work?", "do they cut my chest open?", "I
# can't use my hand for a week, is that right?". Quiet only as the whole text, and then only
# the words `said` are set aside: "what if I get chest pain after a heart attack?" is still
# heard by its chest pain, and "...after my heart attack, and it's back", "...I've used it
# twice" or "...it's gone dead" are no longer the question. (A list of words that set such
# phrases aside wherever they are said was tried first: a red team found 57 real emergencies
# it silenced, "since my heart attack I get this pain and it's here now" among them.)
# Each shape names what answers it: a topic ("can angioplasty cause a stroke?" is the risks'
# question, whatever its words read like), THE_QUESTION_AFTER (the question that follows the
# words set aside, understood on its own), or None (the text's words, as ever).
THE_QUESTION_AFTER = "the question after it"
_OPENING = rf"^(?:(?:{_OPENING_WORDS}|also|sorry|right) )*"
_ASKING = (
    r"(?:when|how soon|how long|how many \w+|how|can|could|may|should|shall|is it|is there|am i"
    r"|are|will|would|do|does|what|which|why)"
)
_A_HEART_ATTACK = (
    r"(?:a|an|my|his|her|their|the|your) (?:first |second |big |small |mild |recent |last )?"
    r"heart attack"
)
_THE_END = r"(?: (?:too|as well|then|please|is that right|is that true|right))?$"
# Words between the opening and the phrase: none that says it is happening ("is it happening
# again after my heart attack", "am I having another one", "is it back", "I feel...").
_FILLER = (
    r"(?:\s+(?!(?:again|another|one|now|happening|having|had|feel\w*|pain\w*|hurt\w*|ache\w*"
    r"|start\w*|coming|come|came|return\w*|still|back(?! to)"
    # nor that something is wrong ("what do I do, it's getting worse since my heart attack")
    r"|worse|worst|bad|badly|wrong|help|ill|unwell|sick|dying|die|serious|scared|grey|gray"
    r"|sweat\w*|breath\w*|dizzy|faint\w*|numb\w*|tight\w*|pressure|crush\w*|heavy)\b)\w+)"
)
# Someone who had a heart attack, and a stent for it, said before one of a few fixed questions
# about getting back to life ("I had a heart attack and a stent, how long before I can fly?",
# "my son had an emergency stent after a heart attack, how long will he be off work?"). Only
# these questions: a red team found a list of words that may not follow (a first version's)
# let through "...why can't she talk", "...should I chew an aspirin" and 249 more.
_HAD_ONE = (
    r"(?:i|he|she|we|my (?:husband|wife|partner|dad|mum|mom|father|mother|son|daughter|brother"
    r"|sister|friend))"
)
_A_STENT = r"(?:a |an |two |the )?(?:emergency )?(?:stents?|angioplasty)(?: put in| fitted)?"
_WHEN_IT_WAS = (
    r"(?: (?:last|this) (?:week|month|year)| (?:a|one|two|three|four|five|six|\d+)"
    r" (?:days?|weeks?|months?|years?) ago| (?:in|on|last) (?:january|february|march|april|may"
    r"|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday))?"
)
_ASKER = r"(?:i|he|she|we|they)"
_PLANS = (
    r"(?:fly|go on a plane|get on a plane|travel by (?:plane|air)|drive|drive again|go back to work"
    r"|return to work|work"
    r"|travel abroad|go on holiday|have sex|go swimming|swim|play golf|go to the gym"
    r"|exercise|start exercising|do exercise)"
)
_BACK_TO_LIFE = (
    rf"(?:(?:when|how soon)(?: can| could| will| may| should)? {_ASKER}(?: be allowed to"
    rf"| be able to)? {_PLANS}(?: again)?"
    rf"|how long (?:before|until|till|after that) (?:{_ASKER} |im |i m |hes |shes |he s |she s"
    r" )?(?:can |could |will be able to |be allowed to |am allowed to |allowed to |is allowed to"
    rf" )?{_PLANS}(?: again)?"
    rf"|how long do (?:i|we) (?:have|need) to wait (?:to|before i can|before we can) {_PLANS}"
    rf"|how long (?:will|would|should) {_ASKER} (?:be|need to be|need to take|have) off work"
    r"|how long off work"
    # not "can we drive" ("...him to hospital?")
    rf"|(?:can|could|may) (?:i|he|she) (?:still )?{_PLANS}(?: again| yet)?"
    rf"|is it (?:safe|ok|okay) (?:for (?:me|him|her|us) )?to {_PLANS}(?: again| yet)?)"
)
# What the procedure is called when its risks are asked about (not "it" or "this", which may
# be something else: "could this give me a stroke?").
_THE_PROCEDURE = (
    r"(?:angioplasty|an angioplasty|the angioplasty|the procedure|the operation|the op|a stent"
    r"|the stent|stents|stenting|having a stent(?: put in)?|getting a stent)"
)
# Ticagrelor, which can make you breathless (the side effects' topic), by its names.
_TICAGRELOR = r"(?:ticagrelor|ticagrel[ao]l|brilinta|brillinta|brilique)"
_ASKED_ABOUT: tuple[tuple[str, str, str | None], ...] = (
    # when can I drive after my heart attack (and my stent)
    (
        "heart attack",
        rf"{_OPENING}{_ASKING}\b{_FILLER}{{0,10}}? (?P<said>(?:after|since|following)"
        rf" {_A_HEART_ATTACK}(?: and (?:a |an |the |my |his |her )?(?:stents?|angioplasty))?)"
        + _THE_END,
        None,
    ),
    # does it lower the chance of another heart attack / can I prevent a future heart attack
    # (not "stop": "how do I stop a heart attack" may be one happening)
    (
        "heart attack",
        rf"{_OPENING}{_ASKING}\b{_FILLER}{{0,6}}? (?P<said>(?:lower|reduce|prevent|avoid)\w*"
        r"(?: the)?(?: (?:risk|risks|chance|chances|odds) of)?(?: having)?(?: a| another"
        r"| future| a future| a second| more| further) heart attacks?)" + _THE_END,
        None,
    ),
    # what's my risk of a second heart attack
    (
        "heart attack",
        rf"{_OPENING}(?:what s|whats|what is|what are) (?:my|the|his|her|your) (?:risk|risks|chance"
        r"|chances|odds) (?P<said>of (?:having )?(?:a |another |a second |a repeat )?heart"
        r" attacks?)" + _THE_END,
        None,
    ),
    # I had a heart attack and a stent, how long before I can fly
    (
        "heart attack",
        rf"{_OPENING}{_HAD_ONE} (?P<said>had (?:a heart attack{_WHEN_IT_WAS} and (?:then )?"
        rf"(?:got |had )?{_A_STENT}"
        rf"|{_A_STENT} (?:after|following|for) {_A_HEART_ATTACK})){_WHEN_IT_WAS} "
        rf"{_BACK_TO_LIFE}" + _THE_END,
        THE_QUESTION_AFTER,
    ),
    # after a heart attack and a stent, when can I travel by plane
    (
        "heart attack",
        rf"{_OPENING}(?P<said>(?:after|since|following) {_A_HEART_ATTACK}(?: and (?:a |an |the"
        rf" |my )?(?:stents?|angioplasty))?){_WHEN_IT_WAS} {_BACK_TO_LIFE}" + _THE_END,
        THE_QUESTION_AFTER,
    ),
    # does everyone who has a heart attack get a stent
    (
        "heart attack",
        rf"{_OPENING}(?:does|do|will) (?:everyone|everybody|every person|all people|people"
        r"|patients) (?:who (?:has|have|has had|ve had|had)|with) (?P<said>(?:a )?heart"
        r" attacks?) (?:get|need|have) (?:a stent|stents|angioplasty|an angioplasty)" + _THE_END,
        "WhoNeedsItIntent",
    ),
    # when should (cardiac) rehab start after a heart attack
    (
        "heart attack",
        rf"{_OPENING}(?:when|how soon) (?:should|does|do|can|will|would) (?:cardiac |heart )?"
        r"rehab\w* (?:start|begin|happen)\w* (?P<said>after (?:a|an|my|his|her|the) heart attack"
        r"(?: and (?:a |the )?stents?)?)" + _THE_END,
        "CardiacRehabIntent",
    ),
    # will I be less breathless once the stent is in
    (
        "breath",
        rf"{_OPENING}(?:will|would) (?:i|he|she|we) be (?:a lot |much )?less"
        r" (?P<said>breathless|short of breath|out of breath)"
        r"(?: on (?:my|his|her|our) walks| (?:going|walking) up (?:the )?(?:stairs|hills?)"
        r"| when (?:i|he|she) walks?| walking)?"
        r" (?:after|once|when) (?:the |a |my |his |her )?(?:stent|angioplasty|procedure)"
        r"(?: is in| goes in| is done| is fitted| is put in)?" + _THE_END,
        "BenefitsIntent",
    ),
    # do they do angioplasty on people who've had a heart attack
    (
        "heart attack",
        rf"{_OPENING}(?:do|will|would|can|could|should) (?:they|doctors|you) (?:do|use|offer"
        rf"|give|fit|put in) {_THE_PROCEDURE} (?:on|for|to|in) (?:people|patients|those|someone"
        r"|anyone|everyone) (?P<said>(?:who ?ve had|who have had|who has had|whos had|who had)"
        r" (?:a )?heart attacks?)" + _THE_END,
        "WhoNeedsItIntent",
    ),
    # what's the chance of a stroke during angioplasty / can the procedure cause a stroke
    (
        "stroke",
        rf"{_OPENING}(?:what s|whats|what is|what are|is there|how (?:big|high|likely|common)"
        r" is) (?:the |a |my |his |her |any )?(?:risk|risks|chance|chances|odds)(?: of| that)?"
        r" (?:having |getting |i ll have |i ll get |he ll have |she ll have )?(?P<said>a stroke)"
        rf" (?:during|from|with|after|because of|in) {_THE_PROCEDURE}" + _THE_END,
        "RisksIntent",
    ),
    (
        "stroke",
        rf"{_OPENING}(?:can|could|might|will|would) (?:you|people|patients|i|he|she)"
        r" (?:have|get) (?P<said>a stroke) (?:from|during|because of|with)"
        rf" {_THE_PROCEDURE}" + _THE_END,
        "RisksIntent",
    ),
    (
        "stroke",
        rf"{_OPENING}(?:can|could|does|do|might|will|would) {_THE_PROCEDURE} (?:cause|give"
        r" (?:you|me|people|him|her)|lead to) (?P<said>a stroke)" + _THE_END,
        "RisksIntent",
    ),
    # does ticagrelor make you breathless / if brilinta makes me breathless can I stop it
    (
        "breath",
        rf"{_OPENING}(?:does|do|can|could|will|would|might|may|if|what if) {_TICAGRELOR}"
        r" (?P<said>makes? (?:me|you|people|him|her) (?:feel )?(?:a (?:bit|little) )?"
        r"(?:breathless|short of breath|out of breath))"
        r"(?: (?:can|should|do|must|could) i (?:just )?stop (?:taking )?(?:it|them))?" + _THE_END,
        "MedicationSideEffectsIntent",
    ),
    # will the stent help (with) my breathlessness
    (
        "breath",
        rf"{_OPENING}(?:will|would|does|do|can|could) {_THE_PROCEDURE}"
        r" (?:help(?: with)?|ease|stop|cure|fix|improve|get rid of)"
        r" (?P<said>(?:my |his |her |the )?(?:breathlessness|shortness of breath"
        r"|being (?:out|short) of breath))" + _THE_END,
        "BenefitsIntent",
    ),
    # is it (cardiac rehab) only for people who've had a heart attack
    (
        "heart attack",
        rf"{_OPENING}(?:is|are) (?:\w+ ){{1,3}}?(?:only |just )?for"
        r" (?:people|patients|those|someone|anyone) (?P<said>(?:who ?ve|who have|who has|whos"
        r"|with) (?:had )?(?:a )?heart attacks?)" + _THE_END,
        None,
    ),
    # will the stent stop my angina (not "will this stop my angina pain": the spray in hand)
    (
        "angina",
        rf"{_OPENING}(?:will|would|does|do|can|could) (?:the stent|a stent|stents|the"
        r" angioplasty|angioplasty|an angioplasty|the procedure) (?:\w+ )?(?:stop|cure|fix|treat"
        r"|help|ease|relieve|get rid of) (?P<said>(?:my |his |her |the )?angina)"
        r"(?: (?:for good|completely|altogether|when i walk(?: uphill)?))?" + _THE_END,
        None,
    ),
    # are the sorbitrate tablets for angina (attacks)
    (
        "angina",
        rf"{_OPENING}(?:is|are|what are) (?:the |my |these |this |those )?(?:\w+ )?(?:tablets?"
        r"|sprays?|pills?|medicines?) (?P<said>(?:used )?for angina(?: attacks?)?)" + _THE_END,
        None,
    ),
    # what if the spray doesn't work (the first time)
    (
        "spray",
        rf"{_OPENING}(?:what if|what happens if|what do i do if|what should i do if)"
        r" (?:the|my) (?:gtn |nitro\w* |angina )?(?P<said>spray (?:doesn ?t|does not) (?:work"
        r"|help))(?: the first time| first time| straight away)?" + _THE_END,
        None,
    ),
    # do they cut my chest open (for this)
    (
        "chest",
        rf"{_OPENING}(?:do|will|would|did) (?:they|you|the doctors?|the surgeons?) (?:have to"
        r" |need to )?(?:cut|open)(?: up)? (?P<said>(?:my|his|her|your|the) chest)(?: open| up)?"
        r"(?: for (?:this|it|the stent|a stent|the angioplasty|angioplasty|the procedure))?"
        r"(?: or (?:is it|can it be|do they do it) (?:done )?(?:some other way|another way))?"
        + _THE_END,
        None,
    ),
    # when should I worry about bleeding on blood thinners (a medicine named; not "the bleeding",
    # which may be going on now)
    (
        "bleed",
        rf"{_OPENING}(?:when|how do i know when) (?:should|do|would|must) (?:i|you|we) (?:worry"
        r"|be worried|call (?:someone|the doctor|a doctor)) about (?P<said>bleeding) (?:on|with"
        rf"|from) {_MEDICINE}" + _THE_END,
        "MedicationSideEffectsIntent",
    ),
    # do they numb you for angioplasty (a local anaesthetic)
    (
        "numb",
        rf"{_OPENING}(?:do|will|would|can) (?:they|you|the doctors?) (?P<said>numb) (?:you|me"
        r"|him|her|the (?:area|skin|spot)|my (?:wrist|groin|arm))(?: first)?(?: for (?:the |an )?"
        r"(?:angioplasty|procedure|stent|op|operation|it))?" + _THE_END,
        "ProcedureDurationIntent",
    ),
    # do they only do stents in an emergency
    (
        "emergenc",
        rf"{_OPENING}(?:do|will|would|can) (?:they|doctors|you) only (?:do|put in|fit|use)"
        rf" {_THE_PROCEDURE} (?P<said>in (?:an )?emergenc(?:y|ies))" + _THE_END,
        "WhoNeedsItIntent",
    ),
    # when is dizziness an emergency / when should we call an ambulance for dizziness
    (
        "dizz",
        rf"{_OPENING}(?:when|how do i know when) is (?:dizziness|feeling dizzy|being dizzy"
        r"|light ?headedness|feeling light ?headed)(?: after (?:a |the |my |his |her )?(?:stent"
        r"|angioplasty|procedure))? (?P<said>an emergency|serious enough to call"
        rf" (?:{_NUMBER}|an ambulance|for help)|serious)(?: after (?:a |the |my |his |her )?"
        r"(?:stent|angioplasty|procedure))?" + _THE_END,
        "DizzinessIntent",
    ),
    (
        "dizz",
        rf"{_OPENING}when (?:should|do|must) (?:i|we|you) (?P<said>call (?:{_NUMBER}|an"
        r" ambulance|for help|the doctor|a doctor)) (?:for|about) (?:dizziness|feeling dizzy"
        r"|being dizzy|light ?headedness|feeling light ?headed)(?: after (?:a |the |my |his |her )?"
        r"(?:stent|angioplasty|procedure))?" + _THE_END,
        "DizzinessIntent",
    ),
    # I can't use my hand for a week (is that right)
    (
        "use",
        rf"{_OPENING}(?P<said>i (?:can ?t|cannot|can not|m not allowed to|shouldn ?t|should not)"
        r" use my (?:left |right )?(?:hand|arm|wrist)) (?:for (?:a |one |two |three |\d+ "
        r"|a few |a couple of )(?:weeks?|days?)|for (?:\d+|a few|a couple of) hours"
        r"|until the band is off)" + _THE_END,
        None,
    ),
)

# A question about whether the procedure hurts ("will it hurt?", "is angioplasty painful?"),
# which a topic answers. Quiet only as the whole text, like the bleeding above: "it hurts" and
# "will it hurt if my arm is numb" are not this question.
_PROCEDURE = (
    r"(?:it|angioplasty|an angioplasty|the angioplasty|the procedure|the op|the operation"
    r"|getting a stent|having a stent(?: put in)?|the stent going in)"
)
_STENT_IN = r"when they put (?:the|a) stent in"
_HOW_MUCH = r"(?: much| very much| too much| a lot| at all| badly| bad)?"
_WHO = r"(?:i|you|he|she|we|my (?:husband|wife|partner|dad|mum|mom|father|mother|son|daughter))"
# The one having the procedure, not "you" or "we" ("do you have something for the pain?").
_PATIENT = r"(?:i|he|she|my (?:husband|wife|partner|dad|mum|mom|father|mother|son|daughter))"
_PROCEDURE_PAIN = (
    rf"^(?:(?:{_OPENING_WORDS}) )*(?:"
    # will it hurt (much) / does angioplasty really hurt / is it going to hurt (when they ...)
    rf"(?:(?:will|would|does|do) {_PROCEDURE}|is {_PROCEDURE} (?:going to|gonna))"
    rf" (?:really )?hurt{_HOW_MUCH}(?: {_STENT_IN})?"
    # is angioplasty (very) painful / will it be painful / is it going to be painful
    rf"|(?:is|will|would) {_PROCEDURE} (?:going to |gonna )?(?:be )?(?:very |really )?painful"
    rf"(?: at all| or not)?(?: {_STENT_IN})?"
    # angioplasty is painful or not (Indian English's question)
    rf"|{_PROCEDURE} is painful or not"
    # I'm scared it's going to hurt / I'm worried angioplasty will be painful
    r"|(?:i m|im|i am) (?:a (?:bit|little) )?(?:scared|worried|afraid|frightened|nervous|anxious)"
    rf"(?: that)? {_PROCEDURE}(?:s| s| is)? (?:going to|gonna|will) (?:hurt|be painful)"
    # how painful is it / how much does the procedure hurt
    rf"|how painful is {_PROCEDURE}|how much (?:will|does) {_PROCEDURE} hurt"
    # will I (or my husband) feel any pain during the procedure / when they put the stent in
    rf"|(?:will|would) {_WHO} feel (?:any |much )?pain(?: during {_PROCEDURE}| {_STENT_IN})?"
    # do I get pain relief / will they give me painkillers (during the procedure); not "do you
    # have something for the pain", which asks for it now
    rf"|(?:(?:do|will|would) {_PATIENT} (?:get|be given)|will {_PATIENT} have"
    r"|(?:do|will|would) they give (?:you|me|him|her|them)) (?:any |some )?(?:pain relief"
    rf"|pain ?killers?)(?: during {_PROCEDURE}| {_STENT_IN})?"
    rf"|(?:(?:do|will|would) {_PATIENT} (?:get|be given)|will {_PATIENT} have"
    r"|(?:do|will|would) they give (?:you|me|him|her|them)) (?:any |some )?something for"
    rf" (?:the )?pain (?:during {_PROCEDURE}|{_STENT_IN})"
    rf"|(?:will {_PATIENT} (?:get|be given|have)|will they give (?:you|me|him|her|them))"
    r" (?:any |some )?something for (?:the )?pain"
    # can you tell me if it hurts / I want to know if angioplasty will hurt
    r"|(?:can you tell me|tell me|i want to know|i wanna know|i would like to know|do you know)"
    rf" (?:if|whether) {_PROCEDURE} (?:hurts|will hurt|is painful|will be painful)"
    r")$"
)

# Asking whether there is pain after the procedure ("will I have pain afterwards?", "will it
# hurt after the procedure?"), and nothing else: the wound's topic answers it (a sore bruise for
# a few days is normal). Whole text only, and never chest pain: "what if I have pain tonight"
# and "will I have chest pain afterwards" still hear the instruction, which says what to do.
_THE_PROCEDURE = (
    r"(?:angioplasty|an angioplasty|the angioplasty|the procedure|the op|the operation"
    r"|having a stent|getting a stent)"
)
_AFTER_IT = rf"(?:afterwards?|after|after (?:it|{_THE_PROCEDURE}|the stent|a stent))"
# Future only: "does it hurt after" and "is there pain after my stent" may be said with the
# pain there now, and still hear the instruction.
_PAIN_AFTERWARDS = (
    rf"^(?:(?:{_OPENING_WORDS}) )*(?:"
    # will I have (any) pain afterwards / will my husband be in pain after the procedure
    rf"(?:will|would) {_PATIENT} (?:have|get|feel|be in) (?:any |much |a lot of |some )?"
    rf"(?:pain|discomfort) {_AFTER_IT}"
    # will it hurt afterwards / will it be sore or painful after the stent
    rf"|(?:will|would) {_PROCEDURE} (?:hurt|be sore|be painful){_HOW_MUCH} {_AFTER_IT}"
    # will there be any pain afterwards
    rf"|will there be (?:any |much |a lot of )?(?:pain|discomfort) {_AFTER_IT}"
    # how much pain will I have afterwards
    rf"|how much (?:pain|discomfort) (?:will|would) {_PATIENT} (?:have|get|feel|be in) {_AFTER_IT}"
    r")$"
)

# Saying the symptom has gone or eased, and nothing else ("the pain has gone", "I'm fine now",
# "the spray worked"): no red flag in itself, and after the chest-pain instruction the news it
# was waiting for. Whole text only, like the questions above: "the pain has gone to my arm" and
# "it has eased but I'm sweating" are not this. Each text has one way to match (thanks closes a
# clause, "a lot better" is one phrase), so a long repeated text fails fast.
_EASED_CLAUSE = (
    r"(?:(?:ok|okay|yes|yeah|well|so|and|right|good|great|i think)\s+)*(?:"
    r"(?:the |my |his |her )?(?:chest )?(?:pain|ache|it|tightness|pressure|discomfort|bleeding"
    r"|swelling)"
    r"(?: in (?:my|his|her|the) \w+)?(?:s| s| has| is| has now| s now| is now| seems to have)?"
    r" (?:gone(?: away| down| off)?"
    r"|eased(?: off)?|easing(?: off)?|stopped|settled(?: down)?|passed|over|better|much better"
    r"|a lot better|a bit better|going away|going down)"
    r"|(?:i m|im|i am|i feel|feeling|he s|hes|she s|shes|he is|she is|he feels"
    r"|she feels|we re|were) (?:fine|ok|okay|alright|all right|better|much better|a lot better"
    r"|a bit better)"
    r"|(?:the )?(?:spray|gtn|tablet|medicine|nitro\w*) (?:has )?(?:worked|helped)"
    r"|it (?:has )?worked"
    r"|(?:it was a |just a )?false alarm"
    r")(?: now| thanks| thank you| thank god| thankfully| again)*"
)
# Only a short text can be this; a longer one is not tried at all.
_MAX_EASED_WORDS = 30
# ...one or more such ("the spray worked and the pain's gone"), and nothing else
_EASED = rf"^(?:(?:ok|okay|yes|yeah|oh|thanks|thank you)\s+)*{_EASED_CLAUSE}(?: {_EASED_CLAUSE})*$"

# "He's breathing again", "she's come round", "it's stopped bleeding": the whole text says
# someone came through what the instruction was for. Not the chest pain's easing (_EASED): the
# instruction still stands, so it hears a short line that says so (Router._came_round), not the
# instruction again (the words read like the red flag's own) nor "glad it eased".
_WHO_CAME_ROUND = r"(?:(?:he|she|they|i)(?: s| is| are| re| m| am)?|hes|shes|theyre|im|my \w+)"
_CAME_ROUND = (
    r"^(?:(?:ok|okay|yes|yeah|oh|well|right|good|i think|thank god|thankfully)\s+)*(?:"
    rf"{_WHO_CAME_ROUND} (?:breathing|awake|conscious|talking|speaking|responding|moving"
    r"|sitting up)(?: (?:again|now|normally|properly|fine|ok|okay|better))*"
    rf"|{_WHO_CAME_ROUND}(?: has| have| ve)? (?:come|came) (?:round|around|to)(?: now| again)*"
    rf"|{_WHO_CAME_ROUND}(?: has| have| ve)? (?:woken|woke)(?: up)?(?: now| again)*"
    r"|(?:it|its|the \w+|my \w+)(?: has| s| is)? (?:stopped bleeding|not bleeding)(?: now| any more"
    r"| anymore)*"
    # "he seems fine now", "his speech is back to normal"
    rf"|{_WHO_CAME_ROUND} (?:seems?|looks?) (?:fine|ok|okay|alright|all right|better|normal)"
    r"(?: now| again)*"
    r"|(?:his|her|my|their) (?:speech|face|arm|breathing|colou?r|words?)(?: is| s| are| has)?"
    r" (?:back to normal|normal again|better|fine|back)(?: now| again)*"
    r")(?: now| thanks| thank you| thank god| thankfully)*$"
)

# "It's back", "it won't stop", "it's getting worse", "still going": the whole text says what was
# just heard about goes on, comes back or grows, with no word of what "it" is. Right after an
# instruction it is that emergency; right after the news that chest pain eased, the pain is
# back. Each alternative starts with its own word, so a long text fails fast. "Still there" or
# "returned" needs an "it" ("still here" answers "are you still there?").
_IT = (
    r"(?:it|its|it s|it is|it has|it was|this|this is|this has|that|thats|that s|that is"
    r"|the (?:pain|tightness|pressure|ache|discomfort)(?:s| s| is| has)?)"
)
_AGAIN = r"(?:again|back|back again|back on|on again)"
_GOES_ON_CLAUSE = (
    r"(?:"
    rf"{_IT} (?:(?:just|really|slowly) )?(?:(?:come|came|coming|comes|creeping|crept) )?back"
    r"(?: on)?(?: again)?"
    rf"|{_IT} (?:still (?:there|here)|returned|returning|hasnt|has not|isnt|is not|didnt|did not"
    r"|only (?:a bit |a little |slightly )?(?:better|eased)(?: a little| a bit| a little bit)?"
    r"|(?:(?:a bit |a little |slightly )?(?:better|eased)(?: a bit| a little)? but"
    r" (?:still (?:there|here|hurting|bad|going)|not gone))"
    r"|(?:really |so |very )?bad)"
    rf"|(?:{_IT} )?(?:just )?(?:(?:come|came|coming|comes|creeping) back(?: on)?(?: again)?"
    r"|back again"
    r"|(?:started|starting|starts|begun|beginning|begins|kicking off|kicked off|coming on"
    r"|come on|came on|comes on)(?: up)? again"
    r"|(?:happening|happened|doing it) again"
    r"|(?:wont|will not|doesnt|does not|isnt|is not|not|hasnt|has not|didnt|did not|never)"
    r"(?: really| fully| completely| quite)?"
    r" (?:stop|stopping|stopped|ease|easing|eased|go|gone|went|go away|going away|gone away"
    r"|went away|settle|settling|settled|get better|getting better|got better|let up"
    r"|letting up)"
    r"|still (?:going|going on|happening|bleeding|hurting|coming|pouring|the same|bad)"
    r"|(?:(?:getting|got|gotten|growing) )?(?:much |even |a lot )?worse"
    r"|(?:keeps|kept) (?:coming back|happening|going|bleeding|hurting|getting worse))"
    rf"|i (?:can )?feel it {_AGAIN}|(?:there|here) it is again|here it comes(?: again)?"
    r"|(?:ive|i have|ive got|i have got|i got|im getting|i am getting|im having|i am having)"
    r" it again"
    r"|ouch|ow+|argh+|aa+rgh+"
    r")"
)
_GOES_ON = (
    r"^(?:(?:oh no|oh|god|help|please|um|er|but|and|now|well|sorry|ok|okay|actually)\s+)*"
    # "no, it's back": a "no" only before what says so, not "no worse"
    r"(?:(?:no|nope|nah|yes|yeah|wait|actually no|i spoke too soon)"
    r" (?=i |it|this|that|the |there|here))?"
    rf"{_GOES_ON_CLAUSE}(?: (?:and |but )?{_GOES_ON_CLAUSE})?"
    r"(?: (?:again|now|just now|still|too|already|only|worse|even worse|than before|a bit"
    r"|a little|completely|fully|help|please|help me|what do i do|what should i do))*$"
)
_MAX_GOES_ON_WORDS = 16

# "Help me", "I need help", "get me a doctor", "what should I do?", "I don't know what to do",
# "what's happening?": the whole text pleads for help now. Right after an instruction it is
# about the emergency; anywhere else it asks what to do, which help answers. Not a request for
# the guide's help ("help", "what can you tell me", "can you help me with driving").
_HELP_NOW = r"(?: now| please| quick| quickly| here)*"
_PLEA_CLAUSE = (
    r"(?:"
    r"(?:(?:please|can|could|will|would) (?:you |someone |somebody |anyone |anybody )?)?help"
    r" (?:me|us|him|her|them)"
    r"|(?:someone|somebody|anyone|anybody) help(?: (?:me|us|him|her|them))?"
    r"|please help|help please|(?:i|we) (?:need|want) (?:some )?help"
    r"|(?:i|we) need (?:a |an )?(?:doctor|nurse|ambulance|paramedics?)"
    r"|(?:get|call|fetch|find) (?:me |us |him |her )?(?:a |an |the )?(?:doctor|nurse|ambulance"
    r"|paramedics?|someone|somebody)"
    r"|what (?:do|should|can|shall|must) (?:i|we) do(?: now| next| then)?|what now|now what"
    r"|(?:i|we) (?:dont|do not) know what to do"
    r"|(?:whats|what is) (?:happening|going on|wrong)(?: (?:to|with) (?:me|him|her|us))?"
    r"|what (?:am i|are we|is he|is she) (?:supposed|meant) to do(?: for (?:him|her|them))?"
    r"|(?:just )?tell (?:me|us) what to do"
    r"|what (?:can|should|do) (?:i|we) do while (?:i|we) wait"
    r"|(?:send|get) help"
    r"|(?:how (?:do|can) (?:i|we) )?(?:make it stop|stop it|stop the pain|stop this)"
    r")"
)
_PLEA = (
    r"^(?:(?:oh|god|oh god|please|um|er|so|ok|okay|well|now|and|someone|somebody)\s+)*"
    rf"{_PLEA_CLAUSE}(?: {_PLEA_CLAUSE})?{_HELP_NOW}$"  # "what do I do, what do I do"
)
_MAX_PLEA_WORDS = 14

# "foot's" loses its apostrophe in normalising, so "foots" and "calfs" are limbs too.
_LIMB = (
    r"(?:(?:fore)?arms?|legs?|hands?|foot|foots|feet|fingers?|toes?|wrists?|calf|calfs|calves"
    r"|thighs?)"
)
# Phrases in which a trigger-like word means something else. They are blanked out before the
# triggers are looked for, so "my chest x ray is tomorrow and my chest hurts" still fires.
_BENIGN = (
    r"\b(?:"
    r"chests? of drawers|(?:treasure|tool|toy|ice|storage|blanket|medicine) chests?"
    r"|chest (?:x ?rays?|xrays?|scans?|mri|ct|freezers?|press(?:es)?|hair|size|measurements?"
    r"|exercises?|infections?|colds?|workouts?)"
    r"|chesty(?: coughs?)?|off (?:my|your|his|her|our|their) chests?"
    r"|train\w* (?:my |the )?chest (?:again|at the gym)"
    r"|emergency (?:angioplast(?:y|ies)|procedures?|operations?|surgery|treatments?|stents?"
    r"|admissions?)"
    r"|heart rates?(?: monitors?| readings?)?|heart (?:monitors?|tablets?|pills?|medicines?"
    r"|medication|meds|healthy|health)|heavy ?hearted"
    # a question about what might harm the heart ("can sex hurt my heart?")
    r"|(?:can|could|will|would|does|do|might|may|is|are) (?:\w+ ){0,3}?(?:hurt|harm|damage|strain"
    r"|bad for|good for) (?:my|your|his|her|the) hearts?"
    r"|dying (?:for a|for some|to get|to go|to see|to try|to know)|emergency contacts?"
    r"|(?:is|was|as|am|an|s|\w+s) an? (?:paramedic|ambulance \w+)"
    r"|(?:ambulance|paramedic)s? (?:drivers?|jobs?|station)"
    r"|stroke (?:play|index|count|saver|rate|training|technique|of \w+)"
    r"|(?:brush|golf|swimming|swim|breast|back|sun|freestyle|butterfly|rowing|crawl|paddle|best"
    r"|tennis) ?strokes?|nice stroke|paraly\w* (?:with|by) (?:fear|worry|fright|nerves)"
    r"|(?:can ?t|cannot|couldn ?t|could not|unable to) (?:speak|talk) to (?:my|the|a|your|our)"
    r" (?:gp|doctor|nurse|consultant|surgeon|cardiologist|pharmacist|team|care team|specialist)"
    r"|(?:leaflet|instructions?|letter|app|website|form)s? (?:\w+ )?(?:is |are )?not"
    r" making (?:any )?sense"
    r"|gasping for (?:a |some )?(?:cup\w*|tea|coffee|drink|cigarette|smoke|pint|fag)"
    r"|(?:a|the|some|very) faint (?:bruis\w*|marks?|lines?|red|scars?|smell|pink|trace)"
    r"|passing out (?:parade|ceremony)|stents? (?:ever )?collaps\w*"
    r"|(?:tent|gazebo|ceiling|roof|chair|table|shelf|pram|buggy|umbrella)s? (?:\w+ )?collaps\w*"
    r"|collaps\w* (?:the|a|my|our) (?:gazebo|tent|chair|table|pram|buggy|umbrella)"
    r"|collaps\w* with laughter|(?:fainting )?fits? of (?:the )?giggles|cold shoulder"
    r"|hold(?:ing)? (?:my|your|his|her|their) breath"
    r"|bleeding (?:points|money|cash|goals|fans)"
    r"|(?:the )?(?:app|website|skill|system|computer|screen|machine|alexa)s? (?:is |are )?not"
    r" responding"
    r"|cold feet (?:about|over)|cold (?:compress\w*|packs?|water|drinks?|weather)"
    # a cold, the illness ("I have a cold"), not a cold sweat or a cold, pale leg
    r"|(?:have|has|had|got|caught|with|getting) (?:a|the) (?:bad |heavy |head |chest |nasty"
    r" |stinking |slight |little |bit of a )?colds?\b(?! (?:and |but )?(?:sweat\w*|swet\w*|clamm?y"
    r"|pale|white|blue|grey|gray|numb\w*|icy|mottled|feeling|sensation|limbs?|skin)\b)"
    # ...nor a cold limb ("a cold left foot", "a cold swollen leg", "a cold in my leg")
    rf"(?! (?:(?:in|on) (?:my|his|her|their|the|both) )?"
    rf"(?:(?:left|right|lower|upper|swollen|numb|pale|white|blue|purple|whole) ){{0,2}}"
    rf"{_LIMB}\b)"
    r"|(?:make|makes|making|cause|causes) (?:your|you|people s|peoples) (?:hands?|feet|fingers?"
    r"|toes?) (?:go |feel |turn )?cold"
    r"|bruis\w*(?: (?:on|at|in) (?:my|his|her|the) (?:wrist|groin|arm|leg|hand))?"
    r" (?:is |has |s )?(?:gone |turned |going )?(?:purple|blue|black|yellow|green)"
    r"|pouring (?:with )?rain|nose (?:won ?t stop|keeps) running|runny nose"
    r"|nose (?:is |s |keeps |has been )?(?:pouring|streaming|running) (?:with|from|because of)"
    r" (?:a |my |the )?(?:cold|flu|snot|hay ?fever|catarrh)"
    r"|(?:no|not|not any) bigger|hasn ?t grown|has not grown|(?:getting|got|gone|going) smaller"
    # pain medicine
    r"|pain ?killers?|pain relief"
    # what the spray does that is no warning sign
    r"|hold (?:the|my|your) (?:gtn|spray|nitro\w*)|hold off|burns? under (?:my|the|your) tongue"
    r"|strok\w* (?:the|my|his|her|a) (?:cat|dog|pet)"
    r"|heat ?stroke|fainting goats?"
    r"|blood (?:tests?|pressure|thinners?|thinning|sugars?|flow|vessels?|results?|counts?|clots?)"
    # A general question about a side effect ("does ticagrelor make you breathless?"); said of
    # oneself ("it makes me breathless") it still counts.
    r"|(?:make|makes|making|cause|causes|causing) (?:you|people|patients) (?:feel )?"
    r"(?:a (?:bit|little) )?(?:more )?(?:breathless|short of breath|out of breath)"
    # ...and the same for the signs that count only beside others ("can aspirin give you
    # indigestion?", "does clopidogrel cause palpitations?")
    r"|(?:make|makes|making|made|cause|causes|causing|caused|give|gives|giving|gave)"
    r" (?:you |me |people |patients )?(?:feel )?(?:a (?:bit|little) )?(?:sick|nause\w*"
    r"|indigestion|heartburn|palpitations|dizz\w*|light ?headed\w*|sweat\w*)"
    r"|palpitations (?:are |is )?(?:a |an )?(?:common |normal )?side effects?"
    r"|(?:any|no|stop|stops|prevent|prevents|for) palpitations"
    r"|black and blue|(?:a bit|a little|slightly) out of (?:breath|puff)|bleeding me dry"
    r"|(?:purple|blue|black|yellow|green)(?: and \w+)? bruis\w*"
    r"|(?:isn ?t|is not|not|hasn ?t|has not) (?:been )?(?:getting|got|grown|gotten) (?:any )?"
    r"(?:bigger|larger)"
    r")\b"
)

_PAIN = (
    r"(?:pains?|painful|pane|hurts?|hurting|hurted|ache|aches|aching|achy|sore|soreness"
    r"|tight|tighter|tightness|tightening|pressure|heavy|heaviness|weight|squeez\w*|crush\w*"
    r"|burn\w*|discomfort|stabb\w*|sharp|pound\w*|killing (?:me|him|her))"
)
_SYMPTOM = (
    rf"(?:{_PAIN}|clutch\w*|grab\w*|grip\w*|hold\w*|clench\w*|funny|strange|weird|numb\w*|tingl\w*)"
)
_GAP = r"(?:\s+\w+){0,5}?\s+"  # up to five words in between
_NITRATE = r"(?:sorbitrate|gtn|g t n|nitrates?|nitro\w*|glyceryl|isosorbide|spray)"
_ANGINA_MEDICINE = r"(?:sprays?|tablets?|pills?|medicines?|medications?|meds|pumps?|puffers?)"
# The medicine for an angina attack, also by its everyday names ("my angina tablets", the UK's
# "pump", Australia's "puffer").
_RESCUE = (
    rf"(?:{_NITRATE}|an[gj]ina\w* {_ANGINA_MEDICINE}|(?:my|the|his|her|their|your) "
    r"(?:pumps?|puffers?))"
)
# Pain as the rescue medicine fails to ease it ("took my spray and it still hurts").
_NITRATE_PAIN = (
    r"(?:pains?|painful|hurt\w*|ache|aches|aching|tight\w*|discomfort|crush\w*|squeez\w*"
    r"|pressure|heavy|heaviness|burn\w*|sore|still there)"
)
_NOT_HELPING = (
    r"(?:(?:isn ?t|is not|aren ?t|are not|wasn ?t|was not|not|didn ?t|did not|doesn ?t|does not"
    r"|hasn ?t|has not|haven ?t|have not|won ?t|will not|never|no longer)"
    r"(?:\s+\w+){0,2}?\s+(?:work\w*|help\w*|eas\w*|do(?:ing)? anything|done anything"
    r"|made? (?:a|any) difference|touch\w*)"
    r"|(?:no|not any|without any) (?:effect|difference|help|good|use)"
    r"|(?:did|does|do|is doing|has done|doing) (?:nothing|no good)|(?:no|not|not any) better)"
)
_AGAIN = (
    r"(?:twice|two times|2 times|three times|3 times|again|more than once|a second time"
    r"|a third time)"
)
_SITE = (
    r"(?:wound|wrist|groin|site|puncture|dressing|plaster|bandage|wristband|band|incision"
    r"|catheter|entry|where (?:they|the|he|she|it)\w*|tube went in|went in|hole)"
)
# Where the tube went in, for a swelling: the arm too (the tube can go in there), but not an
# arm of a chair, and not "when I went in" (the site's words for bleeding are broader).
_SWOLLEN_SITE = (
    r"(?:wrist|groin|groyne|puncture|wound|site|thigh|forearm|(?:my|his|her|their|the|your)"
    r" arm(?! of| in arm)|where (?:the tube|they|the wire|the catheter|the needle) went in"
    r"|where (?:they|he|she) did (?:it|the procedure|the angio\w*)"
    r"|where (?:they|the doctors?|the nurses?) put (?:the|a|in the) (?:tube|wire|catheter|needle"
    r"|line|drip)|where the (?:band|wristband|tube|wire|catheter|dressing) (?:was|went))s?"
)
# Swelling, unless it is said not to be there or to be going ("there isn't any swelling", "the
# swelling has gone down"). Only this trigger is held back: a bleeding beside it still fires.
_SWELLING = (
    r"(?=[sp])(?<!not )(?<!no )(?<!isnt )(?<!any )(?<!longer )(?<!less )"
    r"(?:swollen|swelling|swelled|puffy|puffed)\b"
    r"(?!(?: \w+){0,6}? (?:(?:gone|going|come|coming|go|went) down(?! (?:my|his|her|the|to|into"
    r"|towards|through|past|onto|on|over|under|round|around)\b)|gone(?: away)?$|better|smaller|less"
    r"|improv\w*|settl\w*|reduc\w*|eas\w*|disappear\w*|clear\w*)\b)"
)
_LIMB_SIGN = (
    r"(?:cold|colder|freezing|icy|like ice|pale|white|blue|bluey|bluish|grey|gray|purple"
    r"|mottled|dusky"
    r"|numb\w*|tingl\w*|dead|can ?t feel|cannot feel|no feeling|lost (?:the )?feeling"
    r"|no sensation|no pulse|pins and needles|funny colou?r|changed colou?r|gone dark"
    r"|(?:very|really|so|extremely|terribly) (?:painful|sore|badly|bad)|hurts? so much"
    r"|killing (?:me|him|her)|like hell|like (?:a )?(?:block of )?ice"
    r"|(?:severe|terrible|agonising|agonizing|unbearable|a lot of|lots of|so much) pain"
    r"|agony|excruciating)"
)
# ...not responding or reacting to a treatment ("isn't responding to the tablets", "not
# reacting well"): said after "respond" and "react".
_TO_TREATMENT = (
    r"(?! (?:well|badly|great|so well|very well|to (?:the |his |her |their |my |any )?"
    r"(?:tablets|pills|medicines?|medications?|meds|treatment|drugs?|antibiotics|dose)\b))"
)
# Balance or walking lost (a stroke can take them suddenly). Alone, or beside dizziness, these
# are not an emergency ("I get dizzy when I stand up and nearly lost my balance" is the
# dizziness topic's); see _AND_NOW for what makes them one.
_UNSTEADY = (
    r"(?:(?:lost|losing|lose|loss of|can ?t keep|cannot keep) (?:my |his |her |their |all )?"
    r"balance|balance (?:has |s |is )?(?:just |completely )?(?:gone|went)|stagger\w*|lurch\w*"
    r"|stumbl\w*|veer\w*|sway\w* all over|tipping over|(?:can ?t|cannot|couldn ?t) walk"
    r" (?:straight|in a straight line)"
    # (possessive: " up" is not given back, so "can't stand up for long" stays excluded)
    r"|(?:can ?t|cannot|couldn ?t) (?:walk|stand)(?: up)?+(?: straight| properly)?+"
    r"(?! (?:as|so|that|very) far| far| for long| long| the dog| to| more| too| quickly| fast"
    r"| much| up| (?:the )?(?:stairs|hill|hills|steps)| without (?:my|a|the) (?:stick|frame"
    r"|glasses))"
    r"|(?:can ?t|cannot|couldn ?t) (?:get off the (?:floor|ground)|stay upright|take a step"
    r"|put one foot in front of the other|(?:put|take) (?:any )?weight on)"
    r"|(?:legs?|knees?)(?: \w+){0,2}? (?:gave|giving|give|given|went|gone|going|buckl\w*)"
    r"(?: way| out| from under)?|legs? (?:won ?t|wont|will not|can ?t) hold"
    r"|(?:had|have|having) to (?:lie|sit) (?:down )?on the (?:\w+ )?floor|wobbl\w*"
    r"|toppl\w* over|(?:keeps?|keep on) (?:falling|toppling|veering|pulling|leaning|drifting)"
    r" (?:over|to (?:the )?(?:left|right|one side))|falling to one side)"
)
# ...and what, said beside it, makes balance lost an emergency now: it came on suddenly or
# just now, the room is spinning, someone is falling or went straight back down, dizziness (not
# on standing up), or another loss of balance ("his legs buckled and now he can't walk at all").
# Not being able to get up counts only here: "he fell and can't get up" is the fainting
# instruction's.
_AND_NOW = (
    rf"(?:sudden\w*|all at once|just (?:started|now|came on)|came on (?:just now|suddenly)"
    r"|(?:rooms?|everything|world|head) (?:\w+ )?(?:spinning|spins|whirling|going round"
    r"|tilting)|spinning|whirling|tilting|fall(?:s|ing) (?:over|down|to one side)"
    r"|(?:holding|hanging|grabbing|clinging)(?: on(?:to)?)?(?: to)? (?:the |a )?(?:walls?|furniture"
    r"|rail|railing|something)|grabbing (?:the )?(?:walls?|furniture|something)"
    r"|went (?:straight )?back down|(?:can ?t|cannot|couldn ?t) get up|vertigo"
    # dizziness, unless it is on standing up ("I get dizzy when I stand up and nearly lost my
    # balance" is the dizziness topic's)
    r"|dizz\w*+(?! (?:when|if|as|whenever) (?:i|he|she|you|they) (?:stand|stood|get|got|sit|sat) up"
    r"| on standing| (?:when|after) standing)|balance"
    rf"|{_UNSTEADY})"
)
# Fell or collapsed; not in its everyday senses ("fell asleep", "fell out with me", "fell in
# love", "went down to the shops", "went down for a nap"). "Fell to the floor", "fell out of
# bed", "slumped to one side" are falls.
_FELL = (
    r"(?:(?:fell|fallen)(?! (?:asleep|silent|quiet|out with|in love|behind|short|ill)\b)"
    r"|collapsed|hit the floor|slumped|toppled"
    r"|went down(?! (?:with|to (?:the |a )?(?:shops?|pub|town|beach|garden|kitchen|cellar|basement"
    r"|village|road|post office)|for (?:a|his|her|their) \w+|the (?:road|street|stairs|hill))\b))"
)
_SPEAK = r"(?:speak|talk|get (?:my|his|her|their|the) words out)"
# Words for the body's waste and being sick, exactly ("poor", "week", "coffee" are not them).
_POO = r"(?:poo|poos|pooh|poop|poops|pooing|pooed|poopy|poo s)"
_PEE = r"(?:pee\w*|wee|wees|weeing|weed)"
_COUGH = r"(?:co(?:ugh|ff)(?:s|ed|ing)?)"
_SICK = r"(?:sick(?:ed|ing|ness)?(?! of\b))"
_STOP = r"(?:won ?t|will not|doesn ?t|does not|isn ?t|is not|can ?t|cannot)"
_CANT = r"(?:can ?not|cant|can t|unable to|not able to|could ?nt|couldn ?t|could not|can barely)"
# Someone, as a carer speaks of them ("my mum", "he", "dad").
_PERSON = (
    r"(?:he|she|hes|shes|they|theyre|him|her|mum|mom|mam|dad|husband|wife|partner|son|daughter"
    r"|father|mother|grandad|granddad|grandpa|grandma|gran|nan|nanna|friend|patient|brother"
    r"|sister|hubby|mums|moms|dads|husbands|wifes|grandfather|grandmother|granny|grandson"
    r"|granddaughter|uncle|aunt|auntie|neighbour|neighbor|boyfriend|girlfriend|fiance|fiancee)"
)
# Not understanding what people say, for a spell that passed or since a sudden start: FAST's
# speech sign (the NHS: "problems understanding what you're saying to them"), which may pass
# (a mini-stroke still needs a call). Everyday misunderstandings are common and have their own
# reasons (a mask, noise, a whisper, slang), so a spell counts only when it is said to have
# passed or asked about ("...for a bit, he's better now", "...for a few minutes, is that
# normal?"). Not the assistant ("what you said"), a leaflet or a doctor's words; said of
# oneself, only family's words, or a sudden start; never beside deafness, a hearing aid, an
# accent, English, jargon, a bad line or another reason given (because, noise, slang, asleep).
_NOT_ABLE = (
    r"(?:couldn ?t|could not|can ?t|cannot|wasn ?t able to|was not able to|isn ?t able to"
    r"|is not able to|not able to|didn ?t|did not)"
)
_FAMILY = (
    r"(?:wife|husband|partner|son|daughter|kids|children|family|mum|mom|dad|mother|father"
    r"|grandchildren|grandson|granddaughter|brother|sister|friends?)"
)
_HEARD = (
    r"(?:us|me|him|her|anyone|anybody|people|anything (?:we|i|anyone|they) (?:say|says|said)"
    r"|a (?:single )?word (?:we|i|anyone|they) (?:say|says|said)"
    rf"|what (?:we|i|anyone|anybody|people|(?:my|his|her|their|our) {_FAMILY})"
    r" (?:(?:was|were|is|are|am) )?(?:saying|said|say|says)(?: to (?:him|her|them|me))?)"
)
_FAMILY_HEARD = (
    rf"(?:what (?:my|our) {_FAMILY} (?:(?:was|is) )?(?:saying|said|says)|(?:my|our) {_FAMILY}\b)"
)
_A_SPELL = (
    r"(?:for (?:a |about |around |maybe |nearly |almost )?(?:bit|while|moment|minute|second"
    r"|short (?:time|while)|little while|few (?:minutes|seconds|moments|mins)"
    r"|\w+ (?:minutes|seconds|mins))\b)"
)
# ...said afterwards to have passed, or asked about.
_AND_PASSED = (
    r".*?\b(?:went away|passed|cleared|came round|came back|back to (?:normal|himself|herself"
    r"|themselves)|(?:better|fine|ok|okay|alright|all right|normal) now"
    r"|(?:is|s|seems?|seemed|was) (?:fine|ok|okay|alright|all right|better|back to normal)"
    r"|is (?:that|it|this) (?:normal|serious)|should i (?:worry|be worried)"
    r"|(?:does|do|should) (?:he|she|they|i) (?:need|get) (?:checking|checked|to be checked)"
    r"|what (?:should|do) (?:i|we) do)\b"
)
_SUDDEN_START = (
    r"(?:sudden\w*|all of a sudden|since (?:this |last |yesterday )?(?:morning|evening|afternoon"
    r"|lunch|night|breakfast)|(?:he|she|they) (?:was|were) (?:fine|ok|okay|normal) (?:at|this"
    r"|earlier|an hour|a minute|just))"
)
_SOMEONE_NOT_UNDERSTANDING = (
    rf"\b{_PERSON}s?\b(?:\s+\w+){{0,3}}?\s+{_NOT_ABLE} (?:understand|follow) {_HEARD}"
)
_I_CANNOT = r"i (?:couldn ?t|could not|can ?t|cannot|wasn ?t able to|was not able to)"
_NOT_UNDERSTANDING_SIGN = (
    r"^(?!.*\b(?:deaf|hearing|accents?|english|jargon|line|signal|because|cos|loud|noise|noisy"
    r"|slang|wax|asleep|leaflet|instructions|why|teacher|consultant|doctor|nurse s|telly|tv)\b)"
    r".*?(?:"
    + "|".join(
        (
            # someone else, for a spell that passed, or since a sudden start, either side
            rf"{_SOMEONE_NOT_UNDERSTANDING}(?:\s+\w+){{0,8}}?\s+{_A_SPELL}{_AND_PASSED}"
            rf"|\b{_A_SPELL}(?:\s+\w+){{0,3}}?\s+{_SOMEONE_NOT_UNDERSTANDING}{_AND_PASSED}",
            rf"{_SOMEONE_NOT_UNDERSTANDING}(?:\s+\w+){{0,8}}?\s+{_SUDDEN_START}"
            rf"|\b{_SUDDEN_START}(?:\s+\w+){{0,3}}?\s+{_SOMEONE_NOT_UNDERSTANDING}",
            # oneself: family's words for a spell that passed, or anyone's all of a sudden
            rf"\b{_I_CANNOT} understand {_FAMILY_HEARD}(?:\s+\w+){{0,8}}?\s+{_A_SPELL}{_AND_PASSED}"
            rf"|\b{_A_SPELL}(?:\s+\w+){{0,3}}?\s+{_I_CANNOT} understand {_FAMILY_HEARD}"
            + _AND_PASSED,
            rf"\b(?:sudden\w*|all of a sudden)(?:\s+\w+){{0,3}}?\s+{_I_CANNOT} understand\b",
        )
    )
    + ")"
)
# What blood soaks through at the site: clothes, the bed, the dressing.
_THROUGH = (
    r"(?:trousers|jeans|clothes|sheets?|pyjamas|pajamas|shirt|sleeve|top|bed|dressing|bandage"
    r"|plaster|gauze|pad|tape|towel|tea towel|cloth|tissues?|underwear|pants|knickers|nightie"
    r"|nightdress|nightgown|dress|shorts|skirt|socks?|gown|blanket|duvet|mattress)"
)
HAS_PAIN_KIND = "has pain"
BALANCE_KIND = "balance lost"
SPEECH_KIND = "speech not understood"
NOT_MOVING_KIND = "not moving"
ROUSE_KIND = "not rousing"
# Where the tube went in, and long-standing causes, that make a pain not news of heart pain.
_NAMED_ACHE = (
    r"(?:groin|wrist|wound|site|puncture|incision|bruis\w*|hernia|arthritis|sciatica|cannula"
    # the wrist band, not angina's "a band round my chest"
    r"|drip|(?<!a )band(?! (?:round|around|across|under|over|that)\b))"
)
# ...unless more follows that takes it back or is a warning sign ("...but now it's in my jaw",
# "...and I'm grey")
_TAKEN_BACK = (
    r"(?!.*\b(?:but|worse|worst|different|grey|gray|pale|dizzy|sweat\w*|clammy|sick|vomit\w*"
    r"|jaw|crushing|heavy|spreading|breath\w*)\b)"
)
# Words that make "pain" said next another pain than news of heart pain: at the site or from
# a named cause ("and bruising", "where the tube went in", "from the band", "and it's just the
# bruise"); "and the wound looks fine" is not one.
_ANOTHER_ACHE = (
    r"(?: (?:and |but |so )?(?:some |a bit of )?bruis\w*| where (?:the|they|it|he|she|i|my)\b"
    r"| (?:and |but |so )?(?:in|at|from|around|on|near|by|with|of) (?:my |his |her |the |their )?"
    rf"(?:(?!not |never )\w+ )?{_NAMED_ACHE}\b"
    r"| (?:and |but |so )?(?:it s|its|it is|thats|that s) (?:just |only )?(?:from )?"
    rf"(?:my |his |her |the |their )?(?:(?!not |never )\w+ )?{_NAMED_ACHE}\b)"
    rf"{_TAKEN_BACK}"
)
# Having pain now ("I have pain", "he says he has pain", "now she's got some tightness", "I've
# had pain for an hour"), not supposed or asked ("if I have pain", "will my husband have
# pain?"), nor another pain, as what follows says: somewhere heart pain is not felt ("in my
# knee", "when I swallow"), a cause ("from the cannula", "with the new mattress"), a thing
# ("pain tablets", "pain-free days"), or _ANOTHER_ACHE; none of them if _TAKEN_BACK.
_HAS_PAIN = (
    r"(?<!if )(?<!when )(?<!will )(?<!would )(?<!do )(?<!does )(?<!did )(?<!might )(?<!may )"
    r"(?<!could )(?<!should )(?<!shall )(?<!not )(?<!case )(?<!lets say )(?<!my )(?<!our )"
    rf"\b(?:(?:my|our) )?(?:i|he|she|they|we|ive|im|hes|shes|theyve|theyre|weve|were|{_PERSON}s?) "
    r"(?:(?:still|now|also|really|just|been|am|is|are|have|has|keep|keeps) ){0,2}"
    r"(?:have|has|got|having|getting|feel|feels|feeling"
    r"|(?<=ive )had|(?<=hes )had|(?<=shes )had|(?<=have )had|(?<=has )had|(?<=weve )had) "
    r"(?:a lot of |so much |lots of |some |terrible |real |bad |really bad |severe |a bit of "
    r"|a little |a |the |this |more )?(?:pains?|tightness|discomfort)\b"
    # ...when doing what heart pain has nothing to do with ("when I swallow", "when I pee",
    # "when I press on it", "when they put the needle in")
    r"(?! (?:(?:only |just )?when (?:i|he|she|they)(?: m| s| re|m|s|re)? (?:swallow(?:s|ing)?"
    r"|pee(?:s|ing)?|wee(?:s|ing)?|urinat\w*|pass water|press(?:es|ing)? on|touch(?:es|ing)?"
    r" (?:it|the)|put (?:the |a )?(?:needles?|cannula|drip|line))\b"
    # ...in a part of the body heart pain is not felt in ("in my knee", "in both ankles")
    r"|(?:in|on|at) (?:my |his |her |the |their |both )?(?:left |right |lower |big )?"
    r"(?:knees?|ankles?|feet|foot|toes?|hips?|calf|calves|hamstrings?|bladder|ears?|eyes?"
    r"|teeth|tooth|gums|throat|head|bottom|bum)\b"
    # ...from or with a named cause, said straight after ("from the cannula", "with the new
    # mattress"); not a few words on, where it may be denied or compared ("not from the
    # drip", "worse than from his hernia") or only where it began ("walking from the bed")
    r"|(?:from|with|because of|due to) (?:my |his |her |the |a |this )?(?:new |old |bad )?"
    rf"(?:{_NAMED_ACHE}|injection|needle|jab|period|gout|shingles|mattress|bra|shoes|teeth"
    r"|tooth)\b"
    # ...or is a thing ("pain tablets", "pain clinic"), unless it fails ("I have pain pills
    # don't help": a recogniser's missing comma)
    r"|(?:medication|medicine|meds|tablets?|pills?|patch(?:es)?|killers?|relief|management"
    r"|clinic|free|anxiety)\b"
    r"(?! (?:\w+ ){0,3}?(?:don ?t|dont|not|no|never|nothing|useless|can ?t|cannot|won ?t"
    r"|wouldn ?t|didn ?t|hasn ?t|haven ?t|isn ?t|aren ?t)\b))"
    # ...each of them, unless more follows that takes it back or is a warning sign
    rf"{_TAKEN_BACK})"
    rf"(?!{_ANOTHER_ACHE})"
)


# Heart attack signs beside pain or on their own words (AHA: upper-body pain, a cold sweat,
# nausea, light-headedness), for text that does not say "chest".
_INDIGESTION = r"(?:indigestion|heartburn|heart burn)"
_NAUSEA = (
    rf"(?:{_SICK}|naus\w*|nase(?:ous|a|ated)|vomit\w*|queasy|throw\w* up|threw up|puk\w*"
    r"|retch\w*)"
)
# The colour gone from a face ("the colour has drained from his face", "drained of colour").
_DRAINED = (
    r"(?:colou?r (?:has |s |had )?(?:just |all )?(?:drained|gone)"
    r"(?: (?:from|out of) (?:my|his|her|their) face)?|drained of (?:all )?(?:\w+ )?colou?r"
    r"|colou?r of (?:putty|ash|death))"
)
_ASHEN = rf"(?:grey|gray|ashen|pale|white as a sheet|{_DRAINED})"
# Someone who has gone blue: anyone a carer names (_PERSON), the speaker, or a face or lips.
_SOMEONE = (
    rf"(?:(?:my |our )?{_PERSON}s?|baby|i|im|ive|theyve|(?:he|she|they|i) (?:s|re|m|ve)"
    r"|(?:his|her|my|their) (?:face|lips|skin))"
)
# not a sweatshirt; with typing slips ("sweting", "clamy")
_SWEAT = (
    r"(?:sweat(?:y|ing|s|ed|ier)?|swett?(?:y|ing)|sweeting|clamm?y|wringing wet"
    r"|drenched(?! (?:by|from|in) (?:the )?(?:rain|shower|storm|sea|bath|pool)))"
)
_SIGNS_WITHOUT_PAIN = "heart attack signs without pain"
# "No chest pain", "no pain", "it doesn't hurt", "I'm not in pain", "without any pain".
_DENIES_PAIN = (
    r"\b(?:no|not|without|isn ?t|doesn ?t|don ?t|dont|never|nor)\b(?:\s+\w+){0,2}?\s+"
    r"(?:chest )?(?:pain\w*|hurt\w*|ache\w*|aching)\b"
)
_DIZZY = (
    r"(?:dizz?(?:y|ie|ey)|diz+[iy]+ness|giddy|giddiness|woozy|light ?headed(?:ness)?|vertigo"
    r"|unsteady|off balance|losing (?:my|his|her|their) balance"
    # ...about to fall or falling, said of someone ("I could fall over", "she keeps falling
    # over"), not "fall over laughing", "falling over my words" or "the bins keep falling over"
    r"|(?:going to|gonna|might|could|about to) (?:fall|topple) (?:over|down)"
    r"(?! (?:laughing|with laughter|from (?:the )?shock)\b)"
    r"|(?:nearly|almost) (?:fell|fall|falling|fallen|toppled) over"
    # ...but not things: "the bins keep falling over"
    r"|(?<!bins )(?<!bin )(?<!things )(?<!books )(?<!boxes )(?<!it )(?<!plants )(?<!pictures )"
    r"(?<!chairs )(?<!stuff )keeps? (?:nearly )?(?:falling|toppling) over"
    r"(?! laughing\b)"
    r"|(?:room|rooms|head|heads|everything|everythings)(?: is| was| keeps| kept| started)?"
    r" (?:spinning|reeling|swimming))"
)
# Feeling very unwell, said of now ("he feels awful", "I feel dreadful").
_FEELS_AWFUL = (
    r"\b(?:feels?|feeling|felt) (?:really |so |very |absolutely )?(?:awful|terrible|dreadful"
    r"|horrendous|horrible|rotten|like death|(?:really |very |so )?(?:ill|unwell|rough))\b"
)
# ...said of now ("he feels awful", not "I felt terrible last night").
_FEELS_AWFUL_NOW = _FEELS_AWFUL.replace("|felt", "")
# A cause named after a sign ("sweating with this flu", "sick from the curry"): not a heart's.
_NO_CAUSE = (
    r"(?! (?:with|from|because of|after) (?:this|the|a|my|that) (?:flu|cold|virus|bug|fever"
    r"|covid|hangover|curry|heat|weather|gym|run|walk|workout)\b)"
)
# Sudden or extreme exhaustion (not "tired after my walk": only beside a sweat or sickness).
_EXHAUSTED = (
    r"(?:(?:sudden\w*|extreme\w*|overwhelming\w*|out of nowhere|out of the blue)(?: \w+){0,3}?"
    r" (?:tired\w*|exhaust\w*|fatigue\w*|weak\w*|wiped out|drained|no energy"
    r"|like (?:i ve|ive|i have|he s|hes|she s|shes) run a marathon)"
    r"|(?:tired|exhausted|weak|drained|wiped out) (?:all of a )?(?:sudden\w*|all at once)"
    r"|too weak to (?:stand|move|get up|walk|lift)|no energy at all"
    r"|(?:can ?t|cannot) (?:lift|raise) (?:my|his|her) head)"
)
# A sense of doom ("something terrible is about to happen", "a feeling of doom").
_DOOM = (
    r"(?:something (?:terrible|awful|bad|horrible|dreadful|really bad|very wrong) (?:is )?"
    r"(?:about to happen|going to happen|gonna happen|happening|coming)"
    r"|(?:sense|feeling) of (?:impending )?doom|impending doom|feels? doomed|terrible feeling"
    r"|(?:overwhelming|terrible|awful|horrible|sense of|feeling of|filled with|wave of|full of)"
    r" dread"
    r"|(?:i m|im|i am|he s|hes|she s|shes) not (?:going to|gonna) make it|this is it"
    r"|death is coming)"
)
_SHAKING = r"(?:shak(?:ing|y|es)|trembl\w*)"
# A sweat, but not said as a habit ("I sweat at night", "night sweats") or of the palms:
# beside exhaustion, doom or feeling awful only.
_SWEATING_NOW = (
    rf"(?:(?<!night )(?!sweat\b){_SWEAT}(?! (?:palms|hands|feet)\b)"
    r"|(?:covered|dripping|wet|soaked|soaking|drenched|pouring) (?:in |with )?sweat"
    r"|in a (?:cold )?sweat|a sweat|perspir\w*)"
)
_ATTACK_SIGN = rf"(?:{_SWEAT}|{_NAUSEA}|{_ASHEN}|{_DIZZY}|faint\w*|breathless\w*)"
_UPPER = r"(?:arms?|shoulders?|jaw|neck)"
# Not asked about or denied: "how do I know if my stent is blocked", "I don't think it is".
_NOT_ASKING = r"(?<!if )(?<!whether )(?<!dont think )(?<!don t think )(?<!not think )"
_HAS_BLOCKED = (
    r"(?:\s+(?:is|are|s|has|have|feels?|seems?|might|may|must|could|be|been|gone|got|all|just"
    r"|probably|definitely)){0,3}\s+(?:blocked|blocking|closed|closing|clogged|shut)(?: up)?\b"
)
# Said after an arm a hand is held to: not held up, out or still, nor for a reason given, nor
# an arm rest, a bag or a chair's arm, nor its muscles or a bracelet (shared with the left arm
# clutched, below).
_NOT_HELD_TO = (
    r"(?! (?:up|out|still|straight|steady|in a sling|for|to|when|while|because|where|rest|bag"
    r"|strap|of the|muscles?|bracelet|band)\b)(?!rest)"
)
# A hand held to an arm or a shoulder ("holding his left arm").
_HAND_ON_UPPER = (
    r"(?:clutch\w*|clench\w*|grip\w*|hold\w*) (?:at )?(?:his|her|their) (?:left )?(?:arm"
    rf"|shoulder)\b{_NOT_HELD_TO}"
)
_UPPER_PAIN = (
    rf"(?:\b{_UPPER}\b(?:\s+\w+){{0,4}}?\s+{_PAIN}|\b{_PAIN}\b(?:\s+\w+){{0,3}}?\s+{_UPPER})"
)


def _near(word: str, other: str, gap: str = _GAP) -> str:
    """Two things close together, in either order ("jaw ache", "pain in my jaw")."""
    return rf"\b{word}{gap}{other}\b|\b{other}{gap}(?:\w+\s+)?{word}\b|\b{word}\s+{other}\b"


def _any(*alternatives: str) -> str:
    """One pattern matching any of the alternatives."""
    return "|".join(alternatives)


# For a time, as the advice after a wrist procedure says it ("I can't lift my hand for a
# week", "...for the first few days", "...for 24 hours", "...until the band is off"); not "for
# an hour" or "for the past hour", which is how long a sign has lasted.
_FOR_A_WHILE = (
    r"(?:\s+(?:for (?:a |one |two |three |four |five |six |seven |\d+ |a few |a couple of "
    r"|the (?:first|next) (?:few |\w+ )?)(?:weeks?|days?)|for (?:\d+|a few|a couple of) hours"
    r"|until (?:the|my|his|her) (?:band|bandage|dressing) (?:is|comes) off)\b)"
)
# What, said after an arm or a leg that will not work or move, makes it something other than
# a stroke: the advice's time (_FOR_A_WHILE, also after "properly"), working out or hard
# enough at the gym, what for ("for writing", "for heavy stuff"), long ago ("in the war", "as
# a child", "for years"), or the wrist procedure's kit as the reason ("because of the
# bandage", "because the nurse told him to keep it still"; not "it isn't because of the
# band", nor asked: "is that because of the band?"). Nothing about how well it works: "he
# can't move his hand much" and "...as well as the other one" are the sign itself.
_NOT_A_SIGN = (
    rf"(?!(?:\s+properly)?{_FOR_A_WHILE}"
    r"|\s+(?:out|hard enough|for (?:writing|lifting|typing|sport|the gym|heavy|big"
    r"|anything heavy))\b"
    r"|(?:\s+\w+){0,6}?\s+(?:in the war|as a (?:child|kid|baby|boy|girl)|since birth"
    r"|since childhood|for years)\b"
    r"|(?:\s+\w+){0,6}?\s+(?<!not )(?<!isn t )(?<!isnt )(?<!wasn t )(?<!is that )(?<!is it )"
    r"(?<!is this )(?<!could that be )(?<!could it be )(?:because(?: of)?|due to)"
    r" (?:the |my |his |her )?(?:band|bandage|dressing|wristband|splint|sling|cannula|drip"
    r"|nurse)\b)"
)
# FAST's "arms can't be raised", also as carers say it; only the advice's time after it is
# no sign ("I can't lift my hand for a week").
_ARM_CANNOT_RISE = _any(
    rf"\b{_CANT} (?:lift|raise)\b(?:\s+\w+){{0,2}}?\s+(?:arms?|hands?)\b(?!{_FOR_A_WHILE})",
    rf"\b(?:arms?|hands?)\b(?:\s+\w+){{0,6}}?\s+{_CANT} (?:lift|raise)\b",
    rf"\b{_CANT} keep\b(?:\s+\w+){{0,3}}?\s+arms? up",
)


def _near_symptom(body_part: str) -> str:
    return _near(body_part, _SYMPTOM)


# Pain in the heart, or a hand on it ("my heart hurts", "he is holding his heart").
_HEART_PAIN = (
    r"(?:pains?|painful|hurt\w*|ach\w*|tight\w*|pressure|heavy|heaviness|squeez\w*|crush\w*"
    r"|burn\w*|discomfort|stabb\w*|sharp|clutch\w*|grab\w*|grip\w*|clench\w*|hold\w*)"
)
# The heart beating hard or oddly ("my heart is pounding"): tried after the other red flags.
_HEART_BEAT = (
    r"\bheart\w*(?:\s+\w+){0,3}?\s+(?:pound\w*|rac\w*|flutter\w*|thump\w*|funny|strange|weird)"
    r"|\b(?:pounding|racing|fluttering|thumping) heart"
    # palpitations had now (not asked about: see the side effects in _BENIGN)
    r"|(?<!no )(?<!any )(?<!if i get )(?<!used to get )(?<!used to have )\bpalpitat\w*"
    # beating fast now ("my heart is beating really fast", "my heartbeat is irregular"), not
    # "my heart beats fast when I climb the stairs"
    r"|\bheartbeat\w*(?:\s+\w+){0,3}?\s+(?:fast|hard|irregular\w*|all over|like crazy"
    r"|like mad|out of)\b|\bheart\w* (?:is |s |keeps )?(?:\w+ )?(?:beating|going) (?:\w+ )?"
    r"(?:fast|hard|irregular\w*|all over|like crazy|like mad|out of|like the clappers"
    r"|a hundred miles an hour|ten to the dozen)\b"
    r"|\b(?:skipp\w*|missing|missed) (?:a )?beats?\b"
    # a pulse racing now, or something wrong with the heart (a blind red team's, 2026-11-27)
    r"|\bpulse (?:is |s )?(?:racing|pounding|going like)"
    r"|(?<!is )(?<!if )\bsomething (?:is |s )?(?:really |very |seriously )?wrong with"
    r" (?:my|his|her) heart\b"
)


# (intent, kind, pattern), tried in order; the first match decides the instruction.
_TRIGGERS: tuple[tuple[str, str, str], ...] = (
    # Any chest mention left once the benign phrases are gone: "chest", "tight chest"...
    (CHEST_PAIN, "chest", r"\bchest(?:s|y|pains?)?\b|\bbreast ?bones?\b|\bsternum\b"),
    # A recogniser slip for chest counts only next to a symptom ("chess pain", "my chess hurts").
    (CHEST_PAIN, "chest", _near_symptom("chess")),
    (
        CHEST_PAIN,
        "heart attack",
        r"\b(?:heart|hart|hard|heat)\s*attacks?\b|\bcardiac arrest\b",
    ),
    # "angina" alone counts ("what if my angina comes back"); naming the medicine for it does
    # not ("how do I use my angina spray"): that medicine failing is the next trigger.
    (CHEST_PAIN, "angina", rf"\ban[gj]ina\w*(?! {_ANGINA_MEDICINE}\b)|\bangine\b"),
    (
        CHEST_PAIN,
        "nitrate not helping",
        _any(
            rf"\b{_RESCUE}\b(?:\s+\w+){{0,4}}?\s+{_NOT_HELPING}\b",
            # already used more than once ("I've used my spray twice"), not asking how to
            rf"\b(?:used|taken|took|had|sprayed|tried)\b(?:\s+\w+){{0,3}}?\s+{_RESCUE}\b"
            rf"(?:\s+\w+){{0,2}}?\s+{_AGAIN}\b",
            r"\b(?:used|taken|took|had|sprayed|tried)\b(?:\s+\w+){0,2}?\s+"
            r"(?:two|2|three|3|several|a few) (?:sprays|puffs|doses|tablets)\b",
        ),
    ),
    (
        CHEST_PAIN,
        "spreading pain",
        (
            rf"\b{_PAIN}(?:\s+\w+){{0,8}}?\s+"
            r"(?:spread\w*|radiat\w*|going|goes|moving|moves|travel\w*|shoot\w*|down|into|up)"
            r"(?:\s+\w+){0,3}?\s+(?:arms?|jaw|neck|shoulders?|shoulder blades|back)\b"
            # indigestion spreading ("it feels like indigestion but it's going into my neck"),
            # not "heartburn before going back to work"
            rf"|\b{_INDIGESTION}(?:\s+\w+){{0,8}}?\s+"
            r"(?:spread\w*|radiat\w*|going|goes|moving|moves|travel\w*|shoot\w*)"
            r"(?:\s+\w+){0,2}?\s+(?:into|up|down|to) (?:my |his |her |the )?"
            r"(?:arms?|jaw|neck|shoulders?|throat)\b"
        ),
    ),
    (CHEST_PAIN, "heart", _near(r"heart\w*", _HEART_PAIN)),
    (CHEST_PAIN, "jaw", _near("jaw", _PAIN)),
    # An arm that cannot be raised is a stroke sign (FAST) even when it also feels heavy or
    # hurts: "my left arm feels heavy and I can't lift it" needs "call now", not a wait for
    # the aspirin and the spray to work.
    (STROKE, "arm cannot be raised", _ARM_CANNOT_RISE),
    (
        CHEST_PAIN,
        "left arm",
        _any(
            _near("left arm", _PAIN),
            # a hand held to it ("he is clutching his left arm"), not held up or in a sling
            rf"\bclutch\w* (?:at )?(?:his|her|their|my) left arm\b{_NOT_HELD_TO}",
        ),
    ),
    (CHEST_PAIN, "nitrate for pain", _near(_RESCUE, _NITRATE_PAIN, r"(?:\s+\w+){0,8}?\s+")),
    (
        CHEST_PAIN,
        "heart attack signs",
        _any(
            r"\bsitting on (?:me|him|her|my chest)\b",
            rf"\b{_PAIN}\b(?:\s+\w+){{0,8}}?\s+{_SWEAT}\b",
            rf"\b{_SWEAT}\b(?:\s+\w+){{0,8}}?\s+{_PAIN}\b",
            # indigestion or heartburn with a sweat, sickness or a grey colour, and pain in the
            # upper body with sickness (AHA: upper-body pain, a cold sweat, nausea)
            rf"\b{_INDIGESTION}\b(?:\s+\w+){{0,8}}?\s+{_ATTACK_SIGN}\b"
            rf"|\b{_ATTACK_SIGN}\b(?:\s+\w+){{0,8}}?\s+{_INDIGESTION}\b",
            rf"{_UPPER_PAIN}\b(?:\s+\w+){{0,8}}?\s+{_NAUSEA}\b"
            rf"|\b{_NAUSEA}\b(?:\s+\w+){{0,8}}?\s+{_UPPER_PAIN}\b",
            # a hand on an arm or a shoulder with a sweat, sickness or a grey colour ("he's
            # sweating a lot and holding his left arm")
            rf"\b{_HAND_ON_UPPER}\b(?:\s+\w+){{0,8}}?\s+(?:{_SWEAT}|{_NAUSEA}|{_ASHEN})\b"
            rf"|\b(?:{_SWEAT}|{_NAUSEA}|{_ASHEN})\b(?:\s+\w+){{0,8}}?\s+{_HAND_ON_UPPER}\b",
            r"\b(?:think|thinks|feel|feels) (?:it s|its|this is|it is) (?:my|his|her) heart\b"
            r"|\b(?:it s|its) (?:my|his|her) heart\b",
            r"\b(?:going|gonna|about) to die\b",
        ),
    ),
    # Saying one's own stent has blocked, or an artery again ("I think my stent is blocked",
    # "my artery has closed again"), is saying the symptoms came back; "can a stent get
    # blocked?" is a question the stent topic answers, and "my arteries are clogged, do I need
    # angioplasty?" one about who needs it.
    (
        CHEST_PAIN,
        "stent blocked",
        _any(
            rf"{_NOT_ASKING}\b(?:my|his|her|their) stents?\b{_HAS_BLOCKED}",
            rf"{_NOT_ASKING}\b(?:my|his|her|their) (?:heart )?arter(?:y|ies|ys)\b{_HAS_BLOCKED}"
            r"\s+again\b",
        ),
    ),
    (
        STROKE,
        "stroke",
        _any(
            r"\bstrokes?\b|\bmini stroke|\bfast (?:test|signs?|symptoms?)\b|\btia\b"
            r"|\btransient isch\w*|\bparaly[sz]\w*",
            # recogniser slips, only where they plainly mean a stroke
            r"\b(?:having|had|is (?:this|it|that) a|signs? of a?|think (?:it s|its) a)"
            r" (?:stoke|strok|stroak|struck)\b",
            r"\bfac(?:e|es|ial)\b(?:\s+\w+){0,4}?\s+(?:droop\w*|drop\w*|sag\w*|fall\w*|fell"
            r"|lopsided|twist\w*|crooked|slipp\w*|tilt\w*|to one side|numb\w*"
            r"|(?:isn ?t|is not|not|stopped|won ?t|will not) mov\w*)",
            r"\b(?:droop\w*|lopsided|crooked|wonky) (?:face|mouth|smile)|\bfacial droop\w*",
            r"\bone side of (?:my|his|her|their|the) (?:face|mouth|body)",
            # no feeling down one side ("I can't feel the left side of my body")
            r"\b(?:can ?t|cannot|no) feel\w* (?:anything )?(?:in |on |down )?(?:the |my |his |her"
            r" |their )?(?:left|right) (?:side|half)\b",
            r"\b(?:mouth|smile|lip)s?\b(?:\s+\w+){0,3}?\s+"
            r"(?:droop\w*|drop\w*|lopsided|crooked|twisted|wonky|to one side"
            r"|(?:won ?t|isn ?t|is not|not) (?:mov|work)\w*)",
            rf"\b{_CANT} smile",
            r"\barms?\b(?:\s+\w+){0,4}?\s+drift\w*",
            r"\bface (?:\w+ ){0,2}uneven|\bside (?:is |has )?(?:\w+ )?sagg\w*",
            rf"\b{_CANT} (?:move|hold|keep|grip|squeeze)\b(?:\s+\w+){{0,4}}?\s+(?:arms?|hands?)\b"
            rf"(?!{_FOR_A_WHILE})",
            r"\b(?:arms?|hands?)\b(?:\s+\w+){0,3}?\s+"
            r"(?:weak|floppy|limp|useless|dropped|just drop\w*|keeps? dropp\w*|flopp\w*"
            r"|(?:keeps? falling|falls?|drops?) (?:back )?down)\b",
            # numb or strange in the face and an arm or a leg: one side, not the limb's
            r"\bnumb\w*(?:\s+\w+){0,2}?\s+(?:in )?(?:my |his |her |their |the )?face (?:and|or)"
            r" (?:my |his |her |their |the )?(?:arm|hand|leg)s?\b"
            r"|\b(?:arm|hand|leg)s?\b.{0,80}?\bface\b(?:\s+\w+){0,2}?\s+(?:feels? )?"
            r"(?:strange|funny|weird|tingl\w*|numb\w*|dead)\b"
            r"|\bface\b(?:\s+\w+){0,2}?\s+(?:feels? )?(?:strange|funny|weird|tingl\w*|numb\w*"
            r"|dead)\b.{0,80}?\b(?:arm|hand|leg)s?\b",
            r"\b(?:arm|leg|hand)s? weakness\b",
            r"\bweak\w*(?:\s+\w+){0,3}?\s+(?:side|arm|leg|hand)s?\b",
            r"\b(?:one|left|right) side\b(?:\s+\w+){0,3}?\s+(?:numb|tingl)\w*"
            r"|\b(?:numb|tingl)\w*(?:\s+\w+){0,3}?\s+(?:one|left|right) side"
            r"(?! when (?:i|he|she|they) (?:sleep|lie|lay|sit)\b)"
            r"|\b(?:arm|leg|hand)s? keeps? (?:going|getting) (?:weak|floppy)\b",
            r"\bslur\w*|\bgarbl\w*|\bjumbled (?:words|speech)|\bblurr?\w* speech|\bmuddled\b",
            rf"\b{_CANT} find (?:my|his|her|their|the) words"
            r"|\bwords (?:aren ?t|are not|won ?t|will not|don ?t|do not) (?:come|coming) out\b",
            r"\b(?:not|isn ?t|is not) (?:speaking|talking) (?:right|properly|clearly|normally"
            r"|straight)\b",
            r"\bspeech\b(?:\s+\w+){0,3}?\s+(?:slurred|garbled|strange|funny|weird|jumbled|wrong"
            r"|muddled|off|blurry|not right|isn ?t right)",
            r"\bwords (?:are )?(?:\w+ ){0,4}(?:wrong|mixed up|jumbled|garbled)"
            r"|\bmix\w* (?:up )?(?:my|his|her|their) words",
            rf"\b{_CANT} {_SPEAK}\b|\b(?:talking|speaking) (?:funny|strangely|strange|weird"
            r"|gibberish|nonsense)|\bnot making (?:any )?sense\b|\bsounds? drunk\b"
            r"|\bgobbledygook\b|\bgibberish\b",
            rf"\b(?:arms?|hands?)\b(?:\s+\w+){{0,6}}?\s+{_CANT} (?:move|hold)\b",
            # sudden confusion, loss of sight or the worst headache: call now, as for a stroke
            r"\bsudden\w*\b(?:\s+\w+){0,3}?\s+(?:can ?t|cannot) (?:understand|see)\b"
            r"|\b(?:can ?t|cannot) (?:understand|see)\b(?:\s+\w+){0,6}?\s+(?:sudden\w*"
            r"|all of a sudden)",
            r"\b(?:gone|going|went) blind\b|\bblind in one eye\b|\b(?:lost|losing) (?:the )?"
            r"(?:sight|vision)\b",
            r"\b(?:gone|going|went|very|so) confused\b(?:\s+\w+){0,3}?\s+(?:sudden\w*"
            r"|all of a sudden)|\bsudden\w* (?:\w+ ){0,2}?confus\w*"
            r"|\b(?:doesn ?t|does not|don ?t|didn ?t) know where (?:she|he|they|i)"
            r" (?:is|are|am|was)\b",
            r"\bblurr?\w* (?:vision|sight)\b(?:\s+\w+){0,3}?\s+sudden\w*"
            r"|\bdouble vision\b|\bblindness\b"
            r"|\b(?:vision|sight)\w*\b(?:\s+\w+){0,4}?\s+(?:double|gone|went|lost|black)\b",
            r"\bworst (?:\w+ ){0,3}?headache\b|\bheadache\b(?:\s+\w+){0,8}?\s+worst\b"
            r"|\bthunderclap\b|\bsudden\w* (?:\w+ )?(?:terrible|severe|bad|awful|splitting"
            r"|agonising|agonizing) headache|\bheadache\b(?:\s+\w+){0,4}?\s+(?:out of nowhere"
            r"|came on suddenly)",
        ),
    ),
    # Speech not understood or coming out wrong, in a spell or suddenly (FAST's speech sign).
    # Apart from "stroke" only so that a text with none of their words is not searched with
    # them (_NEEDS): anchored patterns in the stroke trigger's alternation made every search
    # of it several times slower.
    (
        STROKE,
        SPEECH_KIND,
        _any(
            # not understanding what is said, for a spell that passed or suddenly ("grandpa
            # couldn't understand what we were saying for a bit, he's better now", "all of a
            # sudden I couldn't understand the nurse")
            _NOT_UNDERSTANDING_SIGN,
            # words wrong or meaningless now ("I keep trying to say things and the wrong words
            # come out", "none of his words made any sense")
            r"^(?!.*\b(?:typ\w*|text\w*|autocorrect\w*|sing\w*|spell\w*|language|welsh|french"
            r"|spanish|switched)\b).*?(?:\b(?:keep|keeps|kept) (?:\w+ ){0,6}?the wrong words"
            r" (?:come|coming|came) out\b|\bsudden\w* (?:\w+ ){0,3}?(?:none|not one) of"
            r" (?:his|her|their|my) words (?:made|make|makes|making) (?:any )?sense\b"
            # ...or so now ("the wrong words keep coming out", "none of his words are making
            # sense")
            r"|\bthe wrong words keep coming out\b|\b(?:none|not one) of (?:his|her|their) words"
            r" (?:are|is) making (?:any )?sense\b)",
        ),
    ),
    # Balance or walking lost, with what makes it an emergency now (a stroke can take them
    # suddenly). Apart from "stroke" only so that a text with none of their words is not
    # searched with it (_NEEDS).
    (
        STROKE,
        BALANCE_KIND,
        _any(
            # balance or walking lost with what makes it an emergency now ("sudden loss of
            # balance, can't walk straight, room spinning", "his legs gave way and he's dizzy")
            rf"\b{_UNSTEADY}\b(?:\s+\w+){{0,8}}?\s+{_AND_NOW}"
            rf"|\b{_AND_NOW}\b(?:\s+\w+){{0,8}}?\s+{_UNSTEADY}\b"
            # a fall, then balance or walking lost ("he fell over and now he can't walk"); not
            # the other way round ("I lost my balance last year and fell")
            rf"|\b{_FELL}\b(?:\s+\w+){{0,6}}?\s+{_UNSTEADY}\b"
            r"|\bjust (?:\w+ )?(?:gave way|given way|buckled|went from under|lost (?:my|his|her"
            r"|their) balance)",
            # someone staggering or lurching now (not "I'm staggered by the price")
            rf"\b(?:{_PERSON}|i m|im|i am|i keep) (?:\w+ )?(?:stagger\w*|lurch\w*)\b"
            r"(?! (?:by|at)\b)"
            r"|\bsudden\w* (?:so |very |really |all )?(?:unsteady|wobbly)\b"
            r"|\b(?:keeps?|keep on) (?:veering|pulling|leaning|drifting) to (?:the )?(?:left|right"
            r"|one side)\b"
            r"|\blegs? (?:won ?t|wont|will not|can ?t) hold (?:me|him|her|them)"
            r" (?:up )?(?:right )?now\b"
            r"|\b(?:walk\w*|mov\w*|stagger\w*|stumbl\w*|sway\w*|lurch\w*)(?: about| around)? like"
            r" (?:he|she|they|i|hes|shes|theyre|im)(?: s| re| m| is| was| were| are| am)? drunk\b",
        ),
    ),
    # One side weak or not working ("my left side is weak", "one side of him isn't working"),
    # or a leg that suddenly will not move; sight doubled, blurred suddenly, partly lost or not
    # right ("I can't see properly", not "...without my glasses"). Apart from "stroke" only so
    # that a text with none of their words is not searched with them (_NEEDS).
    (
        STROKE,
        "one side",
        _any(
            r"\b(?:left|right|one) side(?: of (?:my|his|her|their|the) (?:body|face))?\b"
            r"(?:\s+\w+){0,3}?\s+(?:weak|floppy|limp|useless|numb\w*|heavy|dead"
            r"|giv\w* way|(?:isn ?t|is not|not|won ?t|will not|stopped) work\w*)\b",
            rf"\b{_CANT} move (?:(?:my|his|her|their|one|the) )?(?:left |right )?"
            r"(?:legs?|side|fingers)\b"
            + _NOT_A_SIGN
            + r"|\b(?:left|right) (?:leg|arm)\b(?:\s+(?!always\b|never\b)\w+){0,3}?\s+"
            r"(?:weak|floppy|limp|useless"
            r"|giv\w* way|went weak|gone weak)\b"
            r"|\bsudden\w*(?:\s+\w+){0,3}?\s+(?:legs?|arms?|side) (?:won ?t|will not|doesn ?t"
            r"|does not|stopped) (?:work|move)\w*",
            # An arm, a hand or a leg that will not move or work, as one that cannot be moved
            # already is (FAST: an arm that cannot be raised): "his arm won't move", "her right
            # arm isn't working", "left arm not working", "his hand won't grip", "my leg won't
            # do what I tell it". Only a few words between, so "keep the arm still so it does
            # not move" (the advice after a wrist procedure) is not it; nor _NOT_A_SIGN's.
            r"(?<!clock )(?<!clocks )(?<!watch )(?<!second )(?<!minute )(?<!hour )"
            r"\b(?:arm|hand|leg|foot|finger)s?\b(?:\s+(?:is|are|just|suddenly|really|completely"
            r"|totally|now|also|simply|still|has|have)){0,2}\s+(?:won ?t|will not|wouldn ?t"
            r"|would not|doesn ?t|does not|don ?t|do not|isn ?t|is not|aren ?t|are not|not"
            r"|stopped|has stopped) (?:(?:work|mov|grip|open|clos|respond)\w*|do (?:what|it)"
            r"|do anything|doing anything|go where|take (?:my|his|her|their|the) weight)\b"
            + _NOT_A_SIGN,
            # Someone not moving or using an arm, a leg or one side ("he's not moving his left
            # arm"), who cannot use one ("she can't use her right hand"; not "I can't use my
            # hand for a week", the advice after a wrist procedure), has no strength in one,
            # has lost the use of one, or drags a leg.
            rf"\b{_PERSON}s? (?:is )?(?:just )?(?:not|isn ?t|stopped|has stopped|won ?t|will not)"
            r" (?:moving|using) (?:his|her|their) (?:left |right )?(?:arms?|hands?|legs?|side)\b"
            + _NOT_A_SIGN,
            rf"\b{_CANT} use (?:my|his|her|their) (?:left |right )?(?:arm|hand|leg)s?\b"
            + _NOT_A_SIGN
            + r"(?!\s+(?:to (?:lift|carry|push|pull|drive)|(?:while|with) the (?:band|bandage)"
            r"))\b",
            r"(?:\bno (?:strength|power|grip) in (?:my|his|her|their|the) (?:left |right )?"
            r"(?:arms?|hands?|legs?|side)\b"
            r"|\blost (?:all )?(?:the )?(?:use|strength|power|(?:feeling and )?movement|grip)"
            r" (?:of|in|down|on)\b(?:\s+\w+){0,3}?\s+(?:arms?|hands?|legs?|side)\b)"
            + _NOT_A_SIGN
            + r"|\b(?:my|his|her|their) grip (?:has |s )?(?:gone|went)\b",
            r"\bdragg\w* (?:my|his|her|their|one|a) (?:left |right )?(?:leg|foot)\b"
            r"|\b(?:leg|foot)s? (?:is |s |keeps )?(?:dragg|flopp)\w*",
            # half the body or the face numb, weak or not moving; one side that cannot move
            r"\bhalf (?:of )?(?:my|his|her|their|the) (?:body|face)\b(?:\s+\w+){0,3}?\s+"
            r"(?:numb\w*|weak\w*|dead|heavy|droop\w*|drop\w*|sag\w*|tingl\w*|gone|went"
            r"|(?:isn ?t|not|won ?t|stopped|can ?t) (?:mov|work)\w*)"
            rf"|\b{_CANT} move half (?:of )?(?:my|his|her|their) (?:body|face)\b",
            rf"\b{_CANT} (?:lift|raise) (?:my|his|her|their) (?:left |right )?legs?\b"
            + _NOT_A_SIGN,
        ),
    ),
    (
        STROKE,
        "sight",
        _any(
            r"\b(?:can ?t|cannot) see (?:properly|clearly|straight|out of one eye)\b"
            r"(?!(?:\s+\w+){0,6}?\s+(?:without|glasses|specs|spectacles|read\w*|cataract\w*"
            r"|leaflet|screen|print|writing|small|menu|tv|telly))",
            r"\bseeing (?:double|two of everything)\b(?!(?:\s+\w+){0,6}?\s+glasses)"
            r"|\bsudden\w*(?: \w+){0,3}? blurr?\w*(?: vision| sight)?\b"
            r"|\bblurr?\w*(?:\s+\w+){0,4}?\s+(?:sudden\w*|all of a sudden)"
            r"|\b(?:lost|losing) (?:part|some|half) of (?:my |his |her |the )?(?:sight|vision)\b",
        ),
    ),
    (
        BLEEDING,
        "site bleeding",
        _near(
            r"(?:bleed\w*|blead\w*|blo+d\w*|leak\w*|squirt\w*|gush\w*|spurt\w*|pouring)",
            _SITE,
            r"(?:\s+\w+){0,6}?\s+",
        ),
    ),
    (
        BLEEDING,
        "site bleeding",
        _any(
            r"\b(?:dressing|bandage|plaster|band)s?\b(?:\s+\w+){0,6}?\s+(?:soak\w*|bloody|blood\w*)\b"
            r"|\b(?:dressing|bandage|plaster)s? (?:is |are |has |have |s )?(?:gone |turned |all )?"
            r"red\b",
            r"\b(?:red|wet|bloody) (?:patch|stain|spot)\w*\b(?:\s+\w+){0,4}?\s+"
            r"(?:dressing|bandage|plaster|band|spread\w*|grow\w*)",
            r"\bsoaked (?:red|through)\b|\bwet patch\b|\bspurt\w*",
            # oozing, unless it is pus (a sign of infection: see a doctor) and no blood
            r"\booz\w*\b(?! (?:out )?(?:some |a bit of |a little )?(?:pus|yellow|green)\b"
            r"(?!.*\bblood))",
            r"\b(?:wounds?|holes?|incisions?|cuts?)\b(?:\s+\w+){0,6}?\s+(?:leak\w*|gaping|opened"
            r"|(?:has|is|s|come|came|split|burst|broken|gone) open)",
            r"\bha?ematoma",
        ),
    ),
    # Blood coming through (a towel, fingers, clothes), not "through in my pee" (serious
    # bleeding's) or "through my teeth"; "it" soaking through clothes or a dressing.
    (
        BLEEDING,
        "blood through",
        r"\b(?:blood|bloods)(?: is| s| has| keeps)? (?:soak\w*|seep\w*|com\w*|leak\w*)"
        r"(?: out)? through\b(?! (?:in |on )?(?:my |his |her |the )?(?:teeth|gums|urine|pee|wee"
        r"|stools?|poo|period|toilet)\b)"
        r"|\b(?:it|its)(?: is| s| has| keeps)? (?:soak\w*|seep\w*|leak\w*) through"
        rf" (?:my |his |her |their |the |your )?{_THROUGH}\b(?!.*\b(?:sweat|rain|water|tea"
        r"|coffee)\w*)"
        rf"|\b(?:blood|bloods)(?: is| s| has)? soak\w* (?:into )?(?:my |his |her |their |the )?"
        rf"{_THROUGH}\b"
        rf"|\b{_THROUGH}\b(?:\s+\w+){{0,2}}? soaked (?:in|with) blood\b",
    ),
    (
        BLEEDING,
        "growing swelling",
        _any(
            r"\b(?:swelling|lump|bump|bruise|swollen)\w*(?:\s+\w+){0,12}?\s+"
            r"(?:grow\w*|bigger|larger|spreading|expanding|swelling up|getting worse|increasing"
            r"|doubl\w*|getting big|massive|huge|twice the size)\b",
            r"\b(?:growing|expanding|spreading|huge|massive)(?: \w+)? (?:lump|swelling|bump"
            r"|bruise)",
            r"\bbig (?:swelling|lump)",
            # (one leg, not "my legs swell up in the evening"; not "on long flights"; "my arm's"
            # is "my arms" once normalised)
            r"\b(?:(?:groin|wrist|site|thigh|forearm|arm)s?|leg)\b(?:\s+\w+){0,5}?\s+"
            r"(?:(?:going|gonna|about) to burst|twice the size|double the size|swell\w* up"
            r"|swollen up|puff\w* up|balloon\w*|blown up|swelling where|come up like"
            r"|gone (?:massive|huge|hard)|came up like|golf ?ball"
            r"|swollen (?:all of a sudden|suddenly)"
            r"|(?:suddenly|all of a sudden) (?:\w+ )?(?:swollen|huge|massive|enormous))\b"
            r"(?!(?: \w+){0,6}? (?:evenings?|end of the day|flights?|fly|flying|plane|heat|hot"
            r" weather)\b)",
        ),
    ),
    (
        BLEEDING,
        "swollen site",
        # swelling where the tube went in: lie down, press on it and call (NHS leaflet)
        _any(
            rf"\b{_SWOLLEN_SITE}\b(?:\s+\w+){{0,6}}?\s+{_SWELLING}",
            rf"\b{_SWELLING}(?: (?:in|at|on|round|around|near|by))? (?:my |his |her |their |the )?"
            rf"{_SWOLLEN_SITE}\b",
        ),
    ),
    (
        SERIOUS_BLEEDING,
        "serious bleeding",
        _any(
            rf"\b(?:vom+it\w*|throw\w* up|threw up|being sick|been sick|{_SICK}|puk\w*|spit\w*"
            rf"|spat|{_COUGH}|bring\w* up|brought up|pass\w*|{_PEE}|{_POO})"
            r"(?:\s+\w+){0,4}?\s+(?:blood|bloody)\b",
            r"\b(?:blood|bloody)(?:\s+\w+){0,3}?\s+(?:vom+it\w*|sick|in (?:the |my |his |her )?"
            rf"(?:{_POO}|stools?|urin\w*|wee|pee|toilet|loo|vomit|sick|spit|phlegm|mucus|sputum"
            r"|mouth|water|motions?|bowel\w*|number twos))",
            r"\bblood (?:when|while|after) (?:i |he |she |they )?"
            r"(?:pee|wee|poo|wipe|pass|cough|spit|go to the toilet|went to the (?:toilet|loo))\w*"
            r"|\bmaroon (?:colou?red )?(?:blood|stools?|poo)",
            rf"\b(?:urin\w*|wee|pee|{_POO}|stools?|vomit|{_SICK}|phlegm)\b(?:\s+\w+){{0,3}}?\s+"
            r"blood\b",
            r"\btoilet\b(?:\s+\w+){0,3}?\s+(?:\w+ )?(?:red|blood\w*)\b|\bstill (?:pouring|gushing)",
            r"\bblood (?:from|out of) (?:my |his |her |the )?(?:nose|gums?|mouth|bottom|bum)",
            r"\bbleed\w* (?:from )?(?:my |his |her |the )?(?:nose|gums?|bottom|back passage"
            r"|rectum|bum)|\brectal bleed\w*",
            r"\bcut\b(?! (?:down|out|back))(?:\s+\w+){0,6}?\s+(?:bleed\w*|blood)",
            # a knock to the head on blood thinners can bleed inside
            r"\b(?:hit|banged|bumped|knocked|bashed|bang|bump|cracked|whacked|smacked|struck|thumped)"
            r" (?:my|his|her|their) head\b"
            r"|\bhead (?:injury|injuries|wound)\b",
            r"\bpass\w* (?:\w+ )?(?:black|tarry|bloody)\b",
            r"\bcoffee grounds?\b|\btarry\b|\blike tar\b"
            rf"|\b(?:vom+it\w*|{_SICK}|threw up|throw\w* up)(?:\s+\w+){{0,5}}?\s+"
            r"(?:like coffee\b|coffee (?:grounds?|colou?r\w*))",
            rf"\b(?:black|dark) (?:and \w+ )?(?:stools?|{_POO}|motions?|faeces|feces"
            r"|bowel movements?)",
            rf"\b(?:stools?|{_POO}|motions?|number twos)\b(?:\s+\w+){{0,3}}?\s+"
            r"(?:black|tarry|bloody|dark|red)\b",
            rf"\bbloody (?:stools?|{_POO}|diarrh\w*|phlegm|sputum|nose|urine|wee|pee)",
            r"\b(?:pink|red|brown|bloody|dark red|dark) (?:urin\w*|wee|pee)|\bpeeing red",
            rf"\b(?:urin\w*|{_PEE})\b(?:\s+\w+){{0,4}}?\s+(?:pink|red|brown|bloody|cola|tea)",
            r"\btea colou?red (?:urin\w*|wee|pee)",
            r"\bnose ?bleeds?\b|\bnoses?\b(?:\s+\w+){0,3}?\s+(?:bleed\w*|won ?t stop"
            # pouring or gushing, not with a cold ("my nose is pouring on my blood thinners")
            r"|(?:pouring|gushing)\b(?! (?:with|from|because of) (?:a |my |the )?(?:cold|flu|snot"
            r"|hay ?fever|catarrh)))"
            r"|\bblow\w* (?:my |his |her )?nose\b(?:\s+\w+){0,3}?\s+blood",
            r"\bgums?\b(?:\s+\w+){0,2}?\s+bleed\w*|\bbleed\w* gums?",
            rf"\bbleed\w*(?:\s+\w+){{0,3}}?\s+{_STOP} stop|\b{_STOP} stop (?:the )?bleed\w*",
            r"\b(?:heavy|heavily|severe|lots of|a lot of) (?:bleed\w*|blood)"
            r"|\bbleed\w* (?:heavily|badly|a lot)",
            r"\bpouring (?:with )?blood|\bblood (?:is )?pouring",
            r"\b(?:very|extremely|really|so) heavy (?:periods?|bleed\w*)"
            r"|\bperiods?\b(?:\s+\w+){0,3}?\s+(?:very|extremely|really|so) heavy"
            r"|\bsoak\w* (?:a |through (?:a )?)?(?:pads?|tampons?)",
        ),
    ),
    (
        BREATHING,
        "breathing",
        _any(
            # (only breathing: "can hardly talk" is no stroke beside "not breathing properly")
            rf"\b(?:{_CANT}|(?:can|could) (?:hardly|scarcely|barely)|struggl\w* (?:\w+ )?to|hard to"
            r"|trouble|difficulty|problems?) "
            r"(?:breathe?|breathing|breeve|catch (?:my|me|his|her|their) breath"
            r"|get (?:my|me|his|her|their|any|enough) (?:breath|air)|get air)",
            r"\bbreathing (?:problems?|difficult\w*|trouble)\b",
            r"\bshort(?:ness)? of breathe?\b|\bout of breath\b|\bbreathles\w*|\bgasp\w*",
            r"\bstruggl\w* for (?:breath|air)|\bfighting for (?:breath|air)",
            # choking now, not "I choked on my tea earlier", "a choking hazard", "choked up" (a
            # blind red team's, 2026-11-27)
            r"(?<!of )(?<!about )(?<!nearly )\bchoking\b(?! (?:hazard|back)\b)(?! up\b(?! blood))"
            # choked and now silent, or unable to cough ("he choked on his dinner and now he's
            # gone quiet")
            r"|\b(?:chok\w*(?! up\b)|coughing on (?:his|her|my|their|the) food)(?:\s+\w+){0,14}?\s+"
            r"(?:(?:gone|went|going|is|s|now|hes|shes|theyre) (?:all )?(?:quiet|silent|limp|floppy)"
            r"|(?:can ?t|cannot|not|isn ?t|is not|stopped) (?:cough|mak(?:e|ing) (?:a|any)"
            r" (?:sound|noise)))\b"
            r"|\bclutch\w* (?:at )?(?:his|her|their|my) throat\b(?! (?:laughing|with laughter))"
            r"|\bstuck\b(?:\s+\w+){0,6}?\s+(?:can ?t|cannot|not able to|not|isn ?t|is not)"
            r" (?:cough|breathe|talk|speak|mak(?:e|ing) (?:a|any) (?:sound|noise))\b"
            # someone blue (not "blue for the match", "blue in the face from shouting")
            # (a hand, foot or finger gone blue is the limb's)
            rf"|(?:\b{_SOMEONE}(?:\s+(?!(?:finger|toe|foot|feet|hand|arm|leg|wrist|ankle|nail)\w*\b)"
            r"\w+){0,2}?\s+(?:has |have |ve |s )?(?:turned|turning|gone"
            rf"|going|went)|\b{_SOMEONE} (?:is|s|are|looks?|looking)|\b(?:hes|shes|theyre|im))"
            r" (?:all |a bit |very )?blue\b(?! (?:for|in the face)\b)"
            r"|\bblue (?:around|round) (?:the|his|her|my) (?:mouth|lips)",
            # struggling now, puffed out at rest ("I'm on Brilinta and I'm struggling right now")
            r"\bstruggling (?:(?:right )?now|so much|really badly|badly)(?: please| help(?: me)?"
            r"| what do i do| what should i do)*\s*$"
            r"|\bpuffed out (?:just )?(?:sitting|resting|at rest|lying|doing nothing)"
            r"|\bthroat\b(?:\s+\w+){0,2}?\s+(?:closing|swelling|tightening) up\b",
            r"\bnot breathing\b|\bstopped breathing\b|\bbreath is short\b",
            r"\bbreathing (?:is |has )?(?:very |really |so )?"
            r"(?:bad|difficult|hard|laboured|labored|noisy|fast|shallow|stopped|heavily|funny"
            r"|weird|strange)",
            r"\bsuffocat\w*|\bhyperventilat\w*|\bwheez\w* (?:badly|a lot|really)|\bdrowning\b"
            r"|\bno (?:breath|puff)\b|\bshort of puff\b"
            r"|\blips?\b(?:\s+\w+){0,3}?\s+(?:blue|bluish)\b",
        ),
    ),
    (
        BREATHING,
        "fainting",
        _any(
            r"\bfaint\w*|\bfeint\w*|\bcol+a(?:ps|sp)\w*|\buncon(?:sc|cs|c|s)ious\b|\bunresponsive\b"
            r"|\bkeel\w* over\b|\bwon ?t wake\b|\bswoon\w*",
            r"\bpass(?:ed|ing|es)? out\b|\bblack(?:ed|s|ing)? out\b|\bblackouts?\b",
            r"\blost consciousness\b|\bnot responding\b|\bnot responsive\b"
            # someone's pulse, not one in a wrist or foot (the limb's: "no pulse in my foot"), nor
            # a gadget's ("no pulse detected", "a pulse oximeter")
            r"|\bno pulse\b(?! (?:(?:in|at|on) (?:my|his|her|their|the) (?:wrist|foot|feet|arm|leg"
            r"|ankle|hand)|detected|reading|check|oximeter)\b)"
            r"|\b(?:can ?t|cannot|couldn ?t|could not|trying to) (?:find|feel|get)"
            r" (?:(?:my|our|the) )?\w+ pulse\b(?! (?:reading|rate|oximeter|check)\w*\b)"
            r"(?! (?:in|on|at) (?:my|his|her|their|the) (?:wrist|foot|feet|arm|leg|ankle|hand"
            r"|baby doll|doll|dummy)\b)"
            r"|\b(?:his|her|their|my) (?:pulse|heart) (?:has |s )?stopped\b|\bstopped beating\b"
            r"|\b(?:can ?t|cannot) hear (?:his|her|their) heart ?beat\b|\bno heart ?beat\b"
            r"|\bwent limp\b|\bout cold\b|\bconked out\b"
            r"|\bdropped to the floor\b|\bfunny (?:turn|do|spell)\b"
            # someone, not a part of them: an arm that isn't moving is the stroke's
            r"|\b(?<!arm )(?<!arms )(?<!leg )(?<!legs )(?<!hand )(?<!hands )(?<!face )(?<!wrist )"
            r"isn ?t moving\b",
            r"\b(?:gone|went|going|goes|is|s) (?:all )?(?:floppy|limp)\b|\bout for the count\b"
            r"|\bcame over (?:all )?(?:funny|faint|queer|strange|weird|dizzy)\b"
            r"|\b(?:ended up|found (?:him|her|them)|lying|collapsed) on the floor\b"
            r"|\beverything (?:went|goes|going|is going) (?:black|dark)\b",
            # someone who does not answer or wake ("he's not answering me")
            r"\b(?:he|she|they|hes|shes|theyre|him|her)\b(?:\s+\w+){0,10}?\s+(?:won ?t|will not"
            r"|not|isn ?t|is not|doesn ?t|does not) (?:answer\w*|respond\w*|react\w*|wak\w*)\b"
            + _TO_TREATMENT
            + r"|\b(?:can ?t|cannot) (?:rouse|wake|get (?:him|her|them) to wake)\b",
            # fell and now not talking ("mum fell over and isn't talking")
            rf"\b{_FELL}\b(?:\s+\w+){{0,10}}?\s+"
            r"(?:isn ?t|is not|not|won ?t|will not|can ?t|cannot|stopped|hasn ?t|has not)"
            r" (?:been )?(?:talk\w*|speak\w*|say (?:a word|anything)|said (?:a word|anything)"
            r"|saying (?:a word|anything)"
            r"|making (?:any )?sense|react\w*|answer\w*)\b"
            rf"|\b{_FELL}\b(?:\s+\w+){{0,10}}?\s+"
            r"(?:(?:not|no) (?:proper|real) words|mumbl\w*|staring|making no sense"
            r"|saying the same (?:word|thing) over)\b",
            r"\b(?:giddy|dizzy|faint|light ?headed)\b(?:\s+\w+){0,4}?\s+(?:fell|fall\w*|went down"
            r"|go down|hit the floor)\b",
        ),
    ),
    # Someone hard to wake beside drowsiness or confusion, or on the floor and not answering
    # ("mum's very drowsy and confused and hard to wake up", "my dad's on the floor and not
    # answering me"), as the fainting's, but its own kind, so that text without those words is
    # not searched with it (see _NEEDS).
    (
        BREATHING,
        ROUSE_KIND,
        _any(
            rf"\b{_PERSON}s?\b(?:\s+\w+){{0,3}}?\s+(?:(?:drowsy|confused|floppy|limp|grey"
            r"|gray)\b(?:\s+\w+){0,4}?\s+(?:hard|difficult|impossible) to (?:wake|rouse)\b"
            r"|(?:hard|difficult|impossible) to (?:wake|rouse)\b(?:\s+\w+){0,4}?\s+(?:drowsy"
            r"|confused|floppy|limp))"
            r"(?!.*\b(?:before noon|mornings?|weekends?|feeds?|vet)\b)",
            rf"\b{_PERSON}s?\b(?: (?:is|s))? (?:on the (?:floor|ground)|slumped\w*)"
            r"(?: \w+){0,3}? (?:and )?(?:not|isn ?t|is not|won ?t|will not)"
            r" (?:answer|respond|wak)\w*\b"
            r"(?! (?:(?:the|his|her|their|my) )?(?:calls?|phones?|texts?|door)\b)",
        ),
    ),
    # Someone who does not move or get up ("my dad fell and he's not getting up", "mum's lying
    # there not moving"), as the fainting's, but its own kind, so that text without those
    # words is not searched with it (see _NEEDS).
    (
        BREATHING,
        NOT_MOVING_KIND,
        _any(
            rf"\b(?:{_PERSON}s?(?: is| are| s| re)?|and (?:is|s)|fell(?: over| down)?|floor"
            r"|floor and|ground|there) (?:still |just )?(?:lying (?:there |on the floor )?)?"
            r"not (?:moving|getting up)\b"
            # ...not "not moving much / fast / house / back to India / off the sofa / yet"
            r"(?! (?:much|far|very|well|house|home|in|out|to|around|about|back (?:to|home)"
            r"|jobs?|off the (?:sofa|couch|settee)|on (?!the floor)|for (?:now|a while|the moment)"
            r"|yet|as"
            r"|early|late|till|until|before|at night|his|her|their|my|the|tomorrow|too|forward"
            r"|watching|and (?:going|about|dressed))\b)",
            # ...or has not moved, or cannot get up, since a fall
            rf"\b{_PERSON}s? (?:hasn ?t|hasnt|has not) (?:moved|got up|woken(?: up)?)"
            r"(?=$| (?:since|for|and|or|but|at all|after)\b)"
            r"|\b(?:fell|fallen|collapsed)(?: over| down)? and (?:he |she |they )?(?:can ?t|cannot"
            r"|couldn ?t|won ?t|can not) (?:get up|move)\b",
        ),
    ),
    # Someone who does not respond ("my mum isn't responding"), not an app or a tablet.
    (
        BREATHING,
        "not responding",
        rf"\b{_PERSON}\b(?:\s+\w+){{0,7}}?\s+(?:isn ?t|is not|s not|aren ?t|are not"
        r"|wasn ?t|was not|stopped|won ?t|will not|doesn ?t|does not) (?:respond|react)\w*\b"
        + _TO_TREATMENT
        + r"|\b(?:can ?t|cannot|couldn ?t) get (?:any |a )?response\b",
    ),
    (LIMB, "limb", _near(_LIMB, _LIMB_SIGN, r"(?:\s+\w+){0,9}?\s+")),
    # A heart attack's signs without pain (AHA: a cold sweat, nausea, light-headedness; a grey
    # colour): call now and rest, not chest pain's nitrate, which is for pain and can make
    # dizziness worse. After the other red flags: "vomiting blood and sweating" is serious
    # bleeding's, "grey and not responding" fainting's, "a cold, pale leg" the limb's.
    (
        HEART_SIGNS,
        _SIGNS_WITHOUT_PAIN,
        _any(
            r"\bcold sweat\w*|\bclammy\b",
            # a sweat with sickness
            rf"\b{_SWEAT}\b(?:\s+\w+){{0,8}}?\s+{_NAUSEA}\b"
            rf"|\b{_NAUSEA}\b(?:\s+\w+){{0,8}}?\s+{_SWEAT}\b",
            # a grey face and feeling awful ("my dad looks ashen and says he feels awful")
            rf"\b(?:grey|gray|ashen|deathly pale|{_DRAINED})\b(?:\s+\w+){{0,8}}?\s+{_FEELS_AWFUL}"
            rf"|{_FEELS_AWFUL}(?:\s+\w+){{0,8}}?\s+(?:grey|gray|ashen|deathly pale|{_DRAINED})\b",
            # a sweat and feeling awful now ("she's sweating and says she feels really ill"),
            # not with a named cause ("...with this flu") or in the past ("I felt terrible")
            rf"\b{_SWEATING_NOW}\b{_NO_CAUSE}(?:\s+\w+){{0,6}}?\s+{_FEELS_AWFUL_NOW}{_NO_CAUSE}"
            rf"|{_FEELS_AWFUL_NOW}(?:\s+\w+){{0,6}}?\s+{_SWEATING_NOW}\b{_NO_CAUSE}",
            # sudden exhaustion, or a sense of doom, with a sweat or sickness
            rf"\b{_EXHAUSTED}\b(?:\s+\w+){{0,12}}?\s+(?:{_SWEATING_NOW}|{_NAUSEA})\b"
            rf"|\b(?:{_SWEATING_NOW}|{_NAUSEA})\b(?:\s+\w+){{0,12}}?\s+{_EXHAUSTED}",
            rf"\b{_DOOM}\b(?:\s+\w+){{0,12}}?\s+(?:{_SWEATING_NOW}|{_NAUSEA}|{_SHAKING})\b"
            rf"|\b(?:{_SWEATING_NOW}|{_NAUSEA}|{_SHAKING})\b(?:\s+\w+){{0,12}}?\s+{_DOOM}",
            rf"\b{_ASHEN}\b(?:\s+\w+){{0,8}}?\s+(?:{_SWEAT}|{_NAUSEA})\b"
            rf"|\b(?:{_SWEAT}|{_NAUSEA})\b(?:\s+\w+){{0,8}}?\s+{_ASHEN}\b",
            # light-headedness with a sweat or sickness (AHA's signs, all three)
            rf"\b{_DIZZY}\b(?:\s+\w+){{0,6}}?\s+(?:{_SWEAT}|{_NAUSEA})\b"
            rf"|\b(?:{_SWEAT}|{_NAUSEA})\b(?:\s+\w+){{0,6}}?\s+{_DIZZY}\b",
            # ...or with a grey face ("he's grey and dizzy"; not "pale", as from standing up)
            rf"\b(?:grey|gray|ashen)\b(?:\s+\w+){{0,4}}?\s+{_DIZZY}\b"
            rf"|\b{_DIZZY}\b(?:\s+\w+){{0,4}}?\s+(?:grey|gray|ashen)\b",
        ),
    ),
    # Weaker signs, tried after the other red flags: "my wrist is bleeding and my heart is
    # pounding" needs the bleeding instruction, and "my leg is cold and the pain is back" the
    # limb's, not "take your aspirin".
    (CHEST_PAIN, "heart beat", _HEART_BEAT),
    # Someone who says they are in pain now ("no, I'm in pain", "he's in a lot of pain"): the
    # instruction is for pain. Not "will I be in pain?", which asks about the procedure. A weak
    # sign, after the other red flags: "I'm in agony and I can't breathe" needs breathing's.
    (
        CHEST_PAIN,
        "in pain",
        r"(?<!if )(?<!when )(?<!not )(?<!never )\b(?:i m|im|i am|i ve been|ive been|he s|hes"
        r"|she s|shes|he is|she is|they re|theyre|he has been|she has been|hes been|shes been"
        r"|still|my (?:\w+ )?(?:is|has been|s)|my \w+s) (?:really |still )?in (?:a lot of "
        r"|so much |lots of |terrible |real |bad |severe |some |agony|such )?(?:pain|agony)\b"
        # ...unless it is a named, long-standing pain ("in pain with my knee", "from gout")
        r"(?! (?:with|from|in) (?:my |his |her |the |an? )?(?:old |bad |sore |arthritic )?"
        r"(?:back|knees?|hips?|teeth|tooth\w*|gout|bunions?|feet|foot|toes?|piles"
        r"|ha?emorrhoids|arthritis|hip operation|knee replacement)\b)",
    ),
    # ...or that they have pain now, said first ("I have pain", "he's got some tightness, can he
    # drive?", "mum's still got pain and..."), with nothing after it that makes it another
    # pain or a question about one: not "will I have pain?", "if I have pain", "I have pain
    # when I swallow", "pain in my knee", "pain tablets", "discomfort from the cannula".
    (CHEST_PAIN, HAS_PAIN_KIND, _HAS_PAIN),
    (
        CHEST_PAIN,
        "pain returning",
        (
            r"\bpain(?:s|ful)?\b(?:\s+\w+){0,6}?\s+(?:again|back|returned|returning|before"
            r"|last time)\b"
            r"|\b(?:again|returned|returning)(?:\s+\w+){0,3}?\s+pains?\b"
        ),
    ),
    (
        CHEST_PAIN,
        "pain persists",
        (rf"\bpains?\s+{_STOP}\s+(?:go|ease|stop|easing|going)\w*"),
    ),
    (
        BLEEDING,
        "bleeding",
        r"\bbleed\w*|\bblead\w*|\bbleet\w*|\bhaemorrhag\w*|\bhemorrhag\w*|\bblood (?:is )?drip\w*"
        r"|\bblood (?:\w+ )?(?:everywhere|all over)\b|\bpools? of (?:\w+ ){0,2}?blood\b"
        r"|\blying in (?:\w+ ){0,2}?blood\b",
    ),
    (
        CHEST_PAIN,
        "emergency",
        r"\bemergenc\w*|\bambulance\w*|\bambos?\b|\bparamedic\w*|\ba (?:and |n )?e\b|\bdying\b",
    ),
    (
        CHEST_PAIN,
        "emergency number",
        _any(
            rf"\b(?:call|ring|dial|phone|need|get|want|send for|fetch)\w*\s+(?:\w+\s+)?{_NUMBER}\b",
            # The number said on its own, as a recogniser writes it ("911", "i need 999 now").
            rf"^(?:(?:please|i|we|need|want|get|me|us|an?|the|to|someone|somebody|just|now|help"
            rf"|quick|quickly)\s+){{0,4}}{_NUMBER}(?:\s+(?:please|now|quick|quickly|help|me|us"
            rf"|for me|for us|right now|urgently))*$",
        ),
    ),
)


# A sweat, sickness or a grey colour, in every way the heart attack signs' patterns say them.
_SIGN_WORDS = (
    "sweat",
    "clammy",
    "sick",
    "naus",
    "nase",
    "vomit",
    "puk",
    "retch",
    "swet",
    "sweeting",
    "clamy",
    "queasy",
    "throw",
    "threw",
    "grey",
    "gray",
    "ashen",
    "pale",
    "white",
    "drained",
    "colou",
    "color",
    "shak",
    "trembl",
    "drench",
    "wringing",
)
# Words without one of which a trigger cannot match, by its kind: a text without any is not
# searched with it (a search costs 5 to 12 us; most texts hold none of these words). Each
# pattern's every alternative holds one of its words (tests/test_emergency.py checks them).
_NEEDS: dict[str, tuple[str, ...]] = {
    "heart attack signs": ("sitting on", "heart", "die", "indigestion", *_SIGN_WORDS),
    _SIGNS_WITHOUT_PAIN: _SIGN_WORDS,
    "heart beat": ("heart", "palpitat", "beat", "pulse"),
    "stent blocked": ("stent", "arter"),
    "in pain": ("pain", "agony"),
    HAS_PAIN_KIND: ("pain", "tightness", "discomfort"),
    ROUSE_KIND: ("wake", "rouse", "answer", "respond"),
    NOT_MOVING_KIND: ("moving", "getting up", "moved", "got up", "woken", "get up", "move"),
    "blood through": ("through", "soak"),
    "one side": ("side", "leg", "arm", "hand", "foot", "finger", "half", "grip"),
    SPEECH_KIND: ("understand", "follow", "words"),
    BALANCE_KIND: (
        "balance",
        "stagger",
        "lurch",
        "stumbl",
        "veer",
        "sway",
        "tipping",
        "walk",
        "stand",
        "floor",
        "ground",
        "step",
        "weight",
        "upright",
        "leg",
        "knee",
        "wobbl",
        "toppl",
        "fall",
        "foot",
        "buckl",
        "gave way",
        "given way",
        "from under",
        "unsteady",
        "pulling",
        "leaning",
        "drifting",
        "drunk",
    ),
    "sight": ("see", "sight", "vision", "blur"),
    "not responding": ("respon", "react"),
}


# Someone speaking about another person: a caregiver ("my husband is clutching his chest").
_SOMEONE_ELSE = re.compile(
    r"\b(?:(?:my|our|a|the) (?:husband|wife|partner|mum|mom|mother|mam|dad|father|son|daughter"
    r"|child|kid|brother|sister|grandad|granddad|grandpa|grandma|granny|grandmother|grandfather"
    r"|friend|neighbou?r|boyfriend|girlfriend|fiance|fiancee|uncle|aunt|auntie|patient"
    r"|colleague|hubby|missus)s?"
    r"|he|she|hes|shes|him|his|her|they|them|their|they re|theyre|dad s|mum s|mom s)\b"
)


# Places bleeding can come from other than where the tube went in (the serious-bleeding
# instruction's): "it won't stop bleeding, I've called an ambulance" names none of them.
_BLEEDING_ELSEWHERE = re.compile(
    r"\b(?:nose|noses|nosebleeds?|gums?|mouth|vomit\w*|sick|throw\w* up|threw up|urin\w*|wee"
    r"|pee\w*|poo\w*|stools?|motions?|bottom|bum|rect\w*|back passage|cough\w*|spit\w*"
    r"|sputum|phlegm|toilet|loo|periods?|pads?|tampons?|vagina\w*|head|face|lips?|tongue|teeth"
    r"|tooth|ears?|eyes?|fingers?|thumbs?|hands?|feet|foot|toes?|knees?|ulcers?|skin|scalp"
    r"|cut|cuts|graze\w*|scratch\w*|shaving)\b"
)


def bleeding_elsewhere(normalised: str) -> bool:
    """Whether normalised text names a place of bleeding other than the tube's way in."""
    return _BLEEDING_ELSEWHERE.search(normalised) is not None


def about_someone_else(normalised: str) -> bool:
    """Whether normalised text speaks of another person, as a caregiver does."""
    return _SOMEONE_ELSE.search(normalised) is not None


@dataclass(frozen=True)
class EmergencyMatch:
    """Which instruction an utterance needs (its intent), and why (for logs and tests)."""

    intent: str
    kind: str
    phrase: str


def detect(text: str | None) -> EmergencyMatch | None:
    """Return which emergency instruction `text` needs, or None when it needs none."""
    if not text:
        return None
    return detect_normalised(normalise(text))


@dataclass(frozen=True)
class _Patterns:
    eased: re.Pattern[str]
    came_round: re.Pattern[str]
    goes_on: re.Pattern[str]
    plea: re.Pattern[str]
    another_ache: re.Pattern[str]
    benign: re.Pattern[str]
    side_effect_bleeding: re.Pattern[str]
    # (a word the text must hold, the whole-text shape with the words it sets aside as "said",
    # what answers it: see _ASKED_ABOUT)
    asked_about: tuple[tuple[str, re.Pattern[str], str | None], ...]
    procedure_pain: re.Pattern[str]
    pain_afterwards: re.Pattern[str]
    denies_pain: re.Pattern[str]
    pain: re.Pattern[str]
    signs_without_pain: re.Pattern[str]
    # (intent, kind, pattern, any of the words it needs: see _NEEDS; None needs none)
    triggers: tuple[tuple[str, str, re.Pattern[str], re.Pattern[str] | None], ...]


@cache
def _compiled() -> _Patterns:
    """The patterns, compiled on first use: a channel that never sees text (an Alexa intent
    request) never pays for them, which keeps a Lambda cold start short."""
    triggers = tuple(
        (intent, kind, re.compile(pattern), _needs(kind)) for intent, kind, pattern in _TRIGGERS
    )
    return _Patterns(
        eased=re.compile(_EASED),
        came_round=re.compile(_CAME_ROUND),
        goes_on=re.compile(_GOES_ON),
        plea=re.compile(_PLEA),
        another_ache=re.compile(_ANOTHER_ACHE),
        benign=re.compile(_BENIGN),
        side_effect_bleeding=re.compile(_SIDE_EFFECT_BLEEDING),
        asked_about=tuple(
            (word, re.compile(shape), answer) for word, shape, answer in _ASKED_ABOUT
        ),
        procedure_pain=re.compile(_PROCEDURE_PAIN),
        pain_afterwards=re.compile(_PAIN_AFTERWARDS),
        denies_pain=re.compile(_DENIES_PAIN),
        pain=re.compile(rf"\b{_PAIN}\b"),
        signs_without_pain=next(p for _, kind, p, _ in triggers if kind == _SIGNS_WITHOUT_PAIN),
        triggers=triggers,
    )


def _needs(kind: str) -> re.Pattern[str] | None:
    """One pattern for the words a trigger needs (any of them, anywhere), or None."""
    words = _NEEDS.get(kind)
    return re.compile("|".join(map(re.escape, words))) if words else None


def strip_benign(normalised: str) -> str:
    """Blank out phrases whose trigger-like word means something else ("chest of drawers"),
    the whole of a question about the bleeding a side effect explains, or about whether the
    procedure hurts, and the words one of _ASKED_ABOUT's questions asks about (a heart attack
    in the past, angina, a stroke as a risk, breathlessness, dizziness and when to call...)."""
    patterns = _compiled()
    if asks_about_side_effect_bleeding(normalised):
        return " "
    if asks_about_pain(normalised):
        return " "
    asked = asked_about(normalised)
    if asked is not None:
        normalised = asked.rest
    return patterns.benign.sub(" ", normalised)


@dataclass(frozen=True)
class AskedAbout:
    """A whole text that is one of _ASKED_ABOUT's questions: what answers it (a topic,
    THE_QUESTION_AFTER or None, as its shape says), and the text without the words asked about
    ("i how long before i can fly" for "I had a heart attack and a stent, how long before I
    can fly")."""

    answer: str | None
    rest: str


def asked_about(normalised: str) -> AskedAbout | None:
    """The first of _ASKED_ABOUT's shapes that the whole of normalised text is, or None."""
    for word, shape, answer in _compiled().asked_about:
        found = shape.match(normalised) if word in normalised else None
        if found:
            rest = f"{normalised[: found.start('said')]} {normalised[found.end('said') :]}"
            return AskedAbout(answer, rest.strip())
    return None


def asks_about_side_effect_bleeding(normalised: str) -> bool:
    """Whether the whole text asks about the bleeding the medicines' side effects list ("does
    clopidogrel cause nosebleeds?", "can ecosprin cause nose bleeds?"): the side effects'
    question, whatever names it uses for the medicine."""
    return "bleed" in normalised and bool(_compiled().side_effect_bleeding.match(normalised))


def asks_if_the_procedure_hurts(normalised: str) -> bool:
    """Whether the whole text is a question about pain during the procedure or its pain relief
    ("will it hurt?", "is angioplasty painful?", "will they give me painkillers?"): no red
    flag, and a topic answers it (nor is it a question about painkillers the content lacks)."""
    return ("pain" in normalised or "hurt" in normalised) and bool(
        _compiled().procedure_pain.match(normalised)
    )


def asks_about_pain(normalised: str) -> bool:
    """Whether the whole text is one of the quiet questions about pain: during the procedure,
    its pain relief, or after it (`asks_if_the_procedure_hurts`, `asks_about_pain_afterwards`)."""
    return asks_if_the_procedure_hurts(normalised) or asks_about_pain_afterwards(normalised)


def asks_about_pain_afterwards(normalised: str) -> bool:
    """Whether the whole text asks if there is pain after the procedure ("will I have pain
    afterwards?", "will it hurt after the stent?"): no red flag, and the wound's topic answers
    it."""
    return any(word in normalised for word in ("pain", "hurt", "sore", "discomfort")) and bool(
        _compiled().pain_afterwards.match(normalised)
    )


def another_ache_follows(normalised: str) -> bool:
    """Whether text said straight after "I have pain" makes it another pain, at the site or
    from a named cause ("and bruising in my groin", "and it's just the bruise")."""
    return _compiled().another_ache.match(" " + normalised) is not None


def says_it_eased(normalised: str) -> bool:
    """Whether the whole text says the symptom has gone or eased ("the pain has gone", "I'm
    fine now"): no red flag, and after the chest-pain instruction the news it waited for."""
    return normalised.count(" ") < _MAX_EASED_WORDS and bool(_compiled().eased.match(normalised))


def says_they_came_round(normalised: str) -> bool:
    """Whether the whole text says someone came through it ("he's breathing again", "she's
    come round", "it's stopped bleeding"): after an instruction, not a new red flag."""
    return normalised.count(" ") < _MAX_EASED_WORDS and bool(
        _compiled().came_round.match(normalised)
    )


def says_it_goes_on(normalised: str) -> bool:
    """Whether the whole text says that what was just heard about goes on, is back or is
    worse, without naming it ("it won't stop", "it's back", "still going", "it's getting
    worse"): not "it's back to normal", not "my back hurts"."""
    return normalised.count(" ") < _MAX_GOES_ON_WORDS and bool(
        _compiled().goes_on.match(normalised)
    )


def pleads_for_help(normalised: str) -> bool:
    """Whether the whole text pleads for help now ("help me", "what should I do?", "I don't
    know what to do", "get me a doctor"): not "help" alone, which asks what the guide can do."""
    return normalised.count(" ") < _MAX_PLEA_WORDS and bool(_compiled().plea.match(normalised))


def detect_normalised(normalised: str) -> EmergencyMatch | None:
    """`detect` for text already passed through `intents.text.normalise`."""
    if not normalised:
        return None
    cleaned = strip_benign(normalised)
    for intent, kind, pattern, needs in _compiled().triggers:
        if needs is not None and needs.search(cleaned) is None:
            continue
        found = pattern.search(cleaned)
        if found:
            match = EmergencyMatch(intent=intent, kind=kind, phrase=found.group(0).strip())
            return _without_pain(cleaned, match) if intent == CHEST_PAIN else match
    return None


# "I'm going to call 999 now", "ok I'll ring for an ambulance, bye", "calling them now": the
# whole text says the speaker is calling for help now. Not a question ("should I call 999?",
# "calling 999?"), not for later ("...if it gets worse"), not asking us to ("call 999"), not
# "calling for help" (which may be calling us), not with more news ("..., my husband
# collapsed").
_AS_WELL = (
    r"(?:ok|okay|okey dokey|right|righto|alright|allright|yes|yeah|yep|sure|will do|no worries"
    r"|thanks|thank you|cheers|then|so|oh|um|er|well|bye|goodbye|now"
    r"|straight away|right away|immediately|so much|very much|for (?:your|the|all your) help)"
)
# ...and after it, a tag or a thanks: "Yes, call 999 now" answers "I'll call them, right?" too.
_AFTER = (
    r"(?:thanks|thank you|cheers|ta|then|bye|goodbye|now|right now|straight away|right away"
    r"|immediately|so much|very much|for (?:your|the|all your) help|yes|yeah|yep|so|mate|ok"
    r"|okay|right|alright|all right|sure|no worries|love)"
)
# Only a short text can be this; a longer one is not tried at all.
_MAX_CALLING_WORDS = 24
# Who calls, or that they are about to: "I'll", "we're going to", "let me", "gonna".
_SUBJECT = r"(?:ill|i will|im|i am|well|we will|were|we are|let me|lets|let us)"
_GOING = r"(?:going to|gonna|about to)"
_WHO_CALLS = rf"(?:{_SUBJECT}\s+(?:now\s+)?(?:{_GOING}\s+)?|{_GOING}\s+)"
_HANG_UP = r"(?:(?:hang|hanging) up(?: now)? (?:and|to)\s+|go (?:and\s+)?)"
_CALL = r"(?:call|calling|ring|ringing|phone|phoning|dial|dialling|dialing)"
_CALLING = r"(?:calling|ringing|phoning|dialling|dialing)"
_WHOM = (
    rf"(?:(?:for|to)\s+)?(?:an?\s+|the\s+)?(?:ambulance|paramedics|emergency services"
    rf"|emergency number|emergency|them(?: up)?|em|ambos?|ems|{_NUMBER}|triple (?:oh|o))"
)
_AMBULANCE = r"(?:an?\s+|the\s+)?(?:ambulance|paramedics|ambos?)"
_CALLING_NOW = re.compile(
    rf"(?:{_AS_WELL}\s+)*(?:"
    # someone calls, or is going to: "I'll call 999", "going to ring them", "let me call"
    rf"{_WHO_CALLS}{_HANG_UP}?{_CALL}(?:\s+{_WHOM})?"
    # hanging up to call, or calling someone now: "hanging up to call 999", "calling them now"
    rf"|{_HANG_UP}{_CALL}(?:\s+{_WHOM})?|{_CALLING}\s+(?:{_WHOM}|now)"
    # "I'll get an ambulance", "I'll give them a ring"
    rf"|{_WHO_CALLS}(?:get|getting)\s+{_AMBULANCE}"
    rf"|{_WHO_CALLS}give (?:them|em|{_AMBULANCE}|{_NUMBER}) a (?:ring|call|bell)"
    rf")(?:\s+{_AFTER})*"
)
_SAID_NUMBER = re.compile(rf"\b(?:{_NUMBER}|triple (?:oh|o))\b")
_NUMBER_WORDS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "one": "1",
    "two": "2",
    "eight": "8",
    "nine": "9",
}


# A tag that asks only to be told yes ("I'll call them, right?"), at the very end.
_TAG_QUESTION = re.compile(
    # (a run of spaces and commas is tried from its start only: one way to match)
    r"(?<![\s,])[\s,]+(?:right|ok|okay|yeah|yes|yep|sure|alright|all right|correct"
    r"|is that (?:right|ok|okay|alright|all right|correct))"
    r"\s*\?+\s*$",
    re.IGNORECASE,
)


def calling_now(text: str) -> str | None:
    """Whether the whole text says the speaker is calling for help now (see _CALLING_NOW):
    None if not, else the number they name ("999", from "triple nine" too), or "" for none.
    A question is not ("calling 999?"), except a tag asking to be told yes ("..., right?")."""
    text = _TAG_QUESTION.sub("", text)
    if "?" in text:
        return None
    normalised = normalise(text)
    if normalised.count(" ") >= _MAX_CALLING_WORDS or _CALLING_NOW.fullmatch(normalised) is None:
        return None
    said = _SAID_NUMBER.search(normalised)
    return _digits(said.group(0)) if said else ""


def _digits(number: str) -> str:
    """A number as said ("nine one one", "triple zero", "9 9 9") in digits."""
    words = number.replace("eleven", "one one").split()
    if words[0] == "triple":
        return _NUMBER_WORDS.get(words[1], words[1]) * 3
    return "".join(_NUMBER_WORDS.get(word, word) for word in words)


def says_pain(normalised: str) -> bool:
    """Whether text says something hurts ("it's killing me", "it burns", "the pain is back"),
    and does not deny it ("no pain", "it doesn't hurt")."""
    return _compiled().pain.search(normalised) is not None and not denies_pain(normalised)


def denies_pain(normalised: str) -> bool:
    """Whether text says there is no pain ("no chest pain", "it doesn't hurt")."""
    return _compiled().denies_pain.search(normalised) is not None


def _without_pain(cleaned: str, match: EmergencyMatch) -> EmergencyMatch:
    """Chest pain's match, unless the text also says a heart attack's signs and that there is
    no pain ("a cold sweat but no chest pain"): then those signs' own red flag, whose
    instruction has no nitrate. Other denials stay chest pain's (recall first)."""
    if not denies_pain(cleaned):
        return match
    found = _compiled().signs_without_pain.search(cleaned)
    if found is None:
        return match
    return EmergencyMatch(HEART_SIGNS, _SIGNS_WITHOUT_PAIN, found.group(0).strip())
