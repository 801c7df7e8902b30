from __future__ import annotations

from typing import Any

import click

from gendan.commands import options
from gendan.commands.reporting import load_orders

FORMATS = ("table", "csv", "json", "markdown", "html")
COLOURS: dict[str, dict[str, Any]] = {
    "critical": {"fg": "red", "bold": True},
    "high": {"fg": "red"},
    "normal": {"fg": "yellow"},
}


@click.command(
    epilog="Examples: gendan overdue · gendan overdue --within 14 --owner 'Chen Li' · "
    "gendan overdue --quiet --mail   (from cron)"
)
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=None,
    metavar="DAYS",
    help="Also list what falls due within DAYS calendar days (default: alert_days of gendan.yaml).",
)
@options.filters(owner=True)
@options.as_of
@options.output_format(*FORMATS)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing when there is nothing to report (for cron).")
@click.option("--fail-on-overdue", is_flag=True, help="Exit 1 when anything is past its date.")
@click.option("--mail", is_flag=True, help="Mail each owner their own items (SMTP settings: mail in gendan.yaml).")
@click.option("--mail-to", metavar="ADDR", default=None, help="Mail the whole report to this one address.")
@click.pass_context
def overdue(ctx: click.Context, within, filters, as_of, fmt, quiet, fail_on_overdue, mail, mail_to) -> None:
    """List late and soon-due milestones, money and sample blockers, and orders at risk."""
    from gendan.core.errors import EXIT_FINDINGS
    from gendan.core.text import terminal
    from gendan.render import i18n
    from gendan.render.tables import render
    from gendan.reports import facts as reports
    from gendan.reports import filters as chosen

    ws, orders, had_problems = load_orders(ctx)
    orders = chosen.orders(orders, ws.config, filters)
    today = options.today(ctx, as_of)
    within = ws.config.alert_days if within is None else within
    items = chosen.owned(reports.overdue(orders, ws.config, today, within), filters)
    if mail or mail_to:
        from gendan.render import mail as mailer

        messages = mailer.build_messages(items, ws.config, today, within, to=mail_to)
        sent = mailer.send(messages, ws.config.mail, mailer.password(ws.config.mail, ws.root))
        if not quiet:
            options.echo(f"mailed {len(items)} item{'s' * (len(items) != 1)} in {sent} mail{'s' * (sent != 1)}")
    elif items or not quiet:
        rows = [i.as_row() for i in items]
        lang = i18n.language_of(ctx.obj.lang, ws.config.language) if fmt in ("table", "markdown") else "en"
        headers = [i18n.text(lang, c) for c in reports.COLUMNS]
        if lang != "en":
            rows = [
                {
                    **r,
                    "milestone": i18n.milestone_name(lang, ws.config, r["milestone"]),
                    "kind": i18n.text(lang, r["kind"]),
                    "severity": i18n.text(lang, r["severity"]),
                }
                for r in rows
            ]
        if not items and fmt == "table":
            options.echo(
                i18n.text(
                    lang, "nothing overdue or due within {within} days (as of {today})", within=within, today=today
                )
            )
        else:
            text = render(rows, fmt, reports.COLUMNS, headers)
            if fmt != "table":
                options.echo(text)
            else:  # sanitised before the colour is added (the colour's escapes are gendan's own)
                click.echo(_coloured(terminal(text), items))
    late = reports.count_late(items)
    ctx.exit(EXIT_FINDINGS if had_problems or (fail_on_overdue and late) else 0)


def _coloured(table: str, items) -> str:
    """Colour each item's line by severity; click.echo drops the colour off a terminal or with NO_COLOR."""
    lines = table.split("\n")
    for n, item in enumerate(items):
        lines[n + 2] = click.style(lines[n + 2], **COLOURS[item.severity])
    return "\n".join(lines)
