"""The language check reads a word in its sentence: each failure class of issue 19, as a test.

Before this check, every one of these failed: negated words and words about
things were flagged and given a rewording, other forms of the listed words and
hyphenated spellings were missed, adjacent words were undercounted, and names
and work nouns were counted as coded words.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrdesk.fairness import wordlists
from hrdesk.fairness.language import check_text, scan_text


def personality(text: str) -> list[tuple[str, str]]:
    return [(h[1], h[2]) for h in scan_text(text) if h[0] == "personality"]


def coded(text: str) -> list[tuple[str, str, str]]:
    return [(h[0], h[1], h[2]) for h in scan_text(text) if h[0] != "personality"]


@pytest.mark.parametrize("text", [
    "She is not aggressive at all; she simply asks direct questions.",
    "He is not difficult to work with once you know his schedule.",
    "He is no longer too quiet in planning meetings.",
    "She is never difficult to work with, even under pressure.",
    "She is neither bossy nor pushy, just clear about priorities.",
    "He disagreed without being aggressive.",
    "She isn't emotional about setbacks.",
    "He is assertive rather than aggressive.",
])
def test_negated_words_are_not_hits(text):
    assert personality(text) == []


def test_negation_ends_with_its_clause():
    assert personality("He is not aggressive, but he can be abrasive with suppliers.") == [("abrasive", "abrasive")]
    assert personality("She does not prepare and is abrasive in reviews.") == [("abrasive", "abrasive")]


@pytest.mark.parametrize("text", [
    "The legacy billing API is difficult to work with.",
    "The CI pipeline has been temperamental since the upgrade.",
    "She met aggressive sales targets in all four quarters.",
    "He provided emotional support to the team after the accident.",
    "We operate in a volatile market, and she adapted the forecast quickly.",
    "The new timeline is aggressive but she thinks it can be done.",
    "Market volatility made the plan hard to keep.",
    "He priced the renewal aggressively and kept the margin.",
    "Tom is emotionally intelligent and reads the room well.",
    "He dealt calmly with an aggressive caller.",  # about the caller, not the reviewed person
    "The office is too quiet on Fridays.",
    "We retired a high-maintenance legacy system.",
    "She handled a hostile room at the town hall calmly.",
])
def test_words_about_things_are_not_hits(text):
    assert personality(text) == []


@pytest.mark.parametrize("text, term, word", [
    ("Her abrasiveness has made it hard to staff her projects.", "abrasive", "abrasiveness"),
    ("He reacts emotionally to any change in the plan.", "emotional", "emotionally"),
    ("She is passive-aggressive in email when she disagrees.", "passive-aggressive", "passive-aggressive"),
    ("He was over-emotional during the restructuring.", "emotional", "over-emotional"),
    ("His bossiness with the interns needs to stop.", "bossy", "bossiness"),
    ("Aggression towards colleagues will not be tolerated.", "aggressive", "Aggression"),
])
def test_other_forms_are_hits(text, term, word):
    assert personality(text) == [(term, word)]


def test_adjacent_words_are_separate_hits():
    assert personality("A moody temperamental colleague.") == [("moody", "moody"), ("temperamental", "temperamental")]
    assert personality("Her abrasive, bossy style puts people off.") == [("abrasive", "abrasive"), ("bossy", "bossy")]


def test_hyphenated_and_inflected_coded_words_count():
    assert coded("Co-operative with the audit team.") == [("feminine", "cooperat*", "Co-operative")]
    assert coded("Strong inter-personal skills.")[0][:2] in {("feminine", "interpersonal"), ("feminine", "interpersona*")}
    assert coded("She decided quickly and shared her opinions.") == [
        ("masculine", "decide", "decided"), ("masculine", "opinion", "opinions")]
    assert coded("A kind-hearted, unkind mentor.") == []  # still whole words: not "kind"


@pytest.mark.parametrize("text", [
    "She worked closely with Tom Leadbetter on the redesign.",
    "Leadbetter delivered the migration on time.",
    "Warmbier joined the team in March.",
    "Leadbetter and Warmbier both asked for him.",
    "He cleared the backlog of support tickets in two weeks.",
    "She cut lead time on custom orders from ten days to six.",
    "Sarah Kind ran the customer workshops.",
    "As team lead, he ran the weekly planning.",
])
def test_names_and_work_nouns_are_not_coded_words(text):
    assert coded(text) == []


@pytest.mark.parametrize("text", [
    "He handed the account over to Jane Moody before his leave.",
    "Harsh Patel led the security review.",
    "Harsh was promoted to senior analyst in June.",
    "Moody asked her to present at the regional meeting.",
])
def test_names_are_not_personality_words(text):
    assert personality(text) == []


def test_each_hit_has_a_snippet_and_a_rewording_that_fits_its_sentence():
    [hit] = [h for h in check_text("Overall a good year. Maria was abrasive with the vendor on the Henley account.")
             if h.category == "personality"]
    assert (hit.term, hit.word) == ("abrasive", "abrasive")
    assert "«abrasive»" in hit.snippet
    assert "Maria" in hit.suggestion and "with the vendor on the Henley account" in hit.suggestion
    text = "Some colleagues find him pushy."
    [hit] = check_text(text)
    assert text[hit.start:hit.end] == "pushy" and "what he said or did" in hit.suggestion


def test_provenance_notes_are_right():
    doc = wordlists.__doc__
    assert "app/wordlists/en.py" not in doc  # exists only on an unmerged branch of the Gender Decoder
    assert "down to its misprint" not in doc
    assert "2016" in doc and "implusive" not in wordlists.MASCULINE


@pytest.mark.parametrize("word", ["Leadership", "Supportive", "Committed", "Loyalty", "Intellectual", "Warmth",
                                  "Trustworthy", "Principled", "Understanding"])
def test_coded_words_starting_a_sentence_still_count(word):
    """Only a capitalised word that continues a stem with no English ending is taken for a name."""
    assert coded(f"{word} is noted here.")


WORDS = ["She", "he", "is", "not", "abrasive", "Moody", "moody", ",", ".", ";", "the", "API", "aggressive", "targets",
         "Leadbetter", "support", "tickets", "co-operative", "emotionally", "reacts", "her", "bossiness", "too", "quiet",
         "difficult", "to", "work", "with", "’s", "n't", "\n", "—", "'", "\"", "never", "a", "colleague", "Harsh", "was"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_any_text_is_read_without_error_and_hits_point_at_their_words(words):
    text = " ".join(words)
    for hit in check_text(text):
        assert text[hit.start:hit.end].replace("’", "'") == hit.word.replace("’", "'")
        assert hit.snippet and hit.suggestion
