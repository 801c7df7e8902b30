"""Options shared by several commands, named once."""

from __future__ import annotations

from datetime import date

import click

FORMATS = ("table", "json", "csv", "markdown")

as_of = click.option(
    "--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
    help="Take this date (YYYY-MM-DD) as today, for reproducible reports.")


def output_format(*choices: str, default: str = "table"):
    """The --format option, with the formats a command offers."""
    return click.option("--format", "fmt", type=click.Choice(choices or FORMATS), default=default,
                        show_default=True, help="Output format.")


order_id = click.argument("order_id", metavar="ID")

by = click.option("--by", "by", default=None, metavar="NAME",
                  help="Who does this (default: $GENDAN_USER, git user.name, or the login name).")


def today(ctx: click.Context, as_of_value) -> date:
    """The command's --as-of, else the global one, else the real date."""
    if as_of_value is not None:
        return as_of_value.date()
    return ctx.find_root().obj.today
