"""Small closed word classes the feedback-language check reads context with.

Whom a word describes is decided from the words around it (see
``hrdesk.fairness.language_context``); these sets are the only grammar it
knows. Person nouns are a closed class in feedback (pronouns, names, roles, a
person's manner), things are open, so an unknown noun counts as a thing.
"""

from __future__ import annotations

PRONOUNS_PERSON = frozenset({"he", "she", "they", "him", "her", "them", "you", "i", "we", "me", "us", "himself",
                             "herself", "themselves", "someone", "somebody", "everyone", "anyone", "who"})
PRONOUNS_THING = frozenset({"it", "this", "that", "these", "those", "which", "what"})
POSSESSIVES = frozenset({"her", "his", "their", "your", "my", "our"})
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "her", "his", "their", "its", "our",
                         "your", "my", "some", "any", "such", "every", "each", "another", "no"})

#: nouns for people the review is about, and for a person's manner (their tone is them)
PERSON_NOUNS = frozenset([
    "colleague", "colleagues", "coworker", "coworkers", "co-worker", "co-workers", "teammate", "teammates",
    "member", "members", "manager", "managers", "person", "people", "individual", "employee", "employees", "staff",
    "hire", "hires", "starter", "starters", "intern", "interns", "engineer", "engineers", "developer", "developers",
    "analyst", "analysts", "designer", "designers", "lead", "leads", "leader", "leaders", "supervisor",
    "supervisors", "director", "directors", "executive", "executives", "head", "heads", "officer", "officers",
    "assistant", "assistants", "coordinator", "coordinators", "administrator", "accountant", "accountants",
    "technician", "technicians", "associate", "associates", "reports", "peer", "peers", "mentor",
    "mentee", "worker", "workers", "operator", "operators", "clerk", "cashier", "driver", "drivers", "scientist",
    "researcher", "trainee", "trainees", "apprentice", "nurse", "nurses", "teacher", "representative", "rep",
    "agent", "agents", "specialist", "specialists", "consultant", "consultants", "contractor", "contractors",
    "woman", "women", "man", "men", "guy", "girl", "lady", "boy", "presenter", "negotiator", "communicator", "boss",
    "partner", "owner", "chair", "lawyer", "editor", "writer", "recruiter", "tone", "manner", "style", "attitude",
    "personality", "demeanour", "demeanor", "temperament", "presence", "approach", "behaviour", "behavior",
    "reaction", "reactions", "response", "responses", "reply", "replies", "comments", "remarks", "emails",
    "messages", "voice", "conduct", "character", "nature", "temper"
])

#: people the reviewed person deals with: a word about them is not about the reviewee
THIRD_PARTY_NOUNS = frozenset([
    "customer", "customers", "client", "clients", "caller", "callers", "visitor", "visitors", "patient", "patients",
    "guest", "guests", "supplier", "suppliers", "vendor", "vendors", "public", "passenger", "passengers", "tenant",
    "tenants", "buyer", "buyers", "counterpart", "counterparts", "shopper", "shoppers"
])

#: common things feedback words describe; any unknown noun counts as a thing too
THING_NOUNS = frozenset([
    "target", "targets", "timeline", "timelines", "deadline", "deadlines", "schedule", "schedules", "growth",
    "pricing", "price", "prices", "market", "markets", "strategy", "plan", "plans", "roadmap", "budget", "budgets",
    "cut", "cuts", "cost", "costs", "campaign", "sales", "quota", "quotas", "forecast", "forecasts", "estimate",
    "estimates", "api", "apis", "pipeline", "pipelines", "system", "systems", "build", "builds", "test", "tests",
    "server", "servers", "network", "weather", "conditions", "environment", "environments", "support",
    "intelligence", "labour", "labor", "toll", "impact", "stock", "stocks", "rates", "rate", "demand", "economy",
    "code", "codebase", "software", "tool", "tools", "tooling", "process", "processes", "workflow", "data",
    "module", "service", "services", "platform", "integration", "deployment", "release", "releases", "database",
    "portal", "printer", "macros", "spreadsheet", "spreadsheets", "set", "kpis", "kpi", "scope", "change",
    "changes", "end", "start", "farewell", "quarter", "year", "month", "week", "day", "period", "time", "winter",
    "summer", "lighting", "requirements", "terms", "contract", "contracts", "chain", "supply", "model", "document",
    "documents", "handover", "report", "feedback", "survey", "project", "projects", "programme", "migration",
    "expansion", "competition", "launch", "goal", "goals", "objectives", "numbers", "figures", "review", "reviews",
    "proposal", "proposals", "draft", "drafts", "analysis", "design", "designs", "slides", "deck", "presentation",
    "presentations"
])

#: verbs and helpers between a subject and its complement ("she *can come across as* abrasive")
LINKING = frozenset([
    "is", "was", "are", "were", "be", "been", "being", "am", "'s", "'re", "seems", "seemed", "seem", "appears",
    "appeared", "appear", "looks", "looked", "look", "sounds", "sounded", "gets", "got", "get", "getting",
    "becomes", "became", "become", "remains", "remained", "grew", "grows", "stays", "stayed", "comes", "came",
    "come", "turned"
])
AUXILIARIES = frozenset([
    "can", "could", "may", "might", "will", "would", "should", "must", "has", "have", "had", "does", "do", "did",
    "'ll", "'d", "to", "needs", "need", "tends", "tend", "seem", "seems", "known"
])
#: words skipped when looking for the word's subject or object
SKIPPABLE = frozenset([
    "too", "very", "quite", "so", "rather", "really", "just", "also", "still", "often", "always", "sometimes",
    "occasionally", "usually", "generally", "frequently", "overly", "far", "bit", "little", "somewhat", "extremely",
    "increasingly", "pretty", "fairly", "at", "times", "as", "across", "being", "for", "of", "reputation",
    "tendency", "habit", "a", "an", "ever", "even", "more", "most", "less", "all"
])
#: verbs whose complement is their object ("colleagues *find* him pushy")
OBJECT_VERBS = frozenset([
    "find", "finds", "found", "consider", "considers", "considered", "call", "calls", "called", "describe",
    "describes", "described", "think", "thinks", "thought", "see", "sees", "saw", "seen", "regard", "regards",
    "regarded", "label", "labels", "labelled", "labeled"
])
#: verbs of dealing with people: an adverb next to one describes the person doing it ("reacts emotionally")
INTERPERSONAL_VERBS = frozenset([
    "react", "reacts", "reacted", "reacting", "respond", "responds", "responded", "responding", "reply", "replies",
    "replied", "speak", "speaks", "spoke", "spoken", "speaking", "talk", "talks", "talked", "behave", "behaves",
    "behaved", "behaving", "act", "acts", "acted", "acting", "argue", "argues", "argued", "arguing", "treat",
    "treats", "treated", "treating", "deal", "deals", "dealt", "address", "addresses", "addressed", "write",
    "writes", "wrote", "comment", "comments", "commented", "criticise", "criticises", "criticised", "criticize",
    "criticized", "challenge", "challenges", "challenged", "interrupt", "interrupts", "interrupted", "shout",
    "shouts", "shouted", "answer", "answers", "answered", "confront", "confronts", "confronted", "dismiss",
    "dismisses", "dismissed", "correct", "corrects", "corrected", "push", "pushes", "pushed", "pushing",
    "negotiate", "negotiates", "negotiated", "handle", "handles", "handled", "get", "gets", "got", "become",
    "becomes", "became"
])
PREPOSITIONS = frozenset([
    "with", "to", "in", "on", "at", "for", "about", "towards", "toward", "over", "under", "during", "when",
    "whenever", "from", "after", "before", "than", "by", "into", "onto", "around", "against", "while", "if",
    "because", "since", "until"
])
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without", "hardly", "nobody", "none", "nothing",
                      "barely", "scarcely", "cannot"})
#: two-word negators ("no longer too quiet", "far from difficult", "stopped being pushy")
NEGATOR_PAIRS = frozenset({("no", "longer"), ("far", "from"), ("stopped", "being"), ("rather", "than"),
                           ("instead", "of"), ("no", "one"), ("not", "once"), ("anything", "but")})
#: negators that do not negate what follows ("not only abrasive but ...")
NOT_NEGATING_AFTER = frozenset({"only", "just", "merely", "simply"})
CLAUSE_WORDS = frozenset({"but", "though", "although", "yet", "however", "whereas", "because", "so", "while", "and",
                          "or", "which", "who", "when", "whenever", "if", "unless", "since", "despite"})
PERSON_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ee", "ees")
THING_ENDINGS = ("ing", "tion", "tions", "sion", "ment", "ments", "ness", "ity", "ities", "ance", "ence", "ure", "ics",
                 "ware", "ism", "ogy", "ship")
