"""Word lists for the feedback-language check, kept as data.

Gender-coded words: the masculine and feminine word lists of Gaucher,
Friesen & Kay (2011), "Evidence that gendered wording in job advertisements
exists and sustains gender inequality", Journal of Personality and Social
Psychology 101(1):109-128, Appendix. An entry ending in ``*`` is a stem and
matches any word *starting* with it at a word boundary ("lead*" matches
"leader", "leadership"; not "misleading"); an entry without ``*`` matches the
whole word and its inflections (``INFLECTIONS``: "decide" also matches
"decided", "kind" also "kinder"), never a derived word ("kind" does not match
"kindness"). Hyphenated and closed spellings are the same word
("co-operative" is "cooperat*", "inter-personal" is "interpersona*",
"selfconfident" is "self-confiden*"). The lists were built for job adverts;
in feedback they show where descriptions of people lean on gendered traits — a
prompt to look, not a verdict. A person's name ("Leadbetter", "Warmbier") and
the work nouns in ``WORK_NOUNS`` ("support tickets", "lead time", "team
lead") are never counted: they describe nobody's traits.

Provenance, checked entry by entry against two public reproductions of the
Appendix: an independent copy in the paper's own notation (capitalised
entries, ``*`` stems: 42 masculine, 40 feminine), and Kat Matfield's Gender
Decoder (github.com/lovedaybrooke/gender-decoder, ``app/wordlists.py`` on its
main branch). The Appendix prints "Implusive", a misprint of "impulsive"; the
Gender Decoder's first word list (``genderjobcheck/wordlists.py``) copied the
misprint and its pull request #2 ("Fix spelling of impulsive") corrected it in
2016, and we match "impulsive" too. The Gender Decoder drops "masculine" and
"feminine" and adds words of its own; ours are the Appendix lists exactly: the
same stems and the same whole-word entries ("decide", "logic", "persist" and
"opinion" have no ``*`` in the paper and so match only themselves and their
inflections). Deliberately *not* included: the words the Gender Decoder added
that are not in the paper (feminine "agree*", "collab*", "feel*",
"enthusias*", "inclusive", "shar*"; masculine "battle", "champion", "defend",
"driven", "fearless", "fight", "unreasonab*", and its "decid*" for the paper's
"decide"). Its separate hyphenated entries ("co-operat*", "inter-personal",
"head-strong", "self-confiden*" and closed "selfconfiden*") are covered by our
spelling rule above rather than by extra entries.

Personality-focused criticism: words that judge who someone *is* rather
than what they *did*. Drawn from Kieran Snyder's 2014 analysis of 248
performance reviews ("The abrasiveness trap", Fortune: "abrasive" appeared
in 17 of 105 reviews of women and none of men's, with "bossy", "aggressive",
"emotional", "strident", "irrational") and Correll & Simard's 2016 Harvard
Business Review study of vague and personality-based feedback ("too
aggressive", "too quiet", "shrill"), plus common trait labels managers write
instead of behaviour ("lazy", "cold", "defensive", "an attitude problem").
Each term lists its other forms (nouns such as "abrasiveness", adverbs such as
"emotionally", compounds such as "over-emotional") and a behaviour-focused
example rewording in the situation–behaviour–impact form.
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

#: Inflected forms of whole-word entries (plural, tense, comparative; never a derived word).
INFLECTIONS: dict[str, tuple[str, ...]] = {
    "decide": ("decides", "decided", "deciding"),
    "persist": ("persists", "persisted", "persisting"),
    "opinion": ("opinions",),
    "kind": ("kinder", "kindest"),
    "gentle": ("gentler", "gentlest"),
    "polite": ("politer", "politest"),
    "greedy": ("greedier", "greediest"),
    "nag": ("nags", "nagged", "nagging"),
    "kinship": ("kinships",),
}

#: Stems that end where a word part ends, so a capitalised word that continues
#: them with something other than an English ending is a name ("Leadbetter",
#: "Warmbier", "Childs"), not the coded word.
WHOLE_STEMS: frozenset[str] = frozenset({
    "lead", "warm", "child", "cheer", "commit", "connect", "depend", "support", "trust", "understand",
    "yield", "tender", "together", "loyal", "quiet", "force", "boast", "assert", "intellect", "individual",
    "principle", "aggress", "compassion", "pleasant",
})
ENGLISH_ENDINGS: tuple[str, ...] = (
    "", "s", "es", "ed", "ing", "ings", "er", "ers", "est", "ly", "ness", "ship", "ships", "ful", "fully", "hood",
    "th", "ish", "ive", "ively", "iveness", "ion", "ions", "al", "ally", "ment", "ments", "able", "ably", "ability",
    "ance", "ence", "ant", "ants", "ent", "ents", "y", "ies", "ier", "iest", "ily", "ic", "ism", "ist", "ists",
    "ership", "erships", "hearted", "heartedly", "like", "less", "worthy", "worthiness", "ren", "care", "edly",
    "ingly", "ity", "ities", "ate", "ation", "ations", "iness", "ted", "ting", "ty", "ties", "ual", "ually", "uality",
    "ualistic", "ualism", "d", "or", "ors", "istic",
)

#: Work nouns that contain a listed word but describe no one's traits (regular
#: expressions, matched case-insensitively on word boundaries).
WORK_NOUNS: tuple[str, ...] = (
    r"(?:customer|technical|tech|it|product|first-line|second-line|third-line|on-call|desktop|user|emotional)\s+support",
    (r"support\s+(?:tickets?|queues?|desk|team|teams|rota|requests?|cases?|calls?|contracts?|engineers?|staff|hours|"
     r"lines?|inbox|backlog|agents?|analysts?|portal|guidance)"),
    r"lead\s+times?",
    (r"(?:team|tech|technical|project|programme|program|product|design|sales|delivery|site|shift|engineering|qa|test|"
     r"data)\s+leads?"),
    r"(?:qualified|new|sales|warm|cold|inbound|outbound)\s+leads",
    r"\d+\s+(?:new\s+|qualified\s+)?leads",
    (r"lead\s+(?:generation|gen|scoring|engineers?|developers?|designers?|analysts?|auditors?|nurses?|pipeline|"
     r"role)"),
    r"commit\s+(?:messages?|history|logs?|hooks?)", r"git\s+commits?", r"dependency\s+\w+", r"dependencies",
    r"response\s+(?:times?|rates?)", r"incident\s+response", r"child\s+(?:process|processes|tickets?|nodes?|tasks?)",
    r"(?:database|network|vpn|internet|broadband|wi-fi|wifi)\s+connections?", r"connection\s+(?:pool|strings?|errors?)",
    r"individual\s+contributors?", r"decision\s+(?:logs?|registers?|records?|trees?)", r"task\s+force", r"sales\s+force",
    r"sensitive\s+(?:data|information|documents?|records?|files?)", r"quiet\s+(?:periods?|hours|rooms?|time|zone)",
    r"objectives",
    (r"(?:the|an|our|her|his|their|its|key|main|each|every|quarterly|annual|team|business|primary|smart|agreed|stated|"
     r"project)\s+objective(?!\s+(?:views?|assessment|way|approach|look|judg\w*|analysis|opinion|feedback|measures?|"
     r"criteria|evidence|standard))"),
    r"tenders?\s+(?:process|documents?|questions?|submissions?|bids?|responses?)",
    r"(?:the|a|public|council)\s+tender\b(?!\s+(?:care|moment|words?))",
    r"warm\s+(?:standby|handovers?|start)", r"warm-up", r"analysts?", r"analytics", r"active\s+directory",
    r"kinds?\s+of", r"(?:this|that|what|any|some|all|the|a)\s+kind\b(?!\s+(?:and|words?|person|colleague|manager|gesture))",
    r"trust\s+(?:fund|board|policy)", r"competitors?",
)

#: The general pattern every suggestion follows.
SBI_PATTERN = "When [situation], you [specific, observable action], which [effect on work or people]. Next time, try [alternative]."

#: term -> behaviour-focused example rewording. Multi-word terms match with any spacing.
PERSONALITY: dict[str, str] = {
    "abrasive": "Name the words or actions and their effect: 'In Tuesday's review you called the draft useless; the team stopped offering ideas.'",
    "bossy": "Describe how work was assigned and the effect: 'You assigned tasks without asking who had capacity; two people missed deadlines.'",
    "aggressive": "Describe the behaviour, not the temperament: 'You raised your voice and interrupted twice when the estimate was questioned.'",
    "passive-aggressive": "Quote or describe the message and what you needed instead: 'Your reply \"as I said before\" to the team's question read as a rebuke; say directly what you disagree with.'",
    "emotional": "Describe what happened and what you needed instead: 'When the plan changed you left the meeting; I needed your view on the new dates.'",
    "shrill": "Comment on content or delivery you can observe: 'Your point on costs was lost because it came after the decision was made; raise it earlier.'",
    "strident": "Describe the specific exchange: 'You restated your position four times without addressing Sam's question about budget.'",
    "abrupt": "Describe the exchange and its effect: 'Your one-line replies to the client's questions left them unsure what to do next.'",
    "irrational": "Describe the decision and the missing step: 'You changed supplier without comparing the two quotes we had.'",
    "hysterical": "Describe the observable behaviour and its effect on the work: 'When the server went down you messaged the whole department before the on-call engineer had looked.'",
    "overly dramatic": "Describe the specific action and its effect: 'You escalated the delay to the director before talking to the team lead.'",
    "difficult to work with": "Say what was hard to do together and why: 'You declined three review requests without suggesting another time.'",
    "difficult": "Say what was hard to do together and why: 'You declined three review requests without suggesting another time.'",
    "moody": "Describe the specific occasions and their effect: 'On three stand-ups this month you did not give an update.'",
    "temperamental": "Describe the specific occasions and their effect: 'Twice this month you walked out of planning when the scope changed.'",
    "pushy": "Describe the request and its effect: 'You asked for the figures four times in one day; the analyst stopped the month-end work to answer.'",
    "intimidating": "Describe what people reported and the behaviour behind it: 'Two new starters said they hold back questions after you corrected them in front of the group.'",
    "arrogant": "Describe the behaviour: 'You dismissed the support team's data without reading it.'",
    "condescending": "Quote or describe the exchange: 'You explained the basics of the tool to a senior engineer who had built it.'",
    "harsh": "Describe the words used and a better delivery: 'You called the report sloppy in the team channel; give corrections privately with examples.'",
    "too quiet": "Describe the missed contribution: 'In planning meetings you did not share the risks you had found; raise them in the meeting.'",
    "not a team player": "Describe the specific situation: 'You did not hand over the Henley account before your leave; the client waited a week.'",
    "sassy": "Describe the specific remark and its effect: 'You answered the director's question with a joke about the budget; the question went unanswered.'",
    "feisty": "Describe the specific exchange and its effect: 'You rejected the supplier's first three offers without a counter-proposal.'",
    "nagging": "Describe the follow-ups and what would work better: 'You sent five reminders in a day; agree a check-in time instead.'",
    "high-maintenance": "Describe the requests and their cost: 'You asked for three schedule changes this month; each took the coordinator a day.'",
    "hormonal": "Remove this; describe the specific behaviour and its effect on the work, if there is one.",
    "volatile": "Describe the specific occasions and their effect: 'In two incident reviews you raised your voice when the timeline was questioned.'",
    "lazy": "Describe the work not done and its effect: 'Three of your five tickets this sprint were closed without tests; the team reopened two.'",
    "cold": "Describe the interaction and its effect: 'You did not reply to the new starters' introductions; two asked me whether they had upset you.'",
    "aloof": "Describe the interaction and its effect: 'You skipped the team's last four lunches and retrospectives; people do not know what you are working on.'",
    "attitude problem": "Describe the specific behaviour: 'You rolled your eyes and left when the new rota was announced; tell me your objection instead.'",
    "too sensitive": "Describe the exchange and what you needed: 'When your draft was edited you withdrew from the project; discuss the changes with the editor.'",
    "defensive": "Describe the exchange: 'When your code was reviewed you answered each comment with a reason not to change it; agree one change per comment.'",
    "prickly": "Describe the interaction and its effect: 'You answered questions about the budget with \"read the sheet\"; people stopped asking.'",
    "cocky": "Describe the behaviour: 'You told the client the launch could not slip before checking with the team.'",
    "insecure": "Describe what you observed and what would help: 'You asked me to approve each email to the client; send routine ones yourself.'",
    "rude": "Quote or describe the exchange: 'You walked away while the receptionist was answering your question.'",
    "negative": "Describe what was said and its effect: 'In the last three retrospectives you listed problems without a proposal; bring one change to try.'",
    "hot-headed": "Describe the exchange: 'In the May review you raised your voice when the estimate was questioned.'",
    "drama queen": "Remove the label; describe the specific action and its effect.",
    "stubborn": "Describe the decision and what was missing: 'You kept the old design after three reviewers showed the defect; say what evidence would change your view.'",
    "brusque": "Describe the exchange and its effect: 'Your one-line replies to callers left two of them ringing back.'",
    "curt": "Describe the exchange and its effect: 'Your one-line replies to callers left two of them ringing back.'",
    "too soft": "Describe the situation: 'You did not raise the missed deadlines with your report; set a date and follow up.'",
    "too nice": "Describe the situation: 'You accepted the late delivery without asking the supplier for a new date.'",
    "immature": "Describe the behaviour and its effect: 'You joked about the outage in the customer channel while it was still open.'",
    "judgmental": "Describe what was said: 'You called the team's working hours \"lazy\" in the planning meeting.'",
    "smug": "Describe what was said and its effect: 'You told the team \"I said so\" after the release failed; say what to change next time.'",
    "unapproachable": "Describe what people reported and the behaviour behind it: 'New starters say your door is closed and your calendar full; set an open hour.'",
    "short-tempered": "Describe the occasions and their effect: 'Twice this month you raised your voice at an intern over a small mistake.'",
    "bitchy": "Remove the label; describe the specific remark and its effect.",
    "catty": "Remove the label; describe the specific remark and its effect.",
    "know-it-all": "Describe the exchange: 'You corrected the presenter three times before she had finished.'",
    "whiny": "Describe the concern raised and a better route: 'You raised the workload in the team channel four times; bring it to our one-to-one with a proposal.'",
    "thin-skinned": "Describe the exchange and what you needed: 'When your draft was edited you withdrew from the project; discuss the changes with the editor.'",
    "opinionated": "Describe the exchange: 'You spoke for most of the design review and the two new engineers did not speak.'",
    "chip on the shoulder": "Remove the label; describe the specific behaviour and its effect.",
    "high-strung": "Describe the occasions and their effect instead of a trait.",
    "selfish": "Describe the behaviour and its effect: 'You kept the client contacts to yourself; the team could not cover your leave.'",
    "scatterbrained": "Describe the work and its effect: 'Four actions from the steering group were not done by the agreed date.'",
    "careless": "Describe the errors and their effect: 'Two invoices went out with the wrong VAT rate this month.'",
    "sloppy": "Describe the errors and their effect: 'Two invoices went out with the wrong VAT rate this month.'",
    "sarcastic": "Quote the remark and its effect: 'You answered the intern's question with \"obviously\"; she did not ask again.'",
    "confrontational": "Describe the exchange: 'In the budget review you told finance their numbers were wrong before hearing how they were made.'",
    "argumentative": "Describe the exchange: 'You reopened the agreed design three times in the same meeting.'",
    "combative": "Describe the exchange: 'You answered each question about the delay with a counter-accusation.'",
    "hostile": "Describe the words or actions and their effect: 'You told the new analyst her report was a waste of time in front of the team.'",
    "grumpy": "Describe the occasions and their effect instead of a mood: 'You did not reply to three good-morning messages from the new starter.'",
    "irritable": "Describe the occasions and their effect instead of a mood: 'Twice this week you snapped at questions in stand-up.'",
    "sulky": "Describe what happened after the disagreement: 'After the design was changed you stopped answering the team's questions for two days.'",
    "too shy": "Describe the missed contribution: 'In client meetings you did not present the part you wrote; present it next time.'",
    "timid": "Describe the missed contribution: 'You did not raise the pricing error you had found until after the quote was sent.'",
    "pushover": "Describe the situation: 'You accepted the supplier's third delay without asking for a new date.'",
    "dismissive": "Describe the exchange: 'You closed the suggestion from the support team without reading it.'",
    "unprofessional": "Describe the specific behaviour: 'You joined the client call ten minutes late without notice.'",
}

#: term -> other forms of the same judgement (nouns, adverbs, compounds), matched like the term.
PERSONALITY_FORMS: dict[str, tuple[str, ...]] = {
    "abrasive": ("abrasiveness", "abrasively"),
    "bossy": ("bossiness", "bossier", "bossiest", "bossily"),
    "aggressive": ("aggression", "aggressiveness", "aggressively", "over-aggressive", "overaggressive"),
    "passive-aggressive": ("passive aggressive", "passive-aggressively", "passive aggressively", "passive-aggression",
                           "passive aggression", "passively aggressive"),
    "emotional": ("emotionally", "over-emotional", "over emotional", "overemotional", "emotionality"),
    "shrill": ("shrillness", "shrilly"),
    "strident": ("stridency", "stridently"),
    "abrupt": ("abruptness",),
    "irrational": ("irrationally", "irrationality"),
    "hysterical": ("hysterically", "hysteria", "hysterics"),
    "overly dramatic": ("over-dramatic", "overdramatic", "too dramatic", "melodramatic"),
    "difficult to work with": ("hard to work with", "difficult to deal with", "hard to deal with"),
    "moody": ("moodiness", "moodily", "moodier"),
    "temperamental": ("temperamentally",),
    "pushy": ("pushiness", "pushier", "pushily"),
    "arrogant": ("arrogance", "arrogantly"),
    "condescending": ("condescension", "condescendingly"),
    "harsh": ("harshness", "harshly", "harsher"),
    "too quiet": ("overly quiet",),
    "not a team player": ("no team player",),
    "sassy": ("sassiness",),
    "feisty": ("feistiness",),
    "high-maintenance": ("high maintenance",),
    "volatile": ("volatility",),
    "lazy": ("laziness",),
    "cold": ("coldness",),
    "aloof": ("aloofness",),
    "attitude problem": ("bad attitude", "poor attitude", "negative attitude"),
    "too sensitive": ("oversensitive", "over-sensitive", "overly sensitive"),
    "defensive": ("defensiveness", "defensively"),
    "cocky": ("cockiness",),
    "insecure": ("insecurity",),
    "rude": ("rudeness", "rudely"),
    "negative": ("negativity",),
    "hot-headed": ("hothead", "hotheaded", "hot headed"),
    "stubborn": ("stubbornness", "stubbornly"),
    "brusque": ("brusquely", "brusqueness"),
    "curt": ("curtly", "curtness"),
    "immature": ("immaturity",),
    "judgmental": ("judgemental",),
    "smug": ("smugness", "smugly"),
    "short-tempered": ("short tempered", "quick-tempered", "bad-tempered", "ill-tempered"),
    "know-it-all": ("know it all",),
    "whiny": ("whiney", "whingey", "whingy"),
    "chip on the shoulder": ("chip on his shoulder", "chip on her shoulder", "chip on their shoulder"),
    "high-strung": ("high strung", "highly strung", "highly-strung"),
    "selfish": ("selfishness",),
    "careless": ("carelessness",),
    "sloppy": ("sloppiness",),
    "sarcastic": ("sarcasm", "sarcastically"),
    "confrontational": (),
    "argumentative": (),
    "combative": (),
    "hostile": ("hostility",),
    "grumpy": ("grumpiness",),
    "irritable": ("irritability",),
    "sulky": ("sulking",),
    "too shy": ("overly shy",),
    "timid": ("timidity",),
    "pushover": (),
    "dismissive": ("dismissively", "dismissiveness"),
    "unprofessional": ("unprofessionally",),
}

#: Terms that only ever describe people (no thing is a "drama queen"), so no context can make them about a thing.
ALWAYS_PERSON: frozenset[str] = frozenset({
    "not a team player", "attitude problem", "drama queen", "know-it-all", "chip on the shoulder", "hot-headed",
    "passive-aggressive", "bitchy", "catty", "cocky", "smug", "thin-skinned", "short-tempered", "bossy", "pushover",
    "sulky",
})
