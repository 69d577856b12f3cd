"""Fixed vocabularies and limits of the calculator (ids follow docs/content-format.md)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final

# Horizons a comparison may use, in months; the first is the default.
HORIZONS: Final[tuple[int, ...]] = (12, 24, 36, 60)
DEFAULT_HORIZON: Final[int] = 12

# Standard discount rate for Dutch social cost-benefit analysis (MKBA) as a fraction per year:
# 2.25 % ("standaarddiscontovoet"), advised by the Werkgroep discontovoet 2020 and in force
# since 1 January 2021. See docs/algorithms/kassabon.md for the source and its status.
DEFAULT_DISCOUNT_RATE: Final[Decimal] = Decimal("0.0225")
MAX_DISCOUNT_RATE: Final[Decimal] = Decimal("0.15")

# Payer ids in display order, with their Dutch labels.
PAYER_LABELS: Final[dict[str, str]] = {
    "gemeente": "Gemeente",
    "zorgverzekeraar": "Zorgverzekeraar",
    "zorgkantoor": "Zorgkantoor",
    "rijk": "Rijk",
    "toeslagen": "Dienst Toeslagen",
    "verhuurder": "Verhuurder",
    "onderwijs": "Onderwijs",
    "werkgever": "Werkgever",
    "huishouden": "Huishouden",
    "overig": "Overig",
}

# Law ids (fixed list) in display order, with a short Dutch label for subtotals.
LAW_LABELS: Final[dict[str, str]] = {
    "awb": "Awb",
    "pw": "Participatiewet",
    "pwib": "Participatiewet in balans",
    "wmo2015": "Wmo 2015",
    "jeugdwet": "Jeugdwet",
    "zvw": "Zvw",
    "wlz": "Wlz",
    "wgs": "Wgs",
    "fw": "Faillissementswet",
    "rv": "Rv",
    "hvw": "Huisvestingswet 2014",
    "wvrv": "Wet versterking regie volkshuisvesting",
    "woningwet": "Woningwet",
    "wbrp": "Wet BRP",
    "lpw": "Leerplichtwet 1969",
    "wpo": "WPO",
    "wko": "Wet kinderopvang",
    "awir": "Awir",
    "iw1990": "Invorderingswet 1990",
    "gemw": "Gemeentewet",
    "wvggz": "Wvggz",
    "wzd": "Wzd",
    "avg": "AVG/UAVG",
    "wams": "Wams",
    "wi2021": "Wet inburgering 2021",
    "woo": "Woo",
    "wvbj": "Wet verbetering beschikbaarheid jeugdzorg",
}
NO_LAW_LABEL: Final[str] = "Zonder wet"

# Units of a unit cost; "once" and "trajectory" are paid once, in the start month.
UNITS: Final[tuple[str, ...]] = ("hour", "day", "week", "month", "year", "once", "trajectory")
ONE_OFF_UNITS: Final[frozenset[str]] = frozenset({"once", "trajectory"})

# Months per period: cost per month = amount x quantity x factor.
PER_FACTORS: Final[dict[str, Fraction]] = {
    "week": Fraction(52, 12),
    "month": Fraction(1),
    "year": Fraction(1, 12),
}

# What a figure is in a social cost-benefit analysis (MKBA): a resource uses real means (care,
# housing, staff time); a transfer moves money from one party to another (bijstand, toeslagen,
# the household's own costs) and is no cost to society as a whole.
KINDS: Final[tuple[str, str]] = ("resource", "transfer")

CONFIDENCES: Final[tuple[str, ...]] = ("verified", "partly", "unverified", "assumption")
UNVERIFIED_CONFIDENCES: Final[frozenset[str]] = frozenset({"unverified", "assumption"})

# A figure is old when its year lies more than this many years before the base year.
OLD_FIGURE_YEARS: Final[int] = 5

SCENARIO_KEYS: Final[tuple[str, str]] = ("status_quo", "breakthrough")
SCENARIO_LABELS: Final[dict[str, str]] = {
    "status_quo": "Doormodderen",
    "breakthrough": "Doorbreken",
}

LEVELS: Final[tuple[str, str, str]] = ("low", "central", "high")

WARNING_CODES: Final[tuple[str, ...]] = (
    "old_figure",
    "unverified_figure",
    "proxy_figure",
    "double_counting",
    "past_horizon",
    "not_indexed",
)

# Input limits that keep exact arithmetic cheap (and catch typing errors).
MAX_AMOUNT: Final[Decimal] = Decimal("100000000")  # euros per unit
MAX_QUANTITY: Final[Decimal] = Decimal("1000000")  # units per period
MAX_MONTHS: Final[int] = 1200  # start month and duration
MAX_DECIMALS: Final[int] = 6
