"""Working days and the T&A plan/forecast, checked by hand against the 2027 calendar."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gendan.core.config import Config
from gendan.core.model import Order
from gendan.domain.calendar import WorkCalendar, calendar_for, forecast, plan
from gendan.store.configfile import merge_defaults
from gendan.store.parse import adapter


def config(**over) -> Config:
    return adapter(Config).validate_python(merge_defaults({"company": {"name": "T"}, **over}))


def order(**fields) -> Order:
    base = {"id": "SO-1", "customer": {"name": "C"}, "stage": "production"}
    return adapter(Order).validate_python({**base, **fields})


CAL = calendar_for(config(), [2026, 2027])


def test_chinese_public_holidays_and_makeup_days():
    assert not CAL.is_workday(date(2026, 10, 1))  # National Day
    assert not CAL.is_workday(date(2026, 2, 17))  # Spring Festival 2026
    assert CAL.is_workday(date(2026, 2, 14))  # a Saturday worked in exchange (调休)
    assert not CAL.is_workday(date(2026, 11, 28))  # an ordinary Saturday
    assert CAL.is_workday(date(2026, 11, 30))


def test_company_closure_around_chinese_new_year():
    # default closure 2027-02-01..2027-02-19 covers the Spring Festival 2027
    assert not any(CAL.is_workday(date(2027, 2, d)) for d in range(1, 20))
    assert CAL.is_workday(date(2027, 2, 22))


def test_cutting_start_crosses_chinese_new_year_by_hand():
    # ex-factory Fri 2027-03-05; cutting = X-27 working days.
    # Back from Mar 5: Mar 4,3,2,1 (4), Feb 26..22 (9), closure Feb 1-19 and the weekends skipped,
    # Jan 29..25 (14), Jan 22..18 (19), Jan 15..11 (24), Jan 8, 7, 6 (27) -> Wed 2027-01-06.
    o = order(po_date="2026-11-02", ex_factory="2027-03-05", style={"number": "X"})
    p = plan(o, config(), CAL)
    assert p["cutting_start"] == date(2027, 1, 6)
    assert p["sewing_start"] == date(2027, 1, 11)  # cutting + 3: Jan 7, 8, 11
    assert p["fabric_in_house"] == date(2026, 12, 22)  # cutting - 10: Jan 5,4,1(holiday),Dec 31..
    assert p["final_inspection"] == date(2027, 3, 4)
    assert p["ex_factory"] == date(2027, 3, 5)
    assert p["po_received"] == date(2026, 11, 2)
    assert p["deposit_received"] == date(2026, 11, 11)  # P+7: Nov 3,4,5,6,9,10,11


def test_saturday_factories():
    cal = calendar_for(config(workdays=["mon", "tue", "wed", "thu", "fri", "sat"]), [2026])
    assert cal.add(date(2026, 11, 27), 1) == date(2026, 11, 28)


def test_slip_propagates_to_ex_factory_and_flags_risk():
    cfg = config()
    o = order(
        po_date="2026-11-02",
        ex_factory="2027-03-05",
        milestones={"fabric_in_house": {"planned": "2026-12-22", "revised": "2026-12-31", "reason": "mill"}},
    )
    f = forecast(o, cfg, CAL, today=date(2026, 12, 1))
    slip = CAL.between(date(2026, 12, 22), date(2026, 12, 31))
    assert slip == 7
    assert f.dates["fabric_in_house"] == date(2026, 12, 31)
    assert f.dates["cutting_start"] == CAL.add(date(2027, 1, 6), 7)
    assert f.ex_factory == CAL.add(date(2027, 3, 5), 7)
    assert f.at_risk and f.late_days == 7


def test_own_dates_stop_the_slip():
    cfg = config()
    o = order(
        po_date="2026-11-02",
        ex_factory="2027-03-05",
        milestones={
            "fabric_in_house": {"revised": "2026-12-31", "reason": "mill"},
            "cutting_start": {"planned": "2027-01-06", "actual": "2027-01-06"},
        },
    )
    f = forecast(o, cfg, CAL, today=date(2027, 1, 7))
    assert f.dates["cutting_start"] == date(2027, 1, 6)
    assert not f.at_risk


def test_overdue_milestone_cannot_happen_before_today():
    cfg = config()
    o = order(
        po_date="2026-11-02",
        ex_factory="2027-03-05",
        milestones={"cutting_start": {"planned": "2027-01-06"}, "pp_meeting": {"actual": "2027-01-04"}},
        samples=[{"type": "pp", "sent": "2026-12-01", "reply": "2026-12-10", "verdict": "approved"}],
    )
    f = forecast(o, cfg, CAL, today=date(2027, 1, 13))
    assert f.dates["cutting_start"] == date(2027, 1, 13)
    assert f.steps["cutting_start"].driver == "today"
    assert f.at_risk and f.late_days == CAL.between(date(2027, 1, 6), date(2027, 1, 13))


def test_an_open_predecessor_holds_its_successor():
    # pp_meeting (cutting - 3, due 2026-12-31) is not done by Wed 2027-01-13: it happens today at the
    # earliest, and cutting 3 working days later: Jan 14, 15, 18 -> Mon 2027-01-18.
    cfg = config()
    o = order(
        po_date="2026-11-02",
        ex_factory="2027-03-05",
        milestones={"cutting_start": {"planned": "2027-01-06"}},
        samples=[{"type": "pp", "sent": "2026-12-01", "reply": "2026-12-10", "verdict": "approved"}],
    )
    f = forecast(o, cfg, CAL, today=date(2027, 1, 13))
    assert f.steps["pp_sample_approved"].done.how == "sample"
    assert f.dates["pp_meeting"] == date(2027, 1, 13)
    assert f.dates["cutting_start"] == date(2027, 1, 18)
    assert f.chain[:3] == ["ex_factory", "cutting_start", "pp_meeting"]


@settings(max_examples=200, deadline=None)
@given(st.dates(date(2026, 1, 1), date(2027, 12, 31)), st.integers(-300, 300))
def test_add_and_between_agree(start, n):
    end = CAL.add(start, n)
    assert CAL.between(start, end) == n
    if n:
        assert CAL.is_workday(end)


def test_calendar_without_workdays_refuses():
    cal = WorkCalendar(frozenset())
    try:
        cal.add(date(2026, 1, 1), 1)
    except ValueError as e:
        assert "no working days" in str(e)
    else:
        raise AssertionError("expected a refusal")


def _stepping_add(cal: WorkCalendar, day: date, n: int) -> date:
    """The day-by-day way the working-day index replaced (kept here as the reference)."""
    step = timedelta(days=1 if n >= 0 else -1)
    remaining, guard = abs(n), 0
    while remaining:
        day += step
        guard += 1
        if cal.is_workday(day):
            remaining -= 1
        elif guard > 3660 + abs(n) * 7:
            raise ValueError("the working-day calendar has no working days")
    return day


def _stepping_between(cal: WorkCalendar, start: date, end: date) -> int:
    lo, hi, sign = (start + timedelta(days=1), end, 1) if end >= start else (end, start - timedelta(days=1), -1)
    return sign * sum(cal.is_workday(lo + timedelta(days=i)) for i in range((hi - lo).days + 1))


def _stepping_next(cal: WorkCalendar, day: date, step: int) -> date:
    while not cal.is_workday(day):
        day += timedelta(days=step)
    return day


# China over 2026 only (the holidays of 2025-2027 are loaded): its make-up Saturdays and Sundays
# (2026-01-04, 2026-02-14, 2026-02-28, 2026-05-09, 2026-09-20, 2026-10-10...) are working days
CN_2026 = calendar_for(config(), [2026])
EXCEPTIONS = st.frozensets(st.dates(date(2025, 1, 1), date(2027, 12, 31)), max_size=60)


@st.composite
def calendars(draw):
    if draw(st.booleans()):
        return CN_2026
    return WorkCalendar(draw(st.frozensets(st.integers(0, 6))), draw(EXCEPTIONS), draw(EXCEPTIONS))


@settings(max_examples=500, deadline=None)
@given(
    calendars(),
    st.dates(date(2019, 1, 1), date(2033, 12, 31)),  # inside the span of exceptions and years outside it
    st.dates(date(2019, 1, 1), date(2033, 12, 31)),
    st.integers(-800, 800),
)
def test_the_working_day_index_agrees_with_stepping_day_by_day(cal, day, other, n):
    try:
        expected: date | Exception = _stepping_add(cal, day, n)
    except ValueError as e:
        expected = e
    try:
        got: date | Exception = cal.add(day, n)
    except ValueError as e:
        got = e
    if isinstance(expected, Exception):  # a calendar without working days (enough of them)
        assert isinstance(got, ValueError) and str(got) == str(expected)
    else:
        assert got == expected
    assert cal.between(day, other) == _stepping_between(cal, day, other)
    assert cal.between(other, day) == _stepping_between(cal, other, day)
    if cal.weekdays:
        assert cal.next_workday(day) == _stepping_next(cal, day, 1)
        assert cal.prev_workday(day) == _stepping_next(cal, day, -1)


def test_the_index_counts_chinas_make_up_weekends_by_hand():
    # Spring Festival 2026: Sat 2026-02-14 is worked, Feb 15-23 are off, Sat Feb 28 is worked.
    # From Fri Feb 13: Sat 14 (1), then Tue 24 (2), Wed 25 (3), Thu 26 (4), Fri 27 (5), Sat 28 (6), Mon Mar 2 (7).
    assert CN_2026.add(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert CN_2026.add(date(2026, 2, 13), 2) == date(2026, 2, 24)
    assert CN_2026.add(date(2026, 2, 13), 6) == date(2026, 2, 28)
    assert CN_2026.add(date(2026, 2, 13), 7) == date(2026, 3, 2)
    assert CN_2026.add(date(2026, 3, 2), -7) == date(2026, 2, 13)
    assert CN_2026.between(date(2026, 2, 13), date(2026, 3, 2)) == 7
    assert CN_2026.next_workday(date(2026, 2, 15)) == date(2026, 2, 24)
    assert CN_2026.prev_workday(date(2026, 2, 23)) == date(2026, 2, 14)
    # far outside the holidays loaded (2025-2027): plain weeks, Mon 2030-01-07 + 5 = Mon 2030-01-14
    assert CN_2026.add(date(2030, 1, 7), 5) == date(2030, 1, 14)
    assert CN_2026.between(date(2030, 1, 14), date(2030, 1, 7)) == -5


def _recursive_plan(o: Order, cfg: Config, cal: WorkCalendar) -> dict:
    """How `plan` worked before its recipe was worked out once per template (the reference)."""
    from gendan.core.config import MilestoneDef

    template = cfg.template_for(o.style.product_type if o.style else None)
    known = {m.key for m in template}
    extra = [
        MilestoneDef(key=k, anchor=m.anchor, offset=m.offset)
        for k, m in o.milestones.items()
        if k not in known and m.anchor and m.offset is not None
    ]
    defs = [*template, *extra]
    by_key = {m.key: m for m in defs}
    planned: dict = {}

    def resolve(m, depth=0):
        if m.key in planned:
            return planned[m.key]
        if depth > len(defs):
            return None
        if m.anchor in by_key and m.anchor != m.key:
            base = resolve(by_key[m.anchor], depth + 1)
        else:
            base = o.po_date if m.anchor == "po_date" else o.ex_factory if m.anchor == "ex_factory" else None
        planned[m.key] = cal.add(base, m.offset) if base else None
        return planned[m.key]

    for m in defs:
        resolve(m)
    return {m.key: planned[m.key] for m in defs}


PLAN_KEYS = ["a", "b", "c", "d", "ex_factory"]
PLAN_ANCHORS = [*PLAN_KEYS, "po_date", "ex_factory", "elsewhere", "own"]


@st.composite
def plannable(draw):
    """Any template (anchors in circles, anchored at themselves, repeated keys, unknown anchors)
    and an order with milestones of its own, anchored or only recorded."""
    defs = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "key": st.sampled_from(PLAN_KEYS),
                    "anchor": st.sampled_from(PLAN_ANCHORS),
                    "offset": st.integers(-30, 30),
                }
            ),
            max_size=7,
        )
    )
    own = draw(
        st.dictionaries(
            st.sampled_from(["own", "x", "a"]),
            st.fixed_dictionaries({}, optional={"anchor": st.sampled_from(PLAN_ANCHORS), "offset": st.integers(-9, 9)}),
            max_size=3,
        )
    )
    dates = {
        k: draw(st.dates(date(2026, 1, 1), date(2027, 12, 31)))
        for k in ("po_date", "ex_factory")
        if draw(st.booleans())
    }
    return defs, own, dates


@settings(max_examples=300, deadline=None)
@given(plannable())
def test_the_plan_worked_out_once_per_template_is_the_plan_worked_out_per_order(case):
    defs, own, dates = case
    cfg = config(milestone_templates={"default": defs})
    o = order(milestones=own, **{k: str(v) for k, v in dates.items()})
    assert plan(o, cfg, CAL) == _recursive_plan(o, cfg, CAL)
    assert list(plan(o, cfg, CAL)) == list(_recursive_plan(o, cfg, CAL))  # and in the same order


def test_so_2026_0142_across_the_2027_closure_by_hand():
    """The issue's reproduction: fabric in house revised to Tue 2027-01-12 (mill delay).

    cutting >= fabric + 10 working days: Jan 13,14,15,18,19,20,21,22,25,26 -> Tue 2027-01-26.
    sewing = cutting + 3: Jan 27, 28, 29 -> Fri 2027-01-29.
    ex-factory >= cutting + 27: Jan 27,28,29 (3), closure Feb 1-19, Feb 22-26 (8), Mar 1-5 (13),
    Mar 8-12 (18), Mar 15-19 (23), Mar 22,23,24,25 (27) -> Thu 2027-03-25.
    Late against the contract Sat 2027-02-20: the working days Feb 22 .. Mar 25 = 5+5+5+5+4 = 24.
    """
    from pathlib import Path

    from gendan.store.workspace import Workspace

    ws = Workspace.open(Path(__file__).resolve().parent.parent / "examples" / "orders")
    o = ws.load(ws.find("SO-2026-0142")).order
    today = date(2026, 11, 30)
    f = forecast(o, ws.config, calendar_for(ws.config, [2026, 2027]), today)
    assert f.dates["fabric_in_house"] == date(2027, 1, 12)
    assert f.dates["cutting_start"] == date(2027, 1, 26)
    assert f.dates["sewing_start"] == date(2027, 1, 29)
    assert f.ex_factory == date(2027, 3, 25)
    assert f.late_days == 24
    assert f.chain == ["ex_factory", "cutting_start", "fabric_in_house"]
    assert f.chain_text() == (
        "ex_factory 2027-03-25 ← cutting_start 2027-01-26 ← fabric_in_house 2027-01-12 (revised: mill delay)"
    )
    # on the chain nothing can slip; pp_meeting (due Fri 2026-12-18) can slip until cutting - 3 = Jan 21:
    # Dec 21..25 (5), Dec 28..31 (9; Jan 1 is a holiday), Jan 4..8 (14), Jan 11..15 (19), Jan 18..21 (23)
    assert f.steps["cutting_start"].slack == 0 and f.steps["fabric_in_house"].slack == 0
    assert f.steps["pp_meeting"].slack == 23
    # done by the one notion of done: deposit by the payment, PP by the sample, sampling by the stage
    assert f.steps["deposit_received"].done.how == "actual"
    assert f.steps["lab_dip_submitted"].done.how == "stage passed"
    assert not f.steps["fabric_in_house"].done.done  # revised: still awaited though its stage is behind


def test_revising_a_predecessor_moves_ex_factory():
    """trims in house (sewing - 7) revised to Fri 2027-01-29 (SO-2026-0142's materials stage is behind it,
    the revision says it is still awaited): sewing >= Jan 29 + 7 working days = Feb 22 .. Mar 2
    (closure Feb 1-19) -> Tue 2027-03-02; mid inspection = sewing + 10 -> Mar 16; final inspection
    >= mid + 5 -> Mar 23; ex-factory >= final + 1 -> Wed 2027-03-24, still before cutting + 27 = Mar 25;
    trims to Feb 26 instead: sewing Mar 9, mid Mar 23, final Mar 30, ex-factory Mar 31."""
    import dataclasses
    from pathlib import Path

    from gendan.core.model import Milestone
    from gendan.store.workspace import Workspace

    ws = Workspace.open(Path(__file__).resolve().parent.parent / "examples" / "orders")
    o = ws.load(ws.find("SO-2026-0142")).order
    cal = calendar_for(ws.config, [2026, 2027])
    today = date(2026, 11, 30)
    for trims, sewing, ex in (
        (date(2027, 1, 29), date(2027, 3, 2), date(2027, 3, 25)),
        (date(2027, 2, 26), date(2027, 3, 9), date(2027, 3, 31)),
    ):
        ms = {**o.milestones, "trims_in_house": Milestone(revised=trims, reason="zip supplier")}
        f = forecast(dataclasses.replace(o, milestones=ms), ws.config, cal, today)
        assert f.dates["sewing_start"] == sewing
        assert f.ex_factory == ex


def test_done_milestones_are_fixed_and_do_not_count_as_slips():
    """An order re-planned after a later contract date: the done milestones keep their old plan,
    but only their actual dates matter; the forecast is the contract date."""
    cfg = config()
    o = order(
        po_date="2026-11-02",
        ex_factory="2027-03-12",
        milestones={
            "po_received": {"planned": "2026-10-26", "actual": "2026-11-02"},
            "cutting_start": {"planned": "2026-12-28", "actual": "2027-01-04"},
        },
    )
    f = forecast(o, cfg, CAL, today=date(2027, 1, 5))
    assert f.dates["cutting_start"] == date(2027, 1, 4)
    assert f.ex_factory == date(2027, 3, 12) and not f.at_risk


TEMPLATE_KEYS = [f"m{i}" for i in range(7)]


@st.composite
def networks(draw):
    """A random template (anchors backwards and forwards, extra `after` precedences, no circles)
    and random actual/revised dates."""
    template = []
    for i, key in enumerate(TEMPLATE_KEYS):
        anchor = draw(st.sampled_from(["po_date", "ex_factory", *TEMPLATE_KEYS[:i]]))
        offset = draw(st.integers(-25, 25))
        after = {}
        if i > 1 and draw(st.booleans()):
            after[draw(st.sampled_from(TEMPLATE_KEYS[:i]))] = draw(st.integers(0, 10))
        m = {"key": key, "anchor": anchor, "offset": offset}
        if after:
            m["after"] = after
        template.append(m)
    template.append({"key": "ex_factory", "anchor": "ex_factory", "offset": 0})
    # an `after` or a backward anchor can close a circle: keep only acyclic networks
    milestones = {}
    for key in [*TEMPLATE_KEYS, "ex_factory"]:
        kind = draw(st.sampled_from(["none", "none", "actual", "revised"]))
        day = draw(st.dates(date(2026, 10, 1), date(2027, 6, 30)))
        if kind == "actual":
            milestones[key] = {"actual": day.isoformat()}
        elif kind == "revised":
            milestones[key] = {"revised": day.isoformat(), "reason": "r"}
    today = draw(st.dates(date(2026, 10, 1), date(2027, 6, 30)))
    return template, milestones, today


@settings(max_examples=300, deadline=None)
@given(networks())
def test_every_precedence_holds_and_nothing_open_is_before_today(case):
    from gendan.domain.calendar import links

    template, milestones, today = case
    cfg = config(milestone_templates={"default": template})
    o = order(po_date="2026-11-02", ex_factory="2027-03-05", milestones=milestones)
    defs = cfg.milestone_templates["default"]
    found = links(defs)
    # skip networks with a circle (validate refuses them)
    graph = {k: [lk.after for lk in found if lk.before == k] for k in [*TEMPLATE_KEYS, "ex_factory"]}
    seen, stack = set(), set()

    def cyclic(k):
        if k in stack:
            return True
        if k in seen:
            return False
        seen.add(k)
        stack.add(k)
        hit = any(cyclic(n) for n in graph[k])
        stack.discard(k)
        return hit

    if any(cyclic(k) for k in graph):
        return
    f = forecast(o, cfg, CAL, today)
    for key, step in f.steps.items():
        if step.done.done:
            assert step.forecast == step.done.when
            continue
        if step.forecast is not None:
            assert step.forecast >= today, key
            if step.due is not None:
                assert step.forecast >= step.due, key
    for lk in found:
        a, b = f.steps[lk.before], f.steps[lk.after]
        if b.done.done or a.forecast is None:
            continue  # a done milestone is fixed where it happened
        assert b.forecast is not None and b.forecast >= CAL.add(a.forecast, lk.gap), (lk, a, b)
    # slack: slipping an open milestone by its slack leaves the forecast ex-factory where it is,
    # one working day more moves it
    import dataclasses

    from gendan.core.model import Milestone

    for key, step in f.steps.items():
        if step.slack is None or step.done.done or key == "ex_factory" or step.slack > 30:
            continue
        for extra, moves in ((step.slack, False), (step.slack + 1, True)):
            held = o.milestones.get(key) or Milestone()
            ms = {**o.milestones, key: dataclasses.replace(held, revised=CAL.add(step.forecast, extra))}
            g = forecast(dataclasses.replace(o, milestones=ms), cfg, CAL, today)
            assert (g.ex_factory != f.ex_factory) == moves, (key, step.slack, extra)


def test_an_unapproved_pp_sample_holds_cutting_even_in_production():
    """An order let into production by a special approval of R5: the PP approval is still awaited
    (done only when recorded), so cutting waits for it: today Wed 2027-01-13 + 5 -> Wed 2027-01-20."""
    o = order(
        po_date="2026-11-02",
        ex_factory="2027-03-05",
        milestones={"cutting_start": {"planned": "2027-01-06"}, "pp_meeting": {"actual": "2027-01-04"}},
    )
    f = forecast(o, config(), CAL, today=date(2027, 1, 13))
    assert not f.steps["pp_sample_approved"].done.done
    assert f.dates["cutting_start"] == date(2027, 1, 20)
    assert f.chain[:3] == ["ex_factory", "cutting_start", "pp_sample_approved"]


DEFAULT_KEYS = [m.key for m in config().template_for(None)]


@st.composite
def replannable(draw):
    """An order on the default template with an older plan (shifted), some milestones done or revised."""
    po = draw(st.dates(date(2026, 6, 1), date(2026, 12, 31)))
    ex = CAL.next_workday(po + timedelta(days=draw(st.integers(90, 220))))
    today = po + timedelta(days=draw(st.integers(0, 150)))
    shift = draw(st.integers(-15, 15))
    milestones = {}
    for key in draw(st.lists(st.sampled_from(DEFAULT_KEYS), unique=True, max_size=10)):
        kind = draw(st.sampled_from(["planned", "actual", "revised"]))
        day = draw(st.dates(po, po + timedelta(days=240)))
        if kind == "planned":
            milestones[key] = {"planned": (day + timedelta(days=shift)).isoformat()}
        elif kind == "actual" and day <= today:
            milestones[key] = {"planned": day.isoformat(), "actual": day.isoformat()}
        elif kind == "revised":
            milestones[key] = {"revised": day.isoformat(), "reason": "r"}
    stage = draw(st.sampled_from(["confirmed", "funded", "sampling", "materials", "production"]))
    return order(po_date=po.isoformat(), ex_factory=ex.isoformat(), stage=stage, milestones=milestones), today


@settings(max_examples=150, deadline=None)
@given(replannable())
def test_replanning_an_on_time_order_leaves_it_on_time(case):
    """`plan --write` (tracking.replanned: template dates for every open milestone) on an order that is
    on time, whose template fits its lead time (no W401/W402/W403), keeps it on time, with the same
    forecast ex-factory."""
    from gendan.domain import tracking
    from gendan.domain.calendar import plan_warnings

    o, today = case
    cfg = config()
    before = forecast(o, cfg, CAL, today)
    if before.at_risk or before.ex_factory is None:
        return
    if any(w.code in ("W401", "W402", "W403") for w in plan_warnings(o, cfg, CAL, today, before)):
        return
    rows, _ = tracking.plan_rows(o, cfg, today)
    after = forecast(tracking.replanned(o, rows), cfg, CAL, today)
    assert not after.at_risk and after.ex_factory == before.ex_factory


def test_holidays_of_one_country_import_that_country_only():
    """Same dates, names and make-up working days as the library's own country_holidays, with one
    country module imported instead of ~280 (checked in a fresh interpreter)."""
    import subprocess
    import sys

    code = """
import sys
from gendan.domain.calendar import country_holidays
got = {c: country_holidays(c, range(2019, 2031)) for c in ("CN", "CHN", "VN")}
modules = sorted(m for m in sys.modules if m.startswith("holidays.countries"))
import holidays
for c, h in got.items():
    lib = holidays.country_holidays(c, years=range(2019, 2031))
    assert dict(h) == dict(lib) and type(h) is type(lib), c
    assert getattr(h, "weekend_workdays", None) == getattr(lib, "weekend_workdays", None), c
print(modules)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['holidays.countries.china', 'holidays.countries.vietnam']"


def test_an_unknown_country_is_still_refused():
    import pytest

    from gendan.domain.calendar import country_holidays

    with pytest.raises(NotImplementedError):
        country_holidays("XX", range(2025, 2027))
