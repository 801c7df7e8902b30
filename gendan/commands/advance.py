from __future__ import annotations

import click

from gendan.commands import complete, options


@click.command(
    epilog="Examples: gendan advance SO-2026-0142 · gendan advance SO-2026-0142 --to shipping · "
    "gendan advance SO-2026-0142 --override --approved-by 'Zhang Wei' --reason 'GM allows'"
)
@options.order_id
@click.option(
    "--to",
    "to",
    metavar="STAGE",
    shell_complete=complete.stages,
    default=None,
    help="Move to this stage (default: the next one); an earlier stage needs --reason.",
)
@options.override
@options.approved_by
@options.reason
@options.by
@options.as_of
@click.pass_context
def advance(ctx: click.Context, order_id: str, to, override: bool, approved_by, reason, by, as_of) -> None:
    """Move an order to its next stage (or --to another) if the gates allow."""
    from gendan.commands import editing
    from gendan.domain import workflow

    ws = ctx.obj.workspace()
    today = options.today(ctx, as_of)
    editing.edit_order(
        ws,
        order_id,
        lambda draft: workflow.advance(
            draft.order,
            ws.config,
            today,
            options.who(by, ws.root),
            to=to,
            override=override,
            approved_by=approved_by,
            reason=reason,
            invalid=workflow.problems(draft, ws.config, today),  # they refuse a move forward
        ).change(),
    )
