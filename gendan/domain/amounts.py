"""Amounts in words, as invoices write them (the figures come from gendan.core.money).

English words come from num2words ("SAY U.S. DOLLARS TWELVE THOUSAND FOUR HUNDRED
AND FIFTY ONLY", as export invoices write them). num2words has no Chinese, so the
capital numerals (大写) for RMB amounts are written here, by the accounting rules
(《会计基础工作规范》第五十二条): 零 for a run of zeros inside the number, 整 after
元 or 角, none after 分.
"""

from __future__ import annotations

from decimal import Decimal

from gendan.core import money

# How an English invoice names the currency and its minor unit.
NAMES = {
    "USD": ("U.S. DOLLARS", "CENTS"),
    "EUR": ("EUROS", "CENTS"),
    "GBP": ("POUNDS STERLING", "PENCE"),
    "CNY": ("CHINESE YUAN", "FEN"),
    "RMB": ("CHINESE YUAN", "FEN"),
    "HKD": ("HONG KONG DOLLARS", "CENTS"),
    "JPY": ("JAPANESE YEN", ""),
    "AUD": ("AUSTRALIAN DOLLARS", "CENTS"),
    "CAD": ("CANADIAN DOLLARS", "CENTS"),
    "NOK": ("NORWEGIAN KRONER", "ORE"),
    "SEK": ("SWEDISH KRONOR", "ORE"),
    "DKK": ("DANISH KRONER", "ORE"),
    "CHF": ("SWISS FRANCS", "CENTIMES"),
}


def words_en(amount: Decimal, currency: str | None = "USD") -> str:
    """'SAY U.S. DOLLARS TWELVE THOUSAND FOUR HUNDRED AND FIFTY AND CENTS THIRTY FIVE ONLY'."""
    from num2words import num2words

    code = (currency or "USD").upper()
    name, minor = NAMES.get(code, (code, "CENTS"))
    value = money.rounded(amount, code)
    whole = int(value)
    fraction = int((value - whole) * 10 ** money.exponent(code))

    def spell(n: int) -> str:
        return num2words(n, lang="en").replace(",", "").replace("-", " ").upper()

    text = f"SAY {name} {spell(whole)}"
    if fraction:
        text += f" AND {minor or 'CENTS'} {spell(fraction)}"
    return text + " ONLY"


DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")
SECTIONS = ("", "万", "亿", "万亿")


def _capital_integer(n: int) -> str:
    if n == 0:
        return "零"
    s = str(n)
    if len(s) > 16:
        raise ValueError("amount too large for capital numerals")
    out: list[str] = []
    zero = False
    for i, ch in enumerate(s):
        pos = len(s) - 1 - i
        d = int(ch)
        if d == 0:
            zero = True
        else:
            if zero and out:
                out.append("零")
            zero = False
            out.append(DIGITS[d] + UNITS[pos % 4])
        if pos % 4 == 0 and pos > 0 and int(s[max(0, i - 3) : i + 1]):
            out.append(SECTIONS[pos // 4])
    return "".join(out)


def words_zh(amount: Decimal) -> str:
    """RMB in capital numerals: 12450.35 -> '人民币壹万贰仟肆佰伍拾元叁角伍分'."""
    value = money.rounded(amount, "CNY")
    if value < 0:
        raise ValueError("negative amount")
    whole = int(value)
    cents = int((value - whole) * 100)
    jiao, fen = divmod(cents, 10)
    text = ""
    if whole or not cents:
        text = _capital_integer(whole) + "元"
    if not cents:
        return "人民币" + text + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif whole:
        text += "零"
    if fen:
        text += DIGITS[fen] + "分"
    else:
        text += "整"
    return "人民币" + text
