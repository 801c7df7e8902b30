from __future__ import annotations

import click

from gendan.commands import complete, options


@click.command(
    context_settings={"ignore_unknown_options": True},  # `pay ID deposit -100` is a bad amount, not an option
    epilog="Examples: gendan pay SO-2026-0142 deposit 6660.00 --date 2026-10-20 --ref 'HSBC TT 1020' · "
    "gendan pay SO-2026-0142 balance 'USD 15540'",
)
@options.order_id
@click.argument("kind", metavar="deposit|balance|full", shell_complete=complete.words("deposit", "balance", "full"))
@click.argument("amount", metavar="AMOUNT")
@click.option(
    "--date",
    "when",
    type=options.WHEN,
    default=None,
    help="When it was credited (2026-11-10, 2026/11/10, 2026年11月10日, yesterday, or -1 for one working "
    "day ago; default: today).",
)
@click.option("--ref", "reference", metavar="TEXT", default=None, help="The bank's reference of the transfer.")
@options.by
@options.as_of
@click.pass_context
def pay(ctx: click.Context, order_id: str, kind: str, amount: str, when, reference, by, as_of) -> None:
    """Record money received on an order (partial payments add up).

    AMOUNT is in the order's currency (4368.00, or USD 4368.00); who records it (--by) is
    written as the finance confirmation.
    """
    from gendan.commands import editing
    from gendan.domain import payments

    ws = ctx.obj.workspace()
    today = options.today(ctx, as_of)
    when = options.on_calendar(when, ws.config, today, "--date")
    who = options.who(by, ws.root)

    def paid(draft):
        change = payments.pay(draft.order, ws.config, kind, amount, when, today, who, reference or None)
        if change.words:
            return change
        return _worded(change, draft.order, ws.config, kind, amount, when or today, reference or None)

    editing.edit_order(ws, order_id, paid, today=today)


def _worded(change, order, config, kind: str, amount_text: str, day, reference: str | None):
    """The payment's message and notes with their words (gendan.core.errors.said), for the user's
    language: said again from the same figures gendan.domain.payments.pay states them from. Only
    when the English they make is the domain's own, word for word; otherwise the change as it is."""
    import dataclasses

    from gendan.core.errors import said
    from gendan.core.money import labelled
    from gendan.domain import payments

    cur = order.currency
    amount = payments.parse_amount(amount_text, cur)
    message = said(
        ("{id}: ", {"id": order.id}),
        (kind, {}),
        (" {amount} received on {day}", {"amount": labelled(amount, cur), "day": day}),
        (" ({reference})" if reference else "", {"reference": reference} if reference else {}),
    )
    notes = []
    need = payments.required_deposit(order) if kind == "deposit" else None
    if need is not None:
        got = payments.payment_summary(order)["deposit_confirmed"] + amount
        short = payments.short_by(need, got, config, cur)
        values = {"got": labelled(got, cur), "need": labelled(need, cur), "pct": order.payment.deposit_pct}
        notes.append(
            said(
                ("deposit received {got} of {need} ({pct}%)", values),
                (
                    ": short by {short}, R4 does not hold yet" if short else "",
                    {"short": labelled(short, cur)} if short else {},
                ),
            )
        )
    total = payments.received(order) + amount
    rest = order.value - total
    if rest < 0:
        values = {"total": labelled(total, cur), "over": labelled(-rest, cur)}
        notes.append(said(("received {total}, {over} more than the order value", values)))
    else:
        values = {"total": labelled(total, cur), "value": labelled(order.value, cur), "rest": labelled(rest, cur)}
        notes.append(said(("received {total} of {value}, outstanding {rest}", values)))
    if message[0] != change.message or [n for n, _ in notes] != list(change.notes):
        return change  # (the domain words it otherwise now: English only, rather than words that differ)
    return dataclasses.replace(change, words=(message[1],), note_words=tuple(w for _, w in notes))
