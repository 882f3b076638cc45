"""Letters to employees: the AI-use disclosure, their own data report, contest and review letters (Qt-free).

    from hrdesk.letters import LetterType
    outcome = session.generate_letters(LetterType.DISCLOSURE, out_dir, everyone=True)   # PDFs + the letter log
    session.mark_letters_delivered(["10026"], channel="email", on=date(2026, 11, 26))
    session.letter_status().stale                                                       # after a system change

Templates are text files (``resources/letters/<type>.txt``, or an edited copy
in the template folder set in the letter settings) checked when loaded
(``template``); values come from the records, the decision register and the
letter settings (``context``); reportlab renders them (``pdf``, imported
lazily); ``log`` records every letter and decides whether a disclosure is
current, stale or missing from the audit-action registry.
"""

from hrdesk.letters.kinds import ContestAcknowledgement, ContestOutcome, LetterType, ReviewSummary

__all__ = ["ContestAcknowledgement", "ContestOutcome", "LetterType", "ReviewSummary"]
