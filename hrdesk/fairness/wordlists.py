"""Word lists for the feedback-language check, kept as data.

Gender-coded words: the masculine and feminine word lists of Gaucher,
Friesen & Kay (2011), "Evidence that gendered wording in job advertisements
exists and sustains gender inequality", Journal of Personality and Social
Psychology 101(1):109-128, Appendix. An entry ending in ``*`` is a stem and
matches any word *starting* with it at a word boundary ("lead*" matches
"leader", "leadership"; not "misleading"); an entry without ``*`` matches only
the whole word ("kind" matches "kind", not "kindness"). The lists were built
for job adverts; in feedback they show where descriptions of people lean on
gendered traits — a prompt to look, not a verdict.

Provenance, checked entry by entry against two public reproductions of the
Appendix: an independent copy in the paper's own notation (capitalised
entries, ``*`` stems: 42 masculine, 40 feminine), and Kat Matfield's
gender-decoder (github.com/lovedaybrooke/gender-decoder,
``genderjobcheck/wordlists.py`` and ``app/wordlists/en.py``), which keeps the
Appendix stems — down to its misprint "implusive" — minus "masculine" and
"feminine", plus words of its own. Ours are the Appendix lists exactly: the
same stems and the same whole-word entries ("decide", "logic", "persist" and
"opinion" have no ``*`` in the paper and so match only themselves), with one
deliberate correction: the Appendix prints "Implusive", a misprint of
"impulsive", which is what we match. Deliberately *not* included: the words
gender-decoder added later that are not in the paper (feminine "agree*",
"collab*", "feel*", "enthusias*", "inclusive", "shar*"; masculine "battle",
"champion", "defend", "driven", "fearless", "fight", "unreasonab*", and its
"decid*" for the paper's "decide"), and its hyphenated variants
("co-operat*", "inter-personal"). Nothing is excluded from the paper's lists:
stems that are often about work rather than people in feedback ("lead*" in
"team lead", "commit*", "support*", "respon*", "analy*") stay, because the
coded-word outcomes are neutral — a rate compared between groups, never a
flag on a person — and each hit is shown in context for a human to judge.

Personality-focused criticism: words that judge who someone *is* rather
than what they *did*. Drawn from Kieran Snyder's 2014 analysis of 248
performance reviews ("The abrasiveness trap", Fortune: "abrasive" appeared
in 17 of 105 reviews of women and none of men's, with "bossy", "aggressive",
"emotional", "strident", "irrational") and Correll & Simard's 2016 Harvard
Business Review study of vague and personality-based feedback ("too
aggressive", "too quiet", "shrill"). Each entry has a behaviour-focused
rewording pattern, in the situation–behaviour–impact form.
"""

from __future__ import annotations

MASCULINE: tuple[str, ...] = (
    "active", "adventurous", "aggress*", "ambitio*", "analy*", "assert*", "athlet*", "autonom*",
    "boast*", "challeng*", "compet*", "confident", "courag*", "decide", "decisive", "decision*",
    "determin*", "dominant", "domina*", "force*", "greedy", "headstrong", "hierarch*", "hostil*",
    "impulsive", "independen*", "individual*", "intellect*", "lead*", "logic", "masculine",
    "objective", "opinion", "outspoken", "persist", "principle*", "reckless", "stubborn",
    "superior", "self-confiden*", "self-relian*", "self-sufficien*",
)

FEMININE: tuple[str, ...] = (
    "affectionate", "child*", "cheer*", "commit*", "communal", "compassion*", "connect*",
    "considerate", "cooperat*", "depend*", "emotiona*", "empath*", "feminine", "flatterable",
    "gentle", "honest", "interpersonal", "interdependen*", "interpersona*", "kind", "kinship",
    "loyal*", "modesty", "nag", "nurtur*", "pleasant*", "polite", "quiet*", "respon*",
    "sensitiv*", "submissive", "support*", "sympath*", "tender*", "together*", "trust*",
    "understand*", "warm*", "whin*", "yield*",
)

#: The general pattern every suggestion follows.
SBI_PATTERN = "When [situation], you [specific, observable action], which [effect on work or people]. Next time, try [alternative]."

#: term -> behaviour-focused rewording pattern. Multi-word terms match with any spacing.
PERSONALITY: dict[str, str] = {
    "abrasive": "Name the words or actions and their effect: 'In Tuesday's review you called the draft useless; the team stopped offering ideas.'",
    "bossy": "Describe how work was assigned and the effect: 'You assigned tasks without asking who had capacity; two people missed deadlines.'",
    "aggressive": "Describe the behaviour, not the temperament: 'You raised your voice and interrupted twice when the estimate was questioned.'",
    "emotional": "Describe what happened and what you needed instead: 'When the plan changed you left the meeting; I needed your view on the new dates.'",
    "shrill": "Comment on content or delivery you can observe: 'Your point on costs was lost because it came after the decision was made; raise it earlier.'",
    "strident": "Describe the specific exchange: 'You restated your position four times without addressing Sam's question about budget.'",
    "abrupt": "Describe the exchange and its effect: 'Your one-line replies to the client's questions left them unsure what to do next.'",
    "irrational": "Describe the decision and the missing step: 'You changed supplier without comparing the two quotes we had.'",
    "hysterical": "Describe the observable behaviour and its effect on the work, without judging temperament.",
    "overly dramatic": "Describe the specific action and its effect: 'You escalated the delay to the director before talking to the team lead.'",
    "difficult to work with": "Say what was hard to do together and why: 'You declined three review requests without suggesting another time.'",
    "moody": "Describe the specific occasions and their effect: 'On three stand-ups this month you did not give an update.'",
    "temperamental": "Describe the specific occasions and their effect instead of a trait.",
    "pushy": "Describe the request and its effect: 'You asked for the figures four times in one day; the analyst stopped the month-end work to answer.'",
    "intimidating": "Describe what people reported and the behaviour behind it: 'Two new starters said they hold back questions after you corrected them in front of the group.'",
    "arrogant": "Describe the behaviour: 'You dismissed the support team's data without reading it.'",
    "condescending": "Quote or describe the exchange: 'You explained the basics of the tool to a senior engineer who had built it.'",
    "harsh": "Describe the words used and a better delivery: 'You called the report sloppy in the team channel; give corrections privately with examples.'",
    "too quiet": "Describe the missed contribution: 'In planning meetings you did not share the risks you had found; raise them in the meeting.'",
    "not a team player": "Describe the specific situation: 'You did not hand over the Henley account before your leave; the client waited a week.'",
    "sassy": "Describe the specific remark and its effect, without a label.",
    "feisty": "Describe the specific exchange and its effect, without a label.",
    "nagging": "Describe the follow-ups and what would work better: 'You sent five reminders in a day; agree a check-in time instead.'",
    "high-maintenance": "Describe the requests and their cost: 'You asked for three schedule changes this month; each took the coordinator a day.'",
    "hormonal": "Remove this; describe the specific behaviour and its effect on the work, if there is one.",
    "volatile": "Describe the specific occasions and their effect instead of a trait.",
}

#: A personality term followed by one of these words is about a thing, not a
#: person ("aggressive targets", "emotional intelligence"), and is not a hit.
NOT_PERSONALITY_WHEN_FOLLOWED_BY: dict[str, tuple[str, ...]] = {
    "aggressive": ("target", "targets", "timeline", "timelines", "deadline", "deadlines", "schedule", "growth", "pricing"),
    "emotional": ("intelligence",),
    "harsh": ("conditions", "weather", "environment"),
}
