"""The page in a real browser: headless Chromium driven by Selenium against ``limber serve``.

Picks a routine, asks for an A3 poster, waits for its preview, downloads the PDF and checks
its page size and text; sends a catalogue with a mistake and sees the file:line message; runs
a three-member club and downloads the zip; reaches Preview with the keyboard alone. Saves
screenshots of the main screens into ``$LIMBER_SCREENSHOTS`` (default: the test's tmp_path).

Runs wherever ``chromium`` and ``chromedriver`` are installed (Debian: ``apt-get install
chromium chromium-driver``), and is skipped, saying so, elsewhere.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pypdfium2
import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
)

pytestmark = [
    pytest.mark.skipif(
        not (CHROMIUM and DRIVER),
        reason="no browser: install chromium and chromium-driver (Debian) to run the browser tests",
    ),
    pytest.mark.unix,
]
selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install -e '.[test]')")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ready  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

BAD = (
    "exercises:\n"
    "  - id: calf-raise\n"
    "    name: Calf raise\n"
    "    kind: yoga\n"
    "    phases: [anytime]\n"
    "    areas: [calves]\n"
    "    benefits: [Builds calf strength]\n"
    "    steps: [Rise onto your toes, Lower slowly]\n"
    "    cues: {do: [Move slowly]}\n"
    "    dose: {reps: 12}\n"
)
ROSTER = (
    "name,group,routines,minutes,focus,level,phase,equipment\n"
    "Ana López,Group A (5:00/km),post-run-mobility,,,,,\n"
    "Chloé Martin,Group B (5:30/km),,5,hips,,post-run,\n"
    "Dev Patel,Group B (5:30/km),easy-hips.yaml,,,,,\n"
    "Eve,Walkers,no-such-routine,,,,,\n"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``limber serve`` on a free port, as a user starts it; its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "limber", "serve", "--port", "0", "--no-open"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        cwd=tmp_path_factory.mktemp("serve"),
    )
    assert process.stderr is not None
    line = process.stderr.readline()
    found = re.search(r"serving (http://\S+/)", line)
    assert found, line
    yield found.group(1)
    process.terminate()
    try:
        process.wait(20)
    finally:
        if process.poll() is None:
            process.kill()
    process.stderr.close()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    chosen = os.environ.get("LIMBER_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser(tmp_path_factory, downloads):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        },
    )
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    yield driver
    driver.quit()


def wait(driver, seconds: float = 30) -> WebDriverWait:
    return WebDriverWait(driver, seconds)


def downloaded(folder: Path, suffix: str, seconds: float = 30) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [p for p in folder.iterdir() if p.suffix == suffix]
        if found and not list(folder.glob("*.crdownload")):
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} file was downloaded: {list(folder.iterdir())}")


def shoot(driver, shots: Path, name: str) -> None:
    """A screenshot of the whole page (the window grown to its height)."""
    width = driver.get_window_size()["width"]
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(height, 700), 4000))
    loaded = "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"
    try:
        wait(driver, 10).until(lambda d: d.execute_script(loaded))
    except Exception:  # a screenshot is for looking at: take it even if an image is late
        pass
    driver.save_screenshot(str(shots / f"{name}.png"))


def test_pick_a_routine_preview_an_a3_poster_and_download_it(server, browser, downloads, shots):
    from limber.api import load_catalogue

    browser.set_window_size(1280, 1000)
    browser.get(server)
    shoot(browser, shots, "home")
    browser.set_window_size(1280, 1000)
    browser.find_element(By.LINK_TEXT, "Routines").click()
    card = browser.find_element(By.XPATH, "//article[.//h2[normalize-space()='Post-run stretches']]")
    card.find_element(By.LINK_TEXT, "Poster").click()
    assert Select(browser.find_element(By.ID, "m-paper")).first_selected_option.text == "A3"
    browser.find_element(By.XPATH, "//button[normalize-space()='Preview']").click()
    image = wait(browser).until(ready.visibility_of_element_located((By.CSS_SELECTOR, "img.preview")))
    wait(browser).until(lambda d: d.execute_script("return arguments[0].naturalWidth", image) > 300)
    summary = browser.find_element(By.CLASS_NAME, "summary-line").text
    assert "poster 297 x 420 mm" in summary or "poster 420 x 297 mm" in summary
    shoot(browser, shots, "poster-preview")
    browser.set_window_size(1280, 1000)
    browser.find_element(By.ID, "download").click()
    pdf = downloaded(downloads, ".pdf")
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        assert len(document) == 1
        w, h = document[0].get_size()
        assert sorted((round(w * 25.4 / 72), round(h * 25.4 / 72))) == [297, 420]  # A3, either way up
        text = " ".join(document[0].get_textpage().get_text_range().split())
    finally:
        document.close()
    catalogue = load_catalogue()
    routine = catalogue.routines["post-run-stretches"]
    for item in routine.items:
        assert catalogue.exercises[item.exercise].name in text


def test_a_poster_that_does_not_fit_shows_its_message(server, browser):
    browser.get(server + "make?target=post-run-mobility&product=poster")
    Select(browser.find_element(By.ID, "m-paper")).select_by_value("a4")
    browser.find_element(By.XPATH, "//button[normalize-space()='Preview']").click()
    alert = wait(browser).until(ready.visibility_of_element_located((By.CSS_SELECTOR, ".alert-fit")))
    assert "Does not fit" in alert.text and "needs A2" in alert.text


def test_the_keyboard_alone_reaches_preview(server, browser):
    browser.get(server + "make?target=walking-knee-hug&product=card")
    browser.find_element(By.ID, "m-target").click()
    for _ in range(40):
        active = browser.switch_to.active_element
        if active.text == "Preview":
            break
        active.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.text == "Preview"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait(browser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "img.preview")) == 2)


def test_an_upload_with_a_mistake_shows_its_file_and_line(server, browser, tmp_path, shots):
    mine = tmp_path / "mine.yaml"
    mine.write_text(BAD, encoding="utf-8")
    browser.get(server + "files")
    browser.find_element(By.ID, "u-file").send_keys(str(mine))
    browser.find_element(By.XPATH, "//button[normalize-space()='Check and add']").click()
    alert = wait(browser).until(ready.visibility_of_element_located((By.CSS_SELECTOR, ".alert")))
    assert "mine.yaml:4:11:" in alert.text and "exercises[0].kind (id calf-raise)" in alert.text
    shoot(browser, shots, "upload-mistake")
    browser.set_window_size(1280, 1000)


def test_build_a_routine(server, browser, shots):
    browser.get(server + "build")
    minutes = browser.find_element(By.ID, "b-minutes")
    minutes.clear()
    minutes.send_keys("8")
    browser.find_element(By.CSS_SELECTOR, "input[name=focus][value=hips]").click()
    browser.find_element(By.XPATH, "//button[normalize-space()='Build']").click()
    wait(browser).until(ready.visibility_of_element_located((By.CSS_SELECTOR, "#built table")))
    assert "Checks passed" in browser.find_element(By.ID, "built").text
    shoot(browser, shots, "build")
    browser.set_window_size(1280, 1000)


def test_a_three_member_club_and_its_zip(server, browser, downloads, tmp_path, shots):
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    browser.get(server + "club")
    browser.find_element(By.ID, "c-roster").send_keys(str(roster))
    browser.find_element(By.ID, "c-club").send_keys(str(EXAMPLES / "club.yaml"))
    browser.find_element(By.ID, "c-logo").send_keys(str(EXAMPLES / "club-logo.svg"))
    browser.find_element(By.ID, "c-routines").send_keys(str(EXAMPLES / "easy-hips.yaml"))
    browser.find_element(By.XPATH, "//button[normalize-space()='Make the decks']").click()
    wait(browser, 120).until(ready.visibility_of_element_located((By.ID, "club-zip")))
    status = browser.find_element(By.ID, "club-status").text
    assert "Done: 3 members" in status and "no-such-routine" in status
    shoot(browser, shots, "club-done")
    browser.set_window_size(1280, 1000)
    browser.find_element(By.ID, "club-zip").click()
    archive = zipfile.ZipFile(downloaded(downloads, ".zip", 60))
    assert sorted(n.split("/")[-1] for n in archive.namelist()) == [
        "all-members.pdf",
        "ana-lopez.pdf",
        "chloe-martin.pdf",
        "dev-patel.pdf",
        "refused.json",
    ]


def test_screens_on_a_phone(server, browser, shots):
    browser.set_window_size(390, 844)
    try:
        browser.get(server + "exercises")
        shoot(browser, shots, "phone-exercises")
        browser.set_window_size(390, 844)
        browser.get(server + "make?target=post-run-stretches&product=poster")
        browser.find_element(By.XPATH, "//button[normalize-space()='Preview']").click()
        wait(browser).until(ready.visibility_of_element_located((By.CSS_SELECTOR, "img.preview")))
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390  # nothing runs off the side of a phone's screen
        shoot(browser, shots, "phone-poster")
    finally:
        browser.set_window_size(1280, 1000)
