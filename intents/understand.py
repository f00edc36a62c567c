"""Understanding of free text: utterance in, ranked (intent, score) out, plus the emergency flag.

A small TF-IDF matcher in pure Python, learnt at start-up from the sample utterances of the
intent catalog (a few milliseconds). Each utterance becomes a bag of stemmed words and word
pairs; it is compared with every intent's centroid and with its nearest sample, by cosine
similarity through an inverted index, so a query touches only the samples that share a word
with it. Words the matcher has never seen are mapped to a known word that looks like it
("clopidegrel" -> "clopidogrel") and otherwise count against the match, so text that fits no
intent well scores low and falls back instead of being guessed.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import pairwise
from operator import itemgetter

from intents.catalog import (
    CHEST_PAIN,
    EMERGENCY_INTENTS,
    FALLBACK,
    HEART_SIGNS,
    LIMB,
    TOPIC_INTENTS,
)
from intents.emergency import (
    HAS_PAIN_KIND,
    THE_QUESTION_AFTER,
    EmergencyMatch,
    another_ache_follows,
    asked_about,
    asks_about_pain_afterwards,
    asks_about_side_effect_bleeding,
    asks_if_the_procedure_hurts,
    detect_normalised,
    says_it_eased,
    says_pain,
    strip_benign,
)
from intents.model import MAX_BEFORE
from intents.text import MAX_CHARS, normalise

# A polite opening that says nothing of what is asked ("I was wondering whether...", "would you
# happen to know...", "could you tell me..."): left out of the words the matcher compares when
# a question follows it, as its words would otherwise count against the match.
_COURTESY = re.compile(
    r"^(?:(?:um|er|well|so|oh|hi|hello|excuse me|sorry|please|dear) )*"
    r"(?:i (?:was|am|m) (?:just )?wondering|im (?:just )?wondering|i wonder"
    r"|(?:would|do|did) you (?:happen to )?know|would you be (?:so )?(?:kind|good) enough to tell"
    r" me|(?:could|can|would) you (?:please )?tell me|please tell me|i d like to know"
    r"|id like to know|i would like to know|i wanted to know|i need to know)"
    r"(?: (?:dear|please))?(?: (?:if|whether))? (?=\w+ \w)"
)


def _without_courtesy(normalised: str) -> str:
    """Text without its polite opening (_COURTESY), if a question of two words or more
    follows it; otherwise the text itself ("could you tell me" alone asks what it can do)."""
    return _COURTESY.sub("", normalised, count=1)


# Scores at or above CONFIDENT are answered; between WEAK and CONFIDENT a text channel asks
# "did you want to know about ...?"; below WEAK the utterance gets the fallback.
CONFIDENT = 0.35
WEAK = 0.17
_CENTROID_SHARE = 0.7  # score = share * centroid cosine + (1 - share) * nearest-sample cosine
# An unknown word weighs this much of the rarest known word: it lowers the match, not to zero.
_UNKNOWN_WEIGHT = 0.7
# A feature in more samples than this is "common": it does not nominate candidate samples.
_COMMON_POSTINGS = 40
# A word in the samples of this many intents or fewer says what a question is about ("fly",
# "spray"); one in more ("need", "get", "stent") does not.
_TOPICAL_SPREAD = 3
# A weak guess is judged by a looser measure of the same: a word in at most this many intents.
_GUESS_SPREAD = 5
# A weak topic's lead over the next intent adds this share of itself to how sure it is.
_LEAD_WEIGHT = 0.6
# Weak scores this close are a toss-up, which a topical word settles.
_CLOSE = 0.05
# Where one question may end and another begin ("when can I drive? and when can I go back to
# work?"): a sentence's end, as a recogniser or a keyboard writes it, or "and", "also", "plus".
_BREAKS = r"[?.!;]+|\b(?:and|also|plus)\b"
_QUESTION_BREAK = re.compile(_BREAKS, re.IGNORECASE)
# ...and, for several topics asked in one breath, a comma before a question word ("when can I
# drive, when can I fly": the recogniser writes no "?"). Not where red flags are looked for:
# the whole-text question shapes there (intents/emergency.py, _ASKED_ABOUT) read a question
# with its lead-in ("since my heart attack, ...") as one.
_TOPIC_BREAK = re.compile(
    _BREAKS + r"|,\s*(?=(?:when|what|how|can|could|is|are|do|does|should|will|would|may|why"
    r"|where|which|who)\b)",
    re.IGNORECASE,
)
# Text broken into more parts than this is not a few questions; it is not searched for them.
_MAX_QUESTIONS = MAX_BEFORE + 1  # as many as one reply's state remembers
# ...but a red flag said beside a question is looked for in each of the first this many parts.
_MAX_PARTS_FOR_FLAGS = 8
# ...and after a part that says having pain, this much of what follows is read for another ache.
_READ_ON_CHARS = 80
# How a part that is a question of its own starts ("when can I...", "is it...", "tell me...");
# after the first, a verb alone does too ("when can I drive and go back to work").
_FILLERS = r"(?:(?:so|um|er|oh|ok|okay|please|then) )*"
_ASKS = re.compile(
    _FILLERS + r"(?:what|whats|when|how|why|where|which|who|can|could|will|would|should|shall"
    r"|is|are|am|do|does|did|may|might|must|tell me|explain)\b"
)
# ...unless it points back at the first ("what does clopidogrel do and how long do I take it?"):
# then it goes on asking about that, and is not a question of its own.
_POINTS_BACK_WORDS = "it its they them their theyre this that those these"
_POINTS_BACK = frozenset(_POINTS_BACK_WORDS.split())
# Topics said of oneself rather than asked ("I'm dizzy", "my wrist is sore", "I bruise easily
# on these tablets"): such a part counts without asking ("I'm dizzy and when can I drive?").
_SAID = frozenset({"DizzinessIntent", "WoundCareIntent", "MedicationSideEffectsIntent"})
_ASKS_AFTER = re.compile(
    _FILLERS + r"(?:go|get|drive|fly|lift|have|take|eat|drink|return|play|swim|start|use|travel"
    r"|walk|carry)\b"
)

_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "for",
        "with",
        "is",
        "am",
        "are",
        "be",
        "been",
        "was",
        "were",
        "it",
        "its",
        "this",
        "that",
        "i",
        "im",
        "ive",
        "id",
        "me",
        "my",
        "mine",
        "you",
        "your",
        "youre",
        "he",
        "hes",
        "him",
        "his",
        "she",
        "shes",
        "her",
        "we",
        "our",
        "they",
        "their",
        "them",
        "do",
        "does",
        "did",
        "so",
        "just",
        "um",
        "erm",
        "hmm",
        "oh",
        "ah",
        "even",
        "actually",
        "basically",
        "uh",
        "er",
        "please",
        "thanks",
        "thank",
        "about",
    ]
)
# Words run together from a contraction, as a recogniser writes them ("they're" is "theyre"):
# the samples may not use them, and they say nothing of a topic.
_CONTRACTION_WORDS = (
    "arent isnt dont doesnt didnt wont cant couldnt wouldnt shouldnt hasnt havent hadnt"
    " wasnt werent aint mustnt neednt theyre youre were weve youve theyve ive id youd hed"
    " shed wed theyd ill youll hell shell well theyll itll thatll whos whats thats theres"
    " heres wheres hows lets"
)
_CONTRACTIONS = frozenset(_CONTRACTION_WORDS.split())

# Words that say something hurts now: recall first, a text that says one hears a red flag's
# instruction (Understander._hurting), unless it asks whether the procedure will hurt.
_HURTING = frozenset({"hurts", "hurting"})
_KILLING = re.compile(r"\bkilling (?:me|him|her)\b")  # said of pain, as "hurts" is

# What says it hurts (Understander._hurting): "it", or a part of the body where heart pain is
# felt or the tube went in. A sore tooth, "it hurts my feelings" and "the price really hurts"
# are not red flags. Words between the two ("it really hurts", "it's still hurting") are
# skipped; a denial before ("nothing is hurting", "it's not hurting") or an object after
# ("it hurts to pee", "the light hurts my eyes", "it hurts less") means it does not count.
_HURTING_SUBJECTS = frozenset(
    {"it", "its", "this", "that", "thats", "everything", "everywhere", "something"}
    | {"chest", "heart", "arm", "arms", "jaw", "neck", "shoulder", "shoulders", "back", "groin"}
    | {"wrist", "leg", "legs", "site", "wound", "puncture"}
)
_HURTING_BETWEEN = frozenset(
    {"really", "still", "so", "very", "just", "also", "only", "quite", "actually", "now", "all"}
    | {"is", "s", "was", "been", "keeps", "kept", "started", "starts", "getting", "began"}
)
_HURTING_AFTER = frozenset(
    {"my", "me", "his", "her", "your", "their", "our", "him", "them", "us", "to"}
)
_HURTING_EASING = frozenset({"less", "better"})
# ...and a back that hurts "from" or "because of" a long-standing back complaint ("because of
# sciatica", "from my arthritis"), said last, is that complaint's ache, not a heart attack's
# back pain; anything more ("...but this is different", "...since the angio") and it is heard.
# Not lying flat, the bed or lifting: after a procedure through the groin, a bleed behind the
# belly shows as back pain while lying flat.
_BACK_ACHE_CAUSES = frozenset({"sciatica", "arthritis", "disc", "slipped"})
_BACK_ACHE_BECAUSE = (("from",), ("because", "of"), ("due", "to"))

# ...of those, where the tube went in
_HURTING_SITES = frozenset({"groin", "wrist", "site", "wound", "puncture"})


def _what_hurts(words: Sequence[str]) -> str | None:
    """What the words say hurts now: "it", the chest, an arm, the groin... ("" when nothing
    is named: "hurts a lot"); None when they do not say that something hurts."""
    for i, word in enumerate(words):
        if word not in _HURTING:
            continue
        after = words[i + 1 : i + 4]
        if after and after[0] in _HURTING_AFTER:
            continue
        if not _HURTING_EASING.isdisjoint(after):
            continue
        j = i - 1
        while j >= 0 and words[j] in _HURTING_BETWEEN:
            j -= 1
        if j < 0:
            return ""
        if words[j] == "back" and _a_long_standing_cause(words[i + 1 :]):
            continue
        if words[j] in _HURTING_SUBJECTS:
            return words[j]
    return None


def _a_long_standing_cause(after: Sequence[str]) -> bool:
    """Whether the words after "my back hurts" are only a long-standing back complaint as its
    cause ("because of sciatica", "from my arthritis")."""
    for because in _BACK_ACHE_BECAUSE:
        if tuple(after[: len(because)]) == because:
            cause = after[len(because) :]
            # the cause, and nothing more: "...from my arthritis but this is different" or
            # "...from arthritis now" is heard
            return 0 < len(cause) <= 3 and cause[-1] in _BACK_ACHE_CAUSES
    return False


def _at_the_site(normalised: str, flag: str) -> str:
    """The red flag for text that reads like chest pain, or like a heart attack's signs
    without pain, but says something hurts: chest pain's, which is for pain ("it hurts and I
    feel sick"); where the tube went in ("my groin hurts"), lie down and press on it, as for a
    very painful arm or leg (the limb's instruction), not aspirin and nitrate, which suit no
    bleed."""
    if flag not in (CHEST_PAIN, HEART_SIGNS):
        return flag
    if _what_hurts(normalised.split()) in _HURTING_SITES:
        return LIMB
    return CHEST_PAIN if flag == CHEST_PAIN or says_pain(normalised) else flag


# The emergency kind of text the red-flag patterns missed but that reads like a red flag's
# samples (see Understander.understand).
LIKE_ITS_SAMPLES = "like its samples"

# The topic that answers "will it hurt?" (see Understander.understand).
PAIN_QUESTION_TOPIC = "ProcedureDurationIntent"
# The topic that answers a question about pain after the procedure: a sore bruise is normal.
PAIN_AFTERWARDS_TOPIC = "WoundCareIntent"
# The topic that answers a question about the bleeding the medicines cause.
SIDE_EFFECTS_TOPIC = "MedicationSideEffectsIntent"

# Everyday words that only red flags' samples happen to use ("bleeding a lot", "I think it's my
# heart", "collapsed in the kitchen"). Alone they say nothing is wrong: "thanks a lot" and "I
# think so" must not read like a red flag. Words that can name a sign stay, everyday or not
# ("white", "fresh", "on the floor", "ice", "wake").
_EVERYDAY_WORDS = (
    "lot lots think properly find nearly kitchen very drop spell half might took test sound"
    " ring myself came gran nan grandad zero e fell slip sitting left fast serious seriously"
    " nine motion motions pass throw cannot responding response isnt sweat sweats sweating"
    " sweaty"
)

# Everyday words folded onto the words the samples use most.
_SYNONYMS: Mapping[str, str] = {
    "tablets": "medicine",
    "tablet": "medicine",
    "pills": "medicine",
    "pill": "medicine",
    "meds": "medicine",
    "medication": "medicine",
    "medications": "medicine",
    "medicines": "medicine",
    "drugs": "medicine",
    "drug": "medicine",
    "mum": "mother",
    "mom": "mother",
    "mummy": "mother",
    "mam": "mother",
    "dad": "father",
    "daddy": "father",
    "hubby": "husband",
    "missus": "wife",
    "op": "operation",
    "surgery": "operation",
    "procedure": "operation",
    "stint": "stent",
    "stunt": "stent",
    "stents": "stent",
    "car": "drive",
    "motorbike": "drive",
    "motorcycle": "drive",
    "job": "work",
    "office": "work",
    "hospital": "hospital",
    "discharged": "discharge",
    "rehabilitation": "rehab",
    "kilos": "kg",
    "kilograms": "kg",
    "pounds": "lb",
}


def _stem(word: str) -> str:
    if len(word) <= 3:
        return word
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: len(word) - len(suffix)] + keep
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # "stopp" -> "stop"
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _word(raw: str) -> str | None:
    """What a word of normalised text counts as: its everyday synonym, stemmed; None for a
    stopword."""
    word = _SYNONYMS.get(raw, raw)
    return None if word in _STOPWORDS else _stem(word)


def _words(normalised: str) -> list[str]:
    return [word for word in map(_word, normalised.split()) if word is not None]


def _features(words: Sequence[str]) -> dict[str, int]:
    """Each word and each pair of neighbouring words, with how often it occurs."""
    grams: dict[str, int] = {}
    for gram in words:
        grams[gram] = grams.get(gram, 0) + 1
    for a, b in pairwise(words):
        pair = f"{a}_{b}"
        grams[pair] = grams.get(pair, 0) + 1
    return grams


def _trigrams(word: str) -> frozenset[str]:
    padded = f"#{word}#"
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


@dataclass(frozen=True)
class Understanding:
    text: str
    intent: str
    score: float
    emergency: EmergencyMatch | None
    # What the score owes to a weak topic's lead over the next intent (Understander.
    # _with_its_lead): the words alone scored score - lead.
    lead: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "intent": self.intent,
            "score": round(self.score, 3),
            "lead": round(self.lead, 3),
            "emergency": self.emergency is not None,
        }


class Matcher:
    """Ranks intents for an utterance. Built once from the sample utterances."""

    def __init__(self, samples: Mapping[str, Iterable[str]]) -> None:
        self._intents: list[str] = []
        docs: list[tuple[int, dict[str, int]]] = []
        for intent, utterances in samples.items():
            index = len(self._intents)
            self._intents.append(intent)
            docs.extend((index, _features(_words(normalise(u)))) for u in utterances)
        if not docs:
            raise ValueError("the matcher needs at least one sample utterance")

        df: Counter[str] = Counter()
        for _, feats in docs:
            df.update(feats.keys())
        n = len(docs)
        self._idf = {f: math.log((1 + n) / (1 + d)) + 1.0 for f, d in df.items()}
        self._unknown_idf = _UNKNOWN_WEIGHT * (math.log(1 + n) + 1.0)

        self._sample_intent: list[int] = []
        self._sample_index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        centroids: list[dict[str, float]] = [defaultdict(float) for _ in self._intents]
        for sample_id, (intent_index, feats) in enumerate(docs):
            vector = self._weigh(feats)
            self._sample_intent.append(intent_index)
            for feature, weight in vector.items():
                self._sample_index[feature].append((sample_id, weight))
                centroids[intent_index][feature] += weight
        # The samples holding a common feature, with its weight in each: see rank().
        self._common_weights = {
            feature: dict(postings)
            for feature, postings in self._sample_index.items()
            if len(postings) > _COMMON_POSTINGS
        }
        self._centroid_index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for intent_index, centroid in enumerate(centroids):
            norm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
            for feature, weight in centroid.items():
                self._centroid_index[feature].append((intent_index, weight / norm))

        self._vocabulary = {f for f in self._idf if "_" not in f}
        self._word_intents = {
            word: frozenset(self._intents[self._sample_intent[sid]] for sid, _ in postings)
            for word, postings in self._sample_index.items()
            if word in self._vocabulary
        }
        self._by_trigram: dict[str, list[str]] = defaultdict(list)
        for word in self._vocabulary:
            for gram in _trigrams(word):
                self._by_trigram[gram].append(word)
        self.correct = lru_cache(maxsize=8192)(self._correct)
        self._term = lru_cache(maxsize=8192)(self._make_term)

    def _weigh(self, feats: Mapping[str, int]) -> dict[str, float]:
        idf, unknown = self._idf, self._unknown_idf
        # A feature seen once (nearly all) weighs its idf: 1 + log(1) is exactly 1.
        vector = {
            f: (idf.get(f, unknown) if c == 1 else (1.0 + math.log(c)) * idf.get(f, unknown))
            for f, c in feats.items()
        }
        norm = math.sqrt(sum([w * w for w in vector.values()])) or 1.0
        return {f: w / norm for f, w in vector.items()}

    def _correct(self, word: str) -> str:
        """The known word that looks most like an unknown one, or the word itself.

        Likeness is the share of letter triples the two words have in common. Between equally
        alike words the one in more samples wins, then the first in alphabetical order, so
        every process (whatever its hash seed) corrects a word the same way.
        """
        if word in self._vocabulary or len(word) < 4:
            return word
        grams = _trigrams(word)
        shared: Counter[str] = Counter()
        for gram in grams:
            shared.update(self._by_trigram.get(gram, ()))
        ranked = []
        for candidate, common in shared.items():
            score = common / (len(grams) + len(_trigrams(candidate)) - common)
            if score >= 0.5:  # below half the triples in common is no likeness
                ranked.append((-score, -len(self._sample_index[candidate]), candidate))
        return min(ranked)[2] if ranked else word

    def terms(self, normalised: str) -> list[str]:
        """The words of normalised text as the matcher compares them (stopwords left out)."""
        return [term for term in map(self._term, normalised.split()) if term is not None]

    def _make_term(self, raw: str) -> str | None:
        """A word of a query as the samples' words were made (`_word`), then spelling-corrected;
        None for a stopword. Cached: callers use the same few thousand words over and over."""
        word = _word(raw)
        return None if word is None else self.correct(word)

    def exact_terms(self, normalised: str) -> list[str]:
        """`terms` without spelling correction: the words as they were said."""
        return [word for word in map(_word, normalised.split()) if word is not None]

    def words_only_in(self, intents: Collection[str]) -> frozenset[str]:
        """Words that occur in the samples of `intents` and of no other intent."""
        wanted = set(intents)
        return frozenset(
            word for word, found_in in self._word_intents.items() if found_in <= wanted
        )

    def topical_words(
        self, words: Iterable[str], intent: str, spread: int = _TOPICAL_SPREAD
    ) -> list[str]:
        """Those of `words` that are in the samples of `intent` and of at most `spread`
        intents in all."""
        return [
            word
            for word in words
            if intent in (found_in := self._word_intents.get(word, frozenset()))
            and len(found_in) <= spread
        ]

    def unknown_words(self, normalised: str) -> list[str]:
        """The words of normalised text, as said, that no sample uses ("pint", "ghee")."""
        words = (_word(raw) for raw in normalised.split() if raw not in _CONTRACTIONS)
        return [word for word in words if word is not None and word not in self._word_intents]

    def rank_terms(self, words: Sequence[str]) -> list[tuple[str, float]]:
        """Intents with a score above zero, best first, for words made into terms (`terms`)."""
        if not words:
            return []
        query = self._weigh(_features(words))
        centroid_index, sample_index = self._centroid_index, self._sample_index
        centroid_scores: dict[int, float] = {}
        sample_scores: dict[int, float] = {}
        # The nearest sample shares a distinctive word with the query, so samples are found
        # through the postings of the rarer features only, and the common ones ("can", "when")
        # are then added to those candidates' scores only (through _common_weights).
        common = []
        for feature, weight in query.items():
            for intent_index, w in centroid_index.get(feature, ()):
                centroid_scores[intent_index] = centroid_scores.get(intent_index, 0.0) + weight * w
            postings = sample_index.get(feature, ())
            if len(postings) > _COMMON_POSTINGS:
                common.append((feature, weight))
                continue
            for sample_id, w in postings:
                sample_scores[sample_id] = sample_scores.get(sample_id, 0.0) + weight * w
        if common and not sample_scores:
            for feature, weight in common:
                for sample_id, w in sample_index[feature]:
                    sample_scores[sample_id] = sample_scores.get(sample_id, 0.0) + weight * w
        elif common:
            # Each candidate's share of the common features, added up in the query's order.
            added: dict[int, float] = {}
            for feature, weight in common:
                weights = self._common_weights[feature]
                for sample_id in weights.keys() & sample_scores.keys():
                    added[sample_id] = added.get(sample_id, 0.0) + weight * weights[sample_id]
            for sample_id, extra in added.items():
                sample_scores[sample_id] += extra
        nearest: dict[int, float] = {}
        sample_intent = self._sample_intent
        for sample_id, score in sample_scores.items():
            intent_index = sample_intent[sample_id]
            if score > nearest.get(intent_index, 0.0):
                nearest[intent_index] = score
        intents = self._intents
        ranked = [
            (
                intents[i],
                _CENTROID_SHARE * score + (1 - _CENTROID_SHARE) * nearest.get(i, 0.0),
            )
            for i, score in centroid_scores.items()
        ]
        ranked.sort(key=itemgetter(1), reverse=True)
        return ranked


class Understander:
    """Text in, (intent, score, emergency) out. The emergency check always runs first.

    Give it a matcher, or a function that builds one: then the matcher is built on the first
    text to understand, so a channel that only ever receives intents (an Alexa request on a
    Lambda cold start) never pays for it.
    """

    def __init__(self, matcher: Matcher | Callable[[], Matcher]) -> None:
        self._build = matcher if callable(matcher) else (lambda: matcher)
        self._matcher: Matcher | None = None
        self._lock = threading.Lock()

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            with self._lock:  # one build, however many threads ask at once
                if self._matcher is None:
                    self._matcher = self._build()
        return self._matcher

    @cached_property
    def _emergency_words(self) -> frozenset[str]:
        """Words only red flags' samples use, that say something is wrong: not the everyday
        words that happen to be in those samples alone ("a lot", "I think", "the kitchen")."""
        everyday = {_word(raw) for raw in _EVERYDAY_WORDS.split()}
        return self.matcher.words_only_in(EMERGENCY_INTENTS) - everyday

    def understand(self, text: str | None) -> Understanding:
        original = text or ""
        normalised = normalise(original)
        emergency = detect_normalised(normalised)
        if emergency is None and (
            len(normalised) >= MAX_CHARS - 1 or len(original) > 2 * MAX_CHARS
        ):
            # Only the first MAX_CHARS of normalised text are understood (a character can
            # unfold into several, or vanish, as emoji do); a red flag at the end is still
            # heard. The tail is short enough to stay whole after unfolding.
            emergency = detect_normalised(normalise(original[-(MAX_CHARS // 20) :]))
        if emergency is not None:
            return Understanding(original, emergency.intent, 1.0, emergency)
        if asks_if_the_procedure_hurts(normalised):
            # Red flags' words, in a question the topic answers: a local anaesthetic numbs
            # the skin, and painkillers are there if needed. Not a sample of the topic: the
            # words would pull "it hurts" and "my neck hurts" away from the red flags.
            return Understanding(original, PAIN_QUESTION_TOPIC, 1.0, None)
        if asks_about_pain_afterwards(normalised):
            # "Will I have pain afterwards?": the wound's topic (a sore bruise for a few days is
            # normal), for the reason just above.
            return Understanding(original, PAIN_AFTERWARDS_TOPIC, 1.0, None)
        if asks_about_side_effect_bleeding(normalised):
            # "Can ecosprin cause nose bleeds?": the side effects' question, though no sample
            # names the medicine that way.
            return Understanding(original, SIDE_EFFECTS_TOPIC, 1.0, None)
        asked = asked_about(normalised)
        if asked is not None and asked.answer == THE_QUESTION_AFTER:
            # "I had a heart attack and a stent, how long before I can fly?": the question.
            return replace(self.understand(asked.rest), text=original)
        if asked is not None and asked.answer is not None:
            # "Can angioplasty cause a stroke?": the risks' question, though "stroke" is a
            # word only the stroke's samples use.
            return Understanding(original, asked.answer, 1.0, None)
        question = _without_courtesy(normalised)
        terms = self.matcher.terms(question)
        ranked = self.matcher.rank_terms(terms)
        if (
            ranked
            and ranked[0][0] in EMERGENCY_INTENTS
            and ranked[0][1] >= WEAK
            and not self._emergency_words.isdisjoint(terms)
            and not says_it_eased(normalised)  # "the pain has gone" reads like "the pain"
        ):
            # The detector missed it, but the text reads like a red flag's samples ("i have
            # tightness in my"): recall first. It must hold a word that only red flags'
            # samples use: a lone "bad" (from "his breathing is bad") does not call for 911.
            # Nor does a harmless phrase's doing ("swimming strokes", "collapsed with
            # laughter"), which the detector's own list of such phrases tells: without them,
            # such a word must remain and the text must still read like a red flag.
            stripped = self.matcher.terms(strip_benign(question))
            recheck = (
                self.matcher.rank_terms(stripped)
                if not self._emergency_words.isdisjoint(stripped)
                else []
            )
            if recheck and recheck[0][0] in EMERGENCY_INTENTS and recheck[0][1] >= WEAK:
                intent, score = recheck[0]
                intent = _at_the_site(normalised, intent)
                match = EmergencyMatch(intent, LIKE_ITS_SAMPLES, normalised)
                return Understanding(original, intent, score, match)
        hurting = self._hurting(question)
        if hurting is not None:
            intent, score = hurting
            match = EmergencyMatch(intent, "says it hurts", normalised)
            return Understanding(original, intent, score, match)
        flagged = self._flag_in_a_part(original)
        if flagged is not None:
            return flagged
        with_red_flags = ranked
        if ranked and ranked[0][0] in EMERGENCY_INTENTS:
            ranked = [pair for pair in ranked if pair[0] not in EMERGENCY_INTENTS]
        if not ranked or ranked[0][1] < WEAK:
            return Understanding(original, FALLBACK, ranked[0][1] if ranked else 0.0, None)
        intent, score = ranked[0]
        if score < CONFIDENT and intent in TOPIC_INTENTS:
            intent, score = self._guess(question, terms, ranked)
            if intent in TOPIC_INTENTS:
                lifted = self._with_its_lead(question, terms, intent, score, with_red_flags)
                return Understanding(original, intent, lifted, None, lifted - score)
        return Understanding(original, intent, score, None)

    def _with_its_lead(
        self,
        question: str,
        terms: list[str],
        intent: str,
        score: float,
        ranked: list[tuple[str, float]],
    ) -> float:
        """How sure a weak match to a topic is: its score, plus a share (_LEAD_WEIGHT) of its
        lead over the next intent, red flags included, when it rests on a word about its own
        topic among two words or more. A plain question that no sample words quite like it
        ("what are the signs that the wound is infected", 0.34, the next 0.17) is then
        answered, not confirmed; one that reads nearly as well as another topic ("does the
        rehab start before you leave the hospital": a hospital stay 0.30, rehab 0.25) is still
        asked about, as is one holding a word no sample uses beside a single word about the
        topic. `question` is the text without its polite opening."""
        topical = self.matcher.topical_words(terms, intent)
        if len(terms) < 2 or not topical:
            return score  # one word ("I'm scared") leads by chance
        if len(topical) < 2 and self.matcher.unknown_words(question):
            return score  # a word no sample uses may be what is asked ("...feel depressed")
        second = next((other for name, other in ranked if name != intent), 0.0)
        return score + _LEAD_WEIGHT * max(score - second, 0.0)

    def _flag_in_a_part(self, original: str) -> Understanding | None:
        """A red flag said beside a question ("my groin hurts and can I drive?", "when can I
        drive? my arm is killing me"), which the question's words outweigh when the text is
        read whole: the first part that, understood alone, is a red flag by the patterns or by
        saying it hurts. Not one that only reads like a red flag's samples: alone, such a part
        is a short remark ("I'm cold", "a cough", "my knee hurts") that the whole text puts in
        its place ("I'm cold, can I have a blanket?"). A part holds no break, so understanding
        it does not come back here."""
        breaks = list(_QUESTION_BREAK.finditer(original))
        starts = [0, *(found.end() for found in breaks)]
        ends = [*(found.start() for found in breaks), len(original)]
        parts = [
            (original[start:end], end)
            for start, end in zip(starts, ends, strict=True)
            if original[start:end].strip()
        ]
        if len(parts) < 2:
            return None
        for part, end in parts[:_MAX_PARTS_FOR_FLAGS]:
            understood = self.understand(part)
            flag = understood.emergency
            if flag is None or flag.kind == LIKE_ITS_SAMPLES:
                continue
            # Having pain is told from another pain by what follows, which may be past an
            # "and" ("I've still got pain and bruising in my groin"); not past a full stop.
            joined = original[end : end + 1].isalpha()  # by "and", "also" or "plus"
            after = original[end : end + _READ_ON_CHARS]
            if flag.kind == HAS_PAIN_KIND and joined and another_ache_follows(normalise(after)):
                continue
            return Understanding(original, understood.intent, understood.score, flag)
        return None

    def _hurting(self, normalised: str) -> tuple[str, float] | None:
        """For text that says something hurts now, however else it reads ("it hurts a lot",
        "yes it hurts", "my groin really hurts"): the red flag it reads like, or chest pain,
        whose instruction is for pain ("if the pain does not ease..."), except where the tube
        went in (the groin, the wrist): there, lie down and press on it. The words as said
        (not spelling-corrected), outside harmless phrases and the question "will it hurt?"."""
        if "killing" in normalised:
            normalised = _KILLING.sub("hurts", normalised)  # "my groin is killing me"
        if _HURTING.isdisjoint(normalised.split()):
            return None
        cleaned = strip_benign(normalised)
        hurting = _what_hurts(cleaned.split())
        if hurting is None:
            return None
        matcher = self.matcher
        ranked = matcher.rank_terms(matcher.terms(cleaned))
        flags = [(intent, score) for intent, score in ranked if intent in EMERGENCY_INTENTS]
        flag, score = flags[0] if flags else (CHEST_PAIN, 0.0)
        return _at_the_site(cleaned, flag), score

    def _guess(
        self, normalised: str, terms: list[str], ranked: list[tuple[str, float]]
    ) -> tuple[str, float]:
        """The topic a weak match offers ("did you want to know about ...?"). It rests on the
        words the text shares with the samples; when the text also holds a word no sample
        uses, everyday words alone ("can I have a pint?" shares "can I have" with "can I have
        sex?") are no ground for it. Then the offer must rest on a word about its topic: the
        best weak topic that shares one, or none (the fallback)."""
        matcher = self.matcher
        best = ranked[0]
        if matcher.topical_words(terms, best[0], _GUESS_SPREAD):
            return best
        unknown = bool(matcher.unknown_words(normalised))
        for intent, score in ranked:
            if score < WEAK or (not unknown and score < best[1] - _CLOSE):
                break
            if intent in TOPIC_INTENTS and matcher.topical_words(terms, intent, _GUESS_SPREAD):
                return intent, score
        return (FALLBACK, best[1]) if unknown else best

    def topics_asked(self, text: str | None) -> list[Understanding]:
        """Two or more questions in one breath ("when can I drive and when can I go back to
        work?"): each part's topic, understood as if asked alone, in the order asked. Only
        parts that ask, in two words or more besides stopwords ("when can I...", "is it...",
        or after the first a verb: "...and go back to work"), or say a symptom ("I'm dizzy
        and..."), and are answered with confidence, count, each topic once; a later part that
        points back ("...and how long do I take it?") is no question of its own. Fewer than
        two is one question (or none), and gives an empty list. Parts are not red flags: the
        whole text was checked for those first."""
        parts = [part for part in _TOPIC_BREAK.split(text or "") if part.strip()]
        if not 2 <= len(parts) <= _MAX_QUESTIONS:
            return []
        asked: dict[str, Understanding] = {}
        for index, part in enumerate(parts):
            normalised = normalise(part)
            if index > 0 and not _POINTS_BACK.isdisjoint(normalised.split()):
                continue  # "...and how long do I take it"
            asks = (
                _ASKS.match(normalised) or (index > 0 and _ASKS_AFTER.match(normalised))
            ) and len(self.matcher.terms(normalised)) >= 2  # not "and plavix"
            understood = self.understand(part)
            if (
                # a symptom ("I'm dizzy"), however short, but not "I'm going home tomorrow"
                (asks or understood.intent in _SAID)
                and understood.emergency is None
                and understood.intent in TOPIC_INTENTS
                and understood.score >= CONFIDENT
            ):
                asked.setdefault(understood.intent, understood)
        return list(asked.values()) if len(asked) >= 2 else []

    def best_topic(self, text: str | None) -> tuple[str, float] | None:
        """The question asked beside a red flag, if there plainly is one: the best
        non-emergency intent for text, leaving out the words only emergencies use ("can I fly
        if I get chest pain?" -> flying). It is offered after an emergency instruction, so it
        must rest on what was said: no spelling correction ("slight ache" is not a flight),
        and a word that is about that topic must be among the words it shares ("I need an
        ambulance" is not a question about who needs angioplasty)."""
        matcher = self.matcher
        words = [
            w for w in matcher.exact_terms(normalise(text or "")) if w not in self._emergency_words
        ]
        for intent, score in matcher.rank_terms(words):
            if intent not in EMERGENCY_INTENTS:
                return (intent, score) if matcher.topical_words(words, intent) else None
        return None
