from __future__ import annotations

import click

from gendan.commands import complete, options


@click.command(epilog="Example: gendan resume SO-2026-0142")
@options.order_id
@click.option(
    "--to",
    "to",
    metavar="STAGE",
    shell_complete=complete.stages,
    default=None,
    help="The stage to resume at (default: the one it was held at, from its history).",
)
@options.reason
@options.by
@options.as_of
@click.pass_context
def resume(ctx: click.Context, order_id: str, to, reason, by, as_of) -> None:
    """Take an order off hold, back to the stage it was held at."""
    from gendan.commands import editing
    from gendan.domain import workflow

    ws = ctx.obj.workspace()
    today = options.today(ctx, as_of)
    editing.edit_order(
        ws,
        order_id,
        lambda draft: workflow.resume(
            draft.order, ws.config, today, options.who(by, ws.root), to=to, reason=reason
        ).change(),
    )
