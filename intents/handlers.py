"""The shared handlers: pure functions from a neutral `Turn` to a neutral `Reply`.

Routing is an explicit map from intent name to handler, plus one handler for the unknown.
Before routing, every turn that carries text goes through the emergency detector; an
emergency overrides whatever the conversation was doing. Any exception still produces a
valid reply that carries the short emergency instruction.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from intents import catalog as ic
from intents import coverage
from intents.coverage import Subject, uncovered_subject
from intents.emergency import (
    NOT_MOVING_KIND,
    ROUSE_KIND,
    EmergencyMatch,
    about_someone_else,
    asks_about_pain,
    bleeding_elsewhere,
    calling_now,
    denies_pain,
    pleads_for_help,
    says_it_eased,
    says_it_goes_on,
    says_pain,
    says_they_came_round,
)
from intents.model import MAX_BEFORE, MORE_SUFFIX, DialogState, Reply, Turn
from intents.text import normalise
from intents.understand import CONFIDENT, WEAK, Understander, Understanding
from prompts import Catalog, CatalogError
from prompts.static import LAST_RESORT, PRODUCT_NAME

log = logging.getLogger(__name__)

Handler = Callable[[Turn], Reply]


class EmergencyPrompts(NamedTuple):
    """A red flag's prompt keys in system.toml."""

    instruction: str
    title: str
    reprompt: str
    reminder: str  # the reprompt's first sentence alone: before goodbye, help or a weak match
    goes_on: str  # what news that it goes on hears ("it's getting worse"): no "if" any more


EMERGENCY_PROMPTS: dict[str, EmergencyPrompts] = {
    ic.CHEST_PAIN: EmergencyPrompts(
        "emergency",
        "emergency_card_title",
        "emergency_reprompt",
        "emergency_reminder",
        "emergency_goes_on",
    ),
    **{
        flag: EmergencyPrompts(
            f"emergency_{name}",
            f"emergency_{name}_title",
            "emergency_other_reprompt",
            "emergency_other_reminder",
            "emergency_other_goes_on",
        )
        for flag, name in (
            (ic.HEART_SIGNS, "heart_signs"),
            (ic.STROKE, "stroke"),
            (ic.BREATHING, "breathing"),
            (ic.SERIOUS_BLEEDING, "serious_bleeding"),
            (ic.LIMB, "limb"),
        )
    },
    # Its reminder says to keep pressing, as its instruction does.
    ic.BLEEDING: EmergencyPrompts(
        "emergency_bleeding",
        "emergency_bleeding_title",
        "emergency_bleeding_reprompt",
        "emergency_bleeding_reminder",
        "emergency_bleeding_reprompt",  # "keep pressing, and call now" already
    ),
}


# The red flags whose instruction tells the patient what to do ("stop and rest", "lie down and
# press"); a caregiver is told it is theirs to help with. The others are for anyone to act on.
SPOKEN_TO_THE_PATIENT = frozenset({ic.CHEST_PAIN, ic.HEART_SIGNS, ic.BLEEDING, ic.LIMB})
# Intents that end the conversation (and hang up a call): from free text, only on a confident
# match.
_ENDING = frozenset({ic.STOP, ic.CANCEL})
_YES_NO = frozenset({ic.YES, ic.NO})
_BLEEDS = frozenset({ic.BLEEDING, ic.SERIOUS_BLEEDING})
# Red flags whose instruction does more than call ("take your aspirin", "keep pressing"): a
# heart attack's signs without pain said after one ("I'm clammy now") are signs of that
# emergency, and keep its instruction rather than hear "sit down and rest".
_KEPT_OVER_SIGNS = frozenset({ic.CHEST_PAIN, *_BLEEDS, ic.LIMB})
# Red flags' kinds (EmergencyMatch.kind) that name no red flag of their own: calling for help,
# the number, saying it hurts or is painful, or text only like the samples.
_GENERIC_KINDS = frozenset(
    {"emergency", "emergency number", "says it hurts", "in pain", "has pain", "like its samples"}
)


# "Thank you", "cheers", "ok thanks, that's helpful": thanks and nothing else.
_THANKS = frozenset({"thanks", "thank", "thankyou", "cheers", "ta"})
_WITH_THANKS_WORDS = (
    "you ok okay great brilliant lovely right that thats s was very so much a lot really many"
    " helpful useful kind of for it"
)
_WITH_THANKS = frozenset(_WITH_THANKS_WORDS.split())


def only_thanks(text: str) -> bool:
    """Whether text is thanks and nothing else ("thank you so much", "ok cheers")."""
    words = set(normalise(text).split())
    return bool(words & _THANKS) and words <= _THANKS | _WITH_THANKS


# "Hello?", "is anyone there?": a caller checking the line, answered with help.
_GREETINGS = frozenset({"hello", "hi", "hiya", "hey", "hallo", "anyone", "anybody"})
_WITH_GREETINGS_WORDS = "are you there is can hear me good morning afternoon evening oh um er"
_WITH_GREETINGS = frozenset(_WITH_GREETINGS_WORDS.split())


def only_greeting(text: str) -> bool:
    """Whether text is a greeting or "is anyone there?" and nothing else."""
    words = set(normalise(text).split())
    return bool(words & _GREETINGS) and words <= _GREETINGS | _WITH_GREETINGS


# "OK", "I see", "got it": what was said is taken in; nothing is asked or answered.
_ACKNOWLEDGING_WORDS = (
    "ok okay okey alright allright right fine got get gotcha great cool see understood"
    " understand sense fair huh mm mmm hmm mhm"
)
_ACKNOWLEDGING = frozenset(_ACKNOWLEDGING_WORDS.split())
_WITH_ACKNOWLEDGING_WORDS = (
    "it i oh ah uh um er then that s thats its makes make enough good dokey thanks"
)
_WITH_ACKNOWLEDGING = frozenset(_WITH_ACKNOWLEDGING_WORDS.split())


def only_acknowledging(text: str) -> bool:
    """Whether text only takes in what was said ("ok", "oh right", "I see", "got it", "that's
    all right", "mm hmm"): not "yes please", "that's all", "uh oh" or "I see blood"."""
    said = normalise(text).replace("all right", "allright").replace("thank you", "thanks")
    words = set(said.split())  # "see you" stays a goodbye
    return bool(words & _ACKNOWLEDGING) and words <= _ACKNOWLEDGING | _WITH_ACKNOWLEDGING


# Words that, right after an instruction, make what is said about the emergency ("should I go
# to hospital?", "I'm scared", "should I give him aspirin?"): never offered as a topic, which
# a weak match would otherwise be. (A doctor is asked for in a plea, "get me a doctor", and
# asked about calmly, "when will my doctor let me drive?".)
_ABOUT_THE_EMERGENCY_WORDS = (
    "hospital hospitals ambulance ambulances paramedic paramedics aspirin scared frightened"
    " afraid terrified panicking panic worried die dying taxi"
)
_ABOUT_THE_EMERGENCY = frozenset(_ABOUT_THE_EMERGENCY_WORDS.split())
_ABOUT_THE_EMERGENCY_PHRASES = (
    " the er ",
    " to er ",
    " a e ",
    " emergency room ",
    " emergency department ",
    " lie down ",
    " lay down ",
    " sit up ",
    " sit down ",
    " drive me in ",
    " drive him in ",
    " drive her in ",
    " drive in ",
    " is this normal ",
    " is it normal ",
)
# Right after the chest-pain instruction, a question about what to take for the pain ("can I
# take paracetamol for it?", "is there anything I can take for it", "can I have a painkiller",
# "do I take the aspirin with water?"): what to take is the instruction's own middle sentence,
# so it is said again, not the medicines topic (or a guess at pain relief during the procedure).
# Only on short texts (_MAX_FOR_THE_PAIN_WORDS): its ".*" would take long on a long one.
_FOR_THE_PAIN = re.compile(
    r"\b(?:take|have|give|use|try)\b.*\bfor (?:it|the pain|this pain|my pain|his pain|her pain"
    r"|this|that)\b"
    # what should I take / what can I give him
    r"|^(?:so |and |ok |okay |then )?(?:what|which \w+) (?:should|can|do|shall|could|must)"
    r" (?:i|we) (?:take|have|give(?: (?:him|her|them))?)(?: now)?$"
    # taking the aspirin now, not for how long ("how long do I take aspirin for?")
    r"|^(?!.*\b(?:how long|for life|every day|each day|daily|forever|rest of)\b)"
    r"(?:.*\b(?:take|give|chew|swallow)\b.*\baspirins?\b|.*\baspirins?\b.*\b(?:take|chew|swallow)\b)"
    r"|\b(?:pain ?killers?|paracetamol|acetaminophen|ibuprofen|tylenol|advil|motrin|nurofen"
    r"|codeine|naproxen|aleve)\b"
)
_MAX_FOR_THE_PAIN_WORDS = 30
# Being driven or taken ("can my wife drive me?", "should I drive him in?", "can my son take
# her to the hospital?"): right after an instruction, that is getting to help, not a question
# about the patient's own driving or hospital stay.
_BEING_TAKEN = re.compile(
    r"\bdrive (?:me|him|her|us|them)\b"
    r"|\b(?:take|bring|get|run) (?:me|him|her|us|them) (?:in|to|there)\b"
)
# Right after a bleed or a cold limb, a question about wound care or the wrist or groin is
# about the bleed itself ("can I put ice on it?", "should I take the plaster off?"): its
# instruction says what to do, and those topics' "a small lump is normal" must not be heard.
_WOUND_TOPICS = frozenset({"WoundCareIntent", "AccessSiteIntent"})
_WOUND_FLAGS = frozenset({ic.BLEEDING, ic.LIMB})
# "What?" on its own: say that again.
_SAY_AGAIN = frozenset({"what", "eh", "you what", "what what"})
# "No, flying", "no thanks, what about work", "no, I meant driving": a no that names what was
# meant instead (group "rest"); not one that says no to it ("no, I don't want to...").
_NO_BUT = re.compile(
    r"^(?:no|nope|nah)(?: thanks| thank you)?\b[\s,.]*(?:i meant|i mean|what about|how about)?"
    r"\s*(?P<rest>\w.*)$",
    re.IGNORECASE,
)
_NOT_WORDS = frozenset({"dont", "not", "no", "never", "nothing"})
# "Tell me more about flying", "can you say more on the risks": more, about what is named (group
# "rest"), which is a new topic unless it is the one just heard.
_MORE_ABOUT = re.compile(
    r"^(?:(?:can|could|would) you |please |ok |okay |so )*(?:tell me|say|give me|explain|i want"
    r"|i d like|id like|i would like)?(?: to (?:hear|know))? ?(?:a (?:bit|little) )?more"
    r"(?: information| info| details?)? (?:about|on) (?P<rest>\w.*)$",
    re.IGNORECASE,
)
# The first part of a text ("it's back, should I take the spray again?").
_FIRST_PART = re.compile(r"[,.?!;]|\b(?:and|but|so)\b", re.IGNORECASE)


def asks_to_hear_it_again(text: str | None) -> bool:
    """Whether text is "what?" (or "eh?") on its own: say that again."""
    return text is not None and normalise(text) in _SAY_AGAIN


def _goes_on(text: str) -> bool:
    """Whether text, or its first part, says that what was just heard about goes on, is back
    or is worse ("it's back", "it's back and I feel sick", "it won't stop, what do I do")."""
    first = _FIRST_PART.split(text, maxsplit=1)[0]
    return says_it_goes_on(normalise(text)) or says_it_goes_on(normalise(first))


def _about_the_emergency(normalised: str) -> bool:
    """Whether text names the help or the fear of the moment (see _ABOUT_THE_EMERGENCY)."""
    padded = f" {normalised} "
    return not _ABOUT_THE_EMERGENCY.isdisjoint(normalised.split()) or any(
        phrase in padded for phrase in _ABOUT_THE_EMERGENCY_PHRASES
    )


# A topic that is a sign said of oneself, and the word that says it: what is said right after
# its answer is heard beside that word ("I feel dizzy", then "and I'm sweating").
_SIGN_TOPICS = {"DizzinessIntent": "dizzy"}


# What the whole text must read as for its parts to be taken as several questions: a topic, or
# nothing understood. Not "yes", "stop" or "help", whatever else is said with them.
_MAY_BE_SEVERAL = frozenset((*ic.TOPIC_INTENTS, ic.FALLBACK))


def _kept_over_signs(flag: str, last: str | None) -> str:
    """The red flag for signs without pain said after chest pain, a bleed or a cold limb
    ("I'm clammy now"): the one already heard (see _KEPT_OVER_SIGNS); any other, itself."""
    return last if flag == ic.HEART_SIGNS and last in _KEPT_OVER_SIGNS else flag


def _flag_heard(heard: EmergencyMatch, last: str | None, normalised: str) -> str:
    """The red flag whose instruction answers one heard right after another's instruction
    (`last`), or on its own; the detector's own flag unless the one heard before goes on."""
    flag = heard.intent
    if (
        last in EMERGENCY_PROMPTS
        and heard.kind in _GENERIC_KINDS
        and not (last == ic.HEART_SIGNS and says_pain(normalised))
    ):
        # "I've called an ambulance", "it hurts", "I'm pressing on it" after the stroke or
        # bleeding instruction are about that emergency: its instruction again, not chest
        # pain's aspirin. (Pain after signs without pain is chest pain's, as the detector says.)
        flag = last
    flag = _kept_over_signs(flag, last)
    if flag == ic.CHEST_PAIN and last == ic.HEART_SIGNS and denies_pain(normalised):
        flag = last  # "I don't have any pain": still no pain
    if flag == ic.SERIOUS_BLEEDING and last == ic.BLEEDING and not bleeding_elsewhere(normalised):
        # "It won't stop" after the bleeding where the tube went in is still that bleeding: its
        # instruction says to keep pressing, the other only to call.
        flag = ic.BLEEDING
    if heard.kind in ("fainting", NOT_MOVING_KIND, ROUSE_KIND) and last in _BLEEDS:
        flag = last  # "I feel faint" while bleeding: keep pressing and call, not only "call"
    return flag


def _said_instead(reply: Reply, speech: tuple[str, ...]) -> Reply:
    """reply saying speech instead, with its card too where the card was the speech."""
    card = " ".join(speech) if reply.card_text == " ".join(reply.speech) else reply.card_text
    return replace(reply, speech=speech, card_text=card)


def red_flag(intent: str | None) -> str:
    """The red flag an intent names; chest pain for anything else (the safe default)."""
    return intent if intent is not None and intent in EMERGENCY_PROMPTS else ic.CHEST_PAIN


class Router:
    """Answers turns. Built once at start-up; holds no per-conversation state."""

    def __init__(self, catalog: Catalog, understander: Understander) -> None:
        missing = [name for name in ic.TOPIC_INTENTS if name not in catalog.topics]
        extra = [name for name in catalog.topics if name not in ic.TOPIC_INTENTS]
        if missing or extra:
            raise CatalogError(
                f"topics.toml: intents without an answer {missing}, "
                f"answers without an intent {extra}"
            )
        unrouted = set(ic.EMERGENCY_INTENTS) ^ set(EMERGENCY_PROMPTS)
        needed = {key for keys in EMERGENCY_PROMPTS.values() for key in keys}
        needed |= coverage.prompt_keys() | {"not_covered", "not_covered_next"}
        missing_prompts = sorted(key for key in needed if key not in catalog.prompts)
        missing_prompts += sorted(coverage.offered_topics() - set(catalog.topics))
        if unrouted or missing_prompts:
            raise CatalogError(
                f"system.toml: prompts (or coverage.py's topics) missing {missing_prompts}; "
                f"red flags without prompts {sorted(unrouted)}"
            )
        self.catalog = catalog
        self.understander = understander
        self.routes: dict[str, Handler] = {
            ic.LAUNCH: self.launch,
            ic.TELL_ME_MORE: self.tell_me_more,
            ic.SPEAK_TO_SOMEONE: self.no_person,
            ic.HELP: self.help,
            ic.STOP: self.goodbye,
            ic.CANCEL: self.goodbye,
            ic.FALLBACK: self.fallback,
            ic.REPEAT: self.repeat,
            ic.YES: self.yes,
            ic.NO: self.no,
            ic.START_OVER: self.start_over,
            ic.NAVIGATE_HOME: self.start_over,
        }
        for name in ic.TOPIC_INTENTS:
            self.routes[name] = self.topic
        for name in ic.EMERGENCY_INTENTS:
            self.routes[name] = self.emergency

    # -- entry point -------------------------------------------------------------------------

    def respond(self, turn: Turn, understood: Understanding | None = None) -> Reply:
        """Answer one turn. Never raises: a failure becomes an apology with the emergency advice.

        A channel that has already run `Understander.understand` on the turn's text may pass the
        result, so the text is not understood twice.
        """
        try:
            return self._after_easing(turn, self._respond(turn, understood))
        except Exception:
            log.exception("handler failed for intent=%s channel=%s", turn.intent, turn.channel)
            return self.error(turn)

    def _respond(self, turn: Turn, understood: Understanding | None) -> Reply:
        score: float | None = None
        lead = 0.0  # what the score owes to its lead over the next intent, not to its words
        intent = turn.intent
        if turn.text is not None:
            if understood is None or understood.text != turn.text:
                understood = self.understander.understand(turn.text)
            sign = _SIGN_TOPICS.get((turn.state.last or "").removesuffix(MORE_SUFFIX))
            if understood.emergency is None and sign is not None:
                # Just told to call if dizziness comes with a sweat or sickness, "and I'm
                # sweating" is that: heard as "dizzy and I'm sweating".
                beside = self.understander.understand(f"{sign} {turn.text}")
                if beside.emergency is not None:
                    understood = replace(beside, text=turn.text)
            if turn.state.last in EMERGENCY_PROMPTS and (
                calling := self._calling_prompt(turn, turn.text)
            ):
                return self._calling(turn, calling)  # "I'm going to call 999 now"
            normalised = normalise(turn.text)
            if understood.emergency is not None:
                log.info("emergency path: %s", understood.emergency.kind)
                last = turn.state.last
                passed = self._news_it_passed(turn, normalised)  # "the chest pain has gone"
                if passed is not None:
                    return passed
                flag = _flag_heard(understood.emergency, last, normalised)
                return self.emergency(
                    replace(turn, intent=flag),
                    offer=self._topic_behind_emergency(turn.text),
                    someone_else=about_someone_else(normalised),
                )
            if turn.state.last == ic.PAIN_EASED and _goes_on(turn.text):
                # Told "if the pain comes back and does not ease, call", then "it's back".
                return self.emergency(
                    replace(turn, intent=ic.CHEST_PAIN),
                    offer=self._topic_behind_emergency(turn.text),
                    someone_else=turn.state.someone_else,
                )
            if intent is None and normalised in _SAY_AGAIN and turn.state.last is not None:
                intent = ic.REPEAT  # "what?" (with nothing said yet, help, as before)
            if (
                intent is None
                and turn.state.last not in EMERGENCY_PROMPTS  # there: its reminder, below
                and pleads_for_help(normalised)
            ):
                intent = ic.HELP  # "what should I do?", "I don't know what to do"
            if (
                intent is None
                and understood.intent == ic.NO
                and (meant := self._meant_instead(turn.text))
            ):
                understood = meant  # "no, flying": flying
            if (
                intent is None
                and understood.intent == ic.TELL_ME_MORE
                and turn.state.last not in EMERGENCY_PROMPTS  # there: the reminder, as ever
                and (about := self._more_about(turn.text, turn.state))
            ):
                understood = about  # "tell me more about flying" after driving: flying
            if (
                intent is None
                and understood.intent == ic.CANCEL
                and understood.score >= CONFIDENT  # not "I don't mind"
                and turn.state.offer is not None
                and turn.state.last not in EMERGENCY_PROMPTS
            ):
                intent = ic.NO  # "never mind" to a question: declined, not goodbye
            thanks = intent is None and only_thanks(turn.text)
            acknowledging = intent is None and only_acknowledging(turn.text)
            if (thanks or acknowledging) and turn.state.last in EMERGENCY_PROMPTS:
                intent = ic.FALLBACK  # "thank you", "ok": the instruction's reminder, below
            elif thanks:
                return self.thanks(turn)
            if (
                intent is None
                and acknowledging
                and not (
                    turn.state.offer is not None
                    and understood.intent == ic.YES
                    and understood.score >= CONFIDENT
                )
            ):
                # "OK", "I see", "got it": no question, no command ("I see" reads like "see
                # you", a goodbye). To a question on offer, a plain yes ("ok", "that's right")
                # is answered as one and the rest hear the question again; with nothing on
                # offer, "What else would you like to know?".
                asked = self._ask_again(turn)
                return asked or self._one_line(turn, ic.YES, "anything_else")
            if (
                intent is None
                and only_greeting(turn.text)
                and turn.state.last not in EMERGENCY_PROMPTS  # there: the reminder, as ever
            ):
                intent = ic.HELP  # "hello?": what this is and what to ask (not "can't help")
            if intent is None:
                intent, score, lead = understood.intent, understood.score, understood.lead
        elif intent is not None:
            intent = _kept_over_signs(intent, turn.state.last)  # Alexa's intent, as below
        if turn.state.last in EMERGENCY_PROMPTS:
            kept = self._after_emergency(turn, intent or ic.FALLBACK, score, lead)
            if kept is not None:
                return kept
        reply = self._answer_understood(turn, intent, score)
        if (
            turn.text is not None
            and score is not None
            and intent in _MAY_BE_SEVERAL
            and turn.state.last not in EMERGENCY_PROMPTS  # there: the emergency's own ways
            and (subject := uncovered_subject(normalise(turn.text))) is not None
        ):
            return self._not_covered(turn, reply, subject)
        return reply

    def _answer_understood(self, turn: Turn, intent: str | None, score: float | None) -> Reply:
        """What was understood (or sent), answered: several topics, a weak match confirmed or
        its second part first, a weak stop or yes or no not taken as one, or its handler."""
        if turn.text is not None and score is not None and intent in _MAY_BE_SEVERAL:
            several = self.understander.topics_asked(turn.text)
            if several:
                return self._reminded(turn, self._several(turn, several))
        if turn.text is not None and score is not None and score < CONFIDENT:
            if intent in ic.TOPIC_INTENTS:
                if self._asked_in_more(turn.text, intent):
                    # A weak match, but a word the topic's second part answers ("before" for
                    # getting ready) says it is the one: that part is the answer.
                    return replace(self.more_first(turn, intent), score=score)
                return replace(self.confirm(turn, intent), score=score)
            if intent in _ENDING:
                # Only a plain "stop" or "goodbye" ends it: "that's scary" reads a little like
                # "that's all", and must not end a conversation or hang up a call.
                return replace(self.unsure_of_stop(turn), score=score)
            if intent in _YES_NO:
                # "I'm not sure" reads a little like "sure", "I'm not feeling right" like "no":
                # neither is an answer. A weak "yes" hears the question on offer again, as
                # does a weak "no" to "Did you want to know about...?"; any other weak "no" gets
                # the fallback, which names the chest-pain words ("OK, what else would you like
                # to know?" would brush aside "not right").
                if intent == ic.YES or self._confirming(turn.state):
                    asked = self._ask_again(turn)
                    if asked is not None:
                        return replace(asked, score=score)
                return replace(self.fallback(turn), score=score)
        handler = self.routes.get(intent or ic.FALLBACK, self.fallback)
        reply = handler(replace(turn, intent=intent))
        if intent in ic.TOPIC_INTENTS:
            reply = self._reminded(turn, reply)
        return replace(reply, score=score) if score is not None else reply

    def _not_covered(self, turn: Turn, reply: Reply, subject: Subject) -> Reply:
        """A question about a subject the content does not cover ("can I take ibuprofen?"):
        first that there is no advice on it here and the care team is the one to ask, then
        what does fit (see intents/coverage.py): the reply as understood, unless it is a guess
        for a subject no topic is near; with nothing understood, the subject's nearest topic
        offered, or what can be asked."""
        if reply.emergency or reply.intent not in _MAY_BE_SEVERAL:
            return reply
        line = self._say(turn, "not_covered", subject=self._say(turn, subject.prompt))
        guessed = reply.intent != ic.FALLBACK and reply.state.offer == reply.intent
        if guessed and subject.topic is None:
            # a guess for a subject no topic is near ("Did you want to know about feeling
            # dizzy?" for feeling low): what can be asked, as if nothing had matched
            reply = self.fallback(turn)
        if reply.intent == ic.FALLBACK:
            if subject.topic is None:
                return _said_instead(reply, (line, self._say(turn, "not_covered_next")))
            offered = self.confirm(turn, subject.topic)
            return replace(_said_instead(offered, (line, *offered.speech)), score=reply.score)
        first = reply.speech[:1]
        if first == (self._say(turn, "disclaimer"),):  # what this is, still said first
            return _said_instead(reply, (*first, line, *reply.speech[1:]))
        return _said_instead(reply, (line, *reply.speech))

    def _more_about(self, text: str, state: DialogState) -> Understanding | None:
        """For "tell me more about <a topic>" naming a topic other than the one just heard,
        that topic understood (with its own score: a weak match is confirmed); otherwise None,
        and it is "tell me more" as ever."""
        found = _MORE_ABOUT.match(normalise(text))
        if found is None:
            return None
        about = self.understander.understand(found["rest"])
        heard = (state.last or "").removesuffix(MORE_SUFFIX)
        if about.emergency is not None or about.intent not in ic.TOPIC_INTENTS:
            return None
        if about.intent == heard or about.score < WEAK:
            return None
        return replace(about, text=text)

    def _meant_instead(self, text: str) -> Understanding | None:
        """For a "no" that names a topic instead ("no, flying", "no, I meant work"), that
        topic understood with confidence; otherwise None."""
        found = _NO_BUT.match(text)
        if found is None or not _NOT_WORDS.isdisjoint(normalise(found["rest"]).split()):
            return None
        meant = self.understander.understand(found["rest"])
        answered = meant.intent in ic.TOPIC_INTENTS and meant.score >= CONFIDENT
        return replace(meant, text=text) if answered and meant.emergency is None else None

    def _after_easing(self, turn: Turn, reply: Reply) -> Reply:
        """Right after the news that chest pain eased, words not understood, or only guessed
        at, may be the pain coming back in words not foreseen ("the tightness has returned"):
        they hear when to call first, and the news is still remembered."""
        if turn.text is None or turn.state.last != ic.PAIN_EASED or reply.emergency:
            return reply
        guessed = reply.intent in ic.TOPIC_INTENTS and reply.state.offer == reply.intent
        if not (reply.intent == ic.FALLBACK or guessed) or reply.state.last != ic.PAIN_EASED:
            return reply
        reminder = self._say(turn, "emergency_eased_reminder")
        return replace(reply, speech=(reminder, *reply.speech))

    def _reminded(self, turn: Turn, reply: Reply) -> Reply:
        """A question answered right after an instruction starts with its reminder ("If the
        pain does not ease, call 911 now."): the emergency may be the reason for it ("is this
        from my tablets?", "can I drive to the hospital?")."""
        if turn.state.last not in EMERGENCY_PROMPTS or reply.emergency:
            return reply
        reminder = self._say(turn, EMERGENCY_PROMPTS[turn.state.last].reminder)
        return replace(reply, speech=(reminder, *reply.speech))

    def _after_emergency(
        self, turn: Turn, intent: str, score: float | None, lead: float = 0.0
    ) -> Reply | None:
        """Right after a red flag's instruction, what is not plainly a question or a command
        is about the emergency ("it's not easing", "what do I do now", "help me", "ok"): the
        short reminder (how to hear the instruction again, and any question still on offer),
        not a menu or "can't help". A weak match to a topic is offered after the reminder; a
        "no" hears the reminder, and a goodbye ends with it. After chest pain, news that it has
        eased is welcomed and the conversation moves on; after any other red flag it still
        hears the reminder (signs of a stroke that pass still need help now). None: answer as
        usual, as a plain new question is."""
        flag = red_flag(turn.state.last)
        keys = EMERGENCY_PROMPTS[flag]
        if intent in _SIGN_TOPICS:
            # "I feel light-headed" after chest pain's instruction is another sign of the same
            # emergency, not a question about dizziness: the instruction again.
            return self.emergency(replace(turn, intent=flag), offer=self._offered_topic(turn))
        normalised = normalise(turn.text) if turn.text else ""
        if normalised and asks_about_pain(normalised):
            # "Do I get pain relief?", "will there be any pain after?" are about this pain, not
            # the procedure's: the instruction again (it says what to take), and the emergency
            # goes on.
            return self.emergency(replace(turn, intent=flag), someone_else=turn.state.someone_else)
        passed = self._news_it_passed(turn, normalised)
        if passed is not None:
            return passed
        offered = self._offered_topic(turn)
        if turn.text and (
            _goes_on(turn.text)  # "it won't stop", "it's getting worse, what do I do"
            # "help me", "what's happening": after chest pain's advice (rest, the tablets, then
            # call if it does not ease) its reminder; after the others', which is to call now,
            # not "if you need help now"
            or (flag != ic.CHEST_PAIN and pleads_for_help(normalised))
        ):
            # the reminder without its "if" ("if the pain does not ease"): it has not
            return self._reminder(turn, keys, offered, goes_on=True)
        if turn.text and pleads_for_help(normalised):
            return self._reminder(turn, keys, offer=offered)
        # Here only the words count: a match that is sure only for its lead over the next
        # intent is weak ("can I take a taxi to the hospital" is no question of a hospital stay).
        weak = score is not None and score - lead < CONFIDENT
        if (
            flag == ic.CHEST_PAIN
            and intent in (*ic.TOPIC_INTENTS, ic.FALLBACK, ic.HELP)  # "what can I take for it"
            and normalised.count(" ") < _MAX_FOR_THE_PAIN_WORDS
            and _FOR_THE_PAIN.search(normalised)
        ):
            reply = self.emergency(replace(turn, intent=flag), offer=offered)
            return replace(reply, score=score) if score is not None else reply
        if (
            # after signs without pain, the spray: their advice leaves the nitrate out (it is
            # for pain, and can make dizziness worse)
            (flag == ic.HEART_SIGNS and intent == "NitrateIntent")
            # "can my wife drive me to the ER?": getting to help, not the patient's own driving
            # (which still answers "can I drive to the hospital?": not for a week) or the stay
            or (intent in ic.TOPIC_INTENTS and _BEING_TAKEN.search(normalised))
            # "can I put ice on it?" after a bleed: keep pressing, not "a small lump is normal"
            or (flag in _WOUND_FLAGS and intent in _WOUND_TOPICS)
            # "should I go to hospital?", "I'm scared", only guessed at as a topic
            or (weak and intent in ic.TOPIC_INTENTS and _about_the_emergency(normalised))
        ):
            return replace(self._reminder(turn, keys, offer=offered), score=score)
        if weak and intent in ic.TOPIC_INTENTS:
            confirm = self.confirm(turn, intent)
            reminder = self._say(turn, keys.reminder)
            return replace(confirm, speech=(reminder, *confirm.speech), score=score)
        if intent in _ENDING and not weak:
            speech = (self._say(turn, keys.reminder), self._say(turn, "goodbye"))
            return self._reply(turn, intent, speech, DialogState(), end_session=True)
        if intent == ic.NO:
            return self._reminder(turn, keys, offer=None)  # the question on offer is declined
        if intent in (ic.HELP, ic.START_OVER, ic.NAVIGATE_HOME):
            # The reminder, then help or starting again as ever: the way out of the emergency.
            left = self.routes[intent](turn)
            return replace(left, speech=(self._say(turn, keys.reminder), *left.speech))
        if intent == ic.SPEAK_TO_SOMEONE and not weak:  # no person, and the reminder
            kept = self._reminder(turn, keys, offer=offered)
            no_person = self._say(turn, "no_person_now")
            return replace(kept, speech=(no_person, *kept.speech))
        if (
            intent in (ic.FALLBACK, ic.TELL_ME_MORE)
            or (weak and intent in _ENDING | _YES_NO | {ic.SPEAK_TO_SOMEONE})
            or (intent == ic.YES and turn.state.offer is None)  # "ok", "alright"
        ):
            reply = self._reminder(turn, keys, offer=offered)
            return replace(reply, score=score) if score is not None else reply
        return None

    def _calling_prompt(self, turn: Turn, text: str) -> str | None:
        """When text says the speaker is calling for help now, the prompt that says yes: for
        no number named or this locale's, or another that reaches an ambulance there ("I'll
        call 108" in India). None otherwise: "I'll call 911" on a UK line hears the
        instruction, with 999, again."""
        number = calling_now(text)
        if number is None:
            return None
        values = self.catalog.locale_values(turn.locale)
        local = values["emergency_number"]
        if not number or not local.isdigit() or number == local:
            return "emergency_calling"
        if number in values["ambulance_numbers"].split():
            return "emergency_calling_other"
        return None

    def _calling(self, turn: Turn, prompt: str) -> Reply:
        """Right after an instruction, the speaker says they are calling for help now: yes, and
        goodbye (on the phone: hang up and call), not the whole instruction again, which would
        only keep them on the line."""
        speech = (self._say(turn, prompt), self._say(turn, "goodbye"))
        flag = red_flag(turn.state.last)
        return self._reply(turn, flag, speech, DialogState(), end_session=True, emergency=True)

    def _eased(self, turn: Turn) -> Reply:
        """After the chest-pain instruction, the news that the pain has eased: welcomed, with
        when to call, and the conversation moves on. Only that news is kept (ic.PAIN_EASED),
        so that "it's back" is heard as the pain coming back, and "repeat" says this again.
        Not an emergency reply, but chest pain's: a phone line leads on to its main menu."""
        speech = (self._say(turn, "emergency_eased"), self._say(turn, "anything_else"))
        eased = DialogState(last=ic.PAIN_EASED, someone_else=turn.state.someone_else)
        return self._reply(turn, ic.CHEST_PAIN, speech, eased)

    def _ask_again(self, turn: Turn) -> Reply | None:
        """The question on offer asked again, as it was put, or None with nothing on offer."""
        state = turn.state
        confirming = self._confirming(state)
        if confirming:
            return self.confirm(turn, confirming)
        offer = state.offer
        topic = (state.last or "").removesuffix(MORE_SUFFIX)
        if offer is None or topic not in self.catalog.topics:
            return None
        if offer == topic + MORE_SUFFIX:
            question = self._say(turn, "offer_more")
        elif self._rest_on_offer(state):
            question = self._say(turn, "offer_rest", topic=self._title(turn, offer))
        elif offer in self.catalog.topics:
            question = self._say(turn, "offer_topic", topic=self._title(turn, offer))
        else:
            return None
        return self._reply(turn, topic, (question,), state, reprompt=question)

    def _reminder(
        self, turn: Turn, keys: EmergencyPrompts, offer: str | None, goes_on: bool = False
    ) -> Reply:
        """A red flag's short reminder (its reprompt), with the question still on offer; with
        goes_on, its line for news that the emergency goes on ("Call 911 now..."), said again
        after a silence too: what it answered is still so."""
        speech = [self._say(turn, keys.goes_on if goes_on else keys.reprompt)]
        if offer:
            speech.append(self._say(turn, "offer_after_emergency", topic=self._title(turn, offer)))
        flag = red_flag(turn.state.last)
        return self._reply(
            turn,
            flag,
            tuple(speech),
            DialogState(last=flag, offer=offer, someone_else=turn.state.someone_else),
            reprompt=" ".join(speech),
            emergency=True,
        )

    def _news_it_passed(self, turn: Turn, normalised: str) -> Reply | None:
        """Right after an instruction, news that it eased or someone came through it ("the
        pain has gone", "he's breathing again", "it's stopped bleeding", "he seems fine now"),
        whether or not the words also read as a red flag; None for anything else. Chest pain
        that eased is welcomed ("glad it eased"); otherwise the instruction stands: after chest
        pain its reminder, after the others, whose advice was to call at once, "Call 911 now",
        not "if you need help now"."""
        last = turn.state.last
        if last not in EMERGENCY_PROMPTS or not normalised:
            return None
        eased = says_it_eased(normalised)
        if last == ic.CHEST_PAIN and eased:
            return self._eased(turn)
        if not (eased or says_they_came_round(normalised)):
            return None
        offer = self._offered_topic(turn)
        keys = EMERGENCY_PROMPTS[last]
        return self._reminder(turn, keys, offer, goes_on=last != ic.CHEST_PAIN)

    def _offered_topic(self, turn: Turn) -> str | None:
        """The topic an emergency reply offered, when it is said again (repeat, a silence)."""
        offer = turn.state.offer
        return offer if offer in self.catalog.topics else None

    def _topic_behind_emergency(self, text: str) -> str | None:
        """A question asked in the same breath, offered after the instruction; the instruction
        must never depend on it, so any failure here only loses the offer."""
        try:
            best = self.understander.best_topic(text)
        except Exception:
            log.exception("could not find the question behind an emergency; no offer made")
            return None
        if best and best[0] in ic.TOPIC_INTENTS and best[1] >= CONFIDENT:
            return best[0]
        return None

    # -- building replies --------------------------------------------------------------------

    def _say(self, turn: Turn, key: str, **params: str) -> str:
        return self.catalog.say(key, turn.locale, turn.channel, **params)

    def _one_line(self, turn: Turn, intent: str, key: str) -> Reply:
        """A reply of one prompt that keeps what was said last (so "repeat" still repeats it)
        and leaves nothing on offer."""
        state = turn.state
        kept = DialogState(last=state.last, before=state.before, all_heard=state.all_heard)
        return self._reply(turn, intent, (self._say(turn, key),), kept)

    def _reply(
        self,
        turn: Turn,
        intent: str,
        speech: tuple[str, ...],
        state: DialogState,
        reprompt: str | None = None,
        end_session: bool = False,
        emergency: bool = False,
        card: tuple[str, str] | None = None,
    ) -> Reply:
        if not end_session and reprompt is None:
            reprompt = self._say(turn, "reprompt")
        if (
            (turn.new_session or turn.state.disclaimer_owed)
            and intent != ic.LAUNCH  # the welcome says it in its own words
            and not end_session
            and self._say(turn, "disclaimer") not in speech
        ):
            state = replace(state, disclaimer_owed=True)
        title, text = card or (self._say(turn, "card_title"), " ".join(speech))
        return Reply(
            speech=speech,
            reprompt=None if end_session else reprompt,
            card_title=title,
            card_text=text,
            end_session=end_session,
            emergency=emergency,
            intent=intent,
            state=state,
        )

    def _title(self, turn: Turn, intent: str) -> str:
        return self.catalog.topic_title(intent, turn.locale)

    # -- handlers ----------------------------------------------------------------------------

    def launch(self, turn: Turn) -> Reply:
        return self._reply(
            turn,
            ic.LAUNCH,
            (self._say(turn, "welcome"),),
            DialogState(last=ic.LAUNCH),
            reprompt=self._say(turn, "welcome_reprompt"),
        )

    def emergency(self, turn: Turn, offer: str | None = None, someone_else: bool = False) -> Reply:
        """A red flag's instruction first, then (to a caregiver) that it is theirs to help with,
        then how to hear it again, then any offered topic."""
        flag = red_flag(turn.intent)
        keys = EMERGENCY_PROMPTS[flag]
        instruction = self._say(turn, keys.instruction)
        speech = [instruction]
        # Said of someone else before, in this same emergency: still theirs ("repeat", "he's
        # getting worse", "I've called an ambulance"), unless the speaker now says "my".
        someone_else = someone_else or (
            turn.state.someone_else
            and turn.state.last == flag
            and "my" not in normalise(turn.text or "").split()
        )
        if someone_else and flag in SPOKEN_TO_THE_PATIENT:
            speech.append(self._say(turn, "emergency_for_someone_else"))
        speech.append(self._say(turn, "emergency_after"))
        reprompt = self._say(turn, keys.reprompt)
        if offer:
            offered = self._say(turn, "offer_after_emergency", topic=self._title(turn, offer))
            speech.append(offered)
            # After a silence the question is still waiting for its yes: say so again.
            reprompt = f"{reprompt} {offered}"
        return self._reply(
            turn,
            flag,
            tuple(speech),
            DialogState(last=flag, offer=offer, someone_else=someone_else),
            reprompt=reprompt,
            emergency=True,
            card=(self._say(turn, keys.title), instruction),
        )

    def topic(self, turn: Turn) -> Reply:
        intent = turn.intent or ic.FALLBACK
        if turn.text and self._asked_in_more(turn.text, intent):
            return self.more_first(turn, intent)
        text = self.catalog.topic_text
        speech = (
            *self._disclaimer(turn),
            text(intent, "answer", turn.locale),
            self._say(turn, "offer_more"),
        )
        return self._reply(
            turn,
            intent,
            speech,
            DialogState(last=intent, offer=intent + MORE_SUFFIX),
            reprompt=text(intent, "reprompt", turn.locale),
            card=(text(intent, "card_title", turn.locale), text(intent, "card_text", turn.locale)),
        )

    def _several(self, turn: Turn, asked: list[Understanding]) -> Reply:
        """Several questions in one breath ("when can I drive and when can I go back to
        work?"): each topic's answer in the order asked, then what the last one offers. Its
        "more" and the card are the last topic's; a repeat says them all again."""
        reply = self._answers(turn, [(understood.intent, understood.text) for understood in asked])
        return replace(reply, score=asked[-1].score)

    def _answers(self, turn: Turn, asked: list[tuple[str, str | None]]) -> Reply:
        """The answers to several topics (intent, and the words that asked it) in one reply,
        with what was said before the last in its state (`DialogState.before`). An intent with
        MORE_SUFFIX is its topic's second part, asked for first (`more_first`)."""
        speech: list[str] = []
        said: list[str] = []
        reply: Reply | None = None
        for intent, text in asked:
            if reply is not None:
                speech.pop()  # the question that ended the answer before: another one follows
                turn = replace(turn, new_session=False, state=reply.state)
            if intent.endswith(MORE_SUFFIX):
                reply = self.more_first(turn, intent.removesuffix(MORE_SUFFIX))
            else:
                reply = self.topic(replace(turn, intent=intent, text=text))
            speech.extend(reply.speech)
            said.append(reply.state.last or intent)
        assert reply is not None
        before = tuple(said[:-1])[-MAX_BEFORE:]
        return replace(reply, speech=tuple(speech), state=replace(reply.state, before=before))

    def more_first(self, turn: Turn, intent: str) -> Reply:
        """A question that a topic's second part answers ("can I have a bath?") hears that
        part first, then is offered the rest (the topic's answer)."""
        offer = self._say(turn, "offer_rest", topic=self._title(turn, intent))
        more = self.catalog.topic_text(intent, "more", turn.locale)
        return self._reply(
            turn,
            intent,
            (*self._disclaimer(turn), more, offer),
            DialogState(last=intent + MORE_SUFFIX, offer=intent),
            reprompt=offer,
            card=(self.catalog.topic_text(intent, "card_title", turn.locale), more),
        )

    def _asked_in_more(self, text: str, intent: str) -> bool:
        topic = self.catalog.topics.get(intent)
        return topic is not None and not topic.asked_in_more.isdisjoint(normalise(text).split())

    def tell_me_more(self, turn: Turn) -> Reply:
        """ "Tell me more": a topic's second part (`more`), unless both its parts are heard:
        saying one again would be no more, so "That's all I have about ...", and the follow-up
        if it is still on offer (not if it was declined). (A repeat of the second part goes to
        `more` itself.)"""
        state = turn.state
        last = (state.last or "").removesuffix(MORE_SUFFIX)
        topic = self.catalog.topics.get(last)
        if topic is not None and state.all_heard and not self._confirming(state):
            on_offer = state.offer if state.offer == topic.follow_up else None
            offer, next_line = self._after_both_parts(turn, on_offer)
            all_said = self._say(turn, "all_said", topic=self._title(turn, last))
            return self._reply(turn, ic.TELL_ME_MORE, (all_said, next_line), state, reprompt=offer)
        return self.more(turn)

    def more(self, turn: Turn) -> Reply:
        confirming = self._confirming(turn.state)
        if confirming:  # "tell me more" to "did you want to know about ...?" is a yes
            return self.topic(replace(turn, intent=confirming, text=None))
        last = (turn.state.last or "").removesuffix(MORE_SUFFIX)
        if last not in self.catalog.topics:
            if turn.state.last in (None, ic.LAUNCH, ic.HELP):
                return self.help(turn)  # nothing said yet to say more about: what to ask
            return self._reply(
                turn, ic.TELL_ME_MORE, (self._say(turn, "nothing_more"),), turn.state
            )
        if self._heard_more_first(turn.state):
            # More of a second part heard first is the rest, on offer or declined.
            return self.rest(turn, last)
        follow_up = self._follow_up(turn, last)
        offer, next_line = self._after_both_parts(turn, follow_up)
        more = self.catalog.topic_text(last, "more", turn.locale)
        return self._reply(
            turn,
            ic.TELL_ME_MORE,
            (*self._disclaimer(turn), more, next_line),
            DialogState(last=last + MORE_SUFFIX, offer=follow_up, all_heard=True),
            reprompt=offer,  # after a silence, the question still waiting for its yes
            card=(self.catalog.topic_text(last, "card_title", turn.locale), more),
        )

    def rest(self, turn: Turn, intent: str) -> Reply:
        """A topic's answer after its second part came first (more_first): both parts are
        heard, so what comes next is the follow-up topic, as after "more"."""
        follow_up = self._follow_up(turn, intent)
        offer, next_line = self._after_both_parts(turn, follow_up)
        text = self.catalog.topic_text
        return self._reply(
            turn,
            intent,
            (*self._disclaimer(turn), text(intent, "answer", turn.locale), next_line),
            DialogState(last=intent, offer=follow_up, all_heard=True),
            reprompt=offer or text(intent, "reprompt", turn.locale),
            card=(text(intent, "card_title", turn.locale), text(intent, "card_text", turn.locale)),
        )

    def _follow_up(self, turn: Turn, topic: str) -> str | None:
        """The topic to offer once both parts of `topic` are heard: its follow-up, unless that
        was answered in the same reply ("when can I drive and can I have a bath?" then "yes":
        not "would you like to hear about driving?")."""
        follow_up = self.catalog.topics[topic].follow_up
        answered = {said.removesuffix(MORE_SUFFIX) for said in turn.state.before}
        return None if follow_up in answered else follow_up

    def _after_both_parts(self, turn: Turn, follow_up: str | None) -> tuple[str | None, str]:
        """The offer of the follow-up topic (None without one), and the line that ends a
        topic once both its parts are heard: that offer, or "what else would you like?"."""
        if follow_up is None:
            return None, self._say(turn, "anything_else")
        offer = self._say(turn, "offer_topic", topic=self._title(turn, follow_up))
        return offer, offer

    @staticmethod
    def _heard_more_first(state: DialogState) -> bool:
        """Whether a topic's second part was said last, asked for first: its answer (the
        rest) not heard yet, on offer or declined."""
        return (state.last or "").endswith(MORE_SUFFIX) and not state.all_heard

    def _rest_on_offer(self, state: DialogState) -> bool:
        """Whether a "yes" would accept the rest of a topic whose second part came first."""
        last = (state.last or "").removesuffix(MORE_SUFFIX)
        return self._heard_more_first(state) and state.offer == last and last in self.catalog.topics

    def yes(self, turn: Turn) -> Reply:
        offer = turn.state.offer
        if offer and offer.endswith(MORE_SUFFIX):
            last = DialogState(last=offer.removesuffix(MORE_SUFFIX), before=turn.state.before)
            return self.more(replace(turn, state=last))
        if offer and self._rest_on_offer(turn.state):
            return self.rest(turn, offer)
        if offer in self.catalog.topics:
            return self.topic(replace(turn, intent=offer))
        return self._one_line(turn, ic.YES, "nothing_offered")

    def no(self, turn: Turn) -> Reply:
        return self._one_line(turn, ic.NO, "declined")

    def thanks(self, turn: Turn) -> Reply:
        """ "Thank you" on its own: nothing asked, nothing declined, and no "sorry" either."""
        return self._one_line(turn, ic.NO, "thanks_reply")

    def confirm(self, turn: Turn, intent: str) -> Reply:
        speech = (self._say(turn, "confirm", topic=self._title(turn, intent)),)
        return self._reply(
            turn,
            intent,
            speech,
            replace(turn.state, offer=intent, disclaimer_owed=False),
            reprompt=speech[0],
        )

    def _confirming(self, state: DialogState) -> str | None:
        """The topic a "Did you want to know about ...?" is waiting on, or None. Every other
        offer of a topic follows from what was said last: an emergency's question, a second
        part heard first, or a topic's follow-up once both its parts are heard."""
        offer = state.offer
        if offer not in self.catalog.topics or state.last in EMERGENCY_PROMPTS:
            return None
        last = (state.last or "").removesuffix(MORE_SUFFIX)
        topic = self.catalog.topics.get(last)
        if last == offer or (topic is not None and topic.follow_up == offer):
            return None
        return offer

    def repeat(self, turn: Turn) -> Reply:
        last = turn.state.last
        again = replace(turn, new_session=False)
        confirming = self._confirming(turn.state)
        if confirming:
            return self.confirm(again, confirming)
        if last in EMERGENCY_PROMPTS:
            return self.emergency(replace(again, intent=last), offer=self._offered_topic(turn))
        if last == ic.PAIN_EASED:
            return self._eased(again)
        if last and turn.state.before:
            said = [*turn.state.before, last]  # several answers: all of them again
            if all(part.removesuffix(MORE_SUFFIX) in self.catalog.topics for part in said):
                return self._answers(again, [(part, None) for part in said])
        if last in self.catalog.topics:
            if turn.state.all_heard:
                return self.rest(again, last)  # the answer heard after its second part
            return self.topic(replace(again, intent=last))
        if last and last.endswith(MORE_SUFFIX):
            topic = last.removesuffix(MORE_SUFFIX)
            if self._heard_more_first(turn.state) and topic in self.catalog.topics:
                return self.more_first(again, topic)  # its second part, asked for first
            return self.more(again)
        if last in (ic.LAUNCH, ic.HELP):
            return self.routes[last](again)
        return self._reply(turn, ic.REPEAT, (self._say(turn, "nothing_to_repeat"),), turn.state)

    def help(self, turn: Turn) -> Reply:
        return self._reply(
            turn,
            ic.HELP,
            (self._say(turn, "help"),),
            DialogState(last=ic.HELP),
            reprompt=self._say(turn, "help_reprompt"),
        )

    def no_person(self, turn: Turn) -> Reply:
        """ "Can I talk to a person?": no, this is a recorded guide; the care team is who to ask."""
        return self._one_line(turn, ic.SPEAK_TO_SOMEONE, "no_person")

    def fallback(self, turn: Turn) -> Reply:
        return self._one_line(turn, ic.FALLBACK, "fallback")

    def unsure_of_stop(self, turn: Turn) -> Reply:
        """What a weak match to stop gets: the fallback, saying how to end."""
        return self._one_line(turn, ic.FALLBACK, "stop_unsure")

    def start_over(self, turn: Turn) -> Reply:
        return self._reply(turn, ic.START_OVER, (self._say(turn, "start_over"),), DialogState())

    def goodbye(self, turn: Turn) -> Reply:
        return self._reply(
            turn,
            turn.intent or ic.STOP,
            (self._say(turn, "goodbye"),),
            DialogState(),
            end_session=True,
        )

    def error(self, turn: Turn) -> Reply:
        """The answer when something failed: an apology and the short emergency advice.

        Built from the catalog, which was validated at start-up; if even that fails, a fixed
        English sentence is used, so a reply is always produced.
        """
        speech: tuple[str, ...]
        try:
            speech = (
                self._say(turn, "error"),
                self._say(turn, "emergency_short"),
                self._say(turn, "help_reprompt"),
            )
        except Exception:
            log.exception("could not render the error reply")
            speech = (LAST_RESORT,)
        return Reply(
            speech=speech,
            reprompt=speech[-1],
            card_title=PRODUCT_NAME,
            card_text=" ".join(speech),
            end_session=False,
            emergency=False,
            intent="Error",
            state=DialogState(disclaimer_owed=turn.new_session or turn.state.disclaimer_owed),
        )

    def _disclaimer(self, turn: Turn) -> tuple[str, ...]:
        due = turn.new_session or turn.state.disclaimer_owed
        return (self._say(turn, "disclaimer"),) if due else ()
