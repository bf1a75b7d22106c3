"""How the web face reports a failure: one HTTP status per class of error, and a JSON body.

Takes: the error body of a failed job (``jobs.error_body``: ``error``, ``message``,
``problems``) or a failure of the server's own (a bad Host, a cross-origin post, a body over
its limit, every worker busy). Gives: ``STATUS``, the HTTP status of each ``error`` class, the
same classes as the command line's exit statuses (``limber.errors.EXIT_CODES``), and
``body``, the JSON body of one.

| error      | HTTP | exit | when                                                                      |
| ---------- | ---- | ---- | ------------------------------------------------------------------------- |
| usage      | 400  | 2    | a malformed request: a missing field, a number that is none or is out of range |
| origin     | 403  |      | a post from another site's page, or a form without its token              |
| not-found  | 404  |      | no such page, exercise, routine, result or club run                       |
| too-large  | 413  |      | a request body or an uploaded file over its limit                         |
| host       | 421  |      | the request's Host is not this server's name                              |
| data       | 422  | 3    | bad input data; ``problems`` give file, line, column and field            |
| unknown    | 422  | 3    | a name that is none of its choices (exercise, routine, theme, area ...)   |
| limit      | 422  |      | a render stopped at this server's time or memory limit                    |
| fit        | 409  | 4    | content that does not fit its card or poster                              |
| output     | 500  | 5    | the server could not write its own temporary file                         |
| internal   | 500  | 1    | a bug in limber                                                           |
| busy       | 503  |      | too many renders are waiting already; try again after ``Retry-After``     |
"""

from __future__ import annotations

from typing import Any

STATUS = {
    "usage": 400,
    "origin": 403,
    "not-found": 404,
    "too-large": 413,
    "host": 421,
    "data": 422,
    "unknown": 422,
    "limit": 422,
    "fit": 409,
    "output": 500,
    "internal": 500,
    "busy": 503,
}

BUSY_RETRY_SECONDS = 2


def body(error: str, message: str, problems: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A JSON error body: ``{"error", "status", "message", "problems"}``."""
    return {"error": error, "status": STATUS[error], "message": message, "problems": problems or []}


def with_status(found: dict[str, Any]) -> dict[str, Any]:
    """A job's error body with its HTTP status."""
    return {**found, "status": STATUS.get(found.get("error", "internal"), 500)}


class HTTPFailure(Exception):
    """Stops a request with an error body (raised by the server's own checks)."""

    def __init__(self, error: str, message: str, problems: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.body = body(error, message, problems)
