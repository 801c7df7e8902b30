from __future__ import annotations

import click

from gendan.commands import complete, options


@click.command(
    epilog="Examples: gendan done SO-2026-0142 fabric_in_house · "
    "gendan done SO-2026-0142 lab_dip_approved fit_sample_comments --date 2026-11-10"
)
@options.order_id
@click.argument("milestones", metavar="MILESTONE...", nargs=-1, required=True, shell_complete=complete.milestones)
@click.option(
    "--date",
    "when",
    type=options.WHEN,
    default=None,
    help="When they happened (2026-11-10, 2026/11/10, 2026年11月10日, yesterday, or -2 for two working "
    "days ago; default: today); also corrects a recorded date.",
)
@options.as_of
@click.pass_context
def done(ctx: click.Context, order_id: str, milestones: tuple[str, ...], when, as_of) -> None:
    """Record that milestones of the T&A calendar have happened (all of them, or none)."""
    from gendan.commands import editing
    from gendan.domain import tracking

    ws = ctx.obj.workspace()
    today = options.today(ctx, as_of)
    when = options.on_calendar(when, ws.config, today, "--date")
    editing.edit_order(
        ws,
        order_id,
        lambda draft: tracking.done(draft.order, ws.config, list(milestones), when, today),
        today=today,
    )
