from __future__ import annotations

from typing import Any

import click

from gendan.commands import options
from gendan.commands.reporting import load_digests

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
@click.option(
    "--mail",
    is_flag=True,
    help="Mail each owner their own items (SMTP settings: mail in gendan.yaml; sent by Apprise).",
)
@click.option("--mail-to", metavar="ADDR", default=None, help="Mail the whole report to this one address.")
@click.option(
    "--notify",
    "notify_urls",
    multiple=True,
    metavar="URL",
    help="Send the report to this Apprise URL (wecombot://, dingtalk://, feishu://, mailto://, json://...; "
    "repeatable). Pass it from a secret variable: the URL holds the key.",
)
@click.option(
    "--notify-owners",
    is_flag=True,
    help="Send each owner their items where notify: in gendan.yaml says (owner, else merchandiser, else default).",
)
@click.option("--dry-run", is_flag=True, help="With --notify/--notify-owners/--mail: print what would be sent to whom.")
@click.pass_context
def overdue(
    ctx: click.Context,
    within,
    filters,
    as_of,
    fmt,
    quiet,
    fail_on_overdue,
    mail,
    mail_to,
    notify_urls,
    notify_owners,
    dry_run,
) -> None:
    """List late and soon-due milestones, money and sample blockers, and orders at risk."""
    from gendan.core.errors import EXIT_FINDINGS
    from gendan.core.text import terminal
    from gendan.render import i18n
    from gendan.render.tables import render
    from gendan.reports import digest as reports
    from gendan.reports import filters as chosen

    today = options.today(ctx, as_of)
    ws, found, had_problems = load_digests(ctx, today, items=True, within=within)
    found = chosen.digests(found, ws.config, filters)
    within = ws.config.alert_days if within is None else within
    items = chosen.owned(reports.overdue_items(found, within), filters)
    if notify_urls or notify_owners or mail or mail_to:
        from gendan.render import notify

        report = notify.Report(
            today,
            i18n.language_of(ctx.obj.lang, ws.config.language),
            ws.config.site.url or "",
            ws.config.company.name,
            within,
            ws.config,
        )
        mailed = []
        if mail or mail_to:
            from gendan.render import mail as mailer

            mailed = mailer.channels(items, ws.config, ws.root, to=mail_to, dry_run=dry_run)
        failed = _notify(ws.config, items, report, notify_urls, notify_owners, mailed, dry_run, quiet)
        late = reports.count_late(items)
        ctx.exit(EXIT_FINDINGS if failed or had_problems or (fail_on_overdue and late) else 0)
    if dry_run:
        raise click.UsageError("--dry-run goes with --notify URL, --notify-owners or --mail")
    if items or not quiet:
        w = i18n.Words(i18n.for_people(ctx.obj.lang, ws.config.language, fmt), ws.config)
        headers = w.heads(reports.COLUMNS)
        if fmt == "table" and w.lang == "en":  # a narrow label on a terminal: wd = working days
            headers = [
                "wd late" if c == "working_days_late" else h for c, h in zip(reports.COLUMNS, headers, strict=True)
            ]
        rows = [
            {
                **i.as_row(),
                "milestone": w.milestone(i.milestone),
                "owner": w.role(i.owner),
                "kind": w(i.kind),
                "severity": w(i.severity),
                "detail": w.detail(i.detail),
            }
            if w.lang != "en"
            else {**i.as_row(), "detail": w.detail(i.detail)}
            for i in items
        ]
        if not items and fmt == "table":
            options.echo(w("nothing overdue or due within {within} days (as of {today})", within=within, today=today))
        else:
            columns = reports.JSON_COLUMNS if fmt == "json" else reports.COLUMNS
            text = render(rows, fmt, columns, headers, lang=w.lang)
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


def _notify(config, items, report, urls, owners: bool, mailed: list, dry_run: bool, quiet: bool) -> bool:
    """Send (or, dry run, show) the items; True when anything was not delivered."""
    from gendan.render import notify

    recipients = [notify.Recipient("--notify", f"--notify #{n}", [url], list(items)) for n, url in enumerate(urls, 1)]
    recipients += mailed
    unrouted: list[str] = []
    if owners:
        routed, unrouted = notify.route(items, config)
        recipients += routed
    recipients = [r for r in recipients if r.items]
    if not recipients and not unrouted:
        if not quiet:
            options.echo(f"nothing to notify (as of {report.today})")
        return False
    failed = bool(unrouted)
    for who in unrouted:
        options.echo(
            f"gendan: no notify channel for {who} (nor their merchandiser, nor notify.default); not sent", err=True
        )
    for out in notify.deliver(recipients, report, dry_run=dry_run):
        if dry_run and not out.error:
            options.echo(
                f"--- to {out.recipient} via {out.where}: {len(out.messages)} message{'s' * (len(out.messages) != 1)}"
            )
            for message in out.messages:
                options.echo(message.shown())
                options.echo("")
        elif out.error:
            failed = True
            options.echo(f"gendan: not sent to {out.recipient} via {out.where}: {out.error}", err=True)
        elif not quiet:
            options.echo(f"sent to {out.recipient} via {out.where}: {out.parts} message{'s' * (out.parts != 1)}")
    return failed
