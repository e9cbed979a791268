"""contribute.json: what the suggestion form needs to apply `fmcheatsheet add`'s rules in the browser.

The form checks a suggestion the way `add` does: the same text rules (forbidden
characters, spaces, when a value needs quotes), the same licence syntax, and the
same duplicate rule (checks.duplicate_pairs: weighted signals and one threshold)
against the same data. Everything a rule is made of comes from here, from the
Python definitions, so the form cannot drift from the validator; a conformance test
runs the form's rules (static/suggest-core.js) against Python's answers under Node.
"""

from __future__ import annotations

import json

from .. import plainscalars, urls
from ..canonical import resource_layout
from ..catalog import Catalog
from ..checks import (
    DUPLICATE_BONUS,
    LEADING_ARTICLE,
    LIKELY_DUPLICATE,
    MIN_COMPARED_NAME,
    NAME_SIMILAR,
    NAME_SIMILARITY,
    SIGNALS,
    fold_name,
    link_roles,
)
from ..contribute import MAX_ID
from ..languages import language_codes
from ..licences import TOKEN_PATTERN as LICENCE_TOKEN
from ..licences import spdx_list
from ..lookalikes import LOOKALIKES
from ..model import FORBIDDEN_CHARACTERS, ID_PATTERN
from ..spaces import SPACE_CLASS
from ..vocab import LINK_HOSTS, PRIMARY_LINK_ORDER


def contribute_data(catalog: Catalog) -> dict[str, object]:
    return {
        "rules": {
            "spaces": SPACE_CLASS,
            "forbidden": FORBIDDEN_CHARACTERS,
            "yaml": {**resource_layout(), "plain": plainscalars.rules()},
            "id": {"pattern": ID_PATTERN, "max": MAX_ID},
            "names": {
                "article": LEADING_ARTICLE,
                "lookalikes": LOOKALIKES,
                "similarity": NAME_SIMILARITY,
                "similar": NAME_SIMILAR,
                "min_compared": MIN_COMPARED_NAME,
            },
            "duplicates": {
                "signals": SIGNALS,
                "bonus": DUPLICATE_BONUS,
                "likely": LIKELY_DUPLICATE,
                "primary_order": list(PRIMARY_LINK_ORDER),
            },
            "urls": urls.normalisation_rules(),
            "link_hosts": LINK_HOSTS,
            "licences": {"token": LICENCE_TOKEN, "exceptions": sorted(spdx_list().exceptions)},
            "languages": " ".join(sorted(language_codes())),
        },
        # Per resource, in catalog order: id, name, primary URL, folded name, and its links as
        # [normalised key, role] (likely_duplicates compares exactly these).
        "resources": [[r.id, r.name, r.url, fold_name(r.name), list(link_roles(r).items())] for r in catalog],
    }


def contribute_json(catalog: Catalog) -> bytes:
    return json.dumps(contribute_data(catalog), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
