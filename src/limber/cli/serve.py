"""``limber serve``: the web page, on this machine (or, with ``--host``, for a club's members).

Takes: a port, a host to listen on, whether to open the browser, the number of render
workers and extra names the server may be reached by. Gives: a running server (uvicorn) with
``limber.web``'s app until Ctrl-C. Needs the ``web`` extra; without it, says how to install it
(exit 2).
"""

from __future__ import annotations

import click

from .common import echo
from .options import catalogue_option

LOCAL = ("127.0.0.1", "localhost", "::1")
DEFAULT_PORT = 8642


def _socket(host: str, port: int):
    """A listening socket, or a usage error that says why not (the port is taken ...)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        hint = "; choose another with --port" if port else ""
        raise click.UsageError(f"cannot listen on {host} port {port}: {error.strerror}{hint}") from None
    sock.listen(128)
    return sock


def _catalogues(catalogues: tuple[str, ...]) -> dict[str, bytes]:
    """The ``--catalogue`` files, checked as ``limber validate`` checks them, by their names."""
    from pathlib import Path

    from ..api import validation_report
    from ..errors import DataError, Problem
    from ..streams import is_dash

    if any(is_dash(c) for c in catalogues):
        raise click.UsageError("serve reads its --catalogue files by name, not from standard input")
    report = validation_report(list(catalogues))
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    if errors:
        raise DataError(
            [Problem(p["file"], p["line"], p["column"], p["field"], p["message"]) for p in errors]
        )
    out: dict[str, bytes] = {}
    for name in catalogues:
        from ..web.core import safe_name

        out[safe_name(Path(name).name, (".yaml", ".yml"), "catalogue.yaml", set(out))] = Path(
            name
        ).read_bytes()
    return out


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="The port to listen on (0: any free one).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on. Anything but this machine's own (127.0.0.1) lets other "
    "machines use the page: it warns.",
)
@click.option(
    "--open/--no-open", "open_browser", default=True, show_default=True, help="Open the page in the browser."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 16),
    default=None,
    help="Render processes (default: 2, or 1 on a one-core machine).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Another name the server is reached by (a DNS name of a club's server); repeatable.",
)
@catalogue_option
def serve(port, host, open_browser, workers, allow_hosts, catalogues) -> None:
    """Open limber's page in your browser: browse, build, preview and download cards, decks,
    posters and club decks, with no terminal.

    The server listens on this machine only (127.0.0.1) unless --host says otherwise. It
    answers only to its own names, refuses posts from other sites' pages, and renders each
    request in a worker process under a time and memory limit. Ctrl-C stops it (exit 0).

    \b
    Examples:
      limber serve
      limber serve --port 9000 --no-open
      limber serve --host 0.0.0.0 --allow-host cards.riverside-runners.org
      limber serve --catalogue club-routines.yaml
    """
    import os

    try:
        import uvicorn

        from ..web.app import create_app
        from ..web.core import Settings
        from ..web.security import host_names
    except ImportError as error:
        raise click.UsageError(
            f"limber serve needs the web extra ({error.name} is missing): pip install 'limber[web]'"
        ) from None

    if host not in LOCAL:
        echo(
            f"warning: listening on {host}: other machines can reach this page, and anyone who can "
            "reach it can use it; put it behind a password-protected proxy for a club",
            err=True,
        )
    own = _catalogues(catalogues)
    sock = _socket(host, port)
    port = sock.getsockname()[1]
    cores = os.cpu_count() or 1
    settings = Settings(
        hosts=tuple(host_names(host, port, allow_hosts)),
        workers=workers or (2 if cores > 1 else 1),
        catalogues=own,
    )
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else (f"[{host}]" if ":" in host else host)
    url = f"http://{shown}:{port}/"
    config = uvicorn.Config(
        create_app(settings),
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    echo(f"limber: serving {url} (Ctrl-C stops it)", err=True)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.5, lambda: webbrowser.open(url)).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # Ctrl-C is how a server is stopped: not a failure
        pass
    finally:
        sock.close()
    echo("limber: stopped", err=True)
