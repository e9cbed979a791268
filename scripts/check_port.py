"""Can `make serve` listen on HOST:PORT? Checked before anything is installed, with the system Python.

Exits 0 when the address is free, and 1 with a message that names the fix when it is not.
Standard library only: it runs before the project's virtual environment exists.
"""

from __future__ import annotations

import socket
import sys


def problem(host: str, port_text: str) -> str | None:
    """Why the server could not listen on host:port, or None if it can."""
    if not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
        return f"PORT={port_text!r} is not a port number; use a number from 1 to 65535, e.g. make serve PORT=8080"
    port = int(port_text)
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (OSError, UnicodeError) as exc:
        return f"HOST={host!r} is not an address of this machine ({exc}); use e.g. make serve HOST=127.0.0.1"
    with socket.socket(family, kind, proto) as probe:
        # As the server does: a port left in TIME_WAIT by a stopped server counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except PermissionError:
            return f"port {port} needs administrator rights on {host}; choose a port above 1023: make serve PORT=8080"
        except OSError as exc:
            return (
                f"port {port} on {host} is busy ({exc.strerror}): another server is using it. "
                f"Stop that server, or choose another port: make serve PORT={port + 1 if port < 65535 else 8080}"
            )
    return None


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: check_port.py HOST PORT", file=sys.stderr)
        return 2
    found = problem(argv[1], argv[2])
    if found:
        print(f"make serve: {found}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
