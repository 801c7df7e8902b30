"""The report domain functions called directly, with generated orders."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gendan.core.config import Config
from gendan.core.model import Order
from gendan.domain.calendar import calendar_for
from gendan.render.excel import payment_summary
from gendan.reports.facts import count_late, overdue
from gendan.store.configfile import merge_defaults
from gendan.store.parse import adapter

CONFIG = adapter(Config).validate_python(merge_defaults({"company": {"name": "T"}, "holidays": {"country": None}}))
TODAY = date(2026, 11, 30)
days = st.integers(min_value=-60, max_value=60).map(lambda n: TODAY + timedelta(days=n))


def order(**fields) -> Order:
    base = {"id": "SO-1", "customer": {"name": "C"}, "stage": "sampling", "merchandiser": "M"}
    return adapter(Order).validate_python({**base, **fields})


@settings(max_examples=200, deadline=None)
@given(
    due=days,
    actual=st.one_of(st.none(), days),
    within=st.integers(0, 30),
    stage=st.sampled_from(["sampling", "production", "on_hold", "closed", "cancelled"]),
)
def test_a_recorded_milestone_is_reported_exactly_when_it_should_be(due, actual, within, stage):
    if actual is not None and actual > TODAY:
        actual = TODAY
    o = order(stage=stage, milestones={"lab_dip_approved": {"planned": due, "actual": actual, "owner": "X"}})
    items = [i for i in overdue([o], CONFIG, TODAY, within) if i.milestone == "lab_dip_approved"]
    # lab_dip_approved belongs to sampling: an order in production has passed it (done)
    open_ = stage == "sampling"
    late = (TODAY - due).days
    if not open_ or actual is not None or late < -within:
        assert items == []
    else:
        assert len(items) == 1
        (item,) = items
        cal = calendar_for(CONFIG, [2026, 2027])
        wd = cal.between(due, TODAY) if due < TODAY else -cal.between(TODAY, due)  # working days
        assert (item.owner, item.due, item.working_days_late) == ("X", due, wd)
        assert item.kind == ("overdue" if late > 0 else "due_soon")
        assert count_late(items) == (1 if late > 0 else 0)


@settings(max_examples=200, deadline=None)
@given(
    price=st.decimals(min_value="0.01", max_value="99.99", places=2),
    qty=st.integers(1, 50_000),
    pct=st.sampled_from([None, 10, 30, 50]),
    paid=st.lists(
        st.tuples(
            st.sampled_from(["deposit", "balance", "full", "other", "lc"]),
            st.one_of(st.none(), st.decimals(min_value="0", max_value="100000", places=2)),
        ),
        max_size=4,
    ),
)
def test_payment_summary_adds_up_exactly(price, qty, pct, paid):
    o = order(
        payment={"terms": "deposit_balance", "deposit_pct": pct},
        lines=[{"colour": "Black", "unit_price": price, "sizes": {"M": qty}}],
        payments=[{"kind": k, "amount": a, "received": "2026-11-01"} for k, a in paid],
    )
    s = payment_summary(o)
    assert s["value"] == price * qty
    assert s["deposit"] + s["balance"] == s["value"]
    assert s["received"] == s["deposit_received"] + s["balance_received"] + sum(
        (a for k, a in paid if k == "other" and a is not None), Decimal(0)
    )
    assert s["outstanding"] == max(s["value"] - s["received"], Decimal(0))
    assert all(isinstance(v, Decimal) for k, v in s.items() if k in ("deposit", "balance", "received", "outstanding"))
