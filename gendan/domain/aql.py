"""AQL sampling: ISO 2859-1 / ANSI/ASQ Z1.4 single sampling plans, normal inspection.

Source of the tables: ISO 2859-1:1999 (identical to ANSI/ASQ Z1.4-2003 and to
MIL-STD-105E, 1989, which is public: "Table I - Sample size code letters" and
"Table II-A - Single sampling plans for normal inspection (Master table)").
Cross-checked against the public MIL-STD-105E text, the derived NIBS table
(www.nibs.org/FMOC/DPW_AC/AC-TABLE.ASC, general level II, AQL 0.65-15) and the
Indian Standard IS 2500-1:2000 (identical to ISO 2859-1:1999) for Table I.

Table II-A has a regular structure that the printed table spells out cell by cell:
along each diagonal (one code letter down, one AQL column left) the plan is the
same, in the order 0/1, up arrow, down arrow, 1/2, 2/3, 3/4, 5/6, 7/8, 10/11,
14/15, 21/22, and then an up arrow (for AQL <= 10, the columns this module
offers). `_CELLS` below is that table, written out row by row, so a reader can
compare it with the printed one; `test_aql.py` checks it against the diagonal
rule and against hand-picked cells of the standard.

Arrows are resolved as the standard says (ISO 2859-1 10.2): "use the first
sampling plan below (above) the arrow"; the sample size is then that plan's
sample size, not the code letter's. When the sample size equals or exceeds the
lot size, every unit is inspected (100 %).

Two edge cells have no plan in the direction the diagonal rule gives them
(letter A under AQL 10 would point up, letter R under AQL 0.015 would point
down; one public copy prints A/10 as an up arrow). The only plans they can
mean are inward, so this module points them there: A/10 -> C (n=5, 1/2) and
R/0.015 -> P (n=800, 0/1).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from gendan.core.config import AqlConfig
from gendan.core.errors import Finding, GendanError, said
from gendan.core.model import Inspection
from gendan.domain.packing import build_plan

LETTERS = "ABCDEFGHJKLMNPQR"
SAMPLE_SIZES = dict(zip(LETTERS, (2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000), strict=True))

# Table I: lot size upper bounds and the code letter per inspection level.
LEVELS = ("S-1", "S-2", "S-3", "S-4", "I", "II", "III")
_TABLE_I: list[tuple[int | None, str]] = [
    # lot up to   S-1 S-2 S-3 S-4 I II III
    (8, "AAAAAAB"),
    (15, "AAAAABC"),
    (25, "AABBBCD"),
    (50, "ABBCCDE"),
    (90, "BBCCCEF"),
    (150, "BBCDDFG"),
    (280, "BCDEEGH"),
    (500, "BCDEFHJ"),
    (1200, "CCEFGJK"),
    (3200, "CDEGHKL"),
    (10000, "CDFGJLM"),
    (35000, "CDFHKMN"),
    (150000, "DEGJLNP"),
    (500000, "DEGJMPQ"),
    (None, "DEHKNQR"),  # 500 001 and over
]

AQLS = (
    "0.010",
    "0.015",
    "0.025",
    "0.040",
    "0.065",
    "0.10",
    "0.15",
    "0.25",
    "0.40",
    "0.65",
    "1.0",
    "1.5",
    "2.5",
    "4.0",
    "6.5",
    "10",
)

# Table II-A, columns AQL 0.010 .. 10 (percent nonconforming). "v" use the first
# plan below the arrow, "^" the first plan above; "a/r" accept/reject numbers.
_CELLS: dict[str, str] = {
    #     0.010 0.015 0.025 0.040 0.065 0.10  0.15  0.25  0.40  0.65  1.0   1.5   2.5   4.0   6.5   10
    "A": "v     v     v     v     v     v     v     v     v     v     v     v     v     v     0/1   v",
    "B": "v     v     v     v     v     v     v     v     v     v     v     v     v     0/1   ^     v",
    "C": "v     v     v     v     v     v     v     v     v     v     v     v     0/1   ^     v     1/2",
    "D": "v     v     v     v     v     v     v     v     v     v     v     0/1   ^     v     1/2   2/3",
    "E": "v     v     v     v     v     v     v     v     v     v     0/1   ^     v     1/2   2/3   3/4",
    "F": "v     v     v     v     v     v     v     v     v     0/1   ^     v     1/2   2/3   3/4   5/6",
    "G": "v     v     v     v     v     v     v     v     0/1   ^     v     1/2   2/3   3/4   5/6   7/8",
    "H": "v     v     v     v     v     v     v     0/1   ^     v     1/2   2/3   3/4   5/6   7/8   10/11",
    "J": "v     v     v     v     v     v     0/1   ^     v     1/2   2/3   3/4   5/6   7/8   10/11 14/15",
    "K": "v     v     v     v     v     0/1   ^     v     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22",
    "L": "v     v     v     v     0/1   ^     v     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ^",
    "M": "v     v     v     0/1   ^     v     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ^     ^",
    "N": "v     v     0/1   ^     v     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ^     ^     ^",
    "P": "v     0/1   ^     v     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ^     ^     ^     ^",
    "Q": "0/1   ^     v     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ^     ^     ^     ^     ^",
    "R": "^     ^     1/2   2/3   3/4   5/6   7/8   10/11 14/15 21/22 ^     ^     ^     ^     ^     ^",
}
TABLE_II_A: dict[str, dict[str, str]] = {
    letter: dict(zip(AQLS, row.split(), strict=True)) for letter, row in _CELLS.items()
}


@dataclass(frozen=True)
class Plan:
    """One single sampling plan: what to inspect and when to accept."""

    aql: str
    letter: str  # the code letter of Table I
    plan_letter: str  # the letter whose plan was used (differs when an arrow was followed)
    sample_size: int  # units to inspect (the lot size when 100 % inspection)
    accept: int
    reject: int
    full_inspection: bool = False
    note: str = ""


def code_letter(lot: int, level: str = "II") -> str:
    """Table I: the sample size code letter of a lot size at an inspection level."""
    level = _level(level)
    lot = _lot(lot)
    column = LEVELS.index(level)
    for upper, letters in _TABLE_I:
        if upper is None or lot <= upper:
            return letters[column]
    raise AssertionError("unreachable")  # pragma: no cover


def aql_key(aql) -> str:
    """The table's spelling of an AQL value (2.5, '2.50', Decimal('4') -> '2.5', '4.0')."""
    try:
        value = Decimal(str(aql).strip())
    except (InvalidOperation, ValueError):
        value = None
    if value is not None and value.is_finite():
        for key in AQLS:
            if Decimal(key) == value:
                return key
    message, words = said(
        (
            "AQL {aql} is not in the table of ISO 2859-1 (normal inspection); use one of {values}",
            {"aql": aql, "values": ", ".join(AQLS)},
        )
    )
    raise GendanError(message, words=words)


def plan(lot: int, aql, level: str = "II") -> Plan:
    """The single sampling plan for a lot at one AQL, arrows followed, 100 % when needed."""
    letter = code_letter(lot, level)
    key = aql_key(aql)
    return _resolve(letter, key, lot, letter)


def _resolve(letter: str, key: str, lot: int, start: str) -> Plan:
    i = LETTERS.index(letter)
    while True:
        cell = TABLE_II_A[LETTERS[i]][key]
        if cell == "v":
            i += 1
        elif cell == "^":
            i -= 1
        else:
            break
    used = LETTERS[i]
    accept, reject = (int(x) for x in cell.split("/"))
    n = SAMPLE_SIZES[used]
    note = f"arrow followed from {start} to {used}" if used != start else ""
    if n >= lot:
        return Plan(
            key,
            start,
            used,
            lot,
            accept,
            reject,
            True,
            (note + "; " if note else "") + f"sample {n} >= lot {lot}: inspect every unit",
        )
    return Plan(key, start, used, n, accept, reject, False, note)


def plans(lot: int, aqls: Mapping[str, object], level: str = "II", use_larger_sample: bool = False) -> dict[str, Plan]:
    """A plan per defect class ({'major': 2.5, 'minor': 4.0}).

    Classes can fall on different sample sizes. With `use_larger_sample` (allowed by the
    standard) every class is inspected on the largest of them, with the accept/reject
    numbers the table gives at that sample's code letter; where that cell is itself an
    arrow, the class keeps its own plan (and says so).
    """
    found = {cls: plan(lot, aql, level) for cls, aql in aqls.items() if aql is not None}
    if not use_larger_sample or len(found) < 2:
        return found
    largest = max(found.values(), key=lambda p: p.sample_size)
    out = {}
    for cls, p in found.items():
        if p.sample_size == largest.sample_size:
            out[cls] = p
            continue
        cell = TABLE_II_A[largest.plan_letter][p.aql]
        if cell in ("v", "^"):
            out[cls] = Plan(
                p.aql,
                p.letter,
                p.plan_letter,
                p.sample_size,
                p.accept,
                p.reject,
                p.full_inspection,
                "the larger sample has no plan for this AQL; own plan kept",
            )
            continue
        accept, reject = (int(x) for x in cell.split("/"))
        out[cls] = Plan(
            p.aql,
            p.letter,
            largest.plan_letter,
            largest.sample_size,
            accept,
            reject,
            largest.full_inspection,
            f"larger sample of {largest.aql} used",
        )
    return out


@dataclass(frozen=True)
class Sampling:
    """A lot's sampling: the level used, its code letter and a plan per defect class
    (major, minor, critical: a class without an AQL has no plan, zero tolerance) or, when
    AQL values were asked for directly, per AQL value."""

    lot: int
    level: str
    letter: str
    plans: dict[str, Plan]


def sampling(
    lot: int,
    settings: AqlConfig,
    *,
    level: str | None = None,
    major=None,
    minor=None,
    aqls: tuple | None = None,
    use_larger_sample: bool | None = None,
) -> Sampling:
    """The one sampling computation: the workspace's `aql:` settings (the defaults file's
    when there is no workspace), each overridden where an inspection record or the command
    line says otherwise. `aqls` replaces the classes by plain AQL values (`gendan aql --aql`)."""
    level = _level(level or settings.level)
    if aqls is None:
        wanted: dict[str, object] = {
            "major": major if major is not None else settings.major,
            "minor": minor if minor is not None else settings.minor,
            "critical": settings.critical,
        }
    else:
        wanted = {aql_key(a): a for a in aqls}
    larger = settings.use_larger_sample if use_larger_sample is None else use_larger_sample
    return Sampling(lot, level, code_letter(lot, level), plans(lot, wanted, level, larger))


def for_inspection(inspection: Inspection, settings: AqlConfig) -> Sampling:
    """The sampling an inspection record calls for (it must have a lot): its own level and
    AQLs where it gives them, the workspace's otherwise."""
    if inspection.lot is None:
        message, words = said(("an inspection without a lot size has no sampling plan", {}))
        raise GendanError(message, words=words)
    return sampling(
        inspection.lot,
        settings,
        level=inspection.level,
        major=inspection.aql_major,
        minor=inspection.aql_minor,
    )


def cartons_to_open(cartons: int) -> int:
    """At least the square root of the cartons shipped, rounded up (final inspection)."""
    if cartons < 0:
        message, words = said(("carton count cannot be negative, got {cartons}", {"cartons": cartons}))
        raise GendanError(message, words=words)
    return math.isqrt(cartons - 1) + 1 if cartons > 0 else 0


def _level(level: str) -> str:
    text = str(level).strip().upper().replace("G-", "")
    if text in ("S1", "S2", "S3", "S4"):
        text = f"S-{text[1]}"
    if text not in LEVELS:
        message, words = said(
            ("inspection level {level} is unknown; use one of {levels}", {"level": level, "levels": ", ".join(LEVELS)})
        )
        raise GendanError(message, words=words)
    return text


def _lot(lot) -> int:
    if isinstance(lot, bool) or not isinstance(lot, int) or lot < 1:
        message, words = said(("lot size must be a whole number of at least 1, got {lot}", {"lot": lot}))
        raise GendanError(message, words=words)
    return lot


def inspection_findings(order, config) -> list:
    """E240: inspection records whose sample is too small, whose 'pass' breaks the plan, or
    (final inspections) that opened fewer than √N of the N cartons of the packing plan."""

    found = []
    for i, insp in enumerate(order.inspections):
        if insp.lot is None:
            continue
        try:
            plan_of = for_inspection(insp, config.aql)
        except GendanError as e:
            message, words = said(("inspection {n}: ", {"n": i + 1}))
            found.append(
                Finding("E240", ("inspections", i), message + e.message, words=words + e.words if e.words else ())
            )
            continue
        chosen = plan_of.plans
        if not chosen:
            continue
        needed = max(p.sample_size for p in chosen.values())
        if insp.sample_size is not None and insp.sample_size < needed:
            what: list[tuple[str, dict[str, Any]]] = []
            for c, p in chosen.items():
                what += [(", ", {})] if what else []
                what.append(
                    (AQL_SAMPLE.get(c, "{cls} AQL {aql}: {size}"), {"cls": c, "aql": p.aql, "size": p.sample_size})
                )
            message, words = said(
                (
                    "inspection {n}: sample size {size} is too small for lot {lot} at level {level} (",
                    {"n": i + 1, "size": insp.sample_size, "lot": insp.lot, "level": plan_of.level},
                ),
                *what,
                ("); inspect at least {needed}", {"needed": needed}),
            )
            found.append(Finding("E240", ("inspections", i, "sample_size"), message, words=words))
        if insp.type == "final" and insp.cartons_opened is not None and order.packing is not None:
            shipped = _cartons(order)
            if shipped and insp.cartons_opened < cartons_to_open(shipped):
                found.append(
                    Finding.said(
                        "E240",
                        ("inspections", i, "cartons_opened"),
                        "inspection {n}: {opened} cartons opened; a final inspection opens at least {least} of "
                        "{shipped} (√N)",
                        n=i + 1,
                        opened=insp.cartons_opened,
                        least=cartons_to_open(shipped),
                        shipped=shipped,
                    )
                )
        if insp.result == "pass":
            accept = {c: p.accept for c, p in chosen.items()}
            accept.setdefault("critical", 0)  # no critical AQL: zero tolerance (buyer convention)
            for cls in ("critical", "major", "minor"):
                count = getattr(insp.defects, cls)
                if cls in accept and count > accept[cls]:
                    found.append(
                        Finding.said(
                            "E240",
                            ("inspections", i, "result"),
                            "inspection {n}: result pass with {count} critical defect(s), above the accept number "
                            "{accept}"
                            if cls == "critical"
                            else "inspection {n}: result pass with {count} major defect(s), above the accept number "
                            "{accept}"
                            if cls == "major"
                            else "inspection {n}: result pass with {count} minor defect(s), above the accept number "
                            "{accept}",
                            n=i + 1,
                            count=count,
                            accept=accept[cls],
                        )
                    )
    return found


# E240: the sample size of one class of defects, in the list of a sample too small
AQL_SAMPLE = {
    "critical": "critical AQL {aql}: {size}",
    "major": "major AQL {aql}: {size}",
    "minor": "minor AQL {aql}: {size}",
}


def _cartons(order) -> int:
    try:
        return build_plan(order).cartons
    except GendanError:
        return 0  # a packing plan that cannot be made is reported as E230
