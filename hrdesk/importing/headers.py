"""Recognising source columns: header aliases and columns dropped on sight.

HRIS exports name the same thing many ways ("EmpID", "Employee Number",
"Staff ID"). Headers are compared after normalising (case, spaces and
punctuation removed). Columns hrdesk deliberately never keeps carry the
reason, so the import report can say *why* they were dropped.
"""

from __future__ import annotations

import re

from hrdesk.records.fields import Kind

_ID = ("employeeid", "empid", "employeenumber", "employeeno", "empno", "staffid", "staffnumber", "personid", "workerid", "employeecode", "id")

ALIASES: dict[Kind, dict[str, tuple[str, ...]]] = {
    Kind.EMPLOYEES: {
        "employee_id": _ID,
        "name": ("employeename", "name", "fullname", "empname", "employee"),
        "manager_name": ("managername", "manager", "supervisor", "supervisorname", "linemanager", "reportsto"),
        "department": ("department", "dept", "departmentname", "division"),
        "position": ("position", "jobtitle", "title", "role", "job", "positiontitle"),
        "employment_status": ("employmentstatus", "status", "empstatus", "employeestatus"),
        "hire_date": ("dateofhire", "hiredate", "startdate", "datehired", "joindate", "datejoined"),
        "termination_date": ("dateoftermination", "terminationdate", "enddate", "leavedate", "leavingdate", "leftdate"),
        "termination_reason": ("termreason", "terminationreason", "leavingreason", "reasonforleaving"),
        "performance_score": ("performancescore", "performancerating", "perfscore", "rating", "performance"),
        "last_review_date": ("lastperformancereviewdate", "lastreviewdate", "lastperformancereview", "reviewdate"),
        "special_projects": ("specialprojectscount", "specialprojects", "projects"),
        "engagement": ("engagementsurvey", "engagement", "engagementscore"),
        "satisfaction": ("empsatisfaction", "satisfaction", "employeesatisfaction", "jobsatisfaction"),
        "absences": ("absences", "absencedays", "daysabsent", "absence"),
        "sex": ("sex", "gender"),
        "race": ("racedesc", "race", "ethnicity", "raceethnicity"),
        "hispanic_latino": ("hispaniclatino", "hispanic", "hispanicorlatino", "latino"),
        "date_of_birth": ("dob", "dateofbirth", "birthdate", "birthday"),
        "disability": ("disability", "disabilitystatus", "disabled"),
    },
    Kind.REVIEWS: {
        "employee_id": _ID,
        "cycle": ("cycle", "cyclename", "reviewcycle", "period", "reviewperiod"),
        "review_date": ("reviewdate", "date", "reviewedon", "reviewday"),
        "rating": ("rating", "performancerating", "performancescore", "score"),
        "feedback": ("feedback", "feedbacktext", "writtenfeedback", "comments", "reviewcomments", "comment"),
        "goals": ("goals", "goal", "objectives", "goalsset"),
    },
    Kind.CHECKINS: {
        "employee_id": _ID,
        "date": ("date", "checkindate", "submitted", "submittedon", "day"),
        "mood": ("mood", "moodscore"),
        "workload": ("workload", "workloadscore"),
        "stress": ("stress", "stressscore", "stresslevel"),
        "comment": ("comment", "comments", "note", "notes"),
    },
}

NO_PURPOSE = "no declared purpose"

KNOWN_DROPS: dict[str, str] = {
    "salary": f"{NO_PURPOSE}: hrdesk does not use pay",
    "pay": f"{NO_PURPOSE}: hrdesk does not use pay",
    "compensation": f"{NO_PURPOSE}: hrdesk does not use pay",
    "zip": f"{NO_PURPOSE}: a home address is not needed",
    "zipcode": f"{NO_PURPOSE}: a home address is not needed",
    "postcode": f"{NO_PURPOSE}: a home address is not needed",
    "state": f"{NO_PURPOSE}: a home address is not needed",
    "address": f"{NO_PURPOSE}: a home address is not needed",
    "city": f"{NO_PURPOSE}: a home address is not needed",
    "maritaldesc": f"{NO_PURPOSE}: marital status is not needed",
    "maritalstatus": f"{NO_PURPOSE}: marital status is not needed",
    "citizendesc": f"{NO_PURPOSE}: citizenship is not needed",
    "citizenship": f"{NO_PURPOSE}: citizenship is not needed",
    "recruitmentsource": f"{NO_PURPOSE}: how someone was recruited is not needed",
    "fromdiversityjobfairid": f"{NO_PURPOSE}: recruitment channel, and a proxy for a protected attribute",
    "dayslatelast30": f"{NO_PURPOSE}: lateness is not used",
    "termd": "duplicates the termination date",
}

ID_CODE_REASON = "numeric code duplicating a described column"
UNKNOWN_REASON = "not recognised as an hrdesk field"


def normalise(header: str) -> str:
    """Compare headers without case, spaces or punctuation."""
    return re.sub(r"[^0-9a-z]", "", header.casefold())


def recognise(header: str, kind: Kind) -> str | None:
    """The hrdesk field a header names, or None."""
    key = normalise(header)
    for field, aliases in ALIASES[kind].items():
        if key in aliases:
            return field
    return None


def drop_reason(header: str) -> str:
    """Why an unmapped column is dropped, as the report shows it."""
    key = normalise(header)
    if key in KNOWN_DROPS:
        return KNOWN_DROPS[key]
    if key.endswith("id") and len(key) > 2:
        return ID_CODE_REASON
    return UNKNOWN_REASON
