"""The commands that write PDFs of the catalogue: ``card``, ``deck``, ``poster``, ``calibrate``,
``gallery``, and ``preview``, which renders a PDF's pages to PNG images.

Takes: exercise and routine ids or routine files, sizes, paper, theme and the output path
from the command line. Gives: the PDF (or PNG) files, written whole or not at all and never
over one of the command's inputs (``write.check_target``), and a one-line summary of what
was written. The layout and rendering modules (reportlab, qrcode) are imported inside each
command.
"""

from __future__ import annotations

import click

from ..bounds import POSTER_DISTANCES
from ..words import count
from . import complete
from .common import check_routines, echo, files_of, input_files, read_catalogue, routines_of, wrote
from .options import (
    Names,
    Number,
    catalogue_option,
    force_option,
    offset_mm,
    output_option,
    size_option,
    strict_option,
    theme_option,
)


@click.command()
@click.argument("target", metavar="ID|FILE", shell_complete=complete.targets)
@output_option
@size_option
@theme_option
@strict_option
@force_option
@catalogue_option
def card(target, output, size, theme, strict, force, catalogues) -> None:
    """Print one card, front and back, at its trim size with bleed.

    TARGET is an exercise id, a routine id or a routine YAML file; a routine gives its
    routine card.

    \b
    Examples:
      limber card post-run-mobility -o post-run.pdf
      limber card walking-knee-hug -o knee-hug.pdf --size a6 --theme large-print
    """
    from ..products import card_pages, resolve_targets, write_pdf
    from ..write import check_target

    inputs = input_files(catalogues, (target,), theme)
    check_target(output, inputs, "pdf", force)
    cat, [found] = resolve_targets(read_catalogue(catalogues), [target], catalogues)
    check_routines(cat, routines_of([found]), files_of(catalogues, [target]), strict)
    pages, meta = card_pages(cat, found, theme, size)
    write_pdf(output, pages, meta, inputs, force)
    page = pages[0]
    assert page.trim is not None  # a card's page has its trim box
    wrote(
        output,
        f"{count(len(pages), 'page')}, card {page.trim[2] - page.trim[0]:.2f} x "
        f"{page.trim[3] - page.trim[1]:.2f} mm",
    )


@click.command()
@click.argument("targets", nargs=-1, metavar="[ID|FILE]...", shell_complete=complete.targets)
@click.option("--all", "everything", is_flag=True, help="Every exercise of the catalogue.")
@output_option
@size_option
@click.option(
    "--sheet",
    default="a4",
    show_default=True,
    metavar="PAPER|WxH|none",
    shell_complete=complete.sheets,
    help="Paper to impose the cards on: a4, letter, a5, a3, a2, a1, a0, tabloid, or WxH in mm "
    "(e.g. 200x280); none gives one card per page at its trim size plus bleed, for a print shop.",
)
@click.option(
    "--duplex",
    type=Names(["long", "short", "off"], "duplex mode"),
    default="long",
    show_default=True,
    help="How the printer flips the sheet for the backs; off prints fronts only.",
)
@click.option(
    "--fold", is_flag=True, help="Fold-over cards: front and back side by side, for printers without duplex."
)
@click.option("--bleed", type=Number(0, 10), metavar="MM", help="Bleed in mm (default 3).")
@click.option("--no-crop-marks", is_flag=True, help="Leave out the crop marks.")
@click.option(
    "--offset",
    default="0,0",
    metavar="X,Y",
    show_default=True,
    help="Shift the back pages by X,Y mm (see limber calibrate).",
)
@click.option(
    "--copies",
    default=1,
    show_default=True,
    type=click.IntRange(1, 1000),
    metavar="N",
    help="Print the whole deck N times, e.g. one set per runner of a group.",
)
@theme_option
@strict_option
@force_option
@catalogue_option
def deck(
    targets,
    everything,
    output,
    size,
    sheet,
    duplex,
    fold,
    bleed,
    no_crop_marks,
    offset,
    copies,
    theme,
    strict,
    force,
    catalogues,
) -> None:
    """Print a deck of cards imposed on sheets for double-sided home printing.

    A routine gives its routine card followed by its exercises' cards in order.

    \b
    Examples:
      limber deck post-run-mobility -o post-run-deck.pdf
      limber deck --all -o catalogue.pdf --sheet letter --duplex short
      limber deck walking-knee-hug ankle-bounce -o two.pdf --fold
      limber deck post-run-stretches -o shop.pdf --sheet none
    """
    from ..products import DeckOptions, build_deck_pages, deck_summary, resolve_targets, write_pdf
    from ..write import check_target

    if not targets and not everything:
        raise click.UsageError("give exercise or routine ids (or routine files), or --all")
    options = DeckOptions(
        size=size,
        sheet=sheet.lower(),
        duplex="off" if fold else duplex,
        fold=fold,
        bleed=bleed,
        crop_marks=not no_crop_marks,
        offset=offset_mm(offset),
        theme=theme,
        copies=copies,
    )
    inputs = input_files(catalogues, targets, theme)
    check_target(output, inputs, "pdf", force)
    cat, found = resolve_targets(read_catalogue(catalogues), targets, catalogues)
    check_routines(cat, routines_of(found), files_of(catalogues, targets), strict)
    made = build_deck_pages(cat, found, options, everything=everything)
    pages = write_pdf(output, made.pages(), made.meta, inputs, force)
    wrote(output, deck_summary(made, pages))


@click.command()
@click.argument(
    "targets", nargs=-1, required=True, metavar="ID|FILE [ID]...", shell_complete=complete.targets
)
@output_option
@click.option(
    "--paper",
    default="a3",
    show_default=True,
    metavar="a4|a3|a2|a1|a0|letter|tabloid|WxH",
    shell_complete=complete.poster_papers,
    help="The poster's paper size (WxH in mm).",
)
@click.option(
    "--orientation",
    type=Names(["portrait", "landscape", "auto"], "orientation"),
    default="auto",
    show_default=True,
    help="auto picks the one that gives the largest text.",
)
@click.option(
    "--distance",
    type=Number(*POSTER_DISTANCES),
    metavar="METRES",
    help="Reading distance; sets the minimum text sizes. Default: 1 m for A4/Letter, "
    "1.5 m for A3/Tabloid, 2 m for A2, 3 m for A1 and larger.",
)
@click.option("--title", metavar="TEXT", help="The poster's title (for a poster of exercises).")
@click.option(
    "--tile",
    type=Names(["a4", "letter"], "tile paper"),
    help="Print the poster at full size over sheets of this paper, with an assembly map first.",
)
@click.option(
    "--overlap",
    type=Number(3, 30),
    default=10.0,
    show_default=True,
    metavar="MM",
    help="How much neighbouring tiles overlap, for glueing.",
)
@theme_option
@strict_option
@force_option
@catalogue_option
def poster(
    targets, output, paper, orientation, distance, title, tile, overlap, theme, strict, force, catalogues
) -> None:
    """Print a routine (or some exercises) as a one-page gym-wall poster.

    TARGETS is a routine id, a routine YAML file, or one or more exercise ids (name the
    poster with --title). Text is never smaller than the reading distance allows; a routine
    that cannot fit writes nothing and stops with the "does not fit" status, naming the paper
    or the distance that would fit.

    \b
    Examples:
      limber poster post-run-stretches -o wall.pdf
      limber poster post-run-mobility -o wall.pdf --paper a2 --distance 2
      limber poster walking-knee-hug ankle-bounce squat-to-stand -o three.pdf --paper a4 --title "Warm-up"
      limber poster post-run-stretches -o big.pdf --paper a1 --tile a4
    """
    from ..posters import PosterOptions, poster_pages
    from ..products import resolve_targets, write_pdf
    from ..sizes import paper_label
    from ..write import check_target

    inputs = input_files(catalogues, targets, theme)
    check_target(output, inputs, "pdf", force)
    options = PosterOptions(
        paper=paper.lower(),
        orientation=orientation,
        distance=distance,
        theme=theme,
        title=title,
        tile=tile.lower() if tile else None,
        overlap=overlap,
    )
    cat, found = resolve_targets(read_catalogue(catalogues), targets, catalogues)
    check_routines(cat, routines_of(found), files_of(catalogues, targets), strict)
    pages, meta, laid = poster_pages(cat, found, options)
    write_pdf(output, pages, meta, inputs, force)
    page = laid.page
    what = (
        f"{count(len(laid.panels), 'exercise')} in {laid.rows} x {laid.cols}, text {laid.sizes.body:.0f} pt, "
        f"names {laid.sizes.name:.0f} pt, readable from {laid.legibility.distance:g} m"
    )
    sheets = (
        f", on {count(len(pages) - 1, paper_label(tile) + ' sheet')} after an assembly map" if tile else ""
    )
    wrote(output, f"poster {page.width:g} x {page.height:g} mm{sheets}; {what}")


@click.command()
@click.argument("pdf", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o",
    "--output",
    "out_dir",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False, allow_dash=True),
    help="Folder for the PNG images; - writes one image (see --page) to standard output.",
)
@click.option("--dpi", default=150, show_default=True, type=click.IntRange(20, 1200))
@click.option(
    "--pages",
    "--page",
    "pages",
    metavar="LIST",
    help="Pages to render: a number (--page 2), numbers and ranges such as 1-3,7, or 'all'. "
    "Default: every page, when there are at most 200.",
)
@click.option(
    "--force", is_flag=True, help="Replace existing files of the same names even if they are not PNGs."
)
def preview(pdf, out_dir, dpi, pages, force) -> None:
    """Render the pages of a PDF to PNG images, to look before printing.

    At most 200 pages are rendered unless --pages asks for them. PDF may be - to read it from
    standard input (the images are then called page-001.png ...).

    \b
    Examples:
      limber preview post-run-deck.pdf -o previews
      limber preview card.pdf --dpi 300
      limber preview club/all-members.pdf --pages 1-4,10
      limber deck ankle-bounce -o - | limber preview - --page 1 -o - > first.png
    """
    from ..preview import preview as render_preview
    from ..streams import is_dash

    written = render_preview(pdf, out_dir, dpi, force, pages)
    if is_dash(out_dir):
        wrote(out_dir, f"page {pages or 1} as a PNG image")
    else:
        echo(f"wrote {count(len(written), 'image')} to {out_dir}")


@click.command()
@output_option
@click.option(
    "--sheet",
    default="a4",
    show_default=True,
    metavar="PAPER|WxH",
    shell_complete=complete.papers,
    help="Paper of the sheet: a4, letter, a5, a3, a2, a1, a0, tabloid, or WxH in mm (e.g. 200x280).",
)
@click.option("--duplex", type=Names(["long", "short"], "duplex mode"), default="long", show_default=True)
@click.option("--offset", default="0,0", metavar="X,Y", show_default=True, help="Shift the back page.")
@force_option
def calibrate(output, sheet, duplex, offset, force) -> None:
    """Print a two-page sheet that measures how your printer's duplex shifts the backs.

    \b
    Examples:
      limber calibrate -o calibrate.pdf
      limber calibrate -o check.pdf --offset -1.5,0.5
    """
    from ..products import calibration, write_pdf

    pages, meta = calibration(sheet.lower(), duplex, offset_mm(offset))
    write_pdf(output, pages, meta, force=force)
    wrote(output, f"print it double-sided, {duplex}-edge flip, at actual size")


@click.command()
@output_option
@theme_option
@force_option
@catalogue_option
def gallery(output, theme, force, catalogues) -> None:
    """Print every exercise's figure with its name on A4 pages, for review.

    A contact sheet of every figure side by side at one scale comes first, then each figure
    at card size, then each on its own page at poster size.

    \b
    Examples:
      limber gallery -o figures.pdf
      limber gallery -o figures.pdf --theme ink-saver --catalogue mine.yaml
    """
    from ..products import gallery as gallery_pages
    from ..products import write_pdf

    inputs = input_files(catalogues, (), theme)
    cat = read_catalogue(catalogues)
    pages, meta = gallery_pages(cat, theme)
    write_pdf(output, pages, meta, inputs, force)
    drawn = sum(1 for ex in cat.exercises.values() if ex.figure is not None)
    wrote(
        output,
        f"{count(len(cat.exercises), 'exercise')} ({drawn} with a figure) on {count(len(pages), 'page')}",
    )
