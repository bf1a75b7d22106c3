"""The page: server-rendered HTML that works without JavaScript, and better with htmx.

Takes: requests from a browser: links and forms (each form carries the ``csrf`` token of
``security``). Gives: pages made from the Jinja2 templates in ``templates/``: browsing the
exercises and routines, building a routine, the browser's own files, making a card, deck or
poster with its preview, and club decks with their progress. A form sent by htmx (header
``HX-Request``) gets only the part of the page that changes; the same form sent without
JavaScript gets the whole page. Errors are shown beside the form, with the HTTP status of
their class.
"""

from __future__ import annotations

import asyncio
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..words import count
from . import jobs, params
from .api import club_job, keep, product_params
from .core import catalogue_uploads, figure, read_request, run_job, views, web
from .errors import STATUS, HTTPFailure, body
from .security import CSRF_FIELD, CSRF_HEADER, csrf_ok
from .store import ClubRun, Workspace

HERE = Path(__file__).resolve().parent
WORKSPACE_COOKIE = "limber_ws"
STATIC = {
    "limber.css": ("limber.css", "text/css; charset=utf-8"),
    "htmx.min.js": ("htmx.min.js", "text/javascript; charset=utf-8"),
}
FONTS = {
    "AtkinsonHyperlegible-Regular.ttf": "font/ttf",
    "AtkinsonHyperlegible-Bold.ttf": "font/ttf",
}


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["duration"] = duration
    env.globals["areas"] = params.areas()
    env.globals["themes"] = params.themes()
    env.globals["phases"] = params.PHASES
    env.globals["kinds"] = params.KINDS
    env.globals["levels"] = params.LEVELS
    env.globals["equipment"] = params.EQUIPMENT
    env.globals["card_sizes"] = params.CARD_SIZES
    env.globals["sheets"] = params.SHEETS
    env.globals["posters"] = params.POSTER_PAPERS
    return env


def duration(seconds: float | None) -> str:
    """'4 min 30 s', '45 s'."""
    if seconds is None:
        return ""
    minutes, rest = divmod(int(round(seconds)), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest:02d} s" if rest else "")


class Values:
    """A form's values as sent, for the templates to fill the form in again."""

    def __init__(self, fields: params.Fields | None = None, defaults: dict[str, str] | None = None):
        self.fields = fields or {}
        self.defaults = defaults or {}

    def __call__(self, name: str, default: str = "") -> str:
        given = [v for v in self.fields.get(name, ()) if v]
        return given[-1] if given else self.defaults.get(name, default)

    def all(self, name: str) -> list[str]:
        return [v for v in self.fields.get(name, ()) if v] or (
            [self.defaults[name]] if name in self.defaults else []
        )

    def has(self, name: str, value: str) -> bool:
        return value in self.all(name)


def workspace(request: Request) -> Workspace | None:
    return web(request).workspaces.get(request.cookies.get(WORKSPACE_COOKIE))


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("values", Values())
    if "own_files" not in context:
        space = workspace(request)
        context["own_files"] = sorted(space.files) if space else []
    html = (
        environment()
        .get_template(template)
        .render(
            request=request,
            path=request.url.path,
            csrf=request.scope.get("limber_csrf_cookie", ""),
            **context,
        )
    )
    return HTMLResponse(html, status_code=status)


def partial(request: Request) -> bool:
    return request.headers.get("hx-request") == "true" and request.headers.get("hx-boosted") != "true"


def check_form(request: Request, fields: params.Fields) -> None:
    """A form of this page's own: its token matches the browser's cookie."""
    sent = list(fields.get(CSRF_FIELD, ()))
    given = sent[-1] if sent else request.headers.get(CSRF_HEADER)
    if not csrf_ok(request.scope, given):
        raise HTTPFailure(
            "origin", "this form has expired or came from another site: reload the page and try again"
        )


async def form(request: Request):
    fields, uploads = await read_request(request)
    check_form(request, fields)
    return fields, uploads


def own(request: Request) -> tuple[list[str], dict[str, bytes]]:
    space = workspace(request)
    files = dict(space.files) if space else {}
    return list(files), files


def error_of(error: Exception) -> dict[str, Any]:
    if isinstance(error, HTTPFailure):
        return error.body
    found = jobs.error_body(error)
    return {**found, "status": STATUS[found["error"]]}


# --- browsing ---------------------------------------------------------------------------


async def home(request: Request) -> Response:
    found = await views(request, workspace(request))
    return page(request, "home.html", routines=found["routines"])


async def routines(request: Request) -> Response:
    values = Values(
        request.query_params and {k: request.query_params.getlist(k) for k in request.query_params}
    )
    try:
        phase = params.named(values.fields, "phase", params.PHASES, "phase")
        names, files = own(request)
        found = await run_job(request, jobs.catalogue_views, {"files": names, "phase": phase}, files)
    except Exception as error:
        return page(
            request,
            "routines.html",
            error_of(error)["status"],
            error=error_of(error),
            routines=[],
            values=values,
        )
    return page(request, "routines.html", routines=found["routines"], values=values)


async def exercises(request: Request) -> Response:
    values = Values({k: request.query_params.getlist(k) for k in request.query_params})
    try:
        filters = params.filters(values.fields)
        names, files = own(request)
        found = await run_job(request, jobs.catalogue_views, {"files": names, "filters": filters}, files)
    except Exception as error:
        failed = error_of(error)
        return page(request, "exercises.html", failed["status"], error=failed, exercises=[], values=values)
    return page(request, "exercises.html", exercises=found["exercises"], values=values)


async def exercise(request: Request) -> Response:
    ident = request.path_params["ident"]
    found = await views(request, workspace(request))
    for ex in found["exercises"]:
        if ex["id"] == ident:
            return page(request, "exercise.html", ex=ex)
    return not_found(request)


async def figure_png(request: Request) -> Response:
    ident = request.path_params["ident"]
    data = await figure(request, ident, workspace(request))
    if data is None:
        return not_found(request)
    return Response(data, media_type="image/png", headers={"Cache-Control": "private, max-age=600"})


# --- building ---------------------------------------------------------------------------


async def build_page(request: Request) -> Response:
    found = await views(request, workspace(request))
    defaults = {"minutes": "5", "phase": "post-run", "level": "basic", "equipment": "none"}
    return page(request, "build.html", values=Values(defaults=defaults), exercises=found["exercises"])


async def _build(request: Request) -> tuple[Values, dict[str, Any] | None, dict[str, Any] | None]:
    values = Values()
    try:
        fields, _ = await form(request)
        values = Values(fields)
        names, files = own(request)
        built = await run_job(
            request, jobs.build, {"params": params.build_params(fields), "files": names}, files
        )
        return values, built, None
    except Exception as error:
        return values, None, error_of(error)


async def build(request: Request) -> Response:
    values, built, error = await _build(request)
    status = error["status"] if error else 200
    if partial(request):
        return page(request, "_built.html", status, built=built, error=error, values=values)
    found = await views(request, workspace(request))
    return page(
        request, "build.html", status, built=built, error=error, values=values, exercises=found["exercises"]
    )


async def build_yaml(request: Request) -> Response:
    values, built, error = await _build(request)
    if error or built is None:
        found = await views(request, workspace(request))
        return page(
            request,
            "build.html",
            error["status"] if error else 500,
            error=error,
            values=values,
            exercises=found["exercises"],
        )
    name = f"{built['routine']['id']}.yaml"
    return Response(
        built["yaml"],
        media_type="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


async def build_keep(request: Request) -> Response:
    """Add the built routine to the browser's files and go on to print it."""
    values, built, error = await _build(request)
    if error or built is None:
        found = await views(request, workspace(request))
        return page(
            request,
            "build.html",
            error["status"] if error else 500,
            error=error,
            values=values,
            exercises=found["exercises"],
        )
    response = RedirectResponse(f"/make?target={built['routine']['id']}", status_code=303)
    space = _workspace_for(request, response)
    name = f"{built['routine']['id']}.yaml"
    space.files[name] = built["yaml"].encode("utf-8")
    space.changed()
    return response


def _workspace_for(request: Request, response: Response) -> Workspace:
    space = workspace(request)
    if space is None:
        key, space = web(request).workspaces.new()
        response.set_cookie(WORKSPACE_COOKIE, key, httponly=True, samesite="strict", path="/")
    return space


# --- your files -------------------------------------------------------------------------


async def files_page(request: Request) -> Response:
    return page(request, "files.html")


async def files_add(request: Request) -> Response:
    try:
        fields, uploads = await form(request)
        sent = catalogue_uploads(uploads)
        if not sent:
            raise HTTPFailure("usage", "choose one or more catalogue or routine files (.yaml) to send")
        space = workspace(request)
        have = dict(space.files) if space else {}
        for name in sent:
            have.pop(name, None)  # a file sent again replaces the one of the same name
        if len(have) + len(sent) > 8:
            raise HTTPFailure("usage", "at most 8 files: remove one before adding more")
        every = {**have, **sent}
        report = await run_job(request, jobs.validate, {"files": list(every)}, every)
    except Exception as error:
        failed = error_of(error)
        return page(request, "files.html", failed["status"], error=failed)
    problems = [p for p in report["problems"] if p["file"] in sent]
    if not report["ok"]:
        failed = body("data", f"{count(report['summary']['errors'], 'problem')}: nothing was added", problems)
        return page(request, "files.html", STATUS["data"], error=failed, report=report, sent=list(sent))
    state = web(request)
    key = None
    if space is None:
        key, space = state.workspaces.new()
    space.files.update(sent)
    space.changed()
    response = page(
        request, "files.html", report=report, sent=list(sent), added=True, own_files=sorted(space.files)
    )
    if key is not None:
        response.set_cookie(WORKSPACE_COOKIE, key, httponly=True, samesite="strict", path="/")
    return response


async def files_remove(request: Request) -> Response:
    try:
        fields, _ = await form(request)
    except Exception as error:
        failed = error_of(error)
        return page(request, "files.html", failed["status"], error=failed)
    space = workspace(request)
    name = params.one(fields, "name")
    if space is not None and name in space.files:
        del space.files[name]
        space.changed()
    return RedirectResponse("/files", status_code=303)


# --- printing ---------------------------------------------------------------------------

PRODUCT_DEFAULTS = {
    "product": "poster",
    "theme": "default",
    "sheet": "a4",
    "duplex": "long",
    "copies": "1",
    "paper": "a3",
    "orientation": "auto",
    "tile": "none",
    "overlap": "10",
}


async def make_page(request: Request) -> Response:
    values = Values({k: request.query_params.getlist(k) for k in request.query_params}, PRODUCT_DEFAULTS)
    found = await views(request, workspace(request))
    return page(request, "make.html", values=values, catalogue=found)


async def _render(
    request: Request, preview: bool
) -> tuple[Values, dict[str, Any] | None, dict[str, Any] | None]:
    values = Values(defaults=PRODUCT_DEFAULTS)
    try:
        fields, _ = await form(request)
        values = Values(fields, PRODUCT_DEFAULTS)
        product = params.named(fields, "product", ("card", "deck", "poster"), "product", "poster")
        assert product is not None
        names, files = own(request)
        kwargs = {
            "product": product,
            "targets": params.targets(fields),
            "options": product_params(product, fields),
            "files": names,
            "strict": params.flag(fields, "strict"),
            "preview": preview,
        }
        return values, await run_job(request, jobs.render, kwargs, files), None
    except Exception as error:
        return values, None, error_of(error)


async def make(request: Request) -> Response:
    values, found, error = await _render(request, preview=True)
    status = error["status"] if error else 200
    result = None
    if found is not None:
        key, urls = keep(request, found)
        result = {**{k: found[k] for k in ("name", "pages", "summary", "warnings", "titles")}, **urls}
    if partial(request):
        return page(request, "_result.html", status, result=result, error=error, values=values)
    catalogue = await views(request, workspace(request))
    return page(request, "make.html", status, result=result, error=error, values=values, catalogue=catalogue)


async def make_pdf(request: Request) -> Response:
    values, found, error = await _render(request, preview=False)
    if error or found is None:
        catalogue = await views(request, workspace(request))
        return page(
            request,
            "make.html",
            error["status"] if error else 500,
            error=error,
            values=values,
            catalogue=catalogue,
        )
    from .api import pdf_response

    return pdf_response(found)


async def result_file(request: Request) -> Response:
    found = web(request).results.get(request.path_params["key"])
    name = request.path_params["name"]
    if found is None or name not in found.files:
        return not_found(request, "this file is no longer kept: make it again")
    data, kind = found.files[name]
    headers = {"Cache-Control": "private, max-age=1800"}
    if kind == "application/pdf":
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(data, media_type=kind, headers=headers)


# --- club decks -------------------------------------------------------------------------


async def club_page(request: Request) -> Response:
    return page(
        request, "club.html", values=Values(defaults={"sheet": "a4", "duplex": "long", "theme": "default"})
    )


async def club_start(request: Request) -> Response:
    state = web(request)
    values = Values()
    try:
        fields, uploads = await read_request(request)
        values = Values(fields)
        check_form(request, fields)
        kwargs, files = club_job(fields, uploads)
    except Exception as error:
        failed = error_of(error)
        return page(request, "club.html", failed["status"], error=failed, values=values)
    folder = state.folder()
    run = ClubRun(folder)
    key = state.clubs.add(run)
    if key is None:
        failed = body("busy", "too many club runs at once: try again in a few minutes")
        return page(request, "club.html", failed["status"], error=failed, values=values)
    state.spawn(_club_run(request, run, kwargs, files))
    return RedirectResponse(f"/club/{key}", status_code=303)


async def _club_run(request: Request, run: ClubRun, kwargs: dict[str, Any], files: dict[str, bytes]) -> None:
    state = web(request)
    try:
        async with state.club_slots:
            run.state = "running"
            run.result = await run_job(
                request,
                jobs.club,
                kwargs,
                files,
                timeout=state.settings.limits.club_seconds,
                progress=run.progress,
                folder=run.folder,
                keep=True,
            )
        run.state = "done"
    except asyncio.CancelledError:
        run.state, run.error = "failed", body("internal", "the server stopped")
        raise
    except Exception as error:
        run.state, run.error = "failed", error_of(error)


def _run(request: Request) -> ClubRun | None:
    return web(request).clubs.get(request.path_params["key"])


async def club_status(request: Request) -> Response:
    run = _run(request)
    if run is None:
        return not_found(request, "this club run is no longer kept: run it again")
    template = "_club_status.html" if partial(request) else "club_run.html"
    status = run.error["status"] if run.error else 200
    return page(request, template, status, run=run, key=request.path_params["key"])


async def club_zip(request: Request) -> Response:
    run = _run(request)
    if run is None or run.result is None:
        return not_found(request, "this club run is no longer kept: run it again")
    data = (run.folder / run.result["zip"]).read_bytes()
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="club-decks.zip"'},
    )


# --- the rest ---------------------------------------------------------------------------


async def api_docs(request: Request) -> Response:
    from .openapi import document

    return page(request, "api.html", doc=document())


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name == "theme.css":
        return Response(
            theme_css(), media_type="text/css; charset=utf-8", headers={"Cache-Control": "max-age=3600"}
        )
    if name in FONTS:
        from ..resources import fonts_dir

        data = (fonts_dir() / name).read_bytes()
        return Response(data, media_type=FONTS[name], headers={"Cache-Control": "max-age=86400"})
    if name not in STATIC:
        return not_found(request)
    file, kind = STATIC[name]
    return Response(
        (HERE / "static" / file).read_bytes(), media_type=kind, headers={"Cache-Control": "max-age=3600"}
    )


@cache
def theme_css() -> str:
    """The default theme's colours as CSS custom properties: the page looks like the cards."""
    from ..theme import load_theme

    colors = load_theme("default").colors
    names = {
        "ink": colors.ink,
        "muted": colors.muted,
        "paper": colors.paper,
        "rule": colors.rule,
        "band-text": colors.band_text,
        "tag": colors.tag,
        "tag-text": colors.tag_text,
        "do": colors.do,
        "avoid": colors.avoid,
        "accent": colors.figure_accent,
        "ghost": colors.figure_ghost,
        **{f"kind-{kind}": value for kind, value in colors.kinds.items()},
    }
    lines = [f"  --{name}: {value};" for name, value in names.items()]
    kinds = [f".kind-{kind} {{ --band: var(--kind-{kind}); }}" for kind in colors.kinds]
    return ":root {\n" + "\n".join(lines) + "\n}\n" + "\n".join(kinds) + "\n"


def not_found(request: Request, message: str = "there is no such page") -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse(body("not-found", message), status_code=404)
    return page(request, "error.html", 404, error=body("not-found", message))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return not_found(request)
    message = "this address does not take that method" if exc.status_code == 405 else str(exc.detail)
    found = body("usage", message) | {"status": exc.status_code}
    if request.url.path.startswith("/api/"):
        return JSONResponse(found, status_code=exc.status_code)
    return page(request, "error.html", exc.status_code, error=found)


async def internal_error(request: Request, exc: Exception) -> Response:
    """A bug: one line, as on the command line, and the traceback on the server's standard error."""
    found = error_of(exc)
    if request.url.path.startswith("/api/"):
        return JSONResponse(found, status_code=found["status"])
    return page(request, "error.html", found["status"], error=found)


routes = [
    Route("/", home),
    Route("/routines", routines),
    Route("/exercises", exercises),
    Route("/exercises/{ident}", exercise),
    Route("/figures/{ident}.png", figure_png),
    Route("/build", build_page, methods=["GET"]),
    Route("/build", build, methods=["POST"]),
    Route("/build/routine.yaml", build_yaml, methods=["POST"]),
    Route("/build/keep", build_keep, methods=["POST"]),
    Route("/files", files_page, methods=["GET"]),
    Route("/files", files_add, methods=["POST"]),
    Route("/files/remove", files_remove, methods=["POST"]),
    Route("/make", make_page, methods=["GET"]),
    Route("/make", make, methods=["POST"]),
    Route("/make/pdf", make_pdf, methods=["POST"]),
    Route("/results/{key}/{name}", result_file),
    Route("/club", club_page, methods=["GET"]),
    Route("/club", club_start, methods=["POST"]),
    Route("/club/{key}", club_status),
    Route("/club/{key}/club-decks.zip", club_zip),
    Route("/api", api_docs),
    Route("/static/{name}", static),
]
