"""Documents from Jinja templates: PI, production notice, PO, packing list, marks, reports.

One Jinja environment, built in `environment()`: sandboxed, StrictUndefined,
autoescaped for HTML, the workspace's `templates/` folder in front of the built-in
templates (top-level `templates/` of a checkout, `gendan/templates/` in a wheel).
The order is handed to templates as data (nested dicts that know their key path),
never rendered as a template itself; a field a template needs and the order lacks
stops the render with `KIND needs FIELD (FILE)`, and nothing is written.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from gendan.core import money
from gendan.core.errors import GendanError, RefusedError
from gendan.domain import amounts
from gendan.store.paths import display, inside_workspace, output_file
from gendan.store.workspace import Loaded, Workspace


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    formats: tuple[str, ...] = ("html", "md")


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("pi", "Proforma invoice", ("html", "md", "xlsx")),
        Kind("production-notice", "Production notice 生产通知单"),
        Kind("po", "Purchase order 采购单 (one per supplier)"),
        Kind("packing-list", "Packing list 装箱单", ("html", "md", "xlsx")),
        Kind("shipping-marks", "Shipping marks 唛头 (main and side marks)"),
        Kind("inspection-report", "Inspection report 验货报告"),
        Kind("commercial-invoice", "Commercial invoice"),
    )
}
SHARED_TEMPLATES = ("base.html.j2",)


def kind(name: str) -> Kind:
    if name not in KINDS:
        raise GendanError(f"unknown document kind '{name}'; kinds: {', '.join(KINDS)}")
    return KINDS[name]


def builtin_dir(package: Path | None = None) -> Path:
    """The built-in templates: inside the installed package, else the checkout's templates/."""
    here = package or Path(__file__).resolve().parent.parent  # the gendan package
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "base.html.j2").is_file():
            return candidate
    raise GendanError("the built-in templates are missing (neither gendan/templates nor templates/ exists)")


def template_name(kind_name: str, fmt: str) -> str:
    return f"{kind_name}.{fmt}.j2"


def template_source(ws_root: Path | None, name: str) -> str:
    if ws_root is not None and (ws_root / "templates" / name).is_file():
        return "workspace"
    return "built-in"


# -- data for templates ----------------------------------------------------------


class Data(dict):
    """A mapping of order data that knows where it came from (for 'needs FIELD' messages)."""

    def __init__(self, items: dict, path: str, source: str):
        super().__init__(items)
        self.path = path
        self.source = source


def to_data(value: Any, path: str, source: str) -> Any:
    """Dataclasses and dicts to Data, lists to lists; None and empty values left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name.rstrip("_"): getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        items = {}
        for k, v in value.items():
            if v is None or (isinstance(v, (list, dict)) and not v):
                continue
            items[str(k)] = to_data(v, f"{path}.{k}" if path else str(k), source)
        return Data(items, path, source)
    if isinstance(value, list):
        return [to_data(v, f"{path}[{i}]", source) for i, v in enumerate(value)]
    return value


def _confined_loader(folder: Path):
    """A loader for the workspace's `templates/` that reads only files really inside it: the
    folder itself, any folder below it and the template file may not be symlinks (a link to
    ~/.ssh/id_rsa plus `{% include %}` would publish the key through `site` or `doc`), and
    `..` is refused by Jinja itself. A refusal names the link; nothing is read through it."""
    from jinja2 import FileSystemLoader
    from jinja2.loaders import split_template_path

    class ConfinedLoader(FileSystemLoader):
        def get_source(self, environment, template):
            pieces = split_template_path(template)  # TemplateNotFound for '..'
            path = folder
            for piece in ("", *pieces):
                path = path / piece if piece else path
                if path.is_symlink():
                    shown = "templates/" + "/".join(pieces[: len(path.relative_to(folder).parts)])
                    raise GendanError(
                        f"{shown} is a symlink; gendan reads workspace templates only from real files "
                        "inside templates/ (copy the file there instead of linking it)"
                    )
            return super().get_source(environment, template)

        def list_templates(self):
            return [] if folder.is_symlink() else super().list_templates()

    return ConfinedLoader(str(folder), followlinks=False)


def environment(ws_root: Path | None):
    """The one Jinja environment: sandboxed, strict, HTML autoescaped, workspace first."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class FieldUndefined(StrictUndefined):
        __slots__ = ()

        @property
        def _undefined_message(self) -> str:
            obj = self._undefined_obj
            if isinstance(obj, Data):
                return f"needs {obj.path + '.' if obj.path else ''}{self._undefined_name}\x00{obj.source}"
            if self._undefined_hint is None and obj is _MISSING_OBJ():
                return f"needs {self._undefined_name}"
            return super()._undefined_message

    class Environment(SandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            _check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

        def getattr(self, obj, attribute):
            if isinstance(obj, Data) and attribute not in ("items", "keys", "values", "get"):
                return obj[attribute] if attribute in obj else self.undefined(obj=obj, name=attribute)
            return super().getattr(obj, attribute)

        def getitem(self, obj, argument):
            if isinstance(obj, Data) and isinstance(argument, str):
                return obj[argument] if argument in obj else self.undefined(obj=obj, name=argument)
            return super().getitem(obj, argument)

    loaders = []
    if ws_root is not None and ((ws_root / "templates").is_dir() or (ws_root / "templates").is_symlink()):
        loaders.append(_confined_loader(ws_root / "templates"))
    loaders.append(FileSystemLoader(str(builtin_dir())))
    env = Environment(
        loader=ChoiceLoader(loaders),
        undefined=FieldUndefined,
        autoescape=lambda name: bool(name) and (name.endswith(".html.j2") or name.endswith(".html")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    filters = dict(
        money=_amount_filter,
        price=_price_filter,
        qty=lambda v: money.number_text(v, 0),
        kg=lambda v: money.number_text(v, 2),
        cbm=lambda v: money.number_text(v, 3),
        sizes_text=lambda d: " ".join(f"{k}:{v}" for k, v in d.items()),
        day=lambda d: d.isoformat() if isinstance(d, date) else str(d),
    )
    env.filters.update({name: _strict(f) for name, f in filters.items()})
    return env


# What one template may cost (issue 15: nested range(99999) hung, 'a' * 2000000000 took 2 GB).
MAX_RENDER_SECONDS = 10.0
MAX_RENDER_CHARS = 32 * 1024 * 1024


class RenderLimit(Exception):
    """A template ran past MAX_RENDER_SECONDS or MAX_RENDER_CHARS."""


def _check_binop(operator: str, left: Any, right: Any) -> None:
    from jinja2.exceptions import SecurityError

    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_RENDER_CHARS:
                raise SecurityError(f"{type(seq).__name__} * {n:,} would be longer than {MAX_RENDER_CHARS:,}")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        if abs(left) > 1 and right > 0 and abs(left).bit_length() * right > 100_000:
            raise SecurityError(f"{left} ** {right} is too large a number")


def render_bounded(template: Any, ctx: dict) -> str:
    """Render with a time and an output-size limit (RenderLimit past either); a template that
    recurses without end is a RecursionError the callers report."""
    import signal
    import threading
    import time

    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    started = time.monotonic()

    def expired(signum, frame):
        raise RenderLimit(f"took longer than {MAX_RENDER_SECONDS:g} seconds")

    if alarm:
        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, MAX_RENDER_SECONDS)
    try:
        out: list[str] = []
        size = 0
        for chunk in template.generate(ctx):
            size += len(chunk)
            if size > MAX_RENDER_CHARS:
                raise RenderLimit(f"wrote more than {MAX_RENDER_CHARS:,} characters")
            if not alarm and time.monotonic() - started > MAX_RENDER_SECONDS:
                raise RenderLimit(f"took longer than {MAX_RENDER_SECONDS:g} seconds")
            out.append(chunk)
        return "".join(out)
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _amount_filter(value: Any, currency: str | None = None) -> str:
    """`{{ line.amount | money(currency) }}`: an amount at the currency's decimals."""
    return money.text(Decimal(value), currency)


def _price_filter(value: Any, currency: str | None = None) -> str:
    """`{{ line.unit_price | price(currency) }}`: a unit price at its own precision, never rounded."""
    return money.price_text(Decimal(value), currency)


def _strict(f):
    """A filter that fails on a missing field the way printing it would (naming the field)."""
    from jinja2 import Undefined

    def apply(value, *args):
        if isinstance(value, Undefined):
            value._fail_with_undefined_error()
        return f(value, *args)

    return apply


def _MISSING_OBJ():
    from jinja2.utils import missing

    return missing


def context(kind_name: str, loaded: Loaded, ws: Workspace, today: date, supplier: str | None = None) -> dict:  # noqa: C901 (split on the documents branch, issue 14)
    """Everything a template may use; all of it data."""
    from gendan.domain import aql, packing

    order = loaded.order
    src = loaded.shown
    cfg = display(ws.root / "gendan.yaml")
    ctx: dict[str, Any] = {
        "order": to_data(order, "", src),
        "company": to_data(ws.config.company, "company", cfg),
        "today": today,
        "doc": {
            "kind": kind_name,
            "title": KINDS[kind_name].title,
            "number": f"{_PREFIX[kind_name]}-{order.id}",
            "date": today,
        },
    }
    currency = order.currency
    lines = []
    size_totals: dict[str, int] = {}
    for i, line in enumerate(order.lines):
        data = to_data(line, f"lines[{i}]", src)
        data["quantity"] = line.quantity
        data["amount"] = order.line_amount(line)
        lines.append(data)
        for s, q in line.sizes.items():
            size_totals[s] = size_totals.get(s, 0) + q
    ctx.update(
        lines=lines, sizes=order.sizes, size_totals=size_totals, total_qty=order.quantity, total_amount=order.value
    )
    if currency:
        ctx["currency"] = currency
        ctx["amount_words"] = amounts.words_en(order.value, currency)
        if currency.upper() in ("CNY", "RMB"):
            ctx["amount_words_zh"] = amounts.words_zh(order.value)
    if order.packing is not None and order.packing.rules and order.lines:
        plan = packing.build_plan(order)
        rows = packing.plan_rows(plan)
        for row, rng in zip(rows, plan.ranges, strict=False):
            row["sizes_map"] = rng.sizes
            row["carton"] = rng.carton
        ctx["cartons_to_open"] = aql.cartons_to_open(plan.cartons)
        ctx["packing"] = {
            "rows": rows,
            "totals": packing.plan_totals(plan),
            "notes": plan.notes,
            "colours": [{"colour": c, "rows": [r for r in rows if r["colour"] == c]} for c in plan.colours()],
        }
    if order.inspections:
        chosen = next((x for x in reversed(order.inspections) if x.type == "final"), order.inspections[-1])
        index = order.inspections.index(chosen)
        ctx["inspection"] = to_data(chosen, f"inspections[{index}]", src)
        if chosen.lot:
            sampled = aql.for_inspection(chosen, ws.config.aql)
            ctx["inspection"]["level"] = sampled.level  # the workspace's when the record gives none
            plans = sampled.plans
            rows = []
            for cls in ("critical", "major", "minor"):
                found = getattr(chosen.defects, cls)
                p = plans.get(cls)
                accept = p.accept if p else 0
                rows.append(
                    {
                        "class": cls,
                        "aql": p.aql if p else "0 (zero tolerance)",
                        "sample": p.sample_size if p else None,
                        "accept": accept,
                        "reject": p.reject if p else 1,
                        "found": found,
                        "verdict": "accept" if found <= accept else "reject",
                    }
                )
            ctx["aql"] = {
                "letter": sampled.letter,
                "rows": rows,
                "verdict": "accept" if all(r["verdict"] == "accept" for r in rows) else "reject",
            }
    if order.materials:
        suppliers: dict[str, list] = {}
        for i, m in enumerate(order.materials):
            if m.supplier is None:
                continue
            item = to_data(m, f"materials[{i}]", src)
            if m.quantity is not None and m.unit_price is not None:
                item["amount"] = money.line_amount(m.quantity, m.unit_price, currency)
            suppliers.setdefault(m.supplier, []).append(item)
        numbers = {name: f"PO-{order.id}-{i}" for i, name in enumerate(suppliers, 1)}
        if supplier is not None:
            match = {k: v for k, v in suppliers.items() if k.lower() == supplier.lower()}
            if not match:
                raise GendanError(
                    f"no material of order {order.id} is bought from {supplier}; suppliers: "
                    + (", ".join(suppliers) or "none")
                )
            suppliers = match
        if suppliers:
            ctx["suppliers"] = [
                {
                    "name": k,
                    "materials": v,
                    "number": numbers[k],
                    "total": money.total(x["amount"] for x in v if "amount" in x),
                }
                for k, v in suppliers.items()
            ]
    return ctx


_PREFIX = {
    "pi": "PI",
    "production-notice": "PN",
    "po": "PO",
    "packing-list": "PL",
    "shipping-marks": "SM",
    "inspection-report": "IR",
    "commercial-invoice": "CI",
}


# -- rendering ------------------------------------------------------------------


def render(kind_name: str, fmt: str, loaded: Loaded, ws: Workspace, today: date, supplier: str | None = None) -> bytes:
    """The document as bytes; raises GendanError (nothing partial) when it cannot be made."""
    k = kind(kind_name)
    if fmt not in k.formats:
        raise GendanError(f"{kind_name} is made as {', '.join(k.formats)}, not {fmt}")
    ctx = context(kind_name, loaded, ws, today, supplier)
    if fmt == "xlsx":
        from gendan.render import xlsxdoc

        try:
            return xlsxdoc.build(kind_name, ctx)
        except KeyError as e:
            raise GendanError(f"{kind_name} needs {e.args[0]} ({loaded.shown})") from None
    return render_template(template_name(kind_name, fmt), ws.root, ctx, kind_name, loaded.shown).encode("utf-8")


def render_template(name: str, ws_root: Path | None, ctx: dict, kind_name: str, shown: str) -> str:
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    env = environment(ws_root)
    try:
        template = env.get_template(name)
        return render_bounded(template, ctx)
    except RenderLimit as e:
        raise GendanError(f"{kind_name}: template {name} stopped: it {e}; nothing written") from None
    except RecursionError:
        raise GendanError(f"{kind_name}: template {name} calls itself without end (a recursive macro?)") from None
    except TemplateSyntaxError as e:
        where = e.filename or name
        raise GendanError(
            f"template syntax error: {e.message}",
            path=display(Path(where)) if e.filename else where,
            line=e.lineno,
            col=1,
        ) from None
    except TemplateNotFound as e:
        raise GendanError(f"template {e.name} not found (in templates/ or the built-in ones)") from None
    except UndefinedError as e:
        text = str(e)
        if text.startswith("needs "):
            field, _, source = text[6:].partition("\x00")
            raise GendanError(f"{kind_name} needs {field} ({source or shown})") from None
        raise GendanError(f"{kind_name}: template {name}: {text}") from None
    except SecurityError as e:
        raise GendanError(f"{kind_name}: template {name} was stopped by the sandbox: {e}") from None
    except TemplateError as e:
        raise GendanError(f"{kind_name}: template {name}: {e}") from None
    except (TypeError, ValueError, ArithmeticError) as e:  # e.g. a text given to the money filter
        raise GendanError(f"{kind_name}: template {name} failed: {type(e).__name__}: {e}") from None


# -- files ----------------------------------------------------------------------


SLUG_LENGTH = 60  # characters of a name in a file or folder name (60 CJK characters: 180 of 255 bytes)


def slug(text: str) -> str:
    """A name as part of a file name: letters, digits and CJK, at most SLUG_LENGTH characters."""
    made = re.sub(r"[^A-Za-z0-9\u4e00-\u9fff]+", "-", text).strip("-").lower()
    return made[:SLUG_LENGTH].strip("-") or "supplier"


def output_path(
    ws_root: Path,
    folder: Path,
    kind_name: str,
    fmt: str,
    output: str | None,
    supplier: str | None = None,
) -> Path:
    """Where a document goes: out/KIND.FORMAT in the order folder (inside the workspace), or
    the -o PATH the user names (anywhere but an order file, gendan.yaml, .git/, .gendan/)."""
    ext = {"html": "html", "md": "md", "xlsx": "xlsx"}[fmt]
    if output is None:
        stem = kind_name + (f"-{slug(supplier)}" if supplier else "")
        out = inside_workspace(ws_root, folder / "out", display(folder / "out"))
        return out / f"{stem}.{ext}"
    return output_file(Path(output), f"-o {output}")


def listing(ws_root: Path | None) -> list[dict]:
    """Each kind, its formats and the template each format uses (built-in or workspace)."""
    rows = [
        {
            "kind": "(base)",
            "format": "html",
            "template": "base.html.j2",
            "source": template_source(ws_root, "base.html.j2"),
            "title": "letterhead and print CSS of every HTML document",
        }
    ]
    for k in KINDS.values():
        for fmt in k.formats:
            if fmt == "xlsx":
                rows.append(
                    {
                        "kind": k.name,
                        "format": fmt,
                        "template": "(built in code: gendan/xlsxdoc.py)",
                        "source": "built-in",
                        "title": k.title,
                    }
                )
                continue
            name = template_name(k.name, fmt)
            rows.append(
                {
                    "kind": k.name,
                    "format": fmt,
                    "template": name,
                    "source": template_source(ws_root, name),
                    "title": k.title,
                }
            )
    return rows


def copy_template(kind_name: str, ws_root: Path) -> list[Path]:
    """Copy a kind's built-in templates into the workspace's templates/ (and base.html.j2 once)."""
    if kind_name == "base":
        wanted = ["base.html.j2"]
    else:
        wanted = [template_name(kind_name, f) for f in kind(kind_name).formats if f != "xlsx"]
    from gendan.store.yamlio import atomic_write

    dest = inside_workspace(ws_root, ws_root / "templates", "templates/")

    def present(name: str) -> bool:  # a dangling link counts: writing there would create its target
        return (dest / name).exists() or (dest / name).is_symlink()

    existing = [n for n in wanted if present(n)]
    if existing:
        raise RefusedError(
            f"templates/{existing[0]} already exists in the workspace; remove it first to copy the built-in one again"
        )
    if kind_name != "base" and not present("base.html.j2"):
        wanted.append("base.html.j2")  # the letterhead a company edits first
    dest.mkdir(exist_ok=True)
    copied = []
    for n in wanted:
        atomic_write(dest / n, (builtin_dir() / n).read_bytes())
        copied.append(dest / n)
    return copied
