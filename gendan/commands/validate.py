from __future__ import annotations

import click

from gendan.commands import options


@click.command(
    epilog="Examples: gendan validate · gendan validate SO-2026-0142 · gendan validate 2026/ --format json · "
    "gendan validate --format github   (in a GitHub Actions step: problems shown on the pull request's lines)"
)
@click.argument("targets", nargs=-1, metavar="[ORDER_OR_PATH]...")
@options.as_of
@options.output_format("text", "json", "sarif", "github", "gitlab", default="text")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings (W codes) too.")
@click.pass_context
def validate(ctx: click.Context, targets: tuple[str, ...], as_of, fmt: str, strict: bool) -> None:
    """Check orders against the order format and the company's rules."""
    from gendan.core.errors import EXIT_FINDINGS, InvalidFile
    from gendan.domain.checks import order_files_for, validate_files

    try:
        ws = ctx.obj.workspace()
    except InvalidFile as e:  # a broken gendan.yaml is itself a finding
        _report(e.problems, 0, fmt)
        ctx.exit(EXIT_FINDINGS)
    files = order_files_for(ws, list(targets))
    problems = validate_files(ws, files, options.today(ctx, as_of), everything=not targets)
    _report(problems, len(files), fmt)
    failing = problems if strict else [p for p in problems if p.is_error]
    ctx.exit(EXIT_FINDINGS if failing else 0)


def _report(problems, checked: int, fmt: str) -> None:
    """Text (one `path:line:col: CODE message` a line, then a summary), or a machine format:
    json, sarif, gitlab (one JSON document) or github (workflow commands, then the summary)."""
    if fmt != "text":
        from gendan.render import annotations

        text = annotations.render(problems, checked, fmt)
        if text:
            options.echo(text)
        if fmt != "github":
            return
    else:
        for p in problems:
            options.echo(str(p))
    errors = [p for p in problems if p.is_error]
    warned = len(problems) - len(errors)
    warnings = f", {warned} warning{'s' * (warned != 1)}" if warned else ""
    files = len({p.path for p in errors})
    if errors:
        options.echo(
            f"{len(errors)} problem{'s' * (len(errors) != 1)} in {files} "
            f"file{'s' * (files != 1)} ({checked} order{'s' * (checked != 1)} checked{warnings})"
        )
    else:
        options.echo(f"{checked} order{'s' * (checked != 1)} checked, no problems{warnings}")
