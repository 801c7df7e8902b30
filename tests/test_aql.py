"""AQL plans against the standard's tables (ISO 2859-1 / MIL-STD-105E Table I and II-A)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gendan.core.errors import GendanError
from gendan.domain import aql

# Table I, typed from the standard: (lowest lot, highest lot) -> letters for I, II, III.
TABLE_I = [
    ((2, 8), "AAB"),
    ((9, 15), "ABC"),
    ((16, 25), "BCD"),
    ((26, 50), "CDE"),
    ((51, 90), "CEF"),
    ((91, 150), "DFG"),
    ((151, 280), "EGH"),
    ((281, 500), "FHJ"),
    ((501, 1200), "GJK"),
    ((1201, 3200), "HKL"),
    ((3201, 10000), "JLM"),
    ((10001, 35000), "KMN"),
    ((35001, 150000), "LNP"),
    ((150001, 500000), "MPQ"),
    ((500001, 10**7), "NQR"),
]

# Table II-A for AQL 0.65 .. 10, as rejection numbers or arrows, from an independent source:
# the NIBS level-II table derived from MIL-STD-105E (www.nibs.org/FMOC/DPW_AC/AC-TABLE.ASC),
# plus row R from the standard. A/10 is printed there as an up arrow, which has no plan above
# row A; the standard's intent (and this module) is the plan below.
COLUMNS = ["0.65", "1.0", "1.5", "2.5", "4.0", "6.5", "10"]
GRID = {
    "A": "v v v v v 1 v",
    "B": "v v v v 1 ^ v",
    "C": "v v v 1 ^ v 2",
    "D": "v v 1 ^ v 2 3",
    "E": "v 1 ^ v 2 3 4",
    "F": "1 ^ v 2 3 4 6",
    "G": "^ v 2 3 4 6 8",
    "H": "v 2 3 4 6 8 11",
    "J": "2 3 4 6 8 11 15",
    "K": "3 4 6 8 11 15 22",
    "L": "4 6 8 11 15 22 ^",
    "M": "6 8 11 15 22 ^ ^",
    "N": "8 11 15 22 ^ ^ ^",
    "P": "11 15 22 ^ ^ ^ ^",
    "Q": "15 22 ^ ^ ^ ^ ^",
    "R": "22 ^ ^ ^ ^ ^ ^",
}
AC_FOR_RE = {1: 0, 2: 1, 3: 2, 4: 3, 6: 5, 8: 7, 11: 10, 15: 14, 22: 21}
N = {
    "A": 2,
    "B": 3,
    "C": 5,
    "D": 8,
    "E": 13,
    "F": 20,
    "G": 32,
    "H": 50,
    "J": 80,
    "K": 125,
    "L": 200,
    "M": 315,
    "N": 500,
    "P": 800,
    "Q": 1250,
    "R": 2000,
}


def expected(letter: str, column: str) -> tuple[int, int, int]:
    letters = list(GRID)
    i = letters.index(letter)
    while True:
        cell = GRID[letters[i]].split()[COLUMNS.index(column)]
        if cell == "v":
            i += 1
        elif cell == "^":
            i -= 1
        else:
            re = int(cell)
            return N[letters[i]], AC_FOR_RE[re], re


@pytest.mark.parametrize("band,letters", TABLE_I)
@pytest.mark.parametrize("level", ["I", "II", "III"])
def test_every_level_aql_and_lot_band_matches_the_standard(band, letters, level):
    letter = letters[["I", "II", "III"].index(level)]
    for lot in band:
        assert aql.code_letter(lot, level) == letter
        for column in COLUMNS:
            n, ac, re = expected(letter, column)
            p = aql.plan(lot, column, level)
            assert (p.accept, p.reject) == (ac, re), (lot, level, column)
            assert p.sample_size == min(n, lot), (lot, level, column)
            assert p.full_inspection == (n >= lot)


def test_table_follows_the_diagonal_rule_in_every_column():
    seq = ["0/1", "^", "v", "1/2", "2/3", "3/4", "5/6", "7/8", "10/11", "14/15", "21/22"]
    for i, letter in enumerate(aql.LETTERS):
        for j, column in enumerate(aql.AQLS):
            d = i + j - aql.AQLS.index("6.5")
            want = "v" if d < 0 else seq[d] if d < len(seq) else "^"
            want = {("A", "10"): "v", ("R", "0.015"): "^"}.get((letter, column), want)
            assert aql.TABLE_II_A[letter][column] == want, (letter, column)


@pytest.mark.parametrize(
    "lot,column,n,ac,re",
    [
        (1000, "2.5", 80, 5, 6),
        (1000, "4.0", 80, 7, 8),  # J
        (3000, "2.5", 125, 7, 8),
        (3000, "4.0", 125, 10, 11),  # K
        (5000, "2.5", 200, 10, 11),
        (5000, "1.0", 200, 5, 6),  # L
        (3000, "0.065", 200, 0, 1),  # K -> down arrow -> L
        (200, "1.0", 50, 1, 2),  # G up arrow at 0.65, down at 1.0 -> H
        (10**6, "2.5", 500, 21, 22),  # Q up arrow -> N
    ],
)
def test_cross_checked_cells(lot, column, n, ac, re):
    p = aql.plan(lot, column, "II")
    assert (p.sample_size, p.accept, p.reject) == (n, ac, re)


SPECIAL = {  # Table I, special levels S-1..S-4, by lot band (same bands as TABLE_I)
    8: "AAAA",
    15: "AAAA",
    25: "AABB",
    50: "ABBC",
    90: "BBCC",
    150: "BBCD",
    280: "BCDE",
    500: "BCDE",
    1200: "CCEF",
    3200: "CDEG",
    10000: "CDFG",
    35000: "CDFH",
    150000: "DEGJ",
    500000: "DEGJ",
    10**7: "DEHK",
}


def test_special_levels_table_i():
    for upper, letters in SPECIAL.items():
        for level, letter in zip(("S-1", "S-2", "S-3", "S-4"), letters, strict=False):
            assert aql.code_letter(upper, level) == letter, (upper, level)


def test_special_levels_and_small_lots():
    assert aql.code_letter(3000, "S-4") == "G"
    assert aql.code_letter(3000, "s2") == "D"
    p = aql.plan(6, "0.65", "II")  # A -> F (n=20) exceeds the lot: inspect all 6
    assert (p.sample_size, p.full_inspection, p.accept) == (6, True, 0)


@pytest.mark.parametrize("lot", [0, -5])
def test_lot_must_be_positive(lot):
    with pytest.raises(GendanError, match="lot size must be a whole number of at least 1"):
        aql.plan(lot, "2.5")


def test_unknown_aql_lists_the_valid_ones():
    with pytest.raises(GendanError, match=r"AQL 3 is not in the table.*0\.065, .*2\.5, 4\.0, 6\.5, 10"):
        aql.plan(100, "3")
    assert aql.plan(100, 4).aql == "4.0"


def test_larger_sample_for_every_class():
    own = aql.plans(3000, {"major": "0.065", "minor": "4.0"})
    assert (own["major"].sample_size, own["minor"].sample_size) == (200, 125)
    both = aql.plans(3000, {"major": "0.065", "minor": "4.0"}, use_larger_sample=True)
    assert (both["minor"].sample_size, both["minor"].accept, both["minor"].reject) == (200, 14, 15)


@pytest.mark.parametrize("cartons,opened", [(0, 0), (1, 1), (4, 2), (5, 3), (100, 10), (101, 11)])
def test_cartons_to_open_is_the_rounded_up_square_root(cartons, opened):
    assert aql.cartons_to_open(cartons) == opened


@given(
    st.integers(1, 2_000_000),
    st.integers(1, 2_000_000),
    st.sampled_from(aql.AQLS),
    st.sampled_from(["I", "II", "III", "S-1", "S-4"]),
)
def test_monotone_in_lot_size(a, b, column, level):
    small, large = sorted((a, b))
    p, q = aql.plan(small, column, level), aql.plan(large, column, level)
    assert p.sample_size <= q.sample_size
    assert p.accept <= q.accept
    assert p.sample_size <= small
