from __future__ import annotations

import click

from gendan.commands import options


@click.command(epilog="Example: gendan hold SO-2026-0142 --reason 'customer asks to wait for a new colour'")
@options.order_id
@click.option("--reason", metavar="TEXT", required=True, help="Why (written to the order's history).")
@options.by
@options.as_of
@click.pass_context
def hold(ctx: click.Context, order_id: str, reason: str, by, as_of) -> None:
    """Put an order on hold (暂停), keeping the stage it was at."""
    from gendan.commands import editing
    from gendan.domain import workflow

    ws = ctx.obj.workspace()
    today = options.today(ctx, as_of)
    editing.edit_order(
        ws,
        order_id,
        lambda draft: workflow.hold(draft.order, ws.config, today, options.who(by, ws.root), reason).change(),
    )
