"""Contests: an employee challenges a suggestion, a decision or a data item, and a reviewer decides.

    model     the Contest case, Subject, Outcome (the contract monitoring, letters and the packet read)
    query     contests(vault, *, since=None, until=None), contest(vault, "C-0001"), status_words, case_load
    rules     the due date from governance step 3, who decided (the review session's manager), the reviewer rule
    cases     add / assign / resolve on a vault (inside the session's transaction, audit-logged)
    service   the same as HR-only session operations, and the two letters (session.add_contest, ...)
    store     the encrypted table and the stable case numbers
"""
