"""``limber serve`` itself: its options, its warnings, its refusals, and a clean stop."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from web_helpers import BAD_CATALOGUE, GOOD_CATALOGUE  # also skips without the web extra


@pytest.fixture
def no_server(monkeypatch):
    """Run ``serve`` up to the point where it would serve; returns the settings it made."""
    import uvicorn

    import limber.web.app

    made = {}
    original = limber.web.app.create_app

    def capture(settings=None):
        made["settings"] = settings
        return original(settings)

    monkeypatch.setattr(limber.web.app, "create_app", capture)
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: None)
    return made


def test_serve_has_help_with_examples(run):
    text = run("serve", "--help").output
    assert "Examples:" in text and "127.0.0.1" in text and "--no-open" in text


def test_serve_listens_on_this_machine_and_answers_to_its_names(run, no_server):
    result = run("serve", "--port", "0", "--no-open")
    assert "serving http://127.0.0.1:" in result.output and "warning" not in result.output
    hosts = no_server["settings"].hosts
    port = re.search(r"127\.0\.0\.1:(\d+)/", result.output).group(1)
    assert set(hosts) == {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}


def test_serve_on_another_address_warns(run, no_server):
    result = run(
        "serve", "--port", "0", "--no-open", "--host", "0.0.0.0", "--allow-host", "cards.example.org"
    )
    assert "warning: listening on 0.0.0.0: other machines can reach this page" in result.output
    assert any(h.startswith("cards.example.org:") for h in no_server["settings"].hosts)


def test_a_port_in_use_is_a_usage_error(run):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        port = taken.getsockname()[1]
        result = run("serve", "--port", port, "--no-open", expect=2)
        assert f"cannot listen on 127.0.0.1 port {port}" in result.output and "--port" in result.output
    finally:
        taken.close()


def test_serve_checks_its_catalogue_files_first(run, no_server, tmp_path):
    bad = tmp_path / "club-extras.yaml"
    bad.write_bytes(BAD_CATALOGUE)
    result = run("serve", "--port", "0", "--no-open", "--catalogue", bad, expect=3)
    assert f"{bad}:4:11: exercises[0].kind (id calf-raise)" in result.output
    good = tmp_path / "club-extras.yaml"
    good.write_bytes(GOOD_CATALOGUE)
    run("serve", "--port", "0", "--no-open", "--catalogue", good)
    assert no_server["settings"].catalogues == {"club-extras.yaml": GOOD_CATALOGUE}
    run("serve", "--port", "0", "--no-open", "--catalogue", "-", expect=2)


def test_the_servers_own_catalogue_is_on_every_page(tmp_path):
    from web_helpers import client

    with client(workers=1, catalogues={"club-extras.yaml": GOOD_CATALOGUE}) as web:
        assert "My calves" in web.get("/routines").text
        assert web.post("/api/card", json={"target": "my-calves"}).status_code == 200
        assert web.get("/api/routines/my-calves").status_code == 200


@pytest.mark.unix
def test_ctrl_c_stops_the_server_and_removes_its_files(tmp_path):
    before = set(Path(tempfile.gettempdir()).glob("limber-serve-*"))
    process = subprocess.Popen(
        [sys.executable, "-m", "limber", "serve", "--port", "0", "--no-open"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        cwd=tmp_path,
    )
    try:
        url = re.search(r"serving (http://\S+/)", process.stderr.readline()).group(1)
        with urllib.request.urlopen(url + "api/routines", timeout=60) as answer:
            assert answer.status == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.stderr.close()
    time.sleep(0.2)
    assert set(Path(tempfile.gettempdir()).glob("limber-serve-*")) <= before
    assert list(tmp_path.iterdir()) == []  # nothing written where it was started
