"""The OpenAPI 3.1 description of the JSON API, served at ``/api/openapi.json``.

Takes: nothing. Gives: ``document()``, one dict describing every endpoint of ``api.routes``:
its parameters, request body, responses and the error body every failure shares (``Error``,
with the status of its class, ``errors.STATUS``). A test holds it to the routes.
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from .errors import STATUS


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _errors(*statuses: int) -> dict[str, Any]:
    reasons = {
        400: "usage: a malformed request (a missing field, a number out of range)",
        403: "origin: a post from another site's page",
        404: "not-found: no such exercise, routine or product",
        409: "fit: the content does not fit its card or poster",
        413: "too-large: the body or a file is over its limit",
        421: "host: the Host is not this server's name",
        422: "data, unknown or limit: bad input data (problems with file, line, column and field), "
        "an unknown name, or a render stopped at this server's time or memory limit",
        500: "output or internal",
        503: "busy: too many renders waiting; see Retry-After",
    }
    json_error = {"application/json": {"schema": _ref("Error")}}
    return {str(s): {"description": reasons[s], "content": json_error} for s in statuses}


COMMON = (400, 403, 413, 421, 422, 500, 503)


def _query(name: str, description: str, enum: list[str] | None = None, array: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if enum:
        schema["enum"] = enum
    if array:
        schema = {"type": "array", "items": schema}
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _path(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string"},
    }


def _body(schema: str, files: bool = True) -> dict[str, Any]:
    content: dict[str, Any] = {"application/json": {"schema": _ref(schema)}}
    if files:
        content["multipart/form-data"] = {
            "schema": {
                "allOf": [
                    _ref(schema),
                    {
                        "type": "object",
                        "properties": {
                            "catalogue": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                                "description": "catalogue or routine YAML files, laid over the built-in catalogue",
                            }
                        },
                    },
                ]
            }
        }
    return {"required": True, "content": content}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _pdf(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }


def document() -> dict[str, Any]:
    from .params import (
        DUPLEX,
        EQUIPMENT,
        KINDS,
        LEVELS,
        ORIENTATIONS,
        PHASES,
        POSTER_PAPERS,
        TILES,
        areas,
        themes,
    )

    theme = {"type": "string", "enum": list(themes()), "default": "default"}
    targets = {
        "type": "array",
        "items": {"type": "string"},
        "description": "exercise or routine ids (a poster: one routine, or exercises; a card: one)",
    }
    strict = {"type": "boolean", "description": "routine warnings (balance, phase) are errors (422)"}
    schemas: dict[str, Any] = {
        "Problem": {
            "type": "object",
            "properties": {
                "file": {"type": "string"},
                "line": {"type": ["integer", "null"]},
                "column": {"type": ["integer", "null"]},
                "field": {"type": "string"},
                "message": {"type": "string"},
            },
            "required": ["file", "line", "column", "field", "message"],
        },
        "Error": {
            "type": "object",
            "properties": {
                "error": {"type": "string", "enum": sorted(STATUS)},
                "status": {"type": "integer"},
                "message": {"type": "string"},
                "problems": {"type": "array", "items": _ref("Problem")},
            },
            "required": ["error", "status", "message", "problems"],
        },
        "Exercise": {
            "type": "object",
            "description": "every field of a catalogue exercise (see limber schema), with video, dose_label, "
            "duration_s and has_figure",
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
            "additionalProperties": True,
        },
        "Routine": {
            "type": "object",
            "description": "a routine with each item's name, dose, dose_label and duration_s, the routine's "
            "duration_s, balance_notes and warnings",
            "properties": {
                "id": {"type": "string"},
                "title": {"type": "string"},
                "duration_s": {"type": "integer"},
            },
            "additionalProperties": True,
        },
        "BuildRequest": {
            "type": "object",
            "properties": {
                "minutes": {"type": "number", "minimum": 1, "maximum": 120},
                "phase": {"type": "string", "enum": list(PHASES)},
                "focus": {"type": "array", "items": {"type": "string", "enum": list(areas())}},
                "level": {"type": "string", "enum": list(LEVELS), "default": "basic"},
                "equipment": {"type": "array", "items": {"type": "string", "enum": list(EQUIPMENT)}},
                "exclude": {"type": "array", "items": {"type": "string"}},
                "title": {"type": "string", "maxLength": 80},
            },
            "required": ["minutes", "phase"],
        },
        "Built": {
            "type": "object",
            "properties": {
                "routine": _ref("Routine"),
                "yaml": {"type": "string", "description": "the routine file, as limber build writes it"},
                "seconds": {"type": "integer"},
                "asked": {"type": "string"},
            },
        },
        "CardRequest": {
            "type": "object",
            "properties": {"target": targets, "size": {"type": "string"}, "theme": theme, "strict": strict},
            "required": ["target"],
        },
        "DeckRequest": {
            "type": "object",
            "properties": {
                "target": targets,
                "size": {"type": "string"},
                "sheet": {
                    "type": "string",
                    "default": "a4",
                    "description": "a4, letter, a5, a3 ... WxH or none",
                },
                "duplex": {"type": "string", "enum": list(DUPLEX), "default": "long"},
                "fold": {"type": "boolean"},
                "bleed": {"type": "number", "minimum": 0, "maximum": 10},
                "no_crop_marks": {"type": "boolean"},
                "offset": {"type": "string", "description": "X,Y in mm, each at most 20", "default": "0,0"},
                "copies": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 1},
                "theme": theme,
                "strict": strict,
            },
            "required": ["target"],
        },
        "PosterRequest": {
            "type": "object",
            "properties": {
                "target": targets,
                "paper": {
                    "type": "string",
                    "default": "a3",
                    "description": f"{', '.join(POSTER_PAPERS)} or WxH",
                },
                "orientation": {"type": "string", "enum": list(ORIENTATIONS), "default": "auto"},
                "distance": {"type": "number", "minimum": 0.3, "maximum": 10},
                "title": {"type": "string"},
                "tile": {"type": "string", "enum": list(TILES)},
                "overlap": {"type": "number", "minimum": 3, "maximum": 30, "default": 10},
                "theme": theme,
                "strict": strict,
            },
            "required": ["target"],
        },
        "Preview": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "pages": {"type": "integer"},
                "summary": {"type": "string"},
                "warnings": {"type": "array", "items": {"type": "object"}},
                "titles": {"type": "array", "items": {"type": "string"}},
                "pdf": {"type": "string", "description": "URL of the PDF, kept for 30 minutes"},
                "images": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "URLs of PNG previews",
                },
            },
        },
        "Report": {
            "type": "object",
            "description": "what limber validate --json prints",
            "properties": {
                "ok": {"type": "boolean"},
                "summary": {"type": "object"},
                "problems": {"type": "array", "items": {"type": "object"}},
            },
        },
    }
    product_schemas = {"card": "CardRequest", "deck": "DeckRequest", "poster": "PosterRequest"}
    paths: dict[str, Any] = {
        "/api/exercises": {
            "get": {
                "summary": "List the exercises (limber list --json)",
                "parameters": [
                    _query("phase", "only exercises for this phase", list(PHASES)),
                    _query("area", "only exercises that work this area", list(areas())),
                    _query("kind", "only exercises of this kind", list(KINDS)),
                    _query("level", "only exercises of this level", list(LEVELS)),
                    _query(
                        "equipment",
                        "what is at hand; exercises needing more are left out",
                        list(EQUIPMENT),
                        True,
                    ),
                ],
                "responses": {
                    "200": _json({"type": "array", "items": _ref("Exercise")}, "the exercises"),
                    **_errors(400, 421, 422),
                },
            },
        },
        "/api/exercises/{ident}": {
            "get": {
                "summary": "One exercise (limber show --json)",
                "parameters": [_path("ident", "the exercise's id")],
                "responses": {"200": _json(_ref("Exercise"), "the exercise"), **_errors(404, 421)},
            }
        },
        "/api/routines": {
            "get": {
                "summary": "List the routines with items, doses and durations (limber routines --json)",
                "parameters": [_query("phase", "only routines for this phase", list(PHASES))],
                "responses": {
                    "200": _json({"type": "array", "items": _ref("Routine")}, "the routines"),
                    **_errors(421, 422),
                },
            }
        },
        "/api/routines/{ident}": {
            "get": {
                "summary": "One routine (limber routine ID --json)",
                "parameters": [_path("ident", "the routine's id")],
                "responses": {"200": _json(_ref("Routine"), "the routine"), **_errors(404, 421)},
            }
        },
        "/api/build": {
            "post": {
                "summary": "Build a routine that fits minutes, phase, focus and equipment (limber build)",
                "requestBody": _body("BuildRequest"),
                "responses": {
                    "200": _json(_ref("Built"), "the routine, its file and duration"),
                    **_errors(*COMMON),
                },
            }
        },
        "/api/validate": {
            "post": {
                "summary": "Check catalogue or routine files (limber validate --json)",
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "catalogue": {
                                        "type": "array",
                                        "items": {"type": "string", "format": "binary"},
                                    },
                                    "strict": strict,
                                },
                                "required": ["catalogue"],
                            }
                        }
                    },
                },
                "responses": {
                    "200": _json(_ref("Report"), "no errors (warnings may be listed)"),
                    "422": _json(
                        {"allOf": [_ref("Report"), _ref("Error")]}, "errors, each with file, line and field"
                    ),
                    **{k: v for k, v in _errors(*COMMON).items() if k != "422"},
                },
            }
        },
        "/api/club": {
            "post": {
                "summary": "Club decks: a PDF per member of a roster and the combined file, zipped (limber club)",
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "roster": {
                                        "type": "string",
                                        "format": "binary",
                                        "description": "the roster CSV",
                                    },
                                    "club": {
                                        "type": "string",
                                        "format": "binary",
                                        "description": "the club YAML",
                                    },
                                    "logo": {
                                        "type": "string",
                                        "format": "binary",
                                        "description": "its PNG or SVG logo",
                                    },
                                    "routine": {
                                        "type": "array",
                                        "items": {"type": "string", "format": "binary"},
                                        "description": "routine files the roster names",
                                    },
                                    "catalogue": {
                                        "type": "array",
                                        "items": {"type": "string", "format": "binary"},
                                    },
                                    "sheet": {"type": "string", "enum": ["a4", "letter"]},
                                    "duplex": {"type": "string", "enum": list(DUPLEX)},
                                    "size": {"type": "string"},
                                    "theme": theme,
                                    "strict": strict,
                                },
                                "required": ["roster"],
                            }
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "club/<member>.pdf, club/all-members.pdf and, when rows were refused, "
                        "club/refused.json (their file, line, column, field and message); headers "
                        "X-Limber-Members and X-Limber-Refused count them",
                        "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
                    },
                    **_errors(*COMMON),
                },
            }
        },
        "/api/options": {
            "get": {
                "summary": "The names each option takes (themes, sizes, papers, areas ...)",
                "responses": {"200": _json({"type": "object"}, "lists of names"), **_errors(421)},
            }
        },
        "/api/openapi.json": {
            "get": {
                "summary": "This description",
                "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1")},
            }
        },
    }
    for product, schema in product_schemas.items():
        paths[f"/api/{product}"] = {
            "post": {
                "summary": f"Render a {product} to PDF (limber {product})",
                "requestBody": _body(schema),
                "responses": {"200": _pdf(f"the {product}'s PDF"), **_errors(409, *COMMON)},
            }
        }
        paths[f"/api/preview/{product}"] = {
            "post": {
                "summary": f"Render a {product} and keep it: PNG previews of its first pages and the PDF's URL",
                "requestBody": _body(schema),
                "responses": {"200": _json(_ref("Preview"), "the summary and URLs"), **_errors(409, *COMMON)},
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "limber",
            "version": __version__,
            "description": "Runners' warm-up, stretching and mobility routines as cards, decks and posters. "
            "Every error has a JSON body with error, status, message and problems (file, line, column, "
            "field, message). A post from another site's page (Origin) is refused.",
        },
        "paths": paths,
        "components": {"schemas": schemas},
    }
