"""Type that fills the card, backs with a hierarchy, and routine decks that agree with themselves,
asserted on the laid-out boxes."""

import pytest
from layout_checks import text_boxes

from limber.boxes import Qr, Rect, walk
from limber.catalogue.load import load_catalogue
from limber.fonts import BOLD
from limber.layout.card import CardContext, exercise_card, exercise_sizes, routine_card
from limber.layout.text import width
from limber.plan.deck import plan_deck
from limber.plan.timing import item_dose
from limber.products import DeckOptions, build_deck, build_deck_pages, card_context, resolve_targets
from limber.sizes import CARDS, card_size
from limber.theme import load_theme

CAT = load_catalogue()
ROLE_OF = {
    "steps": "steps",
    "cues and benefits": "cues",
    "name": "title",
    "areas": "chips",
    "qr caption": "small",
    "dose": "badge",
}


def sizes_by_field(face) -> dict[str, float]:
    """The size each field was set at (its first run's)."""
    return {box.field: box.runs[0].size for box, _, _ in text_boxes(face.items) if box.runs}


_DECKS: dict = {}


def deck_at(theme: str, size: str):
    """The whole catalogue (every routine with its exercise cards, then every exercise) as one deck."""
    if (theme, size) not in _DECKS:
        ctx = card_context(CAT, load_theme(theme), size, None)
        entries = plan_deck(CAT, order=list(CAT.routines.values()), everything=True)
        _DECKS[theme, size] = (ctx, build_deck(entries, ctx))
    return _DECKS[theme, size]


@pytest.fixture(scope="module")
def default_decks():
    return {size: deck_at("default", size) for size in CARDS}


EVERY = (
    [("default", size) for size in CARDS]
    + [("ink-saver", size) for size in CARDS]
    + [("large-print", "a6"), ("large-print", "a5")]
)


@pytest.mark.parametrize("theme, size", EVERY)
def test_every_built_in_card_prints_at_every_named_size_within_its_roles(theme, size):
    ctx, deck = deck_at(theme, size)
    assert len(deck.cards) == len(CAT.routines) + sum(len(r.items) for r in CAT.routines.values()) + len(
        CAT.exercises
    )
    for card in deck.cards:
        for face in (card.front, card.back):
            for field, pt in sizes_by_field(face).items():
                role = ROLE_OF.get(field)
                if role:
                    pref, low = ctx.role(role)
                    assert low - 1e-9 <= pt <= pref + 1e-9, (card.key, field, pt, low, pref)


@pytest.mark.parametrize("size", ["poker", "bridge", "a7", "index-3x5", "a6", "a5"])
def test_steps_and_cues_are_never_below_8_pt_on_poker_and_larger(default_decks, size):
    ctx, deck = default_decks[size]
    assert ctx.w * ctx.h >= 63.5 * 88.9 * 0.9
    for card in deck.cards:
        fields = {**sizes_by_field(card.front), **sizes_by_field(card.back)}
        for field in ("steps", "cues and benefits"):
            if field in fields:
                assert fields[field] >= 8.0, (size, card.key, field, fields[field])


def test_body_sizes_grow_from_poker_to_a6_to_a5(default_decks):
    shared = {
        size: (default_decks[size][1].steps, default_decks[size][1].cues) for size in ("poker", "a6", "a5")
    }
    assert shared["poker"][0] < shared["a6"][0] < shared["a5"][0]
    assert shared["poker"][1] < shared["a6"][1] < shared["a5"][1]
    assert shared["a6"][0] >= 12


@pytest.mark.parametrize("theme", ["default", "ink-saver"])
def test_one_deck_uses_one_body_size_except_the_cards_it_names(theme):
    ctx = card_context(CAT, load_theme(theme), "poker", None)
    deck = build_deck(plan_deck(CAT, everything=True), ctx)
    assert len(deck.smaller) <= len(deck.cards) // 10
    for card in deck.cards:
        steps = sizes_by_field(card.front)["steps"]
        cues = sizes_by_field(card.back)["cues and benefits"]
        if card.key in deck.smaller:
            assert steps < deck.steps or cues < deck.cues
        else:
            assert (steps, cues) == (deck.steps, deck.cues), card.key


@pytest.mark.parametrize(
    "theme, size",
    [
        ("default", "poker"),
        ("default", "credit"),
        ("ink-saver", "a7"),
        ("large-print", "a6"),
        ("default", "100x62"),
    ],
)
def test_measured_sizes_are_the_sizes_the_laid_out_card_sets(theme, size):
    """A deck chooses its shared sizes from ``exercise_sizes``, which skips the figure and the
    grown QR code: it must give exactly what laying the card out gives, routine items included."""
    ctx = card_context(CAT, load_theme(theme), size, None)
    entries = plan_deck(CAT, order=list(CAT.routines.values()), everything=True)
    for entry in entries:
        if entry.kind == "routine":
            continue
        args = (
            entry.item,
            entry.number,
            entry.dose,
            entry.note,
            entry.routine.title if entry.routine else None,
        )
        card = exercise_card(ctx, *args)
        laid_out = (sizes_by_field(card.front)["steps"], sizes_by_field(card.back)["cues and benefits"])
        assert exercise_sizes(ctx, *args) == laid_out, entry.item.id


@pytest.mark.parametrize("size", ["a6", "a5"])
def test_large_print_keeps_12_pt_on_its_cards(size):
    ctx = card_context(CAT, load_theme("large-print"), size, None)
    cards = [exercise_card(ctx, ex, (1, 2)) for ex in CAT.exercises.values()]
    cards += [routine_card(ctx, routine) for routine in CAT.routines.values()]
    for card in cards:
        assert min(r.size for b, _, _ in text_boxes(card.front.items + card.back.items) for r in b.runs) >= 12


def test_the_back_name_is_its_largest_text_and_the_band_is_slim():
    ctx = card_context(CAT, load_theme("default"), "poker", None)
    for ex in CAT.exercises.values():
        back = exercise_card(ctx, ex).back
        sizes = sizes_by_field(back)
        assert sizes["name"] > max(v for k, v in sizes.items() if k != "name"), ex.id
        band = [b for b, _, _ in walk(back.items) if isinstance(b, Rect) and b.fill not in (None, "#ffffff")]
        assert len(band) == 1 and band[0].h - ctx.bleed <= 5.0


def test_cues_are_bulleted_lists_with_clear_space_between_items():
    ctx = card_context(CAT, load_theme("default"), "poker", None)
    ex = CAT.exercises["back-twist"]
    [cues] = [
        b for b, _, _ in text_boxes(exercise_card(ctx, ex).back.items) if b.field == "cues and benefits"
    ]
    bullets = [r for r in cues.runs if r.text == "\u2022"]
    assert len(bullets) == len(ex.cues.do) + len(ex.cues.avoid) + len(ex.benefits)
    # Between items there is more space than between the wrapped lines of one item.
    lines = sorted({round(r.y, 3) for r in cues.runs}, reverse=True)
    steps = [a - b for a, b in zip(lines, lines[1:])]
    starts = sorted({round(r.y, 3) for r in bullets}, reverse=True)
    wrapped = [a - b for a, b in zip(lines, lines[1:]) if b not in starts]
    between = [a - b for a, b in zip(lines, lines[1:]) if b in starts]
    assert wrapped and between and min(between) >= max(wrapped) + 0.6, (steps, starts)


def test_qr_codes_have_modules_of_half_a_millimetre_and_sit_beside_their_caption():
    ctx = card_context(CAT, load_theme("default"), "poker", None)
    for ex in list(CAT.exercises.values())[:8]:
        back = exercise_card(ctx, ex).back
        [qr] = [b for b, _, _ in walk(back.items) if isinstance(b, Qr)]
        [caption] = [b for b, _, _ in text_boxes(back.items) if b.field == "qr caption"]
        assert qr.module >= 0.5
        dark_right = qr.x + qr.size - qr.quiet * qr.module
        assert 0 < caption.x - dark_right <= 3.0
        assert caption.y <= qr.y + qr.size and caption.y + caption.h >= qr.y


def test_a_long_name_wraps_to_two_lines_before_it_shrinks(write_yaml):
    from conftest import exercise_yaml

    name = "Étirement des ischio-jambiers assis au sol"  # 45 characters
    assert len(name) >= 42
    path = write_yaml("fr.yaml", "exercises:" + exercise_yaml(name=name))
    cat = load_catalogue([path])
    ctx = CardContext(cat, load_theme("default"), *card_size("poker"), 3)
    card = exercise_card(ctx, cat.exercises["calf-wall-stretch"])
    for face in (card.front, card.back):
        [title] = [b for b, _, _ in text_boxes(face.items) if b.field == "name"]
        [size] = {r.size for r in title.runs}
        assert len(title.runs) == 2 and size >= ctx.role("title")[0] - 0.5
        assert width(name, BOLD, size) > title.w, "it wraps instead of shrinking to one line"


def _deck(targets, **options):
    cat, found = resolve_targets(CAT, targets, [])
    return build_deck_pages(cat, found, DeckOptions(**options))


def _fields(face) -> dict[str, str]:
    return {b.field: " ".join(r.text for r in b.runs) for b, _, _ in text_boxes(face.items)}


@pytest.mark.parametrize("routine_id", list(CAT.routines))
def test_exercise_cards_in_a_routine_deck_carry_the_routines_doses_notes_and_numbers(routine_id):
    routine = CAT.routines[routine_id]
    deck = _deck([routine_id], size="a6")  # a6: every routine's checklist fits the front
    routine_card_, *cards = list(deck.cards())
    rows = {b.field: " ".join(r.text for r in b.runs) for b, _, _ in text_boxes(routine_card_.front.items)}
    assert len(cards) == len(routine.items)
    total = len(routine.items)
    for index, (item, card) in enumerate(zip(routine.items, cards)):
        front, back = _fields(card.front), _fields(card.back)
        dose = CAT.exercises[item.exercise].dose_label(item_dose(CAT, routine, index))
        assert card.key == item.exercise
        assert front["dose"] == dose == rows[f"items[{index}] dose"]
        assert rows[f"items[{index}] name"] == f"{index + 1}. {CAT.exercises[item.exercise].name}"
        assert front["kind"].startswith(f"{index + 1} of {total} | ")
        assert f"Card {index + 1} of {total} of {routine.title}" in back["qr caption"]
        if item.note:
            assert item.note in front.get("note", "") or item.note in front["steps"]


def test_the_post_run_stretches_deck_no_longer_mixes_doses():
    """The routine card and every exercise card of a routine print the same hold."""
    routine = CAT.routines["post-run-stretches"]
    deck = _deck(["post-run-stretches"])
    routine_card_, *cards = list(deck.cards())
    routine_doses = [v for k, v in _fields(routine_card_.front).items() if k.endswith(" dose")]
    assert routine_doses == [_fields(c.front)["dose"] for c in cards]
    assert len(cards) == len(routine.items)


def test_ink_saver_fronts_carry_a_hairline_trim_outline():
    ctx = card_context(CAT, load_theme("ink-saver"), "poker", None)
    cards = [
        exercise_card(ctx, CAT.exercises["ankle-bounce"]),
        routine_card(ctx, CAT.routines["low-back-release"]),
    ]
    for card in cards:
        outline = [
            b
            for b, _, _ in walk(card.front.items)
            if isinstance(b, Rect)
            and b.stroke
            and not b.fill
            and (b.x, b.y) == (0, 0)
            and (b.w, b.h) == pytest.approx((ctx.w, ctx.h))
        ]
        assert len(outline) == 1 and outline[0].width <= 0.3
    default = card_context(CAT, load_theme("default"), "poker", None)
    card = exercise_card(default, CAT.exercises["ankle-bounce"])
    assert not [b for b, _, _ in walk(card.front.items) if isinstance(b, Rect) and (b.x, b.y) == (0, 0)]


def test_the_summary_line_says_cards_per_sheet_and_the_shared_sizes(run, tmp_path):
    out = tmp_path / "deck.pdf"
    output = run("deck", "post-run-stretches", "-o", out, "--sheet", "letter").output
    deck = _deck(["post-run-stretches"], sheet="letter")
    assert output == (
        f"wrote {out}: 5 cards on 2 pages, {deck.per_sheet} per Letter sheet; "
        f"steps {deck.sizes.steps:g} pt, cues {deck.sizes.cues:g} pt\n"
    )
    first = next(deck.pages())
    grid = first.extra["grid"]
    assert deck.per_sheet == grid.cols * grid.rows and len(first.bookmarks) == min(5, deck.per_sheet)
