"""Recognising source columns: header aliases and columns dropped on sight.

HRIS exports name the same thing many ways ("EmpID", "Employee Number",
"Staff ID"). Headers are compared after normalising (case, spaces and
punctuation removed). Columns hrdesk deliberately never keeps carry the
reason, so the import report can say *why* they were dropped.
"""

from __future__ import annotations

import re

from hrdesk.records.fields import Kind

_ID = (
    "employeeid", "empid", "employeenumber", "employeeno", "employeenr", "empno", "empnumber", "empnr", "staffid",
    "staffnumber", "staffno", "personid", "personidexternal", "personnumber", "personnelnumber", "persno", "pernr",
    "workerid", "employeecode", "empcode", "userid", "associateid", "eeid", "id",
)

# Normalised headers (see ``normalise``) as HRDataset, the IBM HR Analytics
# attrition data and BambooHR, Workday, Personio and SAP SuccessFactors
# exports spell them; camelCase, snake_case and spaced forms all normalise
# to the same key.
ALIASES: dict[Kind, dict[str, tuple[str, ...]]] = {
    Kind.EMPLOYEES: {
        "employee_id": _ID,
        "name": ("employeename", "name", "fullname", "empname", "employee", "employeefullname", "legalname",
                 "workername", "worker", "displayname", "preferredname"),
        "first_name": ("firstname", "givenname", "forename", "first", "legalfirstname", "preferredfirstname"),
        "last_name": ("lastname", "surname", "familyname", "last", "legallastname"),
        "manager_name": ("managername", "manager", "supervisor", "supervisorname", "linemanager", "reportsto",
                         "reportingto", "managerfullname", "directmanager", "linemanagername"),
        "department": ("department", "dept", "departmentname", "deptname", "orgunit", "organisationalunit",
                       "organizationalunit", "businessunit", "supervisoryorganization"),
        "position": ("position", "jobtitle", "title", "role", "job", "positiontitle", "jobrole", "businesstitle",
                     "jobprofile", "jobname", "designation"),
        "employment_status": ("employmentstatus", "status", "empstatus", "employeestatus", "workerstatus"),
        "left": ("attrition", "left", "hasleft", "leaver", "isleaver", "terminated", "isterminated", "exited",
                 "churn", "churned", "turnover", "attrited", "leftcompany", "attritionflag"),
        "hire_date": ("dateofhire", "hiredate", "startdate", "datehired", "joindate", "datejoined", "joiningdate",
                      "dateofjoining", "originalhiredate", "employmentstartdate", "entrydate"),
        "termination_date": ("dateoftermination", "terminationdate", "enddate", "leavedate", "leavingdate", "leftdate",
                             "exitdate", "dateofleaving", "separationdate", "employmentenddate", "lastworkingday"),
        "termination_reason": ("termreason", "terminationreason", "leavingreason", "reasonforleaving", "exitreason",
                               "separationreason", "primaryterminationreason", "terminationtype", "terminationcategory"),
        "performance_score": ("performancescore", "performancerating", "perfscore", "rating", "performance",
                              "perfrating", "lastperformancerating", "overallrating", "performancelevel"),
        "last_review_date": ("lastperformancereviewdate", "lastreviewdate", "lastperformancereview", "reviewdate",
                             "lastappraisaldate"),
        "special_projects": ("specialprojectscount", "specialprojects", "projects"),
        "engagement": ("engagementsurvey", "engagement", "engagementscore"),
        "satisfaction": ("empsatisfaction", "satisfaction", "employeesatisfaction", "jobsatisfaction",
                         "satisfactionscore"),
        "absences": ("absences", "absencedays", "daysabsent", "absence"),
        "sex": ("sex", "gender"),
        "race": ("racedesc", "race", "ethnicity", "raceethnicity", "ethnicgroup", "ethnicorigin"),
        "hispanic_latino": ("hispaniclatino", "hispanic", "hispanicorlatino", "latino"),
        "date_of_birth": ("dob", "dateofbirth", "birthdate", "birthday"),
        "age": ("age", "ageyears", "ageinyears", "currentage"),
        "disability": ("disability", "disabilitystatus", "disabled"),
    },
    Kind.REVIEWS: {
        "employee_id": _ID,
        "cycle": ("cycle", "cyclename", "reviewcycle", "period", "reviewperiod", "appraisalperiod"),
        "review_date": ("reviewdate", "date", "reviewedon", "reviewday", "appraisaldate"),
        "rating": ("rating", "performancerating", "performancescore", "score", "overallrating", "perfrating"),
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
_PAY = f"{NO_PURPOSE}: hrdesk does not use pay"
_CONTACT = f"{NO_PURPOSE}: contact details are not needed"
_NATIONAL_ID = f"{NO_PURPOSE}: a national identifier is never needed"
KNOWN_DROPS.update(
    {key: _PAY for key in ("dailyrate", "hourlyrate", "monthlyincome", "monthlyrate", "percentsalaryhike",
                           "stockoptionlevel", "annualsalary", "basesalary", "bonus", "payrate", "iban", "bankaccount")}
    | {key: _CONTACT for key in ("email", "workemail", "personalemail", "phone", "mobile", "workphone", "mobilephone")}
    | {key: _NATIONAL_ID for key in ("ssn", "socialsecuritynumber", "nationalid", "nationalinsurancenumber", "taxid")}
    | {
        "distancefromhome": f"{NO_PURPOSE}: where someone lives is not needed",
        "education": f"{NO_PURPOSE}: education is not used",
        "educationfield": f"{NO_PURPOSE}: education is not used",
        "overtime": f"{NO_PURPOSE}: working hours are not used",
        "religion": f"{NO_PURPOSE}: religion is never needed",
        "sexualorientation": f"{NO_PURPOSE}: sexual orientation is never needed",
    }
)

ID_CODE_REASON = "numeric code duplicating a described column"
CONSTANT_REASON = "the same value in every row, so it tells nothing apart"
UNKNOWN_REASON = "not recognised as an hrdesk field"


def normalise(header: str) -> str:
    """Compare headers without case, spaces or punctuation ("Employee #", "employee_number" and "EmployeeNumber" agree)."""
    return re.sub(r"[^0-9a-z]", "", header.casefold().replace("#", "number"))


def recognise(header: str, kind: Kind) -> str | None:
    """The hrdesk field a header names, or None."""
    key = normalise(header)
    for field, aliases in ALIASES[kind].items():
        if key in aliases:
            return field
    return None


SURVEY_REASON = "a survey item hrdesk has no field for (it keeps one satisfaction and one engagement score)"
_SURVEY_ITEMS = ("satisfaction", "involvement", "worklifebalance")


def drop_reason(header: str) -> str:
    """Why an unmapped column is dropped, as the report shows it."""
    key = normalise(header)
    if key in KNOWN_DROPS:
        return KNOWN_DROPS[key]
    if any(item in key for item in _SURVEY_ITEMS):
        return SURVEY_REASON
    if key.endswith("id") and len(key) > 2:
        return ID_CODE_REASON
    return UNKNOWN_REASON
