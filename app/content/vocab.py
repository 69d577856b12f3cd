"""Fixed vocabularies of the content format (docs/content-format.md) and their Dutch labels."""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import ConfigDict, Field, StringConstraints

FROZEN: Final = ConfigDict(frozen=True, extra="forbid")

LawId = Literal[
    "awb", "pw", "pwib", "wmo2015", "jeugdwet", "zvw", "wlz", "wgs", "fw", "rv", "hvw", "wvrv",
    "woningwet", "wbrp", "lpw", "wpo", "wko", "awir", "iw1990", "gemw", "wvggz", "wzd", "avg",
    "wams", "wi2021", "woo", "wvbj",
]  # fmt: skip
Payer = Literal[
    "gemeente", "zorgverzekeraar", "zorgkantoor", "rijk", "toeslagen", "verhuurder", "onderwijs",
    "werkgever", "huishouden", "overig",
]  # fmt: skip
LifeDomain = Literal[
    "wonen", "schulden", "inkomen", "werk", "zorg", "jeugd", "veiligheid", "onderwijs"
]
ArticleStatus = Literal["verified", "partly", "unverified"]
Confidence = Literal["verified", "partly", "unverified", "assumption"]
Kind = Literal["resource", "transfer"]
Unit = Literal["hour", "day", "week", "month", "year", "once", "trajectory"]
Per = Literal["week", "month", "year"]
Block = Literal["A", "B", "C", "D", "E"]

BLOCK_TITLES: Final[dict[str, str]] = {
    "A": "Fundament",
    "B": "Recht als instrument",
    "C": "Veiligheid, dwang en privacy",
    "D": "Rekenen",
    "E": "Legitimeren en organiseren",
}

OWNER_LABELS: Final[dict[str, str]] = {
    "household": "huishouden",
    "professional": "professional",
    "system": "systeem",
}
DOMAIN_LABELS: Final[dict[str, str]] = {
    "wonen": "Wonen",
    "schulden": "Schulden",
    "inkomen": "Inkomen",
    "werk": "Werk",
    "zorg": "Zorg",
    "jeugd": "Jeugd",
    "veiligheid": "Veiligheid",
    "onderwijs": "Onderwijs",
}

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
Year = Annotated[int, Field(ge=1990, le=2100)]
