"""Building the static site: a pipeline of named stages from catalog to folder.

    check the output folder -> plan pages -> render HTML -> add JSON API, search index,
    sitemap, static files -> check internal links -> replace the folder atomically

The output depends only on the catalog and the SiteConfig: no timestamps, no
environment, sorted everywhere, so two builds are byte-identical.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog
from ..errors import CheatsheetError
from ..exports import FORMATS, ExportOptions
from ..exports.atom_export import scoped_feeds
from ..freshness.snapshot import Snapshot
from ..jsonschema import schema_text
from .api import api_files
from .assets import static_assets
from .config import SiteConfig
from .contributedata import contribute_json
from .decidedata import compare_json, licences_json
from .linkcheck import broken_links
from .output_folder import check_output_folder, replace_folder
from .pages import Page, SiteView, plan_pages
from .plandata import estimator_json, plan_json
from .preview import preview_files
from .render import environment, render
from .searchdata import VECTORS_PATH, bibtex_entries, search_index_bytes, search_vectors_bytes
from .sitemap import robots, sitemap


class BuildError(CheatsheetError):
    """The built site would be broken (e.g. an internal link leads nowhere)."""


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    files: int
    bytes: int


def build_site(catalog: Catalog, out: Path, config: SiteConfig | None = None, *, force: bool = False) -> BuildResult:
    """Build the site into ``out``: a new or empty folder, or a previous build (any folder with ``force``)."""
    config = config or SiteConfig()
    check_output_folder(out, catalog_root=catalog.root, force=force)
    health = Snapshot.load(catalog.root)
    pages = plan_pages(catalog, config)
    files = render_pages(pages, catalog, config, health)
    files.update(api_files(catalog))
    files["search.json"] = search_index_bytes(catalog, health)
    files["bibtex.json"] = bibtex_entries(catalog)
    vectors = search_vectors_bytes()
    if vectors is not None:
        files[VECTORS_PATH] = vectors
    files["schema/resource.schema.json"] = schema_text(catalog).encode("utf-8")
    files.update(export_files(catalog, config))
    files["plan.json"] = plan_json(catalog)
    files["contribute.json"] = contribute_json(catalog)
    files["estimator.json"] = estimator_json()
    files["licences.json"] = licences_json(catalog)
    files["compare.json"] = compare_json(catalog, health)
    site_map = sitemap(pages, catalog, config)
    if site_map is not None:
        files["sitemap.xml"] = site_map
    files["robots.txt"] = robots(config)
    for asset in static_assets().values():
        files[asset.path] = asset.data
    files.update(preview_files(len(catalog)))
    problems = broken_links(files)
    if problems:
        raise BuildError("broken internal links:\n" + "\n".join(problems[:20]))
    replace_folder(out, files, catalog_root=catalog.root, force=force)
    return BuildResult(out, len(pages), len(files), sum(len(data) for data in files.values()))


def export_files(catalog: Catalog, config: SiteConfig) -> dict[str, bytes]:
    """Every export format of the whole catalog, published under exports/ (the feed at the root)."""
    options = ExportOptions(base_url=config.base_url or "")
    files: dict[str, bytes] = {}
    for export_format in FORMATS.values():
        data = export_format.exporter()(catalog, list(catalog), options)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        files[export_format.path] = payload
    files.update({path: feed.encode("utf-8") for path, feed in scoped_feeds(catalog, options).items()})
    return files


def render_pages(
    pages: list[Page], catalog: Catalog, config: SiteConfig, health: Snapshot | None = None
) -> dict[str, bytes]:
    env = environment()
    site = SiteView(catalog, config, health or Snapshot())
    return {
        page.path: render(env, page.template, {"page": page, "site": site, "config": config, **page.context})
        for page in pages
    }
