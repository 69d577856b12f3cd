"""Dutch labels for codes that appear in templates."""

from __future__ import annotations

UNIT_LABELS = {
    "hour": "per uur",
    "day": "per dag",
    "week": "per week",
    "month": "per maand",
    "year": "per jaar",
    "once": "eenmalig",
    "trajectory": "per traject",
}
STATUS_LABELS = {
    "verified": "geverifieerd",
    "partly": "deels geverifieerd",
    "unverified": "niet geverifieerd",
    "assumption": "aanname",
}
OWNER_LABELS = {"household": "huishouden", "professional": "professional", "system": "systeem"}
DOMAIN_LABELS = {
    "wonen": "Wonen",
    "schulden": "Schulden",
    "inkomen": "Inkomen",
    "werk": "Werk",
    "zorg": "Zorg",
    "jeugd": "Jeugd",
    "veiligheid": "Veiligheid",
    "onderwijs": "Onderwijs",
}
