"""The PDF reader: a PDF read as a person reads it, or refused with what to do instead.

The fixtures in tests/data/documents/ are written by hand in raw PDF syntax by
make_pdfs.py (which these tests check they still match); variants are built here with
its helpers. ``headed.pdf`` is a three-page member handbook with a large title,
numbered bold headings, wrapped paragraphs, bullets and numbered steps, and a running
header and footer on every page.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from standards_check.errors import InputError
from standards_check.loading.documents.outline import Block, Limits, Outline
from standards_check.loading.documents.pdf import read_pdf

DATA = Path(__file__).resolve().parents[2] / "data" / "documents"


def _load_make_pdfs():
    spec = importlib.util.spec_from_file_location("make_pdfs", DATA / "make_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_pdfs = _load_make_pdfs()
text, lines, build_pdf = make_pdfs.text, make_pdfs.lines, make_pdfs.build_pdf


@pytest.fixture(scope="module")
def handbook() -> Outline:
    return read_pdf(DATA / "headed.pdf", source="handbook.pdf")


def blocks(outline: Outline) -> list[Block]:
    return [block for section in outline.sections for block in section.blocks]


def all_text(outline: Outline) -> str:
    return "\n".join([s.heading or "" for s in outline.sections] + [b.text for b in blocks(outline)])


def section(outline: Outline, heading: str):
    return next(s for s in outline.sections if s.heading == heading)


def read(tmp_path: Path, pages: list[bytes], **options) -> Outline:
    path = tmp_path / "made.pdf"
    path.write_bytes(build_pdf(pages, **options))
    return read_pdf(path, source="made.pdf")


def refusal(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(InputError) as caught:
        read_pdf(path, source="policy.pdf", limits=limits or Limits())
    assert caught.value.file == "policy.pdf"
    assert "\n" not in str(caught.value)
    return caught.value.message


# --- what is read --------------------------------------------------------------------------


def test_headings_start_sections_and_keep_their_numbers(handbook):
    assert [s.heading for s in handbook.sections] == [
        "Member Rights and Responsibilities", "1 Purpose", "2 Your Rights", "3 Participation",
        "4 Concerns", "4.1 Talking with staff", "4.2 Grievances",
    ]
    assert handbook.kind == "pdf" and handbook.source == "handbook.pdf"


def test_the_title_is_the_largest_text_on_page_one_when_the_metadata_title_is_a_file_name(handbook):
    # headed.pdf's Info Title is "Microsoft Word - handbook.docx"
    assert handbook.title == "Member Rights and Responsibilities"


def test_a_meaningful_metadata_title_is_the_title(tmp_path):
    outline = read(tmp_path, [text(72, 700, "1 Purpose", 12, bold=True) + lines(72, 680, ["We work with people as equals."] * 2)],
                   info={"Title": "Riverbend Member Handbook"})
    assert outline.title == "Riverbend Member Handbook"


@pytest.mark.parametrize("meta", ["Untitled", "handbook.docx", "Microsoft Word - Handbook"])
def test_without_large_text_or_a_meaningful_metadata_title_the_title_is_the_first_heading(tmp_path, meta):
    outline = read(tmp_path, [text(72, 700, "1 Purpose", 10, bold=True) + lines(72, 680, ["We work with people as equals."] * 2)],
                   info={"Title": meta})
    assert outline.title == "1 Purpose"


def test_running_headers_footers_and_page_numbers_are_left_out(handbook):
    everything = all_text(handbook)
    assert "Riverbend Peer Center - Member Handbook" not in everything
    assert "Page" not in everything and "of 3" not in everything


def test_a_bare_page_number_at_the_foot_of_a_page_is_left_out(tmp_path):
    body = lines(72, 700, ["Members choose the groups they join.", "Nobody is made to take part."])
    for number in ("7", "- 7 -", "Page 7", "iv"):
        outline = read(tmp_path, [body + text(300, 40, number)])
        assert [b.text for b in blocks(outline)] == ["Members choose the groups they join. Nobody is made to take part."]


def test_a_header_on_both_pages_of_a_two_page_document_is_left_out_but_not_a_line_on_one(tmp_path):
    body = lines(72, 700, ["Members choose the groups they join.", "Nobody is made to take part."])
    outline = read(tmp_path, [text(72, 760, "Riverbend House Rules 2024", 9) + body,
                              text(72, 760, "Riverbend House Rules 2024", 9) + text(72, 730, "Only on page two, at the top") + body])
    everything = all_text(outline)
    assert "House Rules" not in everything
    assert "Only on page two, at the top" in everything


def test_lines_are_joined_into_paragraphs(handbook):
    assert section(handbook, "Member Rights and Responsibilities").blocks == [Block(
        "This handbook explains how Riverbend works with the people who come here. "
        "Please keep it and ask us about anything in it.", "page 1")]


def test_a_word_hyphenated_across_a_line_end_is_joined(handbook):
    [purpose] = section(handbook, "1 Purpose").blocks
    assert "each other's recovery in the way" in purpose.text
    assert "peer-run" in purpose.text  # a hyphen inside a line is left alone


def test_a_compound_split_at_its_hyphen_keeps_the_hyphen(handbook):
    [participation] = section(handbook, "3 Participation").blocks
    assert participation.text.startswith("Participation in every group is voluntary and self-directed. Members plan")


@pytest.mark.parametrize(("first", "second", "joined"), [
    ("a co-", "operative", "a co-operative"),
    ("for non-", "English speakers", "for non-English speakers"),
    ("a peer-", "led group", "a peer-led group"),
    ("one-to-", "one support", "one-to-one support"),
    ("our commu-", "nity", "our community"),
    ("from 9 -", "5 daily", "from 9 - 5 daily"),
])
def test_hyphens_at_line_ends(tmp_path, first, second, joined):
    outline = read(tmp_path, [lines(72, 700, ["This paragraph is here to be long enough, and it names", first, second + "."])])
    assert blocks(outline)[0].text == f"This paragraph is here to be long enough, and it names {joined}."


def test_a_paragraph_goes_on_across_a_page_break_when_its_sentence_does(handbook):
    [talking] = section(handbook, "4.1 Talking with staff").blocks
    assert talking.text.endswith("you may ask for a meeting with the director and a peer of your choice.")
    assert talking.place == "page 2"


def test_bullets_and_numbers_start_list_items(handbook):
    assert [(b.kind, b.text) for b in section(handbook, "2 Your Rights").blocks] == [
        ("paragraph", "As a member you have the right to:"),
        ("item", "decline any activity, service or suggestion without giving a reason;"),
        ("item", "see what we write about you;"),
        ("item", "bring a friend or advocate to any meeting."),
    ]
    assert [(b.kind, b.text) for b in section(handbook, "4.2 Grievances").blocks] == [
        ("paragraph", "To make a formal grievance:"),
        ("item", "1. Write down what happened, or ask a peer to write it for you."),
        ("item", "2. Give it to any staff member or put it in the grievance box."),
        ("paragraph", "We answer every grievance in writing within ten days."),
    ]


def test_other_bullets_and_numberings_start_items_too(tmp_path):
    page = lines(72, 700, ["Members may:", "- speak first;", "o or listen;", "a) or leave.", "2) Nothing else is asked."])
    assert [(b.kind, b.level, b.text) for b in blocks(read(tmp_path, [page]))] == [
        ("paragraph", 0, "Members may:"),
        ("item", 0, "speak first;"),
        ("item", 1, "or listen;"),  # Word's second-level bullet, a letter o
        ("item", 0, "a) or leave."),
        ("item", 0, "2) Nothing else is asked."),
    ]


def test_bullets_drawn_apart_from_their_text_as_word_does_still_start_items(tmp_path):
    page = (text(72, 700, "You may:")
            + text(72, 680, "\u2022") + text(90, 680, "leave a group at any time;")
            + text(72, 664, "\u2022") + text(90, 664, "ask for a different peer supporter, with no")
            + text(90, 651, "reason needed;")
            + text(90, 635, "o") + text(108, 635, "and no form to fill in.")
            + text(72, 600, "That is all there is to it, and it is written here."))
    outline = read(tmp_path, [page])
    assert [(b.kind, b.level, b.text) for b in blocks(outline)] == [
        ("paragraph", 0, "You may:"),
        ("item", 0, "leave a group at any time;"),
        ("item", 0, "ask for a different peer supporter, with no reason needed;"),
        ("item", 1, "and no form to fill in."),
        ("paragraph", 0, "That is all there is to it, and it is written here."),
    ]


def test_a_bold_sentence_is_not_a_heading(tmp_path):
    page = (text(72, 700, "Staff never share what you tell them.", bold=True)
            + text(72, 670, "Your choices are yours and we respect every one of them without question", bold=True)
            + text(72, 640, "What you say here stays here, and we say so in bold print so", bold=True)
            + lines(72, 627, ["that nobody can miss it. Nothing here is a rule you must follow.", "Ask us anything."]))
    outline = read(tmp_path, [page])
    assert [s.heading for s in outline.sections] == [None]
    assert [b.text for b in blocks(outline)] == [
        "Staff never share what you tell them.",
        "Your choices are yours and we respect every one of them without question",
        "What you say here stays here, and we say so in bold print so that nobody can miss it. "
        "Nothing here is a rule you must follow. Ask us anything.",
    ]


@pytest.mark.parametrize("meta", ["Peer Support Policy 2024.10", "Handbook v2.1"])
def test_a_metadata_title_with_a_number_is_not_taken_for_a_file_name(tmp_path, meta):
    outline = read(tmp_path, [lines(72, 680, ["We work with people as equals."] * 2)], info={"Title": meta})
    assert outline.title == meta


def test_a_two_column_page_is_read_column_by_column():
    outline = read_pdf(DATA / "columns.pdf", source="columns.pdf")
    left, right = blocks(outline)
    assert left.text == ("Sentence one starts the left column. Sentence two follows it on the next line. "
                         "Sentence three is still in the left column, which is longer than the right one, "
                         "so that its foot is lower. Sentence four ends the left column.")
    assert right.text == ("Sentence five starts the right column. Sentence six follows it. "
                          "Sentence seven is still on the right. Sentence eight ends the right column and the page.")


def test_a_sentence_that_runs_from_one_column_into_the_next_is_one_paragraph(tmp_path):
    page = (lines(72, 700, ["The left column starts here and", "its sentence goes on past the", "foot of the column"])
            + lines(326, 700, ["and ends at the top of the right", "one. A new paragraph starts here.", "", "Another starts after a gap."]))
    outline = read(tmp_path, [page])
    assert [b.text for b in blocks(outline)] == [
        "The left column starts here and its sentence goes on past the foot of the column and ends at the top of the right one. "
        "A new paragraph starts here.",
        "Another starts after a gap.",
    ]


def test_every_block_and_section_is_placed_by_its_page(handbook):
    assert {s.heading: s.place for s in handbook.sections} == {
        "Member Rights and Responsibilities": "page 1", "1 Purpose": "page 1", "2 Your Rights": "page 1",
        "3 Participation": "page 2", "4 Concerns": "page 2", "4.1 Talking with staff": "page 2", "4.2 Grievances": "page 3",
    }
    assert [b.place for b in section(handbook, "4.2 Grievances").blocks] == ["page 3"] * 4


def test_text_is_cleaned(tmp_path):
    outline = read(tmp_path, [lines(72, 700, ["\u201cPeer support\u201d means\u00a0people helping\u2026", "each other \u2013 as equals."])])
    assert blocks(outline)[0].text == '"Peer support" means people helping... each other - as equals.'


# --- what is refused -----------------------------------------------------------------------


def test_an_encrypted_pdf_is_refused():
    assert refusal(DATA / "encrypted.pdf") == (
        "an encrypted PDF: remove the password (open it and save or print it as a new PDF) and import that")


def test_the_encrypted_fixture_is_a_real_rc4_pdf_that_opens_with_its_password():
    from pdfminer.high_level import extract_text

    assert extract_text(DATA / "encrypted.pdf", password="secret").strip() == "Nobody reads this without the password."


SCANNED = "a scanned PDF with no text to read: run OCR on it first, for example: ocrmypdf in.pdf out.pdf"


def test_a_pdf_without_text_is_refused_as_scanned():
    assert refusal(DATA / "scanned.pdf") == SCANNED


def test_a_pdf_with_only_a_page_number_or_two_per_page_is_refused_as_scanned(tmp_path):
    path = tmp_path / "stamped.pdf"
    path.write_bytes(build_pdf([b"0.8 g 72 400 468 300 re f\n" + text(300, 40, f"Page {n}") for n in (1, 2, 3)]))
    assert refusal(path) == SCANNED


def test_a_pdf_whose_fonts_do_not_say_which_letters_they_draw_is_refused(tmp_path):
    path = tmp_path / "cid.pdf"
    path.write_bytes(build_pdf([b"BT /F3 12 Tf 72 700 Td <000100020003000400050006000700080009> Tj ET\n" * 4]))
    assert refusal(path).startswith("a PDF whose fonts do not say which letters they draw")


def test_a_truncated_pdf_is_refused(tmp_path):
    whole = (DATA / "headed.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    assert refusal(path).startswith("not a readable PDF: the file is cut short")


def test_a_file_that_is_not_a_pdf_is_refused(tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(b"PK\x03\x04 this is a zip file named .pdf")
    assert refusal(path) == "not a readable PDF: it is not a PDF file (it does not start with %PDF-)"


def test_a_damaged_pdf_is_refused_with_the_error_named_not_a_traceback(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")  # no objects, no catalog
    assert refusal(path) == "not a readable PDF: it is damaged (PDFSyntaxError)"


def test_any_error_pdfminer_meets_on_a_hostile_file_is_a_refusal(monkeypatch):
    from pdfminer.pdfinterp import PDFPageInterpreter

    def too_deep(self, page):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(PDFPageInterpreter, "process_page", too_deep)
    assert refusal(DATA / "headed.pdf") == "not a readable PDF: it is damaged (RecursionError)"


def test_a_pdf_with_no_pages_is_refused(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(build_pdf([]))
    assert refusal(path) == "not a readable PDF: it has no pages"


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(tmp_path):
    assert refusal(DATA / "headed.pdf", Limits(max_bytes=1000)).startswith("the file is ")


def test_pages_are_counted_before_any_is_read(monkeypatch):
    from pdfminer.pdfinterp import PDFPageInterpreter

    read_pages = []
    original = PDFPageInterpreter.process_page
    monkeypatch.setattr(PDFPageInterpreter, "process_page", lambda self, page: read_pages.append(page) or original(self, page))
    assert refusal(DATA / "headed.pdf", Limits(max_pages=2)) == "more than the 2 pages a PDF may have"
    assert read_pages == []


def test_text_is_read_only_up_to_the_character_limit(monkeypatch):
    from pdfminer.pdfinterp import PDFPageInterpreter

    read_pages = []
    original = PDFPageInterpreter.process_page
    monkeypatch.setattr(PDFPageInterpreter, "process_page", lambda self, page: read_pages.append(page) or original(self, page))
    assert refusal(DATA / "headed.pdf", Limits(max_chars=300)) == "more than 300 characters of text"
    assert len(read_pages) == 1  # page 1 alone is over 300 characters


def test_pdfminer_warnings_about_a_damaged_but_readable_pdf_are_not_printed(tmp_path):
    path = tmp_path / "no-mediabox.pdf"  # pdfminer warns "MediaBox missing from /Page"
    path.write_bytes(build_pdf([lines(72, 700, ["Members choose the groups they join.", "Nobody is made to take part."])],
                               mediabox=False))
    script = "import sys; from standards_check.loading.documents.pdf import read_pdf; print(read_pdf(sys.argv[1], source='x').title)"
    run = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stderr == ""


# --- the fixtures --------------------------------------------------------------------------


def test_the_fixtures_are_what_make_pdfs_writes(tmp_path):
    make_pdfs.main(tmp_path)
    for name in make_pdfs.FIXTURES:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), f"{name}: run tests/data/documents/make_pdfs.py"
        assert (DATA / name).stat().st_size < 10_000
