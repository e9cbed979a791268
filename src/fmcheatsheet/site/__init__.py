"""The static website: built from the catalog by `fmcheatsheet build`, served by `fmcheatsheet serve`."""

from .build import build_site
from .config import SiteConfig

__all__ = ["SiteConfig", "build_site"]
