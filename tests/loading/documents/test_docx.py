"""A Word document reads as Word shows it with every tracked change accepted: its
headings, paragraphs, list items and table rows in order, each with a place a person
can find by counting; an old .doc, a damaged file, a zip bomb or too much text is
one clear error."""

from __future__ import annotations

import re
import struct
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from standards_check.errors import InputError
from standards_check.loading.documents.docx import read_docx
from standards_check.loading.documents.outline import Block, Limits, Outline, Section

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOT_DOCX = "not a readable Word document (.docx): "
SAVE_AS = "an old binary Word document (.doc): open it in Word or LibreOffice and save it as .docx"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REVISION = 'w:id="{}" w:author="Reviewer" w:date="2024-05-01T10:00:00Z"'


# -- building Word files ---------------------------------------------------------------


def saved(document, tmp_path: Path, name: str = "policy.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def rewritten(path: Path, parts: dict[str, bytes | str | None], name: str | None = None) -> Path:
    """A copy of the Word file at ``path`` with ``parts`` replaced, added (a value) or removed (None)."""
    target = path.with_name(name) if name else path
    with zipfile.ZipFile(path) as source:
        kept = {info.filename: source.read(info.filename) for info in source.infolist()}
    for part, data in parts.items():
        if data is None:
            kept.pop(part, None)
        else:
            kept[part] = data.encode("utf-8") if isinstance(data, str) else data
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for part, data in kept.items():
            out.writestr(part, data)
    return target


def with_body(tmp_path: Path, body: str, *, numbering: str | None = None, name: str = "policy.docx") -> Path:
    """A Word file (python-docx's styles) whose body is the WordprocessingML ``body``."""
    path = saved(docx.Document(), tmp_path, name)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    parts: dict[str, bytes | str | None] = {"word/document.xml": document}
    if numbering is not None:
        parts["word/numbering.xml"] = f'<?xml version="1.0"?><w:numbering xmlns:w="{W}">{numbering}</w:numbering>'
    return rewritten(path, parts)


def para(text: str, style: str | None = None, ppr: str = "") -> str:
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    return f'<w:p><w:pPr>{style_xml}{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def read(path: Path, **limits: int) -> Outline:
    return read_docx(path, source=path.name, limits=Limits(**limits))


def refusal(path: Path, **limits: int) -> str:
    with pytest.raises(InputError) as caught:
        read(path, **limits)
    return str(caught.value)


def shape(outline: Outline) -> list[tuple[str | None, list[tuple[str, str, int]]]]:
    return [(s.heading, [(b.kind, b.text, b.level) for b in s.blocks]) for s in outline.sections]


def everything(outline: Outline) -> str:
    return "\n".join([outline.title or ""] + [f"{s.heading}\n" + "\n".join(b.text for b in s.blocks) for s in outline.sections])


# -- headings and sections ---------------------------------------------------------------


def test_each_heading_starts_a_section_and_keeps_its_numbering_as_written(tmp_path):
    document = docx.Document()
    document.add_heading("1 Purpose", 1)
    document.add_paragraph("Members choose their own goals.")
    document.add_heading("4.2 Grievances", 2)
    document.add_paragraph("A member may complain to anyone.")
    document.add_paragraph("No one is penalised for complaining.")

    outline = read(saved(document, tmp_path))

    assert outline.kind == "docx" and outline.source == "policy.docx"
    assert shape(outline) == [
        ("1 Purpose", [("paragraph", "Members choose their own goals.", 0)]),
        ("4.2 Grievances", [("paragraph", "A member may complain to anyone.", 0),
                            ("paragraph", "No one is penalised for complaining.", 0)]),
    ]


def test_text_before_the_first_heading_is_a_section_without_a_heading(tmp_path):
    document = docx.Document()
    document.add_paragraph("Adopted by the members' meeting.")
    document.add_heading("Rights", 1)
    document.add_paragraph("You may leave at any time.")

    outline = read(saved(document, tmp_path))

    assert outline.sections[0] == Section(None, "paragraph 1", [Block("Adopted by the members' meeting.", "paragraph 1")])
    assert [s.heading for s in outline.sections] == [None, "Rights"]


def test_a_document_without_headings_is_one_section_without_a_heading_or_title(tmp_path):
    document = docx.Document()
    document.add_paragraph("You may decline any service.")

    outline = read(saved(document, tmp_path))

    assert outline.title is None
    assert shape(outline) == [(None, [("paragraph", "You may decline any service.", 0)])]


def test_custom_styles_named_or_based_on_a_heading_and_outline_levels_start_sections(tmp_path):
    document = docx.Document()
    named = document.styles.add_style("Heading Policy", WD_STYLE_TYPE.PARAGRAPH)
    named.base_style = document.styles["Normal"]
    based = document.styles.add_style("Clause Title", WD_STYLE_TYPE.PARAGRAPH)
    based.base_style = document.styles["Heading 2"]
    document.add_paragraph("Membership", style="Heading Policy")
    document.add_paragraph("Open to all.")
    document.add_paragraph("Leaving", style="Clause Title")
    document.add_paragraph("Any time.")
    outlined = document.add_paragraph("Appeals")
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "1")
    outlined._p.get_or_add_pPr().append(level)
    document.add_paragraph("To the board.")
    body_text = document.add_paragraph("Set as body text, though styled a heading", style="Heading 3")
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "9")  # 9: body text
    body_text._p.get_or_add_pPr().append(level)

    outline = read(saved(document, tmp_path))

    assert [s.heading for s in outline.sections] == ["Membership", "Leaving", "Appeals"]
    assert outline.sections[-1].blocks[-1].text == "Set as body text, though styled a heading"


def test_a_heading_style_used_but_never_defined_is_known_by_its_name(tmp_path):
    body = para("Purpose", "HeadingPolicy") + para("Why we exist.")

    assert shape(read(with_body(tmp_path, body))) == [("Purpose", [("paragraph", "Why we exist.", 0)])]


def test_a_heading_numbered_by_word_reads_with_its_number_as_shown(tmp_path):
    # a multilevel list linked to the heading styles, as Word's "1 / 1.1" list makes it
    numbering = (
        '<w:abstractNum w:abstractNumId="7">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>'
        '<w:lvlText w:val="%1"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/>'
        '<w:lvlText w:val="%1.%2"/></w:lvl>'
        "</w:abstractNum>"
        '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>'
    )
    num = '<w:numPr><w:numId w:val="3"/></w:numPr>'
    body = "".join([
        para("Purpose", "Heading1", num), para("Text."),
        para("Rights", "Heading1", num), para("Leaving", "Heading2", num), para("Grievances", "Heading2", num),
        para("Records", "Heading1", num), para("Access", "Heading2", num),
    ])

    outline = read(with_body(tmp_path, body, numbering=numbering))

    assert [s.heading for s in outline.sections] == ["1 Purpose", "2 Rights", "2.1 Leaving", "2.2 Grievances", "3 Records", "3.1 Access"]


# -- the title -----------------------------------------------------------------------


def test_the_title_is_the_documents_own_title_from_its_properties(tmp_path):
    document = docx.Document()
    document.core_properties.title = "Harbor Peer Center \u2013 Member Rights"
    document.add_paragraph("Member rights", style="Title")
    document.add_heading("Purpose", 1)

    assert read(saved(document, tmp_path)).title == "Harbor Peer Center - Member Rights"


@pytest.mark.parametrize("leftover", ["", "Document1", "Microsoft Word - handbook.doc", "policy-v3.docx", "Untitled"])
def test_a_title_property_naming_the_file_or_template_rather_than_the_document_is_passed_over(tmp_path, leftover):
    document = docx.Document()
    document.core_properties.title = leftover
    document.add_heading("Member Rights", 1)

    assert read(saved(document, tmp_path)).title == "Member Rights"


def test_without_a_title_property_the_title_is_the_paragraph_styled_title_which_is_no_section(tmp_path):
    document = docx.Document()
    document.add_paragraph("Harbor Peer Center Policy", style="Title")
    document.add_paragraph("Adopted 2024.")
    document.add_heading("Purpose", 1)

    outline = read(saved(document, tmp_path))

    assert outline.title == "Harbor Peer Center Policy"
    assert shape(outline) == [(None, [("paragraph", "Adopted 2024.", 0)]), ("Purpose", [])]
    assert outline.sections[0].blocks[0].place == "paragraph 2"  # the title is a paragraph one counts


def test_without_either_the_title_is_the_first_heading(tmp_path):
    document = docx.Document()
    document.add_paragraph("Draft for the members' meeting.")
    document.add_heading("Grievance Procedure", 1)
    document.add_heading("Who may complain", 2)

    assert read(saved(document, tmp_path)).title == "Grievance Procedure"


# -- lists ---------------------------------------------------------------------------


def test_list_items_carry_their_level_from_word_numbering_or_their_list_style(tmp_path):
    document = docx.Document()
    document.add_paragraph("You may:")
    document.add_paragraph("decline a service", style="List Bullet")
    document.add_paragraph("say why, or not", style="List Bullet 2")
    document.add_paragraph("come back later", style="List Number")
    nested = document.add_paragraph("ask for another peer", style="List Paragraph")
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "2"), ("w:numId", "1")):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        num_pr.append(element)
    nested._p.get_or_add_pPr().append(num_pr)
    document.add_paragraph("This continues the last item.", style="List Continue")

    outline = read(saved(document, tmp_path))

    assert shape(outline) == [(None, [
        ("paragraph", "You may:", 0),
        ("item", "decline a service", 0),
        ("item", "say why, or not", 1),
        ("item", "come back later", 0),
        ("item", "ask for another peer", 2),
        ("paragraph", "This continues the last item.", 0),
    ])]


def test_a_bullet_typed_as_text_makes_an_item_without_the_bullet(tmp_path):
    document = docx.Document()
    document.add_paragraph("\u2022\tYou choose your goals.")
    document.add_paragraph("\u2013 You may change them.")
    document.add_paragraph("-5 degrees is not a bullet.")

    assert shape(read(saved(document, tmp_path))) == [(None, [
        ("item", "You choose your goals.", 0),
        ("item", "You may change them.", 0),
        ("paragraph", "-5 degrees is not a bullet.", 0),
    ])]


def test_a_symbol_font_bullet_typed_as_a_symbol_makes_an_item(tmp_path):
    body = ('<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/>'
            "<w:t>Peers never share your story without asking.</w:t></w:r></w:p>")

    assert shape(read(with_body(tmp_path, body))) == [(None, [("item", "Peers never share your story without asking.", 0)])]


# -- tables --------------------------------------------------------------------------


def test_a_table_is_one_row_block_a_row_between_the_paragraphs_around_it(tmp_path):
    document = docx.Document()
    document.add_heading("Decisions", 1)
    document.add_paragraph("Who decides what:")
    table = document.add_table(rows=4, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Decision", "Who", "Appeal"], strict=True):
        cell.text = text
    table.cell(1, 0).text = "Your plan"
    table.cell(1, 1).merge(table.cell(1, 2)).text = "You, with your peer"  # across two columns: once
    table.cell(3, 0).text = "Leaving"
    table.cell(3, 1).text = "You"
    table.cell(3, 2).text = "None needed"
    # row 3 is left empty
    document.add_paragraph("Ask if unsure.")

    outline = read(saved(document, tmp_path))

    assert [(b.kind, b.text, b.place) for b in outline.sections[0].blocks] == [
        ("paragraph", "Who decides what:", "paragraph 2"),
        ("row", "Decision | Who | Appeal", "table 1, row 1"),
        ("row", "Your plan | You, with your peer", "table 1, row 2"),
        ("row", "Leaving | You | None needed", "table 1, row 4"),
        ("paragraph", "Ask if unsure.", "paragraph 3"),
    ]


def test_a_cell_merged_down_rows_is_read_in_each_of_its_rows_once(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Complaints"
    table.cell(0, 1).text = "to staff"
    table.cell(1, 1).text = "to the board"

    assert [b.text for b in read(saved(document, tmp_path)).sections[0].blocks] == [
        "Complaints | to staff",
        "Complaints | to the board",
    ]


def test_tables_are_counted_in_their_places(tmp_path):
    document = docx.Document()
    document.add_table(rows=1, cols=1).cell(0, 0).text = "First table"
    document.add_paragraph("Between.")
    second = document.add_table(rows=2, cols=1)
    second.cell(1, 0).text = "Second table, second row"

    assert [b.place for b in read(saved(document, tmp_path)).sections[0].blocks] == [
        "table 1, row 1", "paragraph 1", "table 2, row 2",
    ]


# -- tracked changes, comments, notes, headers -------------------------------------------


def test_tracked_changes_read_as_accepted_insertions_kept_and_deletions_dropped(tmp_path):
    body = (
        '<w:p><w:r><w:t xml:space="preserve">You may </w:t></w:r>'
        f'<w:del {REVISION.format(1)}><w:r><w:delText xml:space="preserve">not </w:delText></w:r></w:del>'
        f'<w:ins {REVISION.format(2)}><w:r><w:t xml:space="preserve">always </w:t></w:r></w:ins>'
        "<w:r><w:t>decline.</w:t></w:r></w:p>"
    )

    assert shape(read(with_body(tmp_path, body))) == [(None, [("paragraph", "You may always decline.", 0)])]


def test_moved_text_is_read_once_where_it_was_moved_to(tmp_path):
    body = (
        f'<w:p><w:moveFrom {REVISION.format(1)}><w:r><w:t>Peers keep what you say private.</w:t></w:r></w:moveFrom>'
        "<w:r><w:t>Welcome.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Confidentiality:</w:t></w:r></w:p>"
        f'<w:p><w:moveTo {REVISION.format(2)}><w:r><w:t>Peers keep what you say private.</w:t></w:r></w:moveTo></w:p>'
    )

    assert [b.text for b in read(with_body(tmp_path, body)).sections[0].blocks] == [
        "Welcome.", "Confidentiality:", "Peers keep what you say private.",
    ]


def test_a_deleted_paragraph_is_gone_and_is_not_counted_in_places(tmp_path):
    mark_deleted = f"<w:rPr><w:del {REVISION.format(9)}/></w:rPr>"
    body = (
        para("One.")
        + f'<w:p><w:pPr>{mark_deleted}</w:pPr><w:del {REVISION.format(3)}><w:r><w:delText>Staff decide.</w:delText></w:r></w:del></w:p>'
        + para("Two.")
    )

    assert [(b.text, b.place) for b in read(with_body(tmp_path, body)).sections[0].blocks] == [
        ("One.", "paragraph 1"), ("Two.", "paragraph 2"),
    ]


def test_a_deleted_paragraph_mark_joins_the_paragraph_to_the_next_as_accepting_it_does(tmp_path):
    body = (
        f'<w:p><w:pPr><w:rPr><w:del {REVISION.format(4)}/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">You may leave </w:t></w:r></w:p>'
        + para("at any time.")
    )

    assert shape(read(with_body(tmp_path, body))) == [(None, [("paragraph", "You may leave at any time.", 0)])]


def test_a_deleted_table_row_is_gone(tmp_path):
    row = "<w:tr>{}<w:tc><w:p><w:r>{}</w:r></w:p></w:tc></w:tr>"
    body = "<w:tbl>" + row.format("", "<w:t>Kept</w:t>") + row.format(
        f"<w:trPr><w:del {REVISION.format(5)}/></w:trPr>", "<w:delText>Gone</w:delText>"
    ) + "</w:tbl>"

    assert [b.text for b in read(with_body(tmp_path, body)).sections[0].blocks] == ["Kept"]


def test_comments_are_not_part_of_the_text(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("Members set the agenda.")
    document.add_comment(paragraph.runs, text="Is this still true? SECRET REVIEW NOTE", author="Board")
    path = saved(document, tmp_path)
    with zipfile.ZipFile(path) as archive:
        assert b"SECRET REVIEW NOTE" in archive.read("word/comments.xml")
        assert b"commentRangeStart" in archive.read("word/document.xml")

    outline = read(path)

    assert shape(outline) == [(None, [("paragraph", "Members set the agenda.", 0)])]
    assert "SECRET" not in everything(outline)


def test_headers_footers_and_footnotes_are_not_part_of_the_body(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "CONFIDENTIAL DRAFT"
    document.sections[0].footer.paragraphs[0].text = "Page footer text"
    document.add_paragraph("Body text.")
    path = saved(document, tmp_path)
    with zipfile.ZipFile(path) as archive:
        content_types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
        body = archive.read("word/document.xml").decode()
    footnotes = (f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r><w:t>Footnote words.</w:t>'
                 "</w:r></w:p></w:footnote></w:footnotes>")
    path = rewritten(path, {
        "word/footnotes.xml": footnotes,
        "[Content_Types].xml": content_types.replace("</Types>", (
            '<Override PartName="/word/footnotes.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')),
        "word/_rels/document.xml.rels": rels.replace("</Relationships>", (
            '<Relationship Id="rIdNotes" Target="footnotes.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/></Relationships>')),
        "word/document.xml": body.replace("<w:t>Body text.</w:t></w:r>",
                                          '<w:t>Body text.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'),
    })

    outline = read(path)

    assert shape(outline) == [(None, [("paragraph", "Body text.", 0)])]


def test_hidden_text_field_codes_and_empty_placeholders_are_left_out_hyperlinks_kept(tmp_path):
    body = (
        '<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r>'
        '<w:hyperlink r:id="rId99"><w:r><w:t>our website</w:t></w:r></w:hyperlink>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> hidden note</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> on page 3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>'
        '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
        "<w:p><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Filled in by the author.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )

    assert [b.text for b in read(with_body(tmp_path, body)).sections[0].blocks] == [
        "See our website on page 3.", "Filled in by the author.",
    ]


def test_a_table_of_contents_is_not_read_as_text(tmp_path):
    document = docx.Document()
    document.add_paragraph("Contents", style="TOC Heading")
    document.add_heading("Purpose", 1)
    document.add_paragraph("Why we exist.")

    outline = read(saved(document, tmp_path))

    assert shape(outline) == [("Purpose", [("paragraph", "Why we exist.", 0)])]
    assert outline.sections[0].place == "paragraph 2"  # the contents heading is still counted


# -- text and places -------------------------------------------------------------------


def test_smart_quotes_non_breaking_spaces_and_invisible_characters_are_made_plain(tmp_path):
    document = docx.Document()
    document.add_paragraph("\u201cYour\u00a0choice\u201d \u2014 it\u2019s re\u00adspected\u200b\t always\u2026")

    assert read(saved(document, tmp_path)).sections[0].blocks[0].text == "\"Your choice\" - it's respected always..."


def test_places_count_the_non_empty_paragraphs_from_one_headings_included(tmp_path):
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("First.")
    document.add_paragraph("   ")
    document.add_heading("Rights", 1)
    document.add_paragraph("Second.")

    outline = read(saved(document, tmp_path))

    assert [(s.heading, s.place, [b.place for b in s.blocks]) for s in outline.sections] == [
        (None, "paragraph 1", ["paragraph 1"]),
        ("Rights", "paragraph 2", ["paragraph 3"]),
    ]


def test_a_macro_enabled_document_reads_like_a_docx(tmp_path):
    document = docx.Document()
    document.add_paragraph("Macros or not, this is the text.")
    path = saved(document, tmp_path)
    with zipfile.ZipFile(path) as archive:
        types = archive.read("[Content_Types].xml").decode()
    path = rewritten(path, {"[Content_Types].xml": types.replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
    )}, name="policy.docm")

    assert read(path).sections[0].blocks[0].text == "Macros or not, this is the text."


# -- refusals --------------------------------------------------------------------------


def test_an_old_binary_word_file_is_refused_with_how_to_save_it_as_docx(tmp_path):
    path = tmp_path / "policy.doc"
    path.write_bytes(OLE2 + bytes(504) + b"Word.Document.8")

    assert refusal(path) == f"policy.doc: {SAVE_AS}"


def test_an_old_binary_word_file_named_docx_is_refused_the_same_way(tmp_path):
    path = tmp_path / "renamed.docx"
    path.write_bytes(OLE2 + bytes(1024))

    assert refusal(path) == f"renamed.docx: {SAVE_AS}"


def test_a_password_protected_document_is_refused_with_how_to_remove_the_password(tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(OLE2 + bytes(504) + "EncryptionInfo\0EncryptedPackage".encode("utf-16-le"))

    assert refusal(path) == ("locked.docx: a password-protected Word document: remove the password in Word "
                             "(File > Info > Protect Document) and save it again")


def test_a_file_that_is_not_a_zip_is_not_a_readable_word_document(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("These are just notes.", encoding="utf-8")

    assert refusal(path) == f"notes.docx: {NOT_DOCX}not a zip archive"


def test_a_truncated_word_file_is_refused_as_cut_short(tmp_path):
    document = docx.Document()
    document.add_paragraph("Text.")
    path = saved(document, tmp_path)
    path.write_bytes(path.read_bytes()[:4000])

    assert refusal(path) == f"policy.docx: {NOT_DOCX}the file is cut short (was it copied completely?)"


def test_a_word_file_with_damaged_contents_is_refused_as_damaged(tmp_path):
    document = docx.Document()
    document.add_paragraph("Peer support is voluntary. " * 200)
    path = saved(document, tmp_path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 20, start + 60):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))

    message = refusal(path)

    assert message.startswith(f"policy.docx: {NOT_DOCX}")
    assert "\n" not in message


def test_a_zip_without_word_document_xml_is_refused(tmp_path):
    path = rewritten(saved(docx.Document(), tmp_path), {"word/document.xml": None})

    assert refusal(path) == f"policy.docx: {NOT_DOCX}it has no word/document.xml"


def test_an_opendocument_text_named_docx_is_refused_with_how_to_save_it_as_docx(tmp_path):
    path = tmp_path / "rights.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")

    assert refusal(path) == "rights.docx: an OpenDocument text (.odt): open it in LibreOffice and save it as .docx"


def test_a_rich_text_file_named_docx_is_refused_with_how_to_save_it_as_docx(tmp_path):
    path = tmp_path / "rights.docx"
    path.write_text("{\\rtf1\\ansi You may decline.}", encoding="ascii")

    assert refusal(path) == "rights.docx: a Rich Text file (.rtf): open it in Word or LibreOffice and save it as .docx"


def test_a_strict_open_xml_document_is_refused_with_how_to_save_it_again(tmp_path):
    path = saved(docx.Document(), tmp_path)
    with zipfile.ZipFile(path) as archive:
        rels = archive.read("_rels/.rels").decode()
    strict = rels.replace("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                          "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")
    path = rewritten(path, {"_rels/.rels": strict})

    assert refusal(path) == "policy.docx: a Word document saved as Strict Open XML: save it again as a Word Document (.docx)"


def test_a_spreadsheet_named_docx_is_refused_as_what_it_is(tmp_path):
    path = tmp_path / "budget.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")

    assert refusal(path) == f"budget.docx: {NOT_DOCX}it is an Excel workbook"


def test_damaged_xml_is_refused_in_one_line(tmp_path):
    path = with_body(tmp_path, "<w:p><w:r><w:t>Unclosed</w:r></w:p>")

    message = refusal(path)

    assert message.startswith(f"policy.docx: {NOT_DOCX}its XML is damaged (")
    assert "\n" not in message and "<string>" not in message


def test_a_package_whose_relationships_part_is_something_else_is_refused_as_damaged(tmp_path):
    path = rewritten(saved(docx.Document(), tmp_path), {"_rels/.rels": "<Something/>"})

    assert refusal(path) == f"policy.docx: {NOT_DOCX}its parts and their relationships are damaged"


def test_a_part_compressed_in_a_way_no_word_processor_writes_is_refused_as_damaged(tmp_path):
    path = saved(docx.Document(), tmp_path)
    data = bytearray(path.read_bytes())
    for signature, method_at, name_length_at, name_at in ((b"PK\x01\x02", 10, 28, 46), (b"PK\x03\x04", 8, 26, 30)):
        entry = data.find(signature)
        while entry >= 0:
            length = struct.unpack_from("<H", data, entry + name_length_at)[0]
            if data[entry + name_at: entry + name_at + length] == b"word/document.xml":
                struct.pack_into("<H", data, entry + method_at, 99)
            entry = data.find(signature, entry + 4)
    path.write_bytes(bytes(data))

    assert refusal(path) == f"policy.docx: {NOT_DOCX}the file is damaged (That compression method is not supported)"


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("Text.")
    path = saved(document, tmp_path)
    size = path.stat().st_size

    assert refusal(path, max_bytes=1000) == (
        f"policy.docx: the file is too large: {size:,} bytes, more than the 1,000 standards-check reads "
        "(if it has large pictures, save a copy without them)"
    )


def test_parts_that_unzip_to_more_than_the_limit_are_refused_before_unzipping(tmp_path):
    document = docx.Document()
    document.add_paragraph("Text.")
    path = saved(document, tmp_path)
    with zipfile.ZipFile(path) as archive:
        total = sum(info.file_size for info in archive.infolist())

    assert refusal(path, max_unzipped=20_000) == (
        f"policy.docx: {NOT_DOCX}its parts unzip to {total:,} bytes, more than the 20,000 standards-check reads"
    )


def test_a_part_that_unzips_to_hundreds_of_times_its_size_is_refused_as_a_zip_bomb(tmp_path):
    path = rewritten(saved(docx.Document(), tmp_path), {"word/media/padding.bin": bytes(4 * 1024 * 1024)})

    message = refusal(path)

    assert re.fullmatch(
        rf"policy\.docx: {re.escape(NOT_DOCX)}its part 'word/media/padding\.bin' unzips to [\d,]+ times its "
        r"compressed size, more than the 200 times standards-check accepts \(a zip bomb\?\)",
        message,
    ), message


def set_declared_size(data: bytearray, part: bytes, size: int, *, local_too: bool = False) -> None:
    """Write ``size`` as the uncompressed size of ``part`` in the zip directory (and its local header)."""
    headers = [(b"PK\x01\x02", 24, 28, 46)] + ([(b"PK\x03\x04", 22, 26, 30)] if local_too else [])
    for signature, size_at, name_length_at, name_at in headers:
        entry = data.find(signature)
        while entry >= 0:
            length = struct.unpack_from("<H", data, entry + name_length_at)[0]
            if data[entry + name_at: entry + name_at + length] == part:
                struct.pack_into("<L", data, entry + size_at, size)
            entry = data.find(signature, entry + 4)


def test_a_zip_bomb_is_refused_from_what_its_directory_declares_without_unzipping(tmp_path):
    path = rewritten(saved(docx.Document(), tmp_path), {"word/big.xml": b"<x/>"})
    data = bytearray(path.read_bytes())
    set_declared_size(data, b"word/big.xml", 3_000_000_000)
    path.write_bytes(bytes(data))

    assert re.fullmatch(rf"policy\.docx: {re.escape(NOT_DOCX)}its part 'word/big\.xml' unzips to [\d,]+ times its "
                        r"compressed size, .*\(a zip bomb\?\)", refusal(path))


def test_a_part_that_unzips_to_more_than_its_directory_declares_is_refused_as_damaged(tmp_path):
    # zipfile stops at the declared size, and the part's checksum then fails
    document = docx.Document()
    document.add_paragraph("Peer support. " * 5000)
    path = saved(document, tmp_path)
    data = bytearray(path.read_bytes())
    set_declared_size(data, b"word/document.xml", 100, local_too=True)
    path.write_bytes(bytes(data))

    assert refusal(path) == f"policy.docx: {NOT_DOCX}the file is damaged (Bad CRC-32 for file 'word/document.xml')"


def test_an_encrypted_zip_part_is_refused(tmp_path):
    path = saved(docx.Document(), tmp_path)
    data = bytearray(path.read_bytes())
    entry = data.find(b"PK\x01\x02")
    while entry >= 0:  # the "encrypted" flag of every part in the directory
        struct.pack_into("<H", data, entry + 8, struct.unpack_from("<H", data, entry + 8)[0] | 0x1)
        entry = data.find(b"PK\x01\x02", entry + 4)
    path.write_bytes(bytes(data))

    assert re.fullmatch(rf"policy\.docx: {re.escape(NOT_DOCX)}its part '.+' is encrypted", refusal(path))


def test_a_zip_of_tens_of_thousands_of_parts_is_refused_before_its_directory_is_parsed(tmp_path):
    path = tmp_path / "parts.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for n in range(25_000):
            archive.writestr(f"p/{n}", b"")

    started = time.perf_counter()
    message = refusal(path)

    assert re.fullmatch(rf"parts\.docx: {re.escape(NOT_DOCX)}its zip directory is [\d,]+ bytes \(tens of thousands of "
                        r"parts\), far more than a Word document has", message), message
    assert time.perf_counter() - started < 0.5


def test_more_text_than_the_limit_is_refused(tmp_path):
    document = docx.Document()
    for _ in range(5):
        document.add_paragraph("Members decide together. " * 10)

    assert refusal(saved(document, tmp_path), max_chars=1000) == (
        "policy.docx: more than 1,000 characters of text, more than standards-check reads: split it into several documents"
    )


def test_a_billion_laughs_document_is_refused_quickly_or_read_without_expanding(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol;" if n == 1 else f"&lol{n - 1};") * 10}">' for n in range(1, 10)
    )
    path = saved(docx.Document(), tmp_path)
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]><w:document xmlns:w="{W}"><w:body>'
                "<w:p><w:r><w:t>Laugh: &lol9;</w:t></w:r></w:p></w:body></w:document>")
    path = rewritten(path, {"word/document.xml": document})

    started = time.perf_counter()
    try:
        text = everything(read(path))
    except InputError as error:
        assert str(error).startswith(f"policy.docx: {NOT_DOCX}")
    else:
        assert "lollol" not in text
    assert time.perf_counter() - started < 2


def test_an_external_entity_never_reads_another_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    path = saved(docx.Document(), tmp_path)
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
                f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Before &x; after</w:t></w:r></w:p></w:body></w:document>')
    path = rewritten(path, {"word/document.xml": document})

    try:
        text = everything(read(path))
    except InputError:
        return
    assert "TOP-SECRET" not in text
