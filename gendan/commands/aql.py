from __future__ import annotations

import click

from gendan.commands import options


@click.command(epilog="Example: gendan aql --lot 3000 --level II --aql 2.5 --aql 4.0 --cartons 120")
@click.option("--lot", type=int, required=True, help="Lot size: pieces offered for inspection.")
@click.option(
    "--level",
    default=None,
    metavar="LEVEL",
    help="Inspection level: I, II, III or special S-1..S-4 (default: gendan.yaml aql.level).",
)
@click.option(
    "--aql",
    "aqls",
    multiple=True,
    metavar="AQL",
    help="AQL value, repeatable (default: gendan.yaml aql.major, aql.minor and aql.critical).",
)
@click.option(
    "--larger-sample/--own-sample",
    "larger",
    default=None,
    help="Inspect every AQL on the largest sample (default: gendan.yaml aql.use_larger_sample).",
)
@click.option("--cartons", type=int, default=None, help="Cartons shipped: also print how many to open (√N).")
@options.output_format("table", "json", "markdown")
@click.pass_context
def aql(
    ctx: click.Context,
    lot: int,
    level: str | None,
    aqls: tuple[str, ...],
    larger: bool | None,
    cartons: int | None,
    fmt: str,
) -> None:
    """Print the ISO 2859-1 single sampling plan (normal inspection) for a lot."""
    from gendan.core.errors import WorkspaceError
    from gendan.domain import aql as sampling
    from gendan.render.tables import render, wrap
    from gendan.store.configfile import default_config

    try:
        settings = ctx.obj.workspace().config.aql
    except WorkspaceError:  # no workspace here: the built-in defaults (gendan/defaults/gendan.yaml)
        settings = default_config().aql
    plan = sampling.sampling(lot, settings, level=level, aqls=aqls or None, use_larger_sample=larger)
    rows = [
        {
            "aql": p.aql,
            "letter": p.plan_letter,
            "sample": p.sample_size,
            "accept": p.accept,
            "reject": p.reject,
            "note": p.note,
        }
        for p in plan.plans.values()
    ]
    level, letter = plan.level, plan.letter
    if fmt == "json":
        import json

        data = {"lot": lot, "level": level, "code_letter": letter, "plans": rows}
        if cartons is not None:
            data["cartons_to_open"] = sampling.cartons_to_open(cartons)
        options.echo(json.dumps(data, indent=2))
        return
    options.echo(
        wrap(
            f"Lot {lot}, inspection level {level}: code letter {letter} (ISO 2859-1 single sampling, normal inspection)"
        )
    )
    options.echo(render(rows, fmt, headers=["AQL", "letter", "sample", "accept (Ac)", "reject (Re)", "note"]))
    if cartons is not None:
        options.echo(f"\nCartons to open: at least {sampling.cartons_to_open(cartons)} of {cartons} (√{cartons})")
