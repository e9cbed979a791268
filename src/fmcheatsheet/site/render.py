"""The Jinja environment: autoescaping everywhere, and links relative to the page being rendered."""

from __future__ import annotations

import functools
import posixpath
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from .assets import static_assets
from .policy import content_security_policy


@functools.lru_cache(maxsize=65536)
def relative(target: str, current: str) -> str:
    """A link from the page written at ``current`` (a file path such as
    ``sections/x/index.html``) to ``target`` (a site path; folders end in '/')."""
    base = posixpath.dirname(current) or "."
    path = posixpath.relpath(target.rstrip("/") or ".", base)
    if target.endswith("/") or target == "":
        return "./" if path == "." else path + "/"
    return path


def link(target: str, page: Any) -> str:
    """Links from a page served at unknown depths (the 404 page) are absolute paths."""
    if page.root_path is not None:
        return str(page.root_path) + target
    return relative(target, page.path)


@pass_context
def _rel(ctx: Context, target: str) -> str:
    return link(target, ctx["page"])


@pass_context
def _asset(ctx: Context, name: str) -> str:
    asset = static_assets()[name]
    return f"{link(asset.path, ctx['page'])}?v={asset.version}"


@pass_context
def _icon(ctx: Context, name: str, label: str | None = None) -> Markup:
    """An icon from the sprite: decorative unless given a label (then it is an image with that name)."""
    sprite = _asset(ctx, "icons.svg")
    named = f' role="img" aria-label="{escape(label)}"' if label else ' aria-hidden="true"'
    return Markup(f'<svg class="icon"{named}><use href="{sprite}#i-{escape(name)}"/></svg>')


@functools.cache
def environment() -> Environment:
    """One environment per process: each template is compiled once, and recompiled only when its file
    changes (Jinja checks the file's time on each use), so `serve` rebuilds skip the compiling."""
    env = Environment(
        loader=PackageLoader("fmcheatsheet", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["rel"] = _rel
    env.globals["asset"] = _asset
    env.globals["icon"] = _icon
    env.globals["content_security_policy"] = content_security_policy()
    return env


def render(env: Environment, template: str, context: dict[str, Any]) -> bytes:
    return env.get_template(template).render(**context).encode("utf-8")
