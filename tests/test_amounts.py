from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gendan.domain.amounts import words_en, words_zh


@pytest.mark.parametrize(
    "amount,currency,text",
    [
        ("12450", "USD", "SAY U.S. DOLLARS TWELVE THOUSAND FOUR HUNDRED AND FIFTY ONLY"),
        ("12450.35", "USD", "SAY U.S. DOLLARS TWELVE THOUSAND FOUR HUNDRED AND FIFTY AND CENTS THIRTY FIVE ONLY"),
        ("1021", "EUR", "SAY EUROS ONE THOUSAND AND TWENTY ONE ONLY"),
        ("0.5", "USD", "SAY U.S. DOLLARS ZERO AND CENTS FIFTY ONLY"),
        ("1999.995", "USD", "SAY U.S. DOLLARS TWO THOUSAND ONLY"),
        ("150000", "JPY", "SAY JAPANESE YEN ONE HUNDRED AND FIFTY THOUSAND ONLY"),
    ],
)
def test_words_en(amount, currency, text):
    assert words_en(Decimal(amount), currency) == text


@pytest.mark.parametrize(
    "amount,text",
    [
        ("12450", "人民币壹万贰仟肆佰伍拾元整"),
        ("12450.35", "人民币壹万贰仟肆佰伍拾元叁角伍分"),
        ("0.35", "人民币叁角伍分"),
        ("0.05", "人民币伍分"),
        ("0", "人民币零元整"),
        ("10", "人民币壹拾元整"),
        ("1010", "人民币壹仟零壹拾元整"),
        ("20.30", "人民币贰拾元叁角整"),
        ("100005", "人民币壹拾万零伍元整"),
        ("1000000", "人民币壹佰万元整"),
        ("100000000", "人民币壹亿元整"),
        ("100010001.01", "人民币壹亿零壹万零壹元零壹分"),
        ("1680.32", "人民币壹仟陆佰捌拾元叁角贰分"),
        ("105000.07", "人民币壹拾万零伍仟元零柒分"),
    ],
)
def test_words_zh(amount, text):
    assert words_zh(Decimal(amount)) == text


DIGIT = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}


def _parse_zh(text: str) -> int:
    """Read capital numerals back into fen (an independent check of words_zh)."""
    text = text.removeprefix("人民币").removesuffix("整")
    total, section, digit = 0, 0, 0
    units = {"拾": 10, "佰": 100, "仟": 1000}
    for ch in text:
        if ch in DIGIT:
            digit = DIGIT[ch]
        elif ch in units:
            section += digit * units[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10_000
            section = digit = 0
        elif ch == "亿":
            total = (total + section + digit) * 100_000_000
            section = digit = 0
        elif ch == "元":
            total += section + digit
            total *= 100
            section = digit = 0
        elif ch == "角":
            total += digit * 10
            digit = 0
        elif ch == "分":
            total += digit
            digit = 0
    if "元" not in text:
        total = total + section
    return total


@given(st.integers(0, 99_999_999_999))
def test_words_zh_reads_back(fen):
    amount = Decimal(fen) / 100
    assert _parse_zh(words_zh(amount)) == fen
