"""The four worked examples of docs/algorithms/kassabon.md, number for number.

If one of these fails, either the code or the document is wrong: fix them together.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.calculator import (
    Amounts,
    PriceList,
    Receipt,
    UnitCost,
    calculate,
    comparison_from_mapping,
)

D = Decimal


def unit_cost(
    id: str,
    description: str,
    amounts: tuple[str, str, str],
    unit: str,
    payer: str,
    law: str | None,
    *,
    year: int = 2024,
    confidence: str = "assumption",
    proxy: bool = False,
    aggregate_of: tuple[str, ...] = (),
) -> UnitCost:
    low, central, high = (D(a) for a in amounts)
    return UnitCost(
        id, description, low, central, high, unit, payer, law, year,
        "voorbeeldprijs", confidence, proxy, aggregate_of,
    )  # fmt: skip


def price_list(version: str, *costs: UnitCost) -> PriceList:
    return PriceList(version=version, base_year=2025, items={c.id: c for c in costs})


def central_line_costs(receipt: Receipt, scenario: str) -> list[Decimal]:
    return [line.cost.central for line in receipt.scenario(scenario).lines]


# --- Example 1: a placement like case c1 (example prices, no CPI) -------------------------------

C1_PRICES = price_list(
    "example-1",
    unit_cost(
        "k-jz-5", "Gezinshuis, per etmaal", ("150.00", "163.59", "180.00"),
        "day", "gemeente", "jeugdwet", confidence="verified",
    ),
    unit_cost(
        "k-ggz-2", "Traumatherapie, traject", ("1300.00", "2600.00", "2600.00"),
        "trajectory", "zorgverzekeraar", "zvw", confidence="assumption",
    ),
    unit_cost(
        "k-jz-7", "Ambulante jeugdhulp, per uur", ("51.00", "78.00", "90.00"),
        "hour", "gemeente", "jeugdwet", confidence="verified",
    ),
)  # fmt: skip

C1_COMPARISON = {
    "horizon_months": 12,
    "status_quo": {
        "title": "Doormodderen",
        "lines": [
            {
                "unit_cost": "k-jz-5",
                "quantity": "365",
                "per": "year",
                "start_month": 1,
                "months": 12,
            },
        ],
    },
    "breakthrough": {
        "title": "Doorbreken",
        "lines": [
            {
                "unit_cost": "k-jz-5",
                "quantity": "365",
                "per": "year",
                "start_month": 1,
                "months": 6,
            },
            {"unit_cost": "k-ggz-2", "quantity": "1", "start_month": 1, "months": 1},
            {"unit_cost": "k-jz-7", "quantity": "3", "per": "week", "start_month": 1, "months": 6},
        ],
    },
}


@pytest.fixture(scope="module")
def c1_receipt() -> Receipt:
    return calculate(comparison_from_mapping(C1_COMPARISON), C1_PRICES)


def test_example_1_line_costs_match_the_document(c1_receipt: Receipt) -> None:
    # Gezinshuis: 163.59 x 365 x 1/12 = 4,975.8625 a month; x 12 = 59,710.35.
    assert central_line_costs(c1_receipt, "status_quo") == [D("59710.35")]
    # 6 months: 29,855.175 (a tie at half a cent, rounds up to .18); therapy once 2,600.00;
    # ambulant 78 x 3 x 52/12 = 1,014.00 a month, x 6 = 6,084.00.
    assert central_line_costs(c1_receipt, "breakthrough") == [
        D("29855.18"),
        D("2600.00"),
        D("6084.00"),
    ]


def test_example_1_totals_and_societal_difference(c1_receipt: Receipt) -> None:
    assert c1_receipt.status_quo.total.central == D("59710.35")
    assert c1_receipt.breakthrough.total.central == D("38539.18")
    assert c1_receipt.difference.central == D("21171.17")


def test_example_1_insurer_invests_while_municipality_saves(c1_receipt: Receipt) -> None:
    by_payer = {p.payer: p for p in c1_receipt.payers}
    assert by_payer["gemeente"].breakthrough.central == D("35939.18")
    assert by_payer["gemeente"].delta.central == D("23771.17")
    assert by_payer["gemeente"].role == "saves"
    assert by_payer["zorgverzekeraar"].status_quo.central == D("0.00")
    assert by_payer["zorgverzekeraar"].delta.central == D("-2600.00")
    assert by_payer["zorgverzekeraar"].role == "invests"
    assert (c1_receipt.invested, c1_receipt.saved) == (D("2600.00"), D("23771.17"))
    # 23,771.17 / 2,600.00 = 9.1427... -> 9.14
    assert c1_receipt.return_per_euro == D("9.14")


def test_example_1_breaks_even_in_month_8(c1_receipt: Receipt) -> None:
    points = {p.month: (p.status_quo, p.breakthrough) for p in c1_receipt.cumulative}
    assert points[6] == (D("29855.18"), D("38539.18"))
    assert points[7] == (D("34831.04"), D("38539.18"))
    assert points[8] == (D("39806.90"), D("38539.18"))
    assert c1_receipt.break_even_month == 8


def test_example_1_sensitivity(c1_receipt: Receipt) -> None:
    table = [(s.level, s.status_quo, s.breakthrough, s.difference) for s in c1_receipt.sensitivity]
    assert table == [
        ("low", D("54750.00"), D("32653.00"), D("22097.00")),
        ("central", D("59710.35"), D("38539.18"), D("21171.17")),
        ("high", D("65700.00"), D("42470.00"), D("23230.00")),
    ]


def test_example_1_warns_only_about_the_assumed_therapy_price(c1_receipt: Receipt) -> None:
    assert c1_receipt.warning_codes == ("unverified_figure",)
    (warning,) = c1_receipt.warnings
    assert [(ref.scenario, ref.index) for ref in warning.lines] == [("breakthrough", 1)]


# --- Example 2: the rules over 24 months ------------------------------------------------------

EXAMPLE_2_PRICES = price_list(
    "example-2",
    unit_cost("vb-verblijf", "Verblijf jeugdhulp", ("90.00", "100.00", "120.00"),
              "day", "gemeente", "jeugdwet"),
    unit_cost("vb-bewind", "Beschermingsbewind", ("1000.00", "1200.00", "1400.00"),
              "year", "gemeente", "pw"),
    unit_cost("vb-ambulant", "Ambulante begeleiding", ("70.00", "80.00", "90.00"),
              "hour", "gemeente", "wmo2015"),
    unit_cost("vb-ggz", "GGZ-behandeling", ("100.00", "120.00", "140.00"),
              "hour", "zorgverzekeraar", "zvw"),
)  # fmt: skip

START_AMOUNT = {
    "description": "Startbedrag inrichting",
    "payer": "gemeente",
    "law": "pw",
    "amount": "2500.00",
    "unit": "once",
    "year": 2025,
    "source": "aanname",
    "confidence": "assumption",
}


def example_2(discount_rate: str | None = None) -> dict[str, object]:
    data: dict[str, object] = {
        "horizon_months": 24,
        "status_quo": {
            "title": "Doormodderen",
            "lines": [
                {"unit_cost": "vb-verblijf", "quantity": "30", "per": "month", "months": 24},
                {"unit_cost": "vb-bewind", "quantity": "1", "per": "year", "months": 24},
            ],
        },
        "breakthrough": {
            "title": "Doorbreken",
            "lines": [
                {"custom": START_AMOUNT, "quantity": "1", "start_month": 1, "months": 1},
                {
                    "unit_cost": "vb-ambulant",
                    "quantity": "2",
                    "per": "week",
                    "start_month": 3,
                    "months": 30,
                },
                {
                    "unit_cost": "vb-verblijf",
                    "quantity": "30",
                    "per": "month",
                    "start_month": 13,
                    "months": 12,
                    "probability": 25,
                },
                {"unit_cost": "vb-ggz", "quantity": "4", "per": "month", "months": 6},
            ],
        },
    }
    if discount_rate is not None:
        data["discount_rate"] = discount_rate
    return data


@pytest.fixture(scope="module")
def example_2_receipt() -> Receipt:
    return calculate(comparison_from_mapping(example_2()), EXAMPLE_2_PRICES)


def test_example_2_uses_the_default_rate_of_2_25_percent(example_2_receipt: Receipt) -> None:
    assert example_2_receipt.discount_rate == D("0.0225")
    assert example_2_receipt.horizon_months == 24


def test_example_2_line_costs_match_the_document(example_2_receipt: Receipt) -> None:
    # Verblijf: 36,000 in year 1 + 36,000 x 400/409 = 35,207.8239... in year 2 -> 71,207.82.
    # Bewind: 1,200 + 1,200 x 400/409 = 1,173.5941... -> 2,373.59.
    assert central_line_costs(example_2_receipt, "status_quo") == [D("71207.82"), D("2373.59")]
    # Start amount 2,500.00 once; ambulant 693.33... a month, 10 months in year 1 (6,933.33...)
    # and 12 in year 2 (8,320 x 400/409 = 8,136.9193...) -> 15,070.25; relapse 750 a month in
    # year 2 only: 9,000 x 400/409 = 8,801.9559... -> 8,801.96; GGZ 480 x 6 = 2,880.00.
    assert central_line_costs(example_2_receipt, "breakthrough") == [
        D("2500.00"),
        D("15070.25"),
        D("8801.96"),
        D("2880.00"),
    ]
    ambulant = example_2_receipt.breakthrough.lines[1]
    assert (ambulant.months, ambulant.months_counted) == (30, 22)


def test_example_2_totals_payers_and_laws(example_2_receipt: Receipt) -> None:
    receipt = example_2_receipt
    assert receipt.status_quo.total == _amounts("66065.04", "73581.41", "88218.58")
    assert receipt.breakthrough.total == _amounts("26008.23", "29252.21", "33376.38")
    assert receipt.difference == _amounts("40056.81", "44329.20", "54842.20")
    laws = [(s.key, s.amount.central) for s in receipt.breakthrough.by_law]
    assert laws == [
        ("pw", D("2500.00")),
        ("wmo2015", D("15070.25")),
        ("jeugdwet", D("8801.96")),
        ("zvw", D("2880.00")),
    ]
    deltas = [(p.payer, p.delta.central, p.role) for p in receipt.payers]
    assert deltas == [
        ("gemeente", D("47209.20"), "saves"),
        ("zorgverzekeraar", D("-2880.00"), "invests"),
    ]
    # 47,209.20 / 2,880.00 = 16.392 -> 16.39
    assert receipt.return_per_euro == D("16.39")
    assert receipt.break_even_month == 1


def test_example_2_without_discounting(example_2_receipt: Receipt) -> None:
    undiscounted = calculate(comparison_from_mapping(example_2("0")), EXAMPLE_2_PRICES)
    assert undiscounted.status_quo.total.central == D("74400.00")
    assert undiscounted.breakthrough.total.central == D("29633.33")
    assert undiscounted.difference.central == D("44766.67")


def test_example_2_warnings(example_2_receipt: Receipt) -> None:
    assert example_2_receipt.warning_codes == ("unverified_figure", "past_horizon")
    (past,) = [w for w in example_2_receipt.warnings if w.code == "past_horizon"]
    assert [(r.scenario, r.index) for r in past.lines] == [("breakthrough", 1)]


# --- Example 3: rounding, probability zero and all five warnings ------------------------------

EXAMPLE_3_PRICES = price_list(
    "example-3",
    unit_cost("vb-gezin-totaal", "Alle hulp rond het gezin (totaalbedrag)",
              ("900.00", "1000.00", "1100.00"), "month", "gemeente", None,
              confidence="partly", aggregate_of=("vb-ambulant",)),
    unit_cost("vb-ambulant", "Ambulante begeleiding", ("70.00", "80.00", "90.00"),
              "hour", "gemeente", "wmo2015", confidence="partly"),
    unit_cost("vb-schuldhulp", "Schuldhulptraject", ("1200.00", "1500.00", "1800.00"),
              "trajectory", "gemeente", "wgs", year=2005, confidence="partly"),
    unit_cost("vb-politie", "Inzet politie", ("60.00", "70.00", "80.00"),
              "hour", "rijk", None, confidence="partly", proxy=True),
)  # fmt: skip

HOMEWORK = {
    "description": "Huiswerkbegeleiding",
    "payer": "gemeente",
    "law": None,
    "amount": "12.33",
    "unit": "hour",
    "year": 2025,
    "source": "offerte (voorbeeld)",
    "confidence": "partly",
}
AFTERCARE = {
    "description": "Nazorg na een jaar",
    "payer": "gemeente",
    "law": "wmo2015",
    "amount": "500.00",
    "unit": "once",
    "year": 2025,
    "source": "aanname",
    "confidence": "assumption",
}

EXAMPLE_3 = {
    "status_quo": {
        "lines": [
            {"unit_cost": "vb-gezin-totaal", "quantity": "1", "per": "month", "months": 12},
            {"unit_cost": "vb-ambulant", "quantity": "2", "per": "week", "months": 12},
            {"unit_cost": "vb-politie", "quantity": "2", "per": "month", "months": 12},
        ]
    },
    "breakthrough": {
        "lines": [
            {"unit_cost": "vb-schuldhulp", "quantity": "1", "start_month": 2, "months": 1},
            {"custom": HOMEWORK, "quantity": "1", "per": "week", "months": 3, "probability": 50},
            {"custom": AFTERCARE, "quantity": "1", "start_month": 14, "months": 1},
            {
                "unit_cost": "vb-politie",
                "quantity": "2",
                "per": "month",
                "months": 3,
                "probability": "0",
            },
        ]
    },
}


@pytest.fixture(scope="module")
def example_3_receipt() -> Receipt:
    return calculate(comparison_from_mapping(EXAMPLE_3), EXAMPLE_3_PRICES)


def test_example_3_line_costs_and_the_half_cent(example_3_receipt: Receipt) -> None:
    assert central_line_costs(example_3_receipt, "status_quo") == [
        D("12000.00"),  # 1,000 x 12
        D("8320.00"),  # 80 x 2 x 52/12 x 12 = 80 x 2 x 52
        D("1680.00"),  # 70 x 2 x 12
    ]
    # Homework: 12.33 x 52/12 x 0.5 = 26.715 a month, x 3 = 80.145 -> 80.15 (half up).
    assert central_line_costs(example_3_receipt, "breakthrough") == [
        D("1500.00"),
        D("80.15"),
        D("0.00"),  # once in month 14: after the 12-month horizon
        D("0.00"),  # probability 0
    ]
    assert example_3_receipt.breakthrough.lines[2].months_counted == 0


def test_example_3_cumulative_curve_rounds_running_totals(example_3_receipt: Receipt) -> None:
    curve = [p.breakthrough for p in example_3_receipt.cumulative[:3]]
    # 26.715 -> 26.72; 53.43 + 1,500.00; 80.145 -> 80.15, + 1,500.00.
    assert curve == [D("26.72"), D("1553.43"), D("1580.15")]


def test_example_3_totals_and_no_investor(example_3_receipt: Receipt) -> None:
    receipt = example_3_receipt
    assert receipt.status_quo.total.central == D("22000.00")
    assert [(s.key, s.amount.central) for s in receipt.status_quo.by_payer] == [
        ("gemeente", D("20320.00")),
        ("rijk", D("1680.00")),
    ]
    assert [(s.key, s.amount.central) for s in receipt.status_quo.by_law] == [
        ("wmo2015", D("8320.00")),
        (None, D("13680.00")),
    ]
    assert receipt.breakthrough.total.central == D("1580.15")
    assert receipt.difference == _amounts("18239.85", "20419.85", "22599.85")
    assert [(p.payer, p.delta.central, p.role) for p in receipt.payers] == [
        ("gemeente", D("18739.85"), "saves"),
        ("rijk", D("1680.00"), "saves"),
    ]
    assert receipt.invested == D("0.00")
    assert receipt.return_per_euro is None
    assert receipt.break_even_month == 1


def test_example_3_gives_all_five_warnings(example_3_receipt: Receipt) -> None:
    found = [(w.code, [(r.scenario, r.index) for r in w.lines]) for w in example_3_receipt.warnings]
    assert found == [
        ("old_figure", [("breakthrough", 0)]),
        ("unverified_figure", [("breakthrough", 2)]),
        ("proxy_figure", [("status_quo", 2), ("breakthrough", 3)]),
        ("double_counting", [("status_quo", 0), ("status_quo", 1)]),
        ("past_horizon", [("breakthrough", 2)]),
    ]
    aftercare = example_3_receipt.breakthrough.lines[2]
    assert aftercare.warnings == ("unverified_figure", "past_horizon")


def _amounts(low: str, central: str, high: str) -> Amounts:
    return Amounts(D(low), D(central), D(high))


# --- Example 4: indexing with the CBS CPI, transfers and the MKBA view --------------------------

CPI = {
    2017: D("1.4"), 2018: D("1.7"), 2019: D("2.6"), 2020: D("1.3"), 2021: D("2.7"),
    2022: D("10.0"), 2023: D("3.8"), 2024: D("3.3"), 2025: D("3.3"),
}  # fmt: skip
EXAMPLE_4_PRICES = PriceList(
    version="example-4",
    base_year=2025,
    cpi=CPI,
    items={
        "k-jz-5": UnitCost(
            "k-jz-5", "Gezinshuis, verblijf per etmaal", D("163.59"), D("181.77"), D("218.12"),
            "day", "gemeente", "jeugdwet", 2024, "noordwijk.nl", "partly",
        ),
        "k-shv-1": UnitCost(
            "k-shv-1", "Schuldhulpverlening, per huishouden", D("1773.35"), D("2400.00"),
            D("4000.00"), "trajectory", "gemeente", "wgs", 2016, "Nijmegen O&S", "partly",
        ),
        "k-bij-1": UnitCost(
            "k-bij-1", "Bijstandsnorm alleenstaande", D("1345.45"), D("1345.45"), D("1345.45"),
            "month", "gemeente", "pw", 2025, "westland.nl", "verified", kind="transfer",
        ),
    },
)  # fmt: skip


@pytest.fixture(scope="module")
def example_4() -> Receipt:
    def line(unit_cost: str, per: str, start: int, months: int, quantity: str) -> dict[str, object]:
        return {
            "unit_cost": unit_cost, "quantity": quantity, "per": per,
            "start_month": start, "months": months,
        }  # fmt: skip

    comparison = comparison_from_mapping(
        {
            "horizon_months": 12,
            "status_quo": {
                "lines": [
                    line("k-jz-5", "year", 1, 12, "365"),
                    line("k-bij-1", "month", 1, 12, "1"),
                ]
            },
            "breakthrough": {
                "lines": [
                    line("k-shv-1", "", 1, 1, "1"),
                    line("k-jz-5", "year", 1, 3, "365"),
                    line("k-bij-1", "month", 1, 6, "1"),
                ]
            },
        }
    )
    return calculate(comparison, EXAMPLE_4_PRICES)


def test_example_4_indexes_each_figure_from_its_own_year_with_the_cpi(example_4: Receipt) -> None:
    placement, bijstand = example_4.status_quo.lines
    # 2024 -> 2025: x 1.033; 181.77 x 1.033 = 187.76841 -> 187.77.
    assert placement.unit_amount == Amounts(D("163.59"), D("181.77"), D("218.12"))
    assert placement.indexed_amount == Amounts(D("168.99"), D("187.77"), D("225.32"))
    assert placement.index_status == "indexed"
    # 2016 -> 2025: x 1.014 x 1.017 x 1.026 x 1.013 x 1.027 x 1.100 x 1.038 x 1.033 x 1.033
    # = 1.34114841...; 2,400 -> 3,218.7562 -> 3,218.76.
    debt = example_4.breakthrough.lines[0]
    assert debt.indexed_amount == Amounts(D("2378.33"), D("3218.76"), D("5364.59"))
    # A figure of the base year is not touched.
    assert bijstand.indexed_amount == bijstand.unit_amount == Amounts(*[D("1345.45")] * 3)
    assert bijstand.index_status == "base_year"


def test_example_4_line_costs_use_the_indexed_amounts(example_4: Receipt) -> None:
    assert central_line_costs(example_4, "status_quo") == [D("68536.05"), D("16145.40")]
    assert central_line_costs(example_4, "breakthrough") == [
        D("3218.76"),
        D("17134.01"),  # 187.77 x 365/12 x 3 = 17,134.0125
        D("8072.70"),
    ]


def test_example_4_shows_transfers_separately_and_the_mkba_view(example_4: Receipt) -> None:
    status_quo, breakthrough = example_4.status_quo, example_4.breakthrough
    assert (status_quo.total.central, breakthrough.total.central) == (
        D("84681.45"),
        D("28425.47"),
    )
    assert (status_quo.transfers.central, breakthrough.transfers.central) == (
        D("16145.40"),
        D("8072.70"),
    )
    assert (status_quo.resources.central, breakthrough.resources.central) == (
        D("68536.05"),
        D("20352.77"),
    )
    assert example_4.difference.central == D("56255.98")
    assert example_4.difference_resources.central == D("48183.28")
    assert example_4.difference.central - example_4.difference_resources.central == (
        status_quo.transfers.central - breakthrough.transfers.central
    )
    assert [(c.status_quo, c.breakthrough) for c in example_4.sensitivity] == [
        (D("77826.75"), D("25871.37")),
        (D("84681.45"), D("28425.47")),
        (D("98387.20"), D("33997.74")),
    ]
    assert example_4.warning_codes == ("old_figure",)
    assert example_4.last_cost_month == 12
