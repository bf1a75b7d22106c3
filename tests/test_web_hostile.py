"""Hostile requests to the web face: each is refused cleanly, with the status of its class, and
the server goes on serving. Other sites' pages, oversized bodies, hostile YAML, posters of a
hundred metres, renders that run too long or need too much memory, paths where names belong,
and more requests at once than the server renders."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import web_helpers
from web_helpers import EXAMPLES, GOOD_CATALOGUE, client, csrf, slow_limits, state

from limber.web.workers import Limits, Pool, WorkerError


@pytest.fixture(scope="module")
def web():
    with client() as test_client:
        yield test_client


def bomb(levels: int = 9, width: int = 9) -> bytes:
    names = "abcdefghijklmnop"
    lines = [f"{names[0]}: &{names[0]} [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"{names[level]}: &{names[level]} [{', '.join([f'*{names[level - 1]}'] * width)}]")
    return ("\n".join(lines) + "\n").encode()


# --- other sites' pages -------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8642", "127.0.0.1.evil.example", ""])
def test_a_host_that_is_not_the_servers_own_is_refused(web, host):
    for path in ("/", "/api/routines"):
        answer = web.get(path, headers={"host": host})
        assert answer.status_code == 421
        assert answer.json()["error"] == "host" and "does not answer to the name" in answer.json()["message"]


def test_the_servers_names_on_loopback_and_elsewhere():
    from limber.web.security import host_names

    assert host_names("127.0.0.1", 8642) == {"127.0.0.1:8642", "localhost:8642", "[::1]:8642"}
    behind = host_names("0.0.0.0", 8642, ["Cards.example.org"])
    assert {"cards.example.org", "cards.example.org:8642", "127.0.0.1:8642"} <= behind
    assert "evil.example" not in behind and "127.0.0.1" not in behind


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "null"},
        {"origin": "http://testserver.evil.example"},
        {"referer": "http://evil.example/page.html"},
    ],
)
def test_a_post_from_another_sites_page_is_refused(web, headers):
    token = csrf(web)
    for path, kwargs in (
        ("/api/build", {"json": {"minutes": 5, "phase": "post-run"}}),
        ("/make", {"data": {"csrf": token, "target": "post-run-stretches"}}),
        ("/files", {"data": {"csrf": token}, "files": {"catalogue": ("a.yaml", GOOD_CATALOGUE)}}),
    ):
        answer = web.post(path, headers=headers, **kwargs)
        assert answer.status_code == 403, (path, headers)
        assert answer.json()["error"] == "origin"


def test_the_pages_forms_need_their_token(web):
    csrf(web)
    for data in ({"target": "post-run-stretches"}, {"target": "post-run-stretches", "csrf": "forged"}):
        answer = web.post("/make", data=data)
        assert answer.status_code == 403 and "reload the page" in answer.text
    same_site = web.post(
        "/make",
        data={"csrf": csrf(web), "target": "walking-knee-hug", "product": "card"},
        headers={"origin": "http://testserver"},
    )
    assert same_site.status_code == 200


def test_the_csrf_cookie_is_strict_and_not_for_scripts():
    with client(workers=1) as fresh:
        cookie = fresh.get("/").headers["set-cookie"]
    assert "SameSite=Strict" in cookie and "HttpOnly" in cookie and "limber_csrf=" in cookie


def test_a_script_without_origin_may_use_the_api(web):
    answer = web.post("/api/build", json={"minutes": 5, "phase": "post-run"})
    assert answer.status_code == 200


# --- sizes --------------------------------------------------------------------------------


def test_a_body_over_16_mb_is_refused_by_its_length(web):
    answer = web.post(
        "/api/validate",
        content=b"x" * 10,
        headers={"content-length": str(17 * 2**20), "content-type": "text/plain"},
    )
    assert answer.status_code == 413 and answer.json()["error"] == "too-large"


def test_a_body_over_16_mb_without_a_length_is_refused_as_it_comes(web):
    def chunks():
        for _ in range(20):
            yield b"a" * 2**20

    answer = web.post("/api/build", content=chunks(), headers={"content-type": "application/json"})
    assert answer.status_code == 413 and "16 MB" in answer.json()["message"]


def test_an_uploaded_file_over_2_mb_is_refused(web):
    big = b"# padding\n" * (2**20 // 4)
    answer = web.post("/api/validate", files={"catalogue": ("big.yaml", big)})
    assert answer.status_code == 413
    assert answer.json()["message"] == "big.yaml is over 2 MB, the most this server takes"


def test_too_many_files_or_a_broken_form_are_usage_errors(web):
    files = [("catalogue", (f"f{i}.yaml", GOOD_CATALOGUE)) for i in range(25)]
    answer = web.post("/api/validate", files=files)
    assert answer.status_code == 400 and answer.json()["error"] == "usage"
    broken = web.post(
        "/api/validate", content=b"--x\r\nbroken", headers={"content-type": "multipart/form-data; boundary=x"}
    )
    assert broken.status_code in (400, 422) and broken.json()["error"] in ("usage", "data")
    not_json = web.post("/api/build", content=b"{", headers={"content-type": "application/json"})
    assert not_json.status_code == 400
    nested = web.post("/api/build", content=b"[" * 100_000, headers={"content-type": "application/json"})
    assert nested.status_code == 400
    wrong = web.post("/api/build", content=b"<x/>", headers={"content-type": "application/xml"})
    assert wrong.status_code == 400


# --- hostile YAML -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, words",
    [
        (bomb(), "aliases expand to"),
        (b"a:" + b" [" * 60 + b"]" * 60 + b"\n", "nested"),
        (b"exercises:\n\t- id: x\n", "tab character"),
        (b"\xff\xfe\x00x", "not UTF-8"),
        (b"   \n# nothing\n", "the file is empty"),
        (b"exercises: 1" + b"0" * 40 + b"\n", "too long"),
        (b"- just\n- a list\n", "mapping"),
        (b"exercises:\n  - &a [*a]\n", "alias"),
        (b"\x1b[31mexercises: []\n", ""),
    ],
)
def test_hostile_yaml_gets_the_command_lines_clear_error(web, text, words):
    start = time.monotonic()
    answer = web.post("/api/validate", files={"catalogue": ("evil.yaml", text)})
    assert time.monotonic() - start < 5
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["error"] == "data" and body["problems"]
    assert all(p["file"] == "evil.yaml" for p in body["problems"])
    assert words.lower() in " ".join(p["message"] for p in body["problems"]).lower()
    assert web.get("/api/routines").status_code == 200


def test_an_uploaded_file_name_never_reaches_a_folder(web):
    answer = web.post("/api/validate", files={"catalogue": ("../../../etc/evil.yaml", bomb())})
    assert {p["file"] for p in answer.json()["problems"]} == {"evil.yaml"}
    dotted = web.post("/api/validate", files={"catalogue": ("..", bomb())})
    assert {p["file"] for p in dotted.json()["problems"]} == {"catalogue.yaml"}


def test_messages_never_show_the_servers_folders(web):
    answer = web.post("/api/validate", files={"catalogue": ("mine.yaml", b"exercises: [1, 2]\n")})
    text = answer.text
    assert state(web).root is not None and str(state(web).root) not in text and "/tmp" not in text


# --- posters of a hundred metres, and renders that take too long ---------------------------


def test_a_poster_of_a_hundred_metres_is_refused_at_once(web):
    start = time.monotonic()
    answer = web.post("/api/poster", json={"target": "post-run-stretches", "paper": "100000x100000"})
    assert time.monotonic() - start < 5
    assert answer.status_code == 422 and answer.json()["error"] == "unknown"
    assert "each side 20 to 1200" in answer.json()["message"]
    tiled = web.post(
        "/api/preview/poster", json={"target": "post-run-stretches", "paper": "1200x1200", "tile": "a4"}
    )
    assert tiled.status_code in (200, 409), tiled.text
    if tiled.status_code == 200:
        images = tiled.json()["images"]
        assert len(images) <= 4 and all(web.get(i).content.startswith(b"\x89PNG") for i in images)


def test_a_render_over_the_time_limit_is_stopped_and_the_server_goes_on():
    with client(workers=1, limits=slow_limits(0.5)) as slow:
        start = time.monotonic()
        answer = slow.post("/api/deck", json={"target": "full-warm-up-and-stretch", "copies": 1000})
        assert time.monotonic() - start < 10
        assert answer.status_code == 422, answer.text
        assert answer.json()["error"] == "limit" and "longer than 0.5 s" in answer.json()["message"]
        after = slow.post("/api/card", json={"target": "walking-knee-hug"})
        assert after.status_code == 200  # a new worker took the stopped one's place


def test_more_renders_at_once_than_the_server_takes_get_503_and_retry_after():
    with client(workers=1, waiting=1) as small:
        small.get("/api/routines")  # the worker is up

        def deck(_):
            return small.post("/api/deck", json={"target": "post-run-mobility", "copies": 20})

        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(deck, range(8)))
        codes = sorted(a.status_code for a in answers)
        assert 200 in codes and 503 in codes, codes
        assert set(codes) <= {200, 503}
        busy = next(a for a in answers if a.status_code == 503)
        assert busy.json()["error"] == "busy" and busy.headers["retry-after"] == "2"
        assert small.post("/api/card", json={"target": "walking-knee-hug"}).status_code == 200


def test_twenty_previews_at_once_all_complete(web):
    targets = ["post-run-stretches", "walking-knee-hug", "low-back-release", "ankle-bounce"]

    def preview(n):
        return web.post("/api/preview/card", json={"target": targets[n % len(targets)]})

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(preview, range(20)))
    assert [a.status_code for a in answers] == [200] * 20
    assert all(len(a.json()["images"]) == 2 for a in answers)


# --- club files that point elsewhere --------------------------------------------------------


def test_a_roster_that_names_a_path_is_refused_at_its_line(web):
    roster = b"name,routines\nAna,post-run-mobility\nBen,../../secret.yaml\nCleo,/etc/routine.yml\n"
    answer = web.post("/api/club", files=[("roster", ("r.csv", roster))])
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    assert [(p["line"], p["field"]) for p in problems] == [(3, "routines"), (4, "routines")]
    assert "name a routine file sent with the roster by its file name alone" in problems[0]["message"]


@pytest.mark.parametrize("logo", ["../club-logo.svg", "/etc/logo.svg", "C:\\logo.svg"])
def test_a_club_file_whose_logo_is_a_path_is_refused_at_its_line(web, logo):
    club = f"name: Riverside Runners\nlogo: '{logo}'\n".encode()
    files = [("roster", ("r.csv", b"name,routines\nAna,post-run-mobility\n")), ("club", ("club.yaml", club))]
    answer = web.post("/api/club", files=files)
    assert answer.status_code == 422
    [problem] = answer.json()["problems"]
    assert (problem["file"], problem["line"], problem["field"]) == ("club.yaml", 2, "logo")


def test_an_svg_logo_that_refers_to_another_file_is_refused(web):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="../../secret.png" width="10" height="10"/></svg>'
    files = [
        ("roster", ("r.csv", b"name,routines\nAna,post-run-mobility\n")),
        ("club", ("club.yaml", b"name: Riverside Runners\nlogo: logo.svg\n")),
        ("logo", ("whatever.svg", svg)),
    ]
    answer = web.post("/api/club", files=files)
    assert answer.status_code == 422
    assert "refers to another file (../../secret.png)" in answer.json()["problems"][0]["message"]


def test_the_logo_sent_takes_the_name_the_club_file_gives_it(web):
    files = [
        ("roster", ("r.csv", b"name,routines\nAna,post-run-mobility\n")),
        ("club", ("club.yaml", (EXAMPLES / "club.yaml").read_bytes())),
        ("logo", ("my logo.svg", (EXAMPLES / "club-logo.svg").read_bytes())),
    ]
    assert web.post("/api/club", files=files).status_code == 200
    missing = web.post("/api/club", files=files[:2])
    assert (
        missing.status_code == 422
        and "send the logo file club-logo.svg" in missing.json()["problems"][0]["message"]
    )


# --- the workers themselves ---------------------------------------------------------------


def run_pool(jobs, size=1, memory_mb=1536, seconds=20.0):
    """Run ``jobs`` ((func, kwargs, folder) ...) one after another in a fresh pool; returns
    each one's result or WorkerError."""

    async def main():
        pool = Pool(size, Limits(memory_mb=memory_mb, seconds=seconds), warm=web_helpers.quick_warm)
        await pool.start()
        out = []
        try:
            for func, kwargs, folder in jobs:
                try:
                    out.append(await pool.run(func, kwargs, folder))
                except WorkerError as error:
                    out.append(error)
        finally:
            await pool.close()
        return out

    return asyncio.run(main())


@pytest.mark.unix
def test_a_job_over_the_memory_limit_stops_and_the_next_one_runs():
    found = run_pool(
        [(web_helpers.hog, {"mb": 3000}, None), (web_helpers.hog, {"mb": 10}, None)], memory_mb=800
    )
    assert isinstance(found[0], WorkerError) and found[0].body["error"] == "limit"
    assert "more memory than this server allows" in found[0].body["message"]
    assert found[1] == 10 * 2**20


def test_a_job_over_the_time_limit_is_ended_and_a_crashed_worker_replaced():
    found = run_pool(
        [
            (web_helpers.sleepy, {"seconds": 30}, None),
            (web_helpers.crash, {}, None),
            (web_helpers.sleepy, {"seconds": 0}, None),
        ],
        seconds=1.0,
    )
    assert isinstance(found[0], WorkerError) and "longer than 1 s" in found[0].body["message"]
    assert isinstance(found[1], WorkerError) and found[1].body["error"] == "limit"
    assert found[2] == "awake"


@pytest.mark.unix
def test_a_job_reads_only_the_files_of_its_request(tmp_path):
    folder = tmp_path / "job"
    folder.mkdir()
    (folder / "mine.yaml").write_bytes(b"hello")
    (tmp_path / "secret.txt").write_bytes(b"secret")
    found = run_pool(
        [
            (web_helpers.read_inside, {"name": "mine.yaml"}, folder),
            (web_helpers.read_outside, {"path": str(tmp_path / "secret.txt")}, folder),
            (web_helpers.read_outside, {"path": "/etc/passwd"}, folder),
            (web_helpers.read_outside, {"path": str(tmp_path / "secret.txt")}, None),
        ]
    )
    assert found[0] == b"hello"
    for refused in found[1:3]:
        assert isinstance(refused, WorkerError)
        assert "only the files sent with the request can be read" in refused.body["message"]
    assert found[3] == b"secret"  # a job without a folder is the server's own, not a request's


def test_temporary_folders_are_removed():
    with client(workers=1) as fresh:
        root = state(fresh).root
        assert root is not None and root.is_dir()
        fresh.post("/api/validate", files={"catalogue": ("mine.yaml", GOOD_CATALOGUE)})
        fresh.post("/api/card", json={"target": "walking-knee-hug"})
        fresh.post("/api/club", files=[("roster", ("r.csv", b"name,routines\nAna,post-run-mobility\n"))])
        assert list(root.iterdir()) == []
    assert not root.exists()


def test_a_cancelled_request_gives_its_worker_back():
    async def main():
        pool = Pool(1, Limits(seconds=10), warm=web_helpers.quick_warm)
        await pool.start()
        try:
            task = asyncio.ensure_future(pool.run(web_helpers.sleepy, {"seconds": 0.5}))
            await asyncio.sleep(0.1)
            task.cancel()
            return await asyncio.wait_for(pool.run(web_helpers.sleepy, {"seconds": 0}), 30)
        finally:
            await pool.close()

    assert asyncio.run(main()) == "awake"


def test_the_worker_threads_do_not_leak():
    before = threading.active_count()
    with client(workers=1) as fresh:
        for _ in range(5):
            fresh.post("/api/card", json={"target": "walking-knee-hug"})
    assert threading.active_count() <= before + 2


def test_a_pdf_too_large_to_send_is_a_limit(tmp_path, monkeypatch):
    from limber.web import jobs, params

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(jobs, "MAX_PDF_BYTES", 1000)
    options = params.deck_params({"copies": ["3"]})
    with pytest.raises(jobs.LimitError) as raised:
        jobs.render("deck", ["walking-knee-hug"], options)
    body = jobs.error_body(raised.value, str(tmp_path))
    assert body["error"] == "limit" and "more than the 0 MB this server sends" in body["message"]
