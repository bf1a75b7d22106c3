"""The web face through Starlette's test client: every endpoint of the JSON API and of the page,
with the same answers as the command line and the same error classes as its exit statuses."""

from __future__ import annotations

import io
import re
import zipfile

import pypdfium2
import pytest
from web_helpers import BAD_CATALOGUE, EXAMPLES, GOOD_CATALOGUE, client, csrf

from limber.api import exercise_view, filter_exercises, load_catalogue

MM = 72 / 25.4


@pytest.fixture(scope="module")
def web():
    with client() as test_client:
        yield test_client


def pdf_pages(data: bytes) -> list[tuple[float, float, str]]:
    """(width mm, height mm, text) of each page."""
    document = pypdfium2.PdfDocument(data)
    try:
        out = []
        for page in document:
            w, h = page.get_size()
            out.append((w / MM, h / MM, page.get_textpage().get_text_range()))
        return out
    finally:
        document.close()


# --- browsing ---------------------------------------------------------------------------


def test_the_exercises_are_the_catalogues(web):
    found = web.get("/api/exercises").json()
    catalogue = load_catalogue()
    assert [ex["id"] for ex in found] == list(catalogue.exercises)
    assert found[0] == exercise_view(catalogue, next(iter(catalogue.exercises.values())))


def test_exercises_filter_by_phase_area_level_kind_and_equipment(web):
    catalogue = load_catalogue()
    found = web.get("/api/exercises", params={"phase": "warm-up", "equipment": ["none"]}).json()
    expected = filter_exercises(catalogue, phase="warm-up", equipment=["none"])
    assert [ex["id"] for ex in found] == [ex.id for ex in expected] and found
    assert all(not ex["equipment"] for ex in found)
    walls = web.get("/api/exercises", params={"equipment": ["wall"]}).json()
    assert {tuple(ex["equipment"]) for ex in walls} <= {(), ("wall",)} and len(walls) > len(found) / 2
    hips = web.get("/api/exercises", params={"area": "hips", "level": "basic", "kind": "stretch"}).json()
    assert hips and all("hips" in ex["areas"] and ex["kind"] == "stretch" for ex in hips)


def test_an_unknown_filter_name_is_422_with_the_closest_names(web):
    answer = web.get("/api/exercises", params={"area": "hipz"})
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "unknown" and body["status"] == 422
    assert "unknown area 'hipz' (did you mean hips?)" in body["message"]


def test_one_exercise_or_routine_by_id_and_404_for_none(web):
    assert web.get("/api/exercises/walking-knee-hug").json()["name"] == "Walking knee hug"
    routine = web.get("/api/routines/post-run-stretches").json()
    assert routine["title"] == "Post-run stretches" and routine["duration_s"] > 60
    assert all({"name", "dose_label", "duration_s"} <= set(item) for item in routine["items"])
    for path in ("/api/exercises/nope", "/api/routines/nope"):
        answer = web.get(path)
        assert answer.status_code == 404 and answer.json()["error"] == "not-found"


def test_routines_filter_by_phase(web):
    every = web.get("/api/routines").json()
    warm = web.get("/api/routines", params={"phase": "warm-up"}).json()
    assert len(every) == len(load_catalogue().routines) and warm
    assert all(r["phase"] == "warm-up" for r in warm) and len(warm) < len(every)


def test_the_options_name_every_choice(web):
    found = web.get("/api/options").json()
    assert "large-print" in found["themes"] and "hips" in found["areas"] and "a3" in found["poster_papers"]


# --- building ---------------------------------------------------------------------------


def test_build_gives_the_routine_its_file_and_its_duration(web):
    answer = web.post("/api/build", json={"minutes": 5, "phase": "post-run", "focus": ["hips"]})
    assert answer.status_code == 200, answer.text
    built = answer.json()
    assert 270 <= built["seconds"] <= 330
    assert built["yaml"].startswith(
        "# Built by limber: limber build --minutes 5 --phase post-run --focus hips"
    )
    assert built["routine"]["duration_s"] == built["seconds"] and built["routine"]["warnings"] == []
    again = web.post("/api/build", json={"minutes": 5, "phase": "post-run", "focus": ["hips"]}).json()
    assert again == built  # the same request always gives the same routine


@pytest.mark.parametrize(
    "request_body, status, error, words",
    [
        ({"minutes": "five", "phase": "post-run"}, 400, "usage", "minutes: expected a number from 1 to 120"),
        ({"minutes": 500, "phase": "post-run"}, 400, "usage", "found 500"),
        ({"minutes": "nan", "phase": "post-run"}, 400, "usage", "found nan"),
        ({"minutes": 5}, 400, "usage", "phase"),
        ({"minutes": 5, "phase": "cool-down"}, 422, "unknown", "unknown phase 'cool-down'"),
        ({"minutes": 5, "phase": "post-run", "exclude": ["nope"]}, 422, "unknown", "no exercise has the id"),
        (
            {"minutes": 1, "phase": "warm-up", "focus": ["hips", "calves", "spine", "neck"]},
            422,
            "unknown",
            "fits this request",
        ),
        ({"minutes": 5, "phase": "post-run", "title": "\x1b[31m"}, 400, "usage", "the title"),
    ],
)
def test_a_request_that_cannot_be_built_says_why(web, request_body, status, error, words):
    answer = web.post("/api/build", json=request_body)
    assert answer.status_code == status, answer.text
    assert answer.json()["error"] == error and words in answer.json()["message"]


def test_build_takes_a_catalogue_file_too(web):
    answer = web.post(
        "/api/build",
        data={"minutes": "3", "phase": "anytime", "focus": "calves", "level": "basic", "equipment": "none"},
        files={"catalogue": ("mine.yaml", GOOD_CATALOGUE)},
    )
    assert answer.status_code == 200, answer.text
    assert "--catalogue mine.yaml" in answer.json()["yaml"]


# --- validation -------------------------------------------------------------------------


def test_validate_reports_file_line_and_field_as_validate_json_does(web):
    answer = web.post("/api/validate", files={"catalogue": ("mine.yaml", BAD_CATALOGUE)})
    assert answer.status_code == 422
    body = answer.json()
    assert body["ok"] is False and body["error"] == "data" and body["status"] == 422
    [problem] = [p for p in body["problems"] if "kind" in p["field"]]
    assert problem["file"] == "mine.yaml" and problem["line"] == 4 and problem["column"] == 11
    assert problem["field"] == "exercises[0].kind (id calf-raise)" and "yoga" in problem["message"]
    good = web.post("/api/validate", files={"catalogue": ("mine.yaml", GOOD_CATALOGUE)})
    assert good.status_code == 200 and good.json()["ok"] is True
    assert good.json()["summary"]["exercises"] == len(load_catalogue().exercises) + 1


def test_validate_needs_a_file(web):
    answer = web.post("/api/validate", data={"strict": "1"})
    assert answer.status_code == 400 and answer.json()["error"] == "usage"


# --- printing ---------------------------------------------------------------------------


def test_an_a3_poster_of_the_post_run_stretches(web):
    answer = web.post("/api/poster", json={"target": ["post-run-stretches"], "paper": "a3"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert 'filename="post-run-stretches-poster.pdf"' in answer.headers["content-disposition"]
    [(w, h, text)] = pdf_pages(answer.content)
    assert (round(w), round(h)) in ((297, 420), (420, 297))
    routine = load_catalogue().routines["post-run-stretches"]
    names = [load_catalogue().exercises[item.exercise].name for item in routine.items]
    flat = " ".join(text.split())
    assert all(name in flat for name in names)


def test_a_poster_that_does_not_fit_is_409_with_the_message_of_the_command_line(web, run, tmp_path):
    answer = web.post("/api/poster", json={"target": "post-run-mobility", "paper": "a4"})
    assert answer.status_code == 409
    body = answer.json()
    assert body["error"] == "fit" and body["status"] == 409
    cli = run("poster", "post-run-mobility", "--paper", "a4", "-o", tmp_path / "x.pdf", expect=4)
    assert body["message"] in cli.output


def test_a_card_a_deck_and_a_tiled_poster(web):
    card = web.post("/api/card", json={"target": "walking-knee-hug", "size": "a6"})
    assert card.status_code == 200
    assert [(round(w), round(h)) for w, h, _ in pdf_pages(card.content)] == [(111, 154)] * 2  # A6 and bleed
    deck = web.post("/api/deck", json={"target": "post-run-stretches", "sheet": "letter", "copies": 2})
    assert deck.status_code == 200
    pages = pdf_pages(deck.content)
    assert pages and all((round(w), round(h)) in ((216, 279), (279, 216)) for w, h, _ in pages)
    tiled = web.post("/api/poster", json={"target": "post-run-stretches", "paper": "a1", "tile": "a4"})
    assert tiled.status_code == 200 and len(pdf_pages(tiled.content)) > 4


@pytest.mark.parametrize(
    "product, request_body, status, error",
    [
        ("card", {"target": ["walking-knee-hug", "ankle-bounce"]}, 400, "usage"),
        ("card", {}, 400, "usage"),
        ("card", {"target": "nope"}, 422, "unknown"),
        ("card", {"target": "walking-knee-hug", "size": "huge"}, 422, "unknown"),
        ("card", {"target": "walking-knee-hug", "theme": "../../etc/passwd"}, 422, "unknown"),
        ("deck", {"target": "walking-knee-hug", "copies": 0}, 400, "usage"),
        ("deck", {"target": "walking-knee-hug", "offset": "50,0"}, 400, "usage"),
        ("deck", {"target": "walking-knee-hug", "duplex": "sideways"}, 422, "unknown"),
        ("poster", {"target": ["post-run-stretches", "ankle-bounce"]}, 422, "unknown"),
        ("poster", {"target": "post-run-stretches", "distance": "inf"}, 400, "usage"),
        ("poster", {"target": "post-run-stretches", "tile": "a0"}, 422, "unknown"),
        ("leaflet", {"target": "post-run-stretches"}, 404, "not-found"),
    ],
)
def test_bad_print_requests_get_the_status_of_their_class(web, product, request_body, status, error):
    answer = web.post(f"/api/{product}", json=request_body)
    assert answer.status_code == status, answer.text
    assert answer.json()["error"] == error and answer.json()["status"] == status


def test_a_preview_gives_png_pages_and_the_pdf(web):
    answer = web.post("/api/preview/card", json={"target": "post-run-stretches"})
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found["pages"] == 2 and len(found["images"]) == 2 and found["summary"].startswith("2 pages, card")
    image = web.get(found["images"][0])
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    pdf = web.get(found["pdf"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert web.get(found["pdf"].replace(found["pdf"].split("/")[2], "x" * 24)).status_code == 404


def test_a_catalogue_file_adds_routines_to_print(web):
    answer = web.post(
        "/api/card", data={"target": "my-calves"}, files={"catalogue": ("mine.yaml", GOOD_CATALOGUE)}
    )
    assert answer.status_code == 200, answer.text
    assert "My calves" in pdf_pages(answer.content)[0][2]
    refused = web.post(
        "/api/card", data={"target": "my-calves"}, files={"catalogue": ("mine.yaml", BAD_CATALOGUE)}
    )
    assert refused.status_code == 422
    assert any(p["file"] == "mine.yaml" and p["line"] == 4 for p in refused.json()["problems"])


def test_routine_warnings_come_with_the_render_and_strict_makes_them_errors(web):
    lopsided = (
        b"routines:\n  - id: lopsided\n    title: Lopsided\n    phase: post-run\n"
        b"    summary: One half of a pair.\n    items:\n      - exercise: hamstring-calf-stretch\n"
    )
    answer = web.post(
        "/api/preview/card", data={"target": "lopsided"}, files={"catalogue": ("l.yaml", lopsided)}
    )
    assert answer.status_code == 200, answer.text
    [warning] = answer.json()["warnings"]
    assert warning["check"] == "balance" and warning["file"] == "l.yaml" and warning["line"]
    strict = web.post(
        "/api/card", data={"target": "lopsided", "strict": "on"}, files={"catalogue": ("l.yaml", lopsided)}
    )
    assert strict.status_code == 422 and strict.json()["problems"][0]["file"] == "l.yaml"


# --- club decks -------------------------------------------------------------------------

ROSTER = (
    "name,group,routines,minutes,focus,level,phase,equipment\n"
    "Ana López,Group A,post-run-mobility,,,,,\n"
    "Ben Okafor,Group A,nope-routine,,,,,\n"
    "Chloé Martin,Group B,,5,hips,,post-run,\n"
    "Dev Patel,Group B,easy-hips.yaml,,,,,\n"
)


def club_files(roster: str = ROSTER):
    return [
        ("roster", ("roster.csv", roster.encode())),
        ("club", ("club.yaml", (EXAMPLES / "club.yaml").read_bytes())),
        ("logo", ("club-logo.svg", (EXAMPLES / "club-logo.svg").read_bytes())),
        ("routine", ("easy-hips.yaml", (EXAMPLES / "easy-hips.yaml").read_bytes())),
    ]


def test_the_club_api_zips_every_member_and_names_the_refused_rows(web):
    answer = web.post("/api/club", files=club_files(), data={"sheet": "letter"})
    assert answer.status_code == 200, answer.text[:500]
    assert answer.headers["x-limber-members"] == "3" and answer.headers["x-limber-refused"] == "1"
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    names = sorted(archive.namelist())
    assert names == [
        "club/all-members.pdf",
        "club/ana-lopez.pdf",
        "club/chloe-martin.pdf",
        "club/dev-patel.pdf",
        "club/refused.json",
    ]
    assert "Riverside Runners" in pdf_pages(archive.read("club/all-members.pdf"))[0][2]
    assert b'"line": 3' in archive.read("club/refused.json")


def test_a_club_run_with_no_printable_member_is_422(web):
    answer = web.post("/api/club", files=[("roster", ("r.csv", b"name,routines\nAna,nope\n"))])
    assert answer.status_code == 422
    [problem] = answer.json()["problems"]
    assert problem["file"] == "r.csv" and problem["line"] == 2 and problem["field"] == "routines"


# --- the page ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, words",
    [
        ("/", "Warm-ups and stretches"),
        ("/routines", "Post-run stretches"),
        ("/routines?phase=warm-up", "Full warm-up and stretch"),
        ("/exercises", "Walking knee hug"),
        ("/exercises?area=calves&equipment=none", "Hamstring and calf stretch"),
        ("/exercises/walking-knee-hug", "Pull the knee up"),
        ("/build", "Focus areas"),
        ("/make?target=post-run-stretches&product=poster", "Post-run stretches"),
        ("/files", "Your files"),
        ("/club", "Roster"),
        ("/api", "/api/openapi.json"),
    ],
)
def test_every_page_opens(web, path, words):
    answer = web.get(path)
    assert answer.status_code == 200 and words in answer.text
    assert answer.headers["content-security-policy"].startswith("default-src 'none'")
    for control in re.findall(r"<(?:input|select)[^>]*>", answer.text):
        if 'type="hidden"' in control or 'type="radio"' in control or 'type="checkbox"' in control:
            continue
        ident = re.search(r'id="([^"]+)"', control)
        assert ident and f'for="{ident.group(1)}"' in answer.text, control  # every control has a label


def test_unknown_pages_and_filters(web):
    assert web.get("/nope").status_code == 404
    assert web.get("/exercises/nope").status_code == 404
    answer = web.get("/exercises?area=hipz")
    assert answer.status_code == 422 and "did you mean hips?" in answer.text


def test_the_figures_fonts_and_styles_are_served(web):
    figure = web.get("/figures/walking-knee-hug.png")
    assert figure.status_code == 200 and figure.content.startswith(b"\x89PNG")
    assert web.get("/figures/nope.png").status_code == 404
    font = web.get("/static/AtkinsonHyperlegible-Regular.ttf")
    assert font.status_code == 200 and font.headers["content-type"] == "font/ttf"
    theme = web.get("/static/theme.css").text
    assert "--ink: #1b2230;" in theme and "--kind-stretch: #1d6b5f;" in theme  # templates/default.yaml
    assert web.get("/static/htmx.min.js").text.startswith("var htmx")
    assert web.get("/static/..%2f..%2fpyproject.toml").status_code == 404


def test_a_preview_without_javascript_is_the_whole_page(web):
    token = csrf(web)
    fields = {
        "csrf": token,
        "target": "post-run-stretches",
        "product": "poster",
        "paper": "a3",
        "tile": "none",
    }
    answer = web.post("/make", data=fields)
    assert answer.status_code == 200, answer.text[-2000:]
    assert "<html" in answer.text and "Download PDF" in answer.text
    images = re.findall(r'<img class="preview" src="([^"]+)"', answer.text)
    assert len(images) == 1 and web.get(images[0]).content.startswith(b"\x89PNG")
    link = re.search(r'href="(/results/[^"]+\.pdf)"', answer.text).group(1)
    assert web.get(link).content.startswith(b"%PDF-")


def test_a_preview_through_htmx_is_only_the_result(web):
    token = csrf(web)
    fields = {"target": "walking-knee-hug", "product": "card", "theme": "ink-saver"}
    answer = web.post("/make", data=fields, headers={"HX-Request": "true", "X-CSRF-Token": token})
    assert answer.status_code == 200 and "<html" not in answer.text
    assert answer.text.count('class="preview"') == 2


def test_the_page_shows_a_poster_that_does_not_fit_cleanly(web):
    token = csrf(web)
    fields = {"csrf": token, "target": "post-run-mobility", "product": "poster", "paper": "a4"}
    answer = web.post("/make", data=fields, headers={"HX-Request": "true"})
    assert answer.status_code == 409
    assert "Does not fit" in answer.text and "needs A2 at 2 m" in answer.text
    assert "Traceback" not in answer.text


def test_download_pdf_without_a_preview(web):
    token = csrf(web)
    fields = {
        "csrf": token,
        "target": "post-run-stretches",
        "product": "deck",
        "sheet": "a4",
        "duplex": "long",
    }
    answer = web.post("/make/pdf", data=fields)
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF-")
    assert "attachment" in answer.headers["content-disposition"]


def test_build_on_the_page_then_download_and_keep_it(web):
    token = csrf(web)
    fields = {"csrf": token, "minutes": "6", "phase": "warm-up", "focus": ["hips"], "level": "basic"}
    shown = web.post("/build", data=fields)
    assert shown.status_code == 200 and "Checks passed" in shown.text and "6-min warm-up" in shown.text
    yaml_file = web.post("/build/routine.yaml", data=fields)
    assert yaml_file.status_code == 200 and yaml_file.text.startswith("# Built by limber")
    assert 'filename="6-min-warm-up-hips.yaml"' in yaml_file.headers["content-disposition"]
    kept = web.post("/build/keep", data=fields, follow_redirects=False)
    assert kept.status_code == 303 and kept.headers["location"] == "/make?target=6-min-warm-up-hips"
    page = web.get(kept.headers["location"])
    assert 'value="6-min-warm-up-hips" selected' in page.text
    files = web.get("/files").text
    assert "6-min-warm-up-hips.yaml" in files
    web.post("/files/remove", data={"csrf": token, "name": "6-min-warm-up-hips.yaml"})
    assert "6-min-warm-up-hips.yaml" not in web.get("/files").text


def test_an_upload_with_a_mistake_shows_file_line_and_field(web):
    token = csrf(web)
    answer = web.post("/files", data={"csrf": token}, files={"catalogue": ("mine.yaml", BAD_CATALOGUE)})
    assert answer.status_code == 422
    assert '<code class="where">mine.yaml:4:11:</code>' in answer.text
    assert "exercises[0].kind (id calf-raise)" in answer.text and "nothing was added" in answer.text


def test_an_uploaded_catalogue_joins_every_page_for_this_browser_only(web):
    token = csrf(web)
    answer = web.post(
        "/files", data={"csrf": token}, files={"catalogue": ("../../mine.yaml", GOOD_CATALOGUE)}
    )
    assert answer.status_code == 200 and "Added" in answer.text and "<code>mine.yaml</code>" in answer.text
    assert "My calves" in web.get("/routines").text
    assert "Calf raise" in web.get("/exercises").text
    assert web.get("/figures/calf-raise.png").content.startswith(b"\x89PNG")  # a placeholder figure
    fields = {"csrf": token, "target": "my-calves", "product": "card"}
    assert web.post("/make", data=fields).status_code == 200
    with client_of_another_browser(web) as other:
        assert "My calves" not in other.get("/routines").text
    web.post("/files/remove", data={"csrf": token, "name": "mine.yaml"})
    assert "My calves" not in web.get("/routines").text


class client_of_another_browser:
    """The same app, with no cookies."""

    def __init__(self, web):
        self.web = web
        self.saved = dict(web.cookies)

    def __enter__(self):
        self.web.cookies.clear()
        return self.web

    def __exit__(self, *exc):
        self.web.cookies.clear()
        for key, value in self.saved.items():
            self.web.cookies.set(key, value)


def test_a_club_run_on_the_page_shows_progress_refused_rows_and_the_zip(web):
    import time

    token = csrf(web)
    answer = web.post(
        "/club", data={"csrf": token, "sheet": "a4"}, files=club_files(), follow_redirects=False
    )
    assert answer.status_code == 303, answer.text[-1500:]
    where = answer.headers["location"]
    deadline = time.monotonic() + 120
    while True:
        page = web.get(where)
        if "Done:" in page.text or "alert" in page.text or time.monotonic() > deadline:
            break
        assert "<progress" in page.text and 'http-equiv="refresh"' in page.text  # works without JavaScript
        time.sleep(0.3)
    assert "Done: 3 members" in page.text, page.text[-2000:]
    assert "nope-routine" in page.text and "roster.csv:3" in page.text
    archive = zipfile.ZipFile(io.BytesIO(web.get(f"{where}/club-decks.zip").content))
    assert "club/all-members.pdf" in archive.namelist()
    assert web.get("/club/nope").status_code == 404


def test_the_openapi_description_covers_every_endpoint(web):
    from limber.web.api import routes

    doc = web.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    documented = set(doc["paths"])
    served = {route.path for route in routes}
    expanded = {p.replace("{product}", x) for p in served for x in ("card", "deck", "poster")}
    assert documented == expanded
    for path, methods in doc["paths"].items():
        for method, operation in methods.items():
            assert operation["summary"] and "200" in operation["responses"], (path, method)
            if method == "get" and "{" not in path:
                assert web.get(path).status_code == 200, path
    statuses = {
        code for methods in doc["paths"].values() for op in methods.values() for code in op["responses"]
    }
    assert {"400", "404", "409", "413", "421", "422", "503"} <= statuses
