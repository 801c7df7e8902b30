"""A small workspace for the report tests: four open orders, one on hold, one closed, one broken."""

CONFIG = """\
company: {name: Test Trading Co}
people:
  - {name: Chen Li, role: merchandiser, email: chen.li@example.com}
  - {name: Wang Min, role: merchandiser, email: wang.min@example.com}
  - {name: Liu Fang, role: finance, email: liu.fang@example.com}
mail: {host: 127.0.0.1, port: 1, starttls: false, sender: gendan@example.com}
"""

# Deposit missing, PP sample not approved, cutting due 2026-12-07 (X-27 working days).
NO_DEPOSIT = """\
id: SO-A
customer: {name: Nordic Outdoor AS, po: NO-1}
merchandiser: Chen Li
factory: {name: Hongda}
style: {number: JK-1}
currency: USD
payment: {terms: deposit_balance, deposit_pct: 30}
quality: as PP sample
po_date: 2026-10-12
ex_factory: 2027-01-14
stage: sampling
lines:
  - {colour: Black, unit_price: 10.00, sizes: {S: 100, M: 100}}
milestones:
  lab_dip_approved: {planned: 2026-10-28, owner: Chen Li}
"""

# Balance (due before shipment) unpaid with ex-factory on 2026-12-04; fabric revised late: at risk.
SHIPPING_SOON = """\
id: SO-B
customer: {name: "=HYPERLINK(\\"http://x\\")", po: "+PO-2"}
merchandiser: Wang Min
factory: {name: Yida}
style: {number: "-TS-9"}
currency: EUR
payment: {terms: deposit_balance, deposit_pct: 30, balance: before_shipment}
quality: ok
po_date: 2026-09-01
ex_factory: 2026-12-04
stage: inspection
lines:
  - {colour: White, unit_price: 4.25, sizes: {M: 500}}
payments:
  - {kind: deposit, amount: 637.50, received: 2026-09-10, confirmed_by: Liu Fang}
samples:
  - {type: pp, sent: 2026-10-01, verdict: approved}
milestones:
  final_inspection: {planned: 2026-12-03, revised: 2026-12-10, reason: sewing line short}
  ex_factory: {planned: 2026-12-04, owner: Wang Min}
"""

ON_HOLD = """\
id: SO-C
customer: {name: Acme}
merchandiser: Chen Li
currency: USD
po_date: 2026-09-01
ex_factory: 2026-12-01
stage: on_hold
lines:
  - {colour: Red, unit_price: 1.00, sizes: {M: 10}}
history:
  - {date: 2026-11-02, by: Chen Li, action: hold, from: materials, to: on_hold, reason: customer review}
"""

CLOSED = """\
id: SO-D
customer: {name: Acme}
merchandiser: Chen Li
currency: USD
po_date: 2026-01-05
ex_factory: 2026-04-01
stage: closed
lines:
  - {colour: Red, unit_price: 2.00, sizes: {M: 10}}
payments:
  - {kind: full, amount: 20.00, received: 2026-04-20}
"""

BROKEN = """\
id: SO-E
customer: {name: Acme}
stage: production
ex_factory: 2026-13-01
"""

FILES = {
    "2026/SO-A/order.yaml": NO_DEPOSIT,
    "2026/SO-B/order.yaml": SHIPPING_SOON,
    "2026/SO-C/order.yaml": ON_HOLD,
    "2026/SO-D/order.yaml": CLOSED,
}
