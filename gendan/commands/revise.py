from __future__ import annotations

import click

from gendan.commands import complete, options


@click.command(
    context_settings={"ignore_unknown_options": True},  # `revise ID M -2`: working days, not an option
    epilog="Examples: gendan revise SO-2026-0142 fabric_in_house 2027-01-12 --reason 'mill delay' · "
    "gendan revise SO-2026-0142 fabric_in_house +5 --reason 'mill delay'   (5 working days from today)",
)
@options.order_id
@click.argument("milestone", shell_complete=complete.milestones)
@click.argument("when", metavar="DATE", type=options.WHEN)
@click.option("--reason", metavar="TEXT", required=True, help="Why the date moves (kept beside the date).")
@options.as_of
@click.pass_context
def revise(ctx: click.Context, order_id: str, milestone: str, when, reason: str, as_of) -> None:
    """Give a milestone a revised due date, with the reason; shows the forecast ex-factory."""
    from gendan.commands import editing
    from gendan.domain import tracking

    ws = ctx.obj.workspace()
    today = options.today(ctx, as_of)
    when = options.on_calendar(when, ws.config, today)

    def forecast_lines(order):  # the forecast with the new date, and why when late
        from gendan.domain.calendar import order_forecast

        words = options.words(ctx, ws.config)
        return words.forecast_note(order_forecast(order, ws.config, today)).split("\n")

    editing.edit_order(
        ws,
        order_id,
        lambda draft: tracking.revise(draft.order, ws.config, milestone, when, reason),
        after=forecast_lines,
        today=today,
    )
