"""Reading a listed word in its sentence: negation, names, and whom it describes.

A light pattern approach instead of a parser (offline, no model, well under a
millisecond per sentence): the text is split into tokens once, and each
candidate word is judged from its neighbours with the closed word classes in
``hrdesk.fairness.language_lexicon``:

* **negated** — "not aggressive at all", "no longer too quiet", "never
  difficult to work with", "neither bossy nor pushy", "without being pushy":
  a negator earlier in the same clause (a comma, "but" or a second verb ends
  its reach);
* **a name** — a capitalised word inside a sentence ("Jane Moody"), or one
  that starts a sentence but is followed by a surname, "'s" or a verb ("Harsh
  was promoted", "Moody asked");
* **whom it describes** — the noun an adjective sits before ("a volatile
  market", "a moody colleague"), else the subject of its clause ("the CI
  pipeline has been temperamental", "she can be abrasive"), else the object of
  "find/call/describe" ("colleagues find him pushy"); a noun form's owner
  ("her abrasiveness", "market volatility"); an adverb's verb ("reacts
  emotionally" yes, "priced aggressively" no, "emotionally intelligent" is
  about "intelligent"). The answer is a person, a third party the reviewed
  person dealt with ("an aggressive caller"), or a thing.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from hrdesk.fairness import language_lexicon as lex

PERSON, THIRD_PARTY, THING, NOBODY = "person", "third party", "thing", "nobody"
_TOKEN = re.compile(r"[A-Za-z]+(?=n't\b)|n't\b|'(?:s|re|ve|ll|d|m)\b|[A-Za-z]+(?:-[A-Za-z]+)*|\d[\d.,]*%?|\S")
_SENTENCE_END = frozenset({".", "!", "?", ":", ";", "•"})
_HARD_STOP = frozenset({".", "!", "?", ";", ":", "(", ")", "[", "]", "—", "–"})
_QUOTES = frozenset({'"', "'", "\u201c", "\u201d", "\u2018", "`"})
_ADJ_AFTER_CONJ = ("and", "or", "but", "yet", ",")


class Token:
    """One token: a word (with its hyphens), a contraction ("n't", "'s"), a number or a mark."""

    __slots__ = ("end", "low", "sentence_start", "start", "text", "word")

    def __init__(self, text: str, start: int, end: int, word: bool, sentence_start: bool) -> None:
        self.text, self.low, self.start, self.end = text, text.lower(), start, end
        self.word, self.sentence_start = word, sentence_start  # letters; the first word of a sentence

    @property
    def capitalised(self) -> bool:
        return self.word and self.text[0].isupper() and not self.text.isupper()

    @property
    def acronym(self) -> bool:
        return self.word and len(self.text) >= 2 and self.text.isupper()


class Sentence:
    """The tokens of one sentence of a text (positions are the text's), with the lookups the judgements need.

    Only the sentence around a hit is tokenised: nothing the check reads
    crosses a sentence end, except which capitalised words are names, which
    ``names`` reads from the whole text.
    """

    def __init__(self, text: str, begin: int = 0, end: int | None = None, names: frozenset[str] | None = None) -> None:
        self.text = text
        tokens: list[Token] = []
        boundary = True
        for m in _TOKEN.finditer(text, begin, len(text) if end is None else end):
            s = m.group(0)
            first = s[0]
            alpha = first.isalpha()
            tokens.append(Token(s, m.start(), m.end(), alpha or first == "'", boundary and alpha))
            if alpha or first.isdigit():
                boundary = False
            elif s in _SENTENCE_END:
                boundary = True
        self.tokens = tokens
        self._starts = [t.start for t in tokens]
        self._names = names

    def index(self, pos: int) -> int:
        """The token that starts at (or covers) character ``pos``."""
        i = bisect_left(self._starts, pos)
        return i if i < len(self._starts) and self._starts[i] == pos else max(0, i - 1)

    def last_index(self, end: int) -> int:
        return max(0, bisect_left(self._starts, end) - 1)

    def at(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def names(self) -> frozenset[str]:
        """Capitalised words used inside a sentence somewhere in the text: names, wherever they stand."""
        if self._names is None:
            self._names = names_in(self.text)
        return self._names


_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z0-9,)] )[A-Z][a-z]+(?:-[A-Za-z]+)*")
_SENTENCE_SPLIT = re.compile(r"[.!?;:\n]")


def names_in(text: str) -> frozenset[str]:
    """Capitalised words that follow a lower-case word or a comma: names (and other proper nouns)."""
    return frozenset(w.lower() for w in _MID_SENTENCE_CAPITAL.findall(text))


class Text:
    """A text read sentence by sentence, each sentence tokenised the first time a hit needs it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences: dict[int, Sentence] = {}
        self._names: frozenset[str] | None = None

    def sentence_at(self, pos: int) -> Sentence:
        begin = max(self.text.rfind(c, 0, pos) for c in ".!?;:\n") + 1
        found = self._sentences.get(begin)
        if found is None:
            m = _SENTENCE_SPLIT.search(self.text, pos)
            if self._names is None:
                self._names = names_in(self.text)
            found = Sentence(self.text, begin, m.end() if m else len(self.text), self._names)
            self._sentences[begin] = found
        return found


# --- names -------------------------------------------------------------------

def is_name(s: Sentence, i: int, *, adjective: bool) -> bool:
    """True when the word at ``i`` is (part of) a person's name, not the listed word.

    ``adjective``: the listed word is an adjective, so at the start of a
    sentence it cannot be the subject of a verb ("Harsh was promoted").
    """
    t = s.tokens[i]
    if not t.capitalised:
        return False
    if not t.sentence_start or t.low in s.names():
        return True
    nxt = s.at(i + 1)
    if nxt is None:
        return False
    if nxt.low == "'s" or (nxt.capitalised and not nxt.sentence_start):
        return True
    return adjective and nxt.word and (nxt.low in lex.LINKING or nxt.low in lex.AUXILIARIES or nxt.low.endswith("ed"))


def stem_is_name(word: str, stem: str, whole_stems: frozenset[str], endings: frozenset[str]) -> bool:
    """A capitalised word that continues a whole stem with no English ending ("Leadbetter", "Warmbier")."""
    low = word.lower().replace("-", "")
    return stem in whole_stems and low.startswith(stem) and low[len(stem):] not in endings


# --- negation ----------------------------------------------------------------

def negated(s: Sentence, i: int, reach: int = 8) -> bool:
    """A negator earlier in the same clause reaches the word at ``i``."""
    toks = s.tokens
    for k in range(i - 1, max(-1, i - 1 - reach), -1):
        t = toks[k]
        if t.low in _HARD_STOP or t.low == ",":
            return False
        if t.low in ("but", "though", "although", "yet", "however", "whereas"):
            return False
        if t.low in ("and", "or") and k + 1 < i and toks[k + 1].low in lex.LINKING | lex.AUXILIARIES | lex.PRONOUNS_PERSON:
            return False  # "did not prepare and is abrasive": a new verb, a new claim
        prev = toks[k - 1].low if k > 0 else ""
        if (prev, t.low) in lex.NEGATOR_PAIRS:
            return True
        if t.low in lex.NEGATORS:
            nxt = toks[k + 1].low if k + 1 < len(toks) else ""
            if nxt in lex.NOT_NEGATING_AFTER or (t.low == "no" and nxt not in ("longer", "one")):
                continue
            return True
    return False


# --- whom a word describes ---------------------------------------------------

def noun_class(s: Sentence, k: int) -> str:
    """Person, third party or thing, for the noun (or pronoun, or name) at ``k``."""
    t = s.tokens[k]
    low = t.low
    if low in lex.PRONOUNS_PERSON:
        return PERSON
    if low in lex.THIRD_PARTY_NOUNS:
        return THIRD_PARTY
    if low in lex.PERSON_NOUNS:
        return PERSON
    if low in lex.THING_NOUNS or low in lex.PRONOUNS_THING or t.acronym or not t.word:
        return THING
    if t.capitalised and not low.endswith(lex.THING_ENDINGS):
        return PERSON  # a name ("Maria can be abrasive")
    if low.endswith(lex.PERSON_ENDINGS) and not low.endswith(lex.THING_ENDINGS):
        return PERSON  # a role ("the new starter")
    return THING


def _adverb(low: str) -> bool:
    return low in lex.SKIPPABLE or (low.endswith("ly") and len(low) > 4)


def _noun_ahead(s: Sentence, j: int, terms: frozenset[str], *, loose: bool) -> int | None:
    """The noun an adjective ending at ``j`` sits before, if any.

    Skips adverbs and further listed adjectives ("a moody, temperamental
    colleague"); ``loose`` (after a determiner) also skips unknown adjectives
    and takes the last word before a stop as the head.
    """
    last = None
    for k in range(j + 1, min(len(s.tokens), j + 6)):
        t = s.tokens[k]
        low = t.low
        if low in _ADJ_AFTER_CONJ:
            nxt = s.at(k + 1)
            if nxt is not None and (nxt.low in terms or loose):
                continue
            break
        if not t.word or low in lex.PREPOSITIONS or low in lex.DETERMINERS or low in lex.LINKING \
                or low in lex.CLAUSE_WORDS or low in lex.PRONOUNS_PERSON or low in lex.AUXILIARIES:
            break
        if low in lex.PERSON_NOUNS or low in lex.THIRD_PARTY_NOUNS or low in lex.THING_NOUNS:
            return k
        if low in terms or _adverb(low):
            continue
        if low.endswith(lex.THING_ENDINGS) and not t.capitalised:
            return k  # "harsh lighting", "aggressive caching"
        if not loose:
            break
        last = k
    return last


def _after_determiner(s: Sentence, i: int, terms: frozenset[str]) -> str:
    """The determiner or preposition before the word at ``i`` ("an aggressive set"), or "" when predicative."""
    for k in range(i - 1, max(-1, i - 5), -1):
        low = s.tokens[k].low
        if low in ("bit", "little", "tad", "lot", "being", "as"):
            return ""  # "a bit sassy", "for being volatile", "as abrasive"
        if low == "her" and k > 0 and s.tokens[k - 1].low in lex.OBJECT_VERBS:
            return ""  # "find her cold": her is the object, not an owner
        if low in lex.DETERMINERS or low in lex.PREPOSITIONS:
            return low
        if low == "," or low in terms or _adverb(low) or low == "and":
            continue
        return ""
    return ""


def subject_class(s: Sentence, i: int) -> tuple[str, int | None]:
    """Whom the complement starting at ``i`` is about: the subject or object before it in its clause.

    Returns the class and the token it was read from (``None``: the subject is
    left out, as feedback often does — "Can be bossy" — which means the
    reviewed person).
    """
    toks = s.tokens
    k = i - 1
    linked = False
    while k >= 0:
        t = toks[k]
        low = t.low
        if low in _QUOTES:
            k -= 1
            continue
        if not t.word:
            break
        if low in ("and", "or", "but", "yet"):
            link = _linking_before(s, k)
            if link is None:
                break
            k = link - 1
            continue
        if low in lex.CLAUSE_WORDS or low in lex.PREPOSITIONS and low not in ("for", "of", "to"):
            break
        if low in lex.LINKING or low in lex.AUXILIARIES or low in lex.NEGATORS or _adverb(low) \
                or low in lex.OBJECT_VERBS or low in ("longer", "once", "being", "off"):
            linked = linked or low in lex.LINKING
            k -= 1
            continue
        if linked:
            k = _head_before_phrase(s, k)  # "her manner with the agency was": the manner, not the agency
        return noun_class(s, k), k
    return PERSON, None


def _head_before_phrase(s: Sentence, k: int) -> int:
    """The noun a prepositional phrase ending at ``k`` hangs on, or ``k`` itself."""
    for m in range(k - 1, max(-1, k - 5), -1):
        t = s.tokens[m]
        if t.low in ("with", "of", "in", "on", "at", "from", "towards", "toward", "for") and m > 0 \
                and s.tokens[m - 1].word and s.tokens[m - 1].low not in lex.LINKING:
            return m - 1
        if not t.word or t.low in lex.CLAUSE_WORDS or t.low in lex.LINKING:
            return k
    return k


def _linking_before(s: Sentence, k: int) -> int | None:
    """A linking verb shortly before a coordinating word ("is slow and temperamental")."""
    for m in range(k - 1, max(-1, k - 5), -1):
        low = s.tokens[m].low
        if low in lex.LINKING:
            return m
        if not s.tokens[m].word or low in lex.CLAUSE_WORDS:
            return None
    return None


def adjective_target(s: Sentence, i: int, j: int, terms: frozenset[str]) -> tuple[str, int | None]:
    """Whom an adjective (or adjective phrase) spanning tokens ``i..j`` describes."""
    head = _noun_ahead(s, j, terms, loose=False)
    if head is not None:
        return noun_class(s, head), head
    owner = _after_determiner(s, i, terms)
    if owner:
        head = _noun_ahead(s, j, terms, loose=True)
        if head is None:
            return THING, None
        if owner in lex.POSSESSIVES and noun_class(s, head) == THING and s.tokens[head].low not in lex.THING_NOUNS:
            return PERSON, None  # "his emotional outbursts": what someone does is theirs
        return noun_class(s, head), head
    return subject_class(s, i)


def noun_target(s: Sentence, i: int, j: int, *, default: str) -> tuple[str, int | None]:
    """Whose trait a noun form names: "her abrasiveness", "market volatility", "the aggression he showed"."""
    for k in range(i - 1, max(-1, i - 4), -1):
        t = s.tokens[k]
        if t.low in lex.POSSESSIVES or t.low == "'s":
            return PERSON, k
        if t.low in lex.THING_NOUNS:
            return THING, k
        if t.low in lex.DETERMINERS or not t.word:
            break
    nxt = s.at(j + 1)
    if nxt is not None and nxt.low in ("of", "in", "towards", "toward", "from"):
        for k in range(j + 2, min(len(s.tokens), j + 5)):
            t = s.tokens[k]
            if t.low in lex.POSSESSIVES:
                return PERSON, k  # "the condescension in his comments"
            if t.low in lex.DETERMINERS:
                continue
            return noun_class(s, k), k
    if nxt is not None and nxt.low in lex.PRONOUNS_PERSON:
        return PERSON, j + 1  # "the aggression he showed"
    return default, None


def adverb_target(s: Sentence, i: int) -> tuple[str, int | None]:
    """Whom an adverb form describes: the doer of a verb of dealing with people, else nobody."""
    nxt = s.at(i + 1)
    if nxt is not None and nxt.word and nxt.low not in lex.PREPOSITIONS and nxt.low not in lex.CLAUSE_WORDS \
            and nxt.low not in lex.DETERMINERS and nxt.low not in lex.PRONOUNS_PERSON and nxt.low not in lex.THIRD_PARTY_NOUNS \
            and nxt.low not in lex.PERSON_NOUNS:
        return NOBODY, None  # "emotionally intelligent": the next word says what is meant
    for k in range(i - 1, max(-1, i - 4), -1):
        if s.tokens[k].low in lex.INTERPERSONAL_VERBS:
            return subject_class(s, k)
        if not s.tokens[k].word:
            break
    for k in range(i + 1, min(len(s.tokens), i + 3)):
        if s.tokens[k].low in lex.INTERPERSONAL_VERBS:
            return subject_class(s, i)
    return NOBODY, None


# --- the situation, for a rewording that fits the sentence --------------------

_SITUATION_START = frozenset({"in", "at", "during", "with", "when", "whenever", "under", "towards", "toward", "on",
                              "after", "before", "over", "about", "to"})


def situation(s: Sentence, i: int, j: int, subject: int | None, *, noun: bool = False) -> str:
    """The phrase that says when or with whom ("in meetings", "with the vendor"), or "".

    ``noun``: the word is a noun in subject position ("her pushiness with
    suppliers has damaged ..."), so the phrase ends where the verb starts.
    """
    toks = s.tokens
    k = j + 1
    while k < len(toks) and k <= j + 3 and toks[k].word and not _starts_situation(s, k):
        k += 1
    if k < len(toks) and _starts_situation(s, k):
        end = k + 1
        clause = toks[k].low in ("when", "whenever", "if", "while")  # "when the release was delayed"
        while end < len(toks) and end < k + 8 and not _ends_situation(s, end, noun=noun, clause=clause):
            end += 1
        words = toks[k:end]
        if len(words) > 1:
            return s.text[words[0].start:words[-1].end]
    first = subject if subject is not None else i
    begin = first
    while begin > 0 and toks[begin - 1].low not in _HARD_STOP and toks[begin - 1].low != ",":
        begin -= 1
    if begin < first and _starts_situation(s, begin) and first - begin <= 8:
        return s.text[toks[begin].start:toks[first - 1].end].rstrip(",")
    return ""


def _starts_situation(s: Sentence, k: int) -> bool:
    low = s.tokens[k].low
    if low != "to":
        return low in _SITUATION_START
    nxt = s.at(k + 1)  # "to the warehouse team", not "to read"
    return nxt is not None and (nxt.low in lex.DETERMINERS or nxt.low in lex.PRONOUNS_PERSON
                                or nxt.low in lex.PERSON_NOUNS or nxt.low in lex.THIRD_PARTY_NOUNS)


def _ends_situation(s: Sentence, k: int, *, noun: bool, clause: bool) -> bool:
    t = s.tokens[k]
    if t.low in _HARD_STOP or t.low == ",":
        return True
    if not clause and not t.capitalised and (t.low in lex.LINKING or t.low in lex.AUXILIARIES):
        return True
    if t.low in ("and", "but", "which", "who", "so", "because", "although", "though"):
        return True
    prev = s.tokens[k - 1].low
    return noun and t.low.endswith("s") and prev.endswith("s")  # "with the interns needs to stop"


def subject_words(s: Sentence, k: int | None) -> str:
    """How the rewording names the person: "she", "he", "Maria", or "" when unknown."""
    if k is None:
        return ""
    t = s.tokens[k]
    pron = {"him": "he", "her": "she", "them": "they", "his": "he", "their": "they", "he": "he", "she": "she",
            "they": "they", "you": "you", "i": "I", "we": "we"}
    if t.low in pron:
        return pron[t.low]
    if t.capitalised:
        return t.text
    return ""
