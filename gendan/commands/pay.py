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
        return payments.pay(draft.order, ws.config, kind, amount, when, today, who, reference or None)

    editing.edit_order(ws, order_id, paid, today=today)
