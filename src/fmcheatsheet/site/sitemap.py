"""sitemap.xml and robots.txt."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..catalog import Catalog
from .config import SiteConfig
from .pages import Page


def sitemap(pages: list[Page], catalog: Catalog, config: SiteConfig) -> bytes | None:
    """The sitemap, which needs absolute URLs: None when the public address is not known."""
    if not config.base_url:
        return None
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in pages:
        if not page.in_sitemap:
            continue
        lines.append(f"  <url><loc>{escape(config.base_url + page.url_path)}</loc>{_lastmod(page)}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _lastmod(page: Page) -> str:
    resource = page.context.get("resource")
    if resource is None:
        return ""
    day = resource.verified or resource.added
    return f"<lastmod>{day}</lastmod>" if day else ""


def robots(config: SiteConfig) -> bytes:
    where = f"Sitemap: {config.base_url}sitemap.xml\n" if config.base_url else ""
    return f"User-agent: *\nAllow: /\n{where}".encode()
