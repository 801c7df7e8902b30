from __future__ import annotations

import click

from gendan.commands import options


@click.command(epilog="Example: gendan cancel SO-2026-0142 --reason 'customer withdrew the PO'")
@options.order_id
@click.option("--reason", metavar="TEXT", required=True, help="Why (written to the order's history).")
@options.by
@options.as_of
@click.pass_context
def cancel(ctx: click.Context, order_id: str, reason: str, by, as_of) -> None:
    """Cancel an order (取消); it never moves again."""
    from gendan.commands import editing
    from gendan.domain import workflow

    ws = ctx.obj.workspace()
    today = options.today(ctx, as_of)
    editing.edit_order(
        ws,
        order_id,
        lambda draft: workflow.cancel(draft.order, ws.config, today, options.who(by, ws.root), reason).change(),
    )
