"""The session layer: who acts, with which keys, and what changed (Qt-free).

    session = Session.open(path, passphrase, user="Amy Dunn")   # or Session.create(...), Session.recover(...)
    session.add_user(name, "manager"|"auditor"|"hr", passphrase, employee_id=...)   # HR only (refusals logged)
    session.reset_user_passphrase(name, new); session.remove_user(name); session.users()
    session.actor                                      # Actor(id, name, role)
    unsubscribe = session.subscribe(lambda changes: ...)
    outcome = session.update_employee(eid, department="IT")   # Outcome(result, changes)
    outcome.changes.touches(Kind.EMPLOYEES)            # True
    session.records().employees.list()                 # reads are separate calls
    session.lock(); session.unlock(passphrase); session.close()   # a changed vault is backed up on close

Modelled on Anki's Collection and OpChanges. ``actions`` is the one registry of
audit-log actions: what each changes and how to say it in words.
"""

from hrdesk.session.actor import Actor, Role
from hrdesk.session.changes import NO_CHANGES, Changes
from hrdesk.session.kinds import Kind
from hrdesk.session.operations import Outcome
from hrdesk.session.session import Session

__all__ = ["NO_CHANGES", "Actor", "Changes", "Kind", "Outcome", "Role", "Session"]
