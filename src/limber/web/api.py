"""The JSON API, for a club's own website or a script: the same library calls as the page.

Takes: HTTP requests under ``/api/``: query parameters, a JSON object, or a multipart form
with the files (``catalogue``, repeatable; and for ``/api/club`` the ``roster``, ``club``,
``logo`` and ``routine`` files). Gives: JSON (exercises, routines, a built routine, a
validation report, a preview), a PDF or a zip, or an error body with the HTTP status of its
class (``limber.web.errors``). ``openapi.py`` describes every endpoint; ``/api/openapi.json``
serves that description.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..words import count
from . import jobs, params
from .core import Upload, catalogue_uploads, read_request, run_job, safe_name, views, web
from .errors import STATUS, HTTPFailure, body
from .store import Result

PRODUCTS = ("card", "deck", "poster")


def failure(error: HTTPFailure) -> JSONResponse:
    headers = {"Retry-After": "2"} if error.body["error"] == "busy" else None
    return JSONResponse(error.body, status_code=error.body["status"], headers=headers)


def guarded(handler):
    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except HTTPFailure as error:
            return failure(error)
        except Exception as error:  # a LimberError raised by params, or a bug
            from .jobs import error_body

            found = error_body(error)
            return JSONResponse(
                {**found, "status": STATUS[found["error"]]}, status_code=STATUS[found["error"]]
            )

    run.__name__ = handler.__name__
    run.__doc__ = handler.__doc__
    return run


async def _catalogue(request: Request) -> tuple[params.Fields, dict[str, bytes]]:
    fields, uploads = await read_request(request)
    return fields, catalogue_uploads(uploads)


async def _views(request: Request, files: dict[str, bytes], **kwargs: Any) -> dict[str, Any]:
    return await run_job(request, jobs.catalogue_views, {"files": list(files), **kwargs}, files)


@guarded
async def exercises(request: Request) -> Response:
    fields, files = await _catalogue(request)
    found = await _views(request, files, filters=params.filters(fields))
    return JSONResponse(found["exercises"])


async def _one(request: Request, group: str, noun: str) -> Response:
    """The item of ``group`` ("exercises", "routines") whose id the path names, or a 404."""
    ident = request.path_params["ident"]
    found = await views(request, None)
    for item in found[group]:
        if item["id"] == ident:
            return JSONResponse(item)
    raise HTTPFailure("not-found", f"no {noun} has the id '{ident[:80]}'")


@guarded
async def exercise(request: Request) -> Response:
    return await _one(request, "exercises", "exercise")


@guarded
async def routines(request: Request) -> Response:
    fields, files = await _catalogue(request)
    phase = params.named(fields, "phase", params.PHASES, "phase")
    found = await _views(request, files, phase=phase)
    return JSONResponse(found["routines"])


@guarded
async def routine(request: Request) -> Response:
    return await _one(request, "routines", "routine")


@guarded
async def build(request: Request) -> Response:
    fields, files = await _catalogue(request)
    found = await run_job(
        request, jobs.build, {"params": params.build_params(fields), "files": list(files)}, files
    )
    return JSONResponse(found)


@guarded
async def validate(request: Request) -> Response:
    fields, files = await _catalogue(request)
    if not files:
        raise HTTPFailure("usage", "catalogue: send one or more catalogue or routine files to check")
    report = await run_job(
        request, jobs.validate, {"files": list(files), "strict": params.flag(fields, "strict")}, files
    )
    if report["ok"]:
        return JSONResponse(report)
    return JSONResponse(
        {**body("data", f"{count(report['summary']['errors'], 'problem')} in the files sent"), **report},
        status_code=STATUS["data"],
    )


def product_params(product: str, fields: params.Fields) -> dict[str, Any]:
    if product == "card":
        return params.card_params(fields)
    if product == "deck":
        return params.deck_params(fields)
    return params.poster_params(fields)


async def render(request: Request, product: str, preview: bool) -> dict[str, Any]:
    fields, files = await _catalogue(request)
    kwargs = {
        "product": product,
        "targets": params.targets(fields),
        "options": product_params(product, fields),
        "files": list(files),
        "strict": params.flag(fields, "strict"),
        "preview": preview,
    }
    return await run_job(request, jobs.render, kwargs, files)


def pdf_response(found: dict[str, Any]) -> Response:
    return Response(
        found["pdf"],
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{found["name"]}"'},
    )


def keep(request: Request, found: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Keep a render's PDF and images for download; returns its token and URLs."""
    files = {found["name"]: (found["pdf"], "application/pdf")}
    for n, image in enumerate(found["images"], 1):
        files[f"page-{n}.png"] = (image, "image/png")
    info = {k: found[k] for k in ("name", "pages", "summary", "warnings", "titles")}
    key = web(request).results.add(Result(files, info))
    urls = {
        "pdf": f"/results/{key}/{found['name']}",
        "images": [f"/results/{key}/page-{n}.png" for n in range(1, len(found["images"]) + 1)],
    }
    return key, urls


def _product(request: Request) -> str:
    product = request.path_params["product"]
    if product not in PRODUCTS:
        raise HTTPFailure("not-found", f"no product '{product[:40]}': use card, deck or poster")
    return product


@guarded
async def make_pdf(request: Request) -> Response:
    return pdf_response(await render(request, _product(request), preview=False))


@guarded
async def preview(request: Request) -> Response:
    found = await render(request, _product(request), preview=True)
    _, urls = keep(request, found)
    info = {k: found[k] for k in ("name", "pages", "summary", "warnings", "titles")}
    return JSONResponse({**info, **urls})


def club_job(fields: params.Fields, uploads: list[Upload]) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The kwargs and files of a club run, from a request's fields and uploads."""
    files: dict[str, bytes] = {}
    roster = [u for u in uploads if u.field == "roster"]
    if len(roster) != 1:
        raise HTTPFailure("usage", "roster: send one roster CSV file")
    roster_name = safe_name(roster[0].name, (".csv",), "roster.csv")
    files[roster_name] = roster[0].data
    kwargs: dict[str, Any] = {
        "roster": roster_name,
        "options": params.club_params(fields),
        "strict": params.flag(fields, "strict"),
    }
    club = [u for u in uploads if u.field == "club"]
    if len(club) > 1:
        raise HTTPFailure("usage", "club: send at most one club file")
    if club:
        name = safe_name(club[0].name, (".yaml", ".yml"), "club.yaml", set(files))
        files[name], kwargs["club_file"] = club[0].data, name
    logo = [u for u in uploads if u.field == "logo"]
    if len(logo) > 1:
        raise HTTPFailure("usage", "logo: send at most one logo")
    if logo:
        name = safe_name(logo[0].name, (".svg", ".png"), "logo.svg", set(files))
        if not name.lower().endswith((".svg", ".png")):
            raise HTTPFailure("usage", "logo: send a PNG or SVG file")
        files[name], kwargs["logo"] = logo[0].data, name
    for upload in uploads:
        if upload.field == "routine":
            files[safe_name(upload.name, (".yaml", ".yml"), "routine.yaml", set(files))] = upload.data
    catalogues: dict[str, bytes] = {}
    for upload in uploads:
        if upload.field == "catalogue":
            name = safe_name(upload.name, (".yaml", ".yml"), "catalogue.yaml", set(files) | set(catalogues))
            catalogues[name] = upload.data
    files.update(catalogues)
    kwargs["files"] = list(catalogues)
    return kwargs, files


@guarded
async def club(request: Request) -> Response:
    kwargs, files = club_job(*await read_request(request))
    state = web(request)
    folder = state.folder()
    async with state.club_slots:
        found = await run_job(
            request,
            jobs.club,
            kwargs,
            files,
            timeout=state.settings.limits.club_seconds,
            folder=folder,
            keep=True,
        )
    try:
        data = (folder / found["zip"]).read_bytes()
    finally:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return Response(
        data,
        media_type="application/zip",
        headers={
            "Content-Disposition": 'attachment; filename="club-decks.zip"',
            "X-Limber-Members": str(found["members"]),
            "X-Limber-Refused": str(len(found["refused"])),
        },
    )


@guarded
async def options(request: Request) -> Response:
    """The names each option takes."""
    return JSONResponse(
        {
            "phases": list(params.PHASES),
            "areas": list(params.areas()),
            "kinds": list(params.KINDS),
            "levels": list(params.LEVELS),
            "equipment": list(params.EQUIPMENT),
            "themes": list(params.themes()),
            "card_sizes": list(params.CARD_SIZES),
            "sheets": list(params.SHEETS),
            "poster_papers": list(params.POSTER_PAPERS),
            "duplex": list(params.DUPLEX),
            "orientations": list(params.ORIENTATIONS),
            "tiles": list(params.TILES),
        }
    )


async def openapi(request: Request) -> Response:
    from .openapi import document

    return JSONResponse(document())


routes = [
    Route("/api/openapi.json", openapi),
    Route("/api/options", options),
    Route("/api/exercises", exercises, methods=["GET", "POST"]),
    Route("/api/exercises/{ident}", exercise),
    Route("/api/routines", routines, methods=["GET", "POST"]),
    Route("/api/routines/{ident}", routine),
    Route("/api/build", build, methods=["POST"]),
    Route("/api/validate", validate, methods=["POST"]),
    Route("/api/preview/{product}", preview, methods=["POST"]),
    Route("/api/club", club, methods=["POST"]),
    Route("/api/{product}", make_pdf, methods=["POST"]),
]
