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
    from gendan.render.i18n import Words, for_people
    from gendan.render.tables import render, wrap
    from gendan.store.configfile import default_config

    try:
        config = ctx.obj.workspace().config
    except WorkspaceError:  # no workspace here: the built-in defaults (gendan/defaults/gendan.yaml)
        config = default_config()
    settings = config.aql
    w = Words(for_people(ctx.obj.lang, config.language, fmt), config)
    plan = sampling.sampling(lot, settings, level=level, aqls=aqls or None, use_larger_sample=larger)
    rows = [
        {
            "aql": p.aql,
            "letter": p.plan_letter,
            "sample": p.sample_size,
            "accept": p.accept,
            "reject": p.reject,
            "note": p.note if w.lang == "en" else _note(w, p.note),
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
            w(
                "Lot {lot}, inspection level {level}: code letter {letter} "
                "(ISO 2859-1 single sampling, normal inspection)",
                lot=lot,
                level=level,
                letter=letter,
            )
        )
    )
    heads = w.heads(["AQL", "letter", "sample", "accept (Ac)", "reject (Re)", "note"])
    heads[2] = w.said("sample", "sample size")  # (`sample` in a forecast's chain: a PP sample approved)
    options.echo(render(rows, fmt, headers=heads, lang=w.lang))
    if cartons is not None:
        opened = sampling.cartons_to_open(cartons)
        options.echo("\n" + w("Cartons to open: at least {n} of {cartons} (√{cartons})", n=opened, cartons=cartons))


def _note(w, note: str) -> str:
    """A plan's note (gendan/domain/aql.py words it) in the language: its two sentences."""
    import re

    said = []
    for part in filter(None, note.split("; ")):
        arrow = re.fullmatch(r"arrow followed from (\w+) to (\w+)", part)
        every = re.fullmatch(r"sample (\d+) >= lot (\d+): inspect every unit", part)
        if arrow:
            said.append(w("arrow followed from {start} to {used}", start=arrow[1], used=arrow[2]))
        elif every:
            said.append(w("sample {n} >= lot {lot}: inspect every unit", n=every[1], lot=every[2]))
        else:
            said.append(part)
    return "；".join(said)
