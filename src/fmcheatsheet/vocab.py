"""Closed vocabularies of the catalog.

Each vocabulary is a mapping from the value written in a resource file to a
one-line explanation. The schema, the JSON Schema, the contributor docs, the
`add` prompts and the website's selects are all generated from these tables, so a
new value is added here and nowhere else. Sections are the exception: they are
catalog data (``catalog/phases.yaml``) because curators edit them.
"""

from __future__ import annotations

from typing import Final

MODALITIES: Final[dict[str, str]] = {
    "text": "Written language, including code.",
    "vision": "Still images, alone or paired with text.",
    "speech": "Spoken language and other audio.",
    "video": "Moving images, with or without audio.",
    "tabular": "Structured records and tables.",
}

RESOURCE_TYPES: Final[dict[str, str]] = {
    "dataset": "A corpus or dataset that can be downloaded and trained or evaluated on.",
    "data-catalog": "A hub, index or collection that points to many datasets.",
    "library": "Installable code: a library, toolkit, training stack or pipeline.",
    "tool": "An interactive application or hosted tool used through a browser.",
    "benchmark": "A fixed evaluation set or suite with a scoring protocol.",
    "leaderboard": "A maintained ranking of models on one or more benchmarks.",
    "model": "Released model weights, including classifiers used as tools.",
    "guide": "A tutorial, course, handbook, blog post or other practical guidance.",
    "paper": "A research paper whose findings are themselves the resource.",
    "taxonomy": "A structured classification of risks, harms or hazards.",
    "template": "A documentation template or card format to fill in.",
    "standard": "A standard, policy, regulation or governance framework.",
    "license": "A licence text or licensing framework to apply to a release.",
    "service": "A hosted service or API, usually operated by a company.",
}

ACCESS_LEVELS: Final[dict[str, str]] = {
    "open": "Anyone can download or use it without an application.",
    "gated": "Downloadable after accepting terms or requesting access.",
    "api-only": "Usable only through a hosted interface or API.",
    "paid": "Requires a purchase or paid subscription.",
}

LANGUAGE_COVERAGE: Final[dict[str, str]] = {
    "english-only": "Covers English and no other language.",
    "monolingual": "Covers one language other than English (list it in codes).",
    "multilingual": "Covers several languages (list the notable ones in codes).",
    "language-agnostic": "Works on any language, or has no language component.",
}

LINK_TYPES: Final[dict[str, str]] = {
    "website": "The project's home page.",
    "github": "The source repository on github.com.",
    "huggingface": "The dataset, model, space or organisation page on huggingface.co.",
    "docs": "The documentation site.",
    "paper": "The paper: an arXiv id (2402.00159), a DOI (10.1000/xyz) or a URL.",
}

# What each kind of link leads to, as a reader would name it on a button ("Go to the repository").
LINK_NOUNS: Final[dict[str, str]] = {
    "website": "website",
    "github": "repository",
    "huggingface": "Hugging Face page",
    "docs": "documentation",
    "paper": "paper",
}

# When a resource does not name its primary link, the first of these that it has
# becomes the primary one: a home page introduces a resource best, a paper least.
PRIMARY_LINK_ORDER: Final[tuple[str, ...]] = ("website", "github", "huggingface", "docs", "paper")

LICENCE_SPECIAL: Final[dict[str, str]] = {
    "proprietary": "Closed terms set by the owner; no open licence.",
    "various": "Parts carry different licences (e.g. a collection of datasets).",
    "unknown": "No licence is stated anywhere we could find.",
}

LICENCE_CLASSES: Final[dict[str, str]] = {
    "permissive": "Use, modify and redistribute, including commercially, with attribution at most.",
    "copyleft": "Derivatives must be shared under the same terms.",
    "no-derivatives": "Redistribution allowed, but not of modified versions.",
    "non-commercial": "Commercial use is not allowed.",
    "responsible-use": "Open access with use-based restrictions (e.g. RAIL and community model licences).",
    "proprietary": "Closed terms set by the owner.",
    "various": "Parts carry different licences.",
    "other": "An open licence not classified here; read its terms.",
    "unknown": "No licence stated.",
}

STATUSES: Final[dict[str, str]] = {
    "active": "Available and maintained, or complete and still the reference.",
    "deprecated": "Still available, but its makers recommend something else or no longer maintain it.",
    "retired": "Shut down, withdrawn or archived: no longer usable as described.",
}

COMMERCIAL_USE: Final[dict[str, str]] = {
    "yes": "The licence allows commercial use, with attribution at most.",
    "conditions": "Commercial use is allowed on conditions: share-alike, no modified copies, use "
    "restrictions, accepted access terms or a paid plan. Read them before you rely on it.",
    "no": "The licence forbids commercial use.",
    "unknown": "No licence we could confirm, parts under different licences, or terms that are not "
    "classified: check the terms of what you use, or ask the owner.",
}

COMMERCIAL_USE_LABELS: Final[dict[str, str]] = {
    "yes": "Allowed",
    "conditions": "Allowed, with conditions",
    "no": "Not allowed",
    "unknown": "Unknown",
}

# Commercial use in a few words, for cards, chips and the printable cheatsheet: short, and never
# the same words as a licence class.
COMMERCIAL_USE_SHORT: Final[dict[str, str]] = {
    "yes": "commercial use",
    "conditions": "commercial, with conditions",
    "no": "no commercial use",
    "unknown": "commercial use unknown",
}

# What a licence class means for commercial use. Access terms can only add conditions
# (see fmcheatsheet.evidence.commercial_use), never lift them.
COMMERCIAL_USE_OF_CLASS: Final[dict[str, str]] = {
    "permissive": "yes",
    "copyleft": "conditions",
    "no-derivatives": "conditions",
    "responsible-use": "conditions",
    "proprietary": "conditions",
    # A collection's parts may include non-commercial ones, so no single verdict holds for it.
    "various": "unknown",
    "non-commercial": "no",
    "other": "unknown",
    "unknown": "unknown",
}

REGULATION_KINDS: Final[dict[str, str]] = {
    "law": "A binding act, regulation or statute.",
    "guidance": "An official interpretation or guideline from a regulator or data-protection authority.",
    "code-of-practice": "A voluntary code that signatories use to show they meet a binding duty.",
    "standard": "A voluntary technical or management standard.",
}

# Fields whose facts must carry evidence once an entry is verified (`validate --strict`).
EVIDENCED_FIELDS: Final[tuple[str, ...]] = ("licence", "released", "access")

# What a licence asks of whoever uses or shares the material. licences.yaml lists, per licence,
# which of these apply; the licence check combines them for a whole stack of resources.
LICENCE_CONDITIONS: Final[dict[str, str]] = {
    "attribution": "Credit the authors and keep the licence text and notices with every copy you share.",
    "share-alike": "Adapted material you share must carry the same licence (or one it names as compatible).",
    "non-commercial": "Only non-commercial use is allowed.",
    "research-only": "Only research (and often teaching) use is allowed; no products or services.",
    "no-derivatives": "You may share it only unchanged: modified versions may not be distributed.",
    "use-restrictions": "Uses the licence lists are forbidden (harmful ones, in RAIL-style licences), and you must "
    "pass the same restrictions on to anyone you share the material or its derivatives with.",
    "naming": "Derived models or products must carry a name or label that the licence prescribes.",
    "user-threshold": "Above a stated number of users or revenue, extra terms apply or a separate licence is needed.",
}

# Access terms that add obligations of their own, whatever the licence says.
ACCESS_CONDITIONS: Final[dict[str, str]] = {
    "gated": "Accept the owner's terms (and often register) before downloading; keep to those terms.",
    "api-only": "Use only through the provider's service and under its terms of service.",
    "paid": "Use requires a purchase or subscription, under the seller's terms.",
}

# Kinds of resource whose licence decides what a team may do with them (not guides or papers).
LICENSED_TYPES: Final[frozenset[str]] = frozenset({"dataset", "model", "library", "tool", "benchmark"})

# The hosts a typed link must be on (www. is ignored); other link types take any public address.
LINK_HOSTS: Final[dict[str, tuple[str, ...]]] = {"github": ("github.com",), "huggingface": ("huggingface.co", "hf.co")}
