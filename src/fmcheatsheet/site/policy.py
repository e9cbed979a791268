"""The site's Content-Security-Policy, defined once: the pages carry it in a meta tag and `serve` sends it.

Everything the site loads is its own; scripts are files (no inline code, no eval). A meta tag
cannot carry frame-ancestors, so only the HTTP header adds it.
"""

from __future__ import annotations

DIRECTIVES: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self' https://github.com",
}
HEADER_ONLY: dict[str, str] = {"frame-ancestors": "'none'"}


def content_security_policy(header: bool = False) -> str:
    directives = {**DIRECTIVES, **(HEADER_ONLY if header else {})}
    return "; ".join(f"{name} {value}" for name, value in directives.items())
