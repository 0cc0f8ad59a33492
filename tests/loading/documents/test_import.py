"""Documents as agencies keep them become policy documents: Markdown, web pages and
plain text here (Word and PDF have their own files), then `import` and `check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from standards_check.cli.commands import cli
from standards_check.errors import InputError
from standards_check.loading.documents.html import read_html
from standards_check.loading.documents.markdown import read_markdown
from standards_check.loading.documents.policy import policy_yaml, read_document
from standards_check.loading.documents.text import read_text
from standards_check.loading.policy import load_policy, load_policy_text

HANDBOOK_MD = """\
# Riverbend Peer Center

Taking part in peer support is always your choice, and you may stop at any time.

## 4.2 Grievances

You may complain at any time:

- to any staff member;
- to the director, who answers within 10 days.
  - in writing or out loud

| Right | How |
| --- | --- |
| See your file | Ask any staff member |

## Privacy

What you share stays between you and your peer supporter.
"""

HANDBOOK_HTML = """\
<!doctype html><html><head><title>Riverbend Peer Center</title><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/give">Donate</a></nav>
<main>
<h1>Riverbend&nbsp;Peer Center</h1>
<p>Taking part in peer support is always your <em>choice</em>, and you may stop at any time.</p>
<h2>4.2 Grievances</h2>
<p>You may complain at any time:</p>
<ul><li>to any staff member;</li><li>to the director, who answers within 10 days.
  <ul><li>in writing or out loud</li></ul></li></ul>
<table><tr><th>Right</th><th>How</th></tr><tr><td>See your file</td><td>Ask any staff member</td></tr></table>
<h2>Privacy</h2>
<p>What you share stays between you and your peer supporter.</p>
<script>document.write("not policy")</script>
</main><footer>Riverbend 2026 &middot; Donate</footer></body></html>
"""

HANDBOOK_TXT = """\
RIVERBEND PEER CENTER

Taking part in peer support is always your choice, and you may
stop at any time.

4.2 Grievances

You may complain at any time:
\u2022 to any staff member;
\u2022 to the director, who answers within 10 days.

Privacy
=======

What you share stays between you and your peer sup-
porter.
"""


def _shape(outline) -> list[tuple[str | None, list[tuple[str, str, int]]]]:
    return [(s.heading, [(b.kind, b.text, b.level) for b in s.blocks]) for s in outline.sections]


# ------------------------------------------------------------------ the readers


def test_markdown_sections_follow_the_headings_with_lists_and_table_rows():
    outline = read_markdown(HANDBOOK_MD, source="handbook.md")
    assert outline.title == "Riverbend Peer Center"
    assert _shape(outline) == [
        ("Riverbend Peer Center", [("paragraph", "Taking part in peer support is always your choice, and you may stop at any time.", 0)]),
        ("4.2 Grievances", [
            ("paragraph", "You may complain at any time:", 0),
            ("item", "to any staff member;", 0),
            ("item", "to the director, who answers within 10 days.", 0),
            ("item", "in writing or out loud", 1),
            ("row", "Right | How", 0),
            ("row", "See your file | Ask any staff member", 0),
        ]),
        ("Privacy", [("paragraph", "What you share stays between you and your peer supporter.", 0)]),
    ]


def test_markdown_blocks_are_placed_by_their_line_in_the_file():
    outline = read_markdown(HANDBOOK_MD, source="handbook.md")
    grievances = outline.sections[1]
    assert grievances.place == "line 5"
    assert [b.place for b in grievances.blocks][:3] == ["line 7", "line 9", "line 10"]
    assert grievances.blocks[-1].place == "line 15"  # the table's second row


def test_a_web_page_is_read_without_its_menus_scripts_and_footer():
    outline = read_html(HANDBOOK_HTML, source="rights.html")
    assert outline.title == "Riverbend Peer Center"
    shape = _shape(outline)
    assert [heading for heading, _ in shape] == ["Riverbend Peer Center", "4.2 Grievances", "Privacy"]
    assert shape[1][1] == _shape(read_markdown(HANDBOOK_MD, source="x"))[1][1]
    text = json.dumps(shape)
    assert "Donate" not in text and "not policy" not in text and "color" not in text


def test_plain_text_headings_bullets_and_broken_lines():
    outline = read_text(HANDBOOK_TXT, source="handbook.txt")
    assert outline.title == "RIVERBEND PEER CENTER"
    assert _shape(outline) == [
        ("RIVERBEND PEER CENTER", [("paragraph", "Taking part in peer support is always your choice, and you may stop at any time.", 0)]),
        ("4.2 Grievances", [
            ("paragraph", "You may complain at any time:", 0),
            ("item", "to any staff member;", 0),
            ("item", "to the director, who answers within 10 days.", 0),
        ]),
        ("Privacy", [("paragraph", "What you share stays between you and your peer supporter.", 0)]),
    ]


def test_typographic_quotes_and_spaces_become_plain_ones():
    outline = read_text("It\u2019s your\u00a0choice \u2014 \u201calways\u201d.\u200b\n", source="x.txt")
    assert outline.sections[0].blocks[0].text == "It's your choice - \"always\"."


# ------------------------------------------------------------------ as a policy document


def test_an_outline_becomes_a_policy_document_that_loads_with_a_policy_per_section():
    text, places = policy_yaml([read_markdown(HANDBOOK_MD, source="handbook.md")])
    document = load_policy_text(text, "handbook.yaml")
    assert document.program.name == "Riverbend Peer Center"
    assert [(p.id, p.title) for p in document.policies] == [
        ("riverbend-peer-center", "Riverbend Peer Center"), ("4-2-grievances", "4.2 Grievances"), ("privacy", "Privacy"),
    ]
    grievances = document.policy("4-2-grievances").text
    assert "- to any staff member;\n- to the director" in grievances
    assert "  - in writing or out loud" in grievances
    assert "See your file | Ask any staff member" in grievances
    assert '# from handbook.md, line 5, "4.2 Grievances"' in text
    assert set(places.values()) >= {"handbook.md, line 3", "handbook.md, line 9"}


def test_the_name_given_wins_and_sections_of_several_documents_make_one_program():
    md = read_markdown(HANDBOOK_MD, source="handbook.md")
    txt = read_text(HANDBOOK_TXT, source="handbook.txt")
    document = load_policy_text(policy_yaml([md, txt], name="Riverbend")[0], "x.yaml")
    assert document.program.name == "Riverbend"
    ids = [p.id for p in document.policies]
    assert len(ids) == len(set(ids)) == 6 and "4-2-grievances-2" in ids


def test_text_that_would_end_yaml_or_start_a_comment_stays_text():
    hostile = "# Title\n\nSee policy #4: you may stop.\n\n---\n\n\"quoted\": yes | no & *star @at\n"
    document = load_policy_text(policy_yaml([read_markdown(hostile, source="h.md")])[0], "h.yaml")
    body = document.policies[0].text
    assert "See policy #4: you may stop." in body and '"quoted": yes | no & *star @at' in body


def test_a_document_with_no_text_is_refused():
    with pytest.raises(InputError, match="no text to read"):
        policy_yaml([read_markdown("# Only a heading\n", source="empty.md")])


@pytest.mark.parametrize(("name", "message"), [
    ("old.doc", "save it as .docx"),
    ("notes.odt", "save it as .docx"),
    ("sheet.xlsx", "not a document standards-check reads"),
])
def test_formats_it_does_not_read_are_refused_with_what_to_do(tmp_path, name, message):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(InputError, match=message):
        read_document(path)


def test_binary_data_named_txt_is_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(200))
    with pytest.raises(InputError, match="binary data"):
        read_document(path)


def test_windows_text_that_is_not_utf8_is_read(tmp_path):
    path = tmp_path / "handbook.txt"
    path.write_bytes("Caf\u00e9 rules\n\nIt\u2019s your choice.\n".encode("cp1252"))
    assert read_document(path).sections[-1].blocks[-1].text == "It's your choice."


# ------------------------------------------------------------------ import and check


@pytest.fixture
def docs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "handbook.md").write_text(HANDBOOK_MD, encoding="utf-8")
    (tmp_path / "rights.html").write_text(HANDBOOK_HTML, encoding="utf-8")
    (tmp_path / "handbook.txt").write_text(HANDBOOK_TXT, encoding="utf-8")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_import_writes_a_policy_document_that_validates(docs):
    result = run("import", "handbook.md", "-o", "policy.yaml")
    assert result.exit_code == 0, result.output
    assert "wrote policy.yaml (3 policies)" in result.stderr
    assert run("validate", "policy.yaml").exit_code == 0
    assert load_policy("policy.yaml").program.name == "Riverbend Peer Center"


def test_import_does_not_overwrite_without_force(docs):
    (docs / "policy.yaml").write_text("keep me", encoding="utf-8")
    result = run("import", "handbook.md", "-o", "policy.yaml")
    assert result.exit_code == 2 and "already exists; use --force" in result.stderr
    assert (docs / "policy.yaml").read_text(encoding="utf-8") == "keep me"
    assert run("import", "handbook.md", "-o", "policy.yaml", "--force").exit_code == 0


def test_several_documents_make_one_policy_document_each_in_the_folder_named(docs):
    (docs / "out").mkdir()
    result = run("import", "handbook.md", "handbook.txt", "rights.html", "-o", "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (docs / "out").iterdir()) == ["handbook-md.yaml", "handbook-txt.yaml", "rights.yaml"]
    assert run("validate", "out").exit_code == 0


def test_a_folder_of_documents_imports_into_one_program_with_a_name(docs):
    result = run("import", ".", "--name", "Riverbend", "-o", "one.yaml")
    assert result.exit_code == 0, result.output
    document = load_policy("one.yaml")
    assert document.program.name == "Riverbend" and len(document.policies) == 9


def test_several_documents_without_a_name_need_a_folder(docs):
    result = run("import", "handbook.md", "rights.html")
    assert result.exit_code == 2
    assert "name an existing folder with -o" in result.stderr


def test_a_document_checks_as_its_import_does_and_evidence_cites_the_original(docs):
    assert run("import", "handbook.md", "-o", "policy.yaml").exit_code == 0
    imported = json.loads(run("check", "policy.yaml", "-f", "json").stdout)
    direct = json.loads(run("check", "handbook.md", "-f", "json").stdout)

    def statuses(report):
        return {c["id"]: c["status"] for r in report["programs"][0]["rubrics"] for c in r["criteria"]}

    assert statuses(direct) == statuses(imported)
    evidence = [e for r in direct["programs"][0]["rubrics"] for c in r["criteria"] for e in c["evidence"]]
    assert evidence and all(e["place"].startswith("handbook.md, line ") for e in evidence)
    choice = next(e for e in evidence if "always your choice" in e["quote"])
    assert choice["place"] == "handbook.md, line 3" and choice["policy"] == "riverbend-peer-center"
    text = run("check", "handbook.md", "-v").stdout
    assert "riverbend-peer-center, handbook.md, line 3" in text


def test_the_same_policy_as_markdown_web_page_and_text_gives_the_same_statuses(docs):
    def statuses(path):
        report = json.loads(run("check", path, "-f", "json").stdout)
        return {c["id"]: c["status"] for r in report["programs"][0]["rubrics"] for c in r["criteria"]}

    assert statuses("handbook.md") == statuses("rights.html") == statuses("handbook.txt")


def test_a_document_that_cannot_be_read_is_one_line_and_exit_2(docs):
    (docs / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    result = run("check", "old.doc")
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "save it as .docx" in result.stderr


# ------------------------------------------------------------------ the same text, kept four ways

ROUND_TRIP = [
    ("1 Taking part", ["Taking part in peer support is always your choice, and you may stop",
                       "at any time without giving a reason."], []),
    ("2 Grievances", ["You may complain at any time, and nobody is punished for complaining:"],
     ["to any staff member or to the director;", "we answer every complaint in writing within ten days."]),
    ("3 Privacy", ["What you share stays between you and your peer supporter. We explain",
                   "the limits of confidentiality before you share anything."], []),
]


def _as_markdown() -> str:
    out = ["# Riverbend Peer Center", ""]
    for heading, paragraph, items in ROUND_TRIP:
        out += [f"## {heading}", "", " ".join(paragraph), ""] + [f"- {i}" for i in items] + [""]
    return "\n".join(out)


def _as_word(path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Riverbend Peer Center"
    for heading, paragraph, items in ROUND_TRIP:
        document.add_heading(heading, level=1)
        document.add_paragraph(" ".join(paragraph))
        for item in items:
            document.add_paragraph(item, style="List Bullet")
    document.save(path)


def _as_pdf(path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "data" / "documents"))
    from make_pdfs import build_pdf, lines, text

    content, y = text(72, 720, "Riverbend Peer Center", 20, bold=True), 690
    for heading, paragraph, items in ROUND_TRIP:
        content += text(72, y, heading, 12, bold=True)
        content += lines(72, y - 20, paragraph)
        y -= 20 + 13 * len(paragraph) + 6
        for item in items:
            content += text(72, y, "\u2022 " + item)
            y -= 16
        y -= 24
    path.write_bytes(build_pdf([content], info={"Title": "Riverbend Peer Center"}))


def test_the_same_policy_as_yaml_markdown_word_and_pdf_gives_the_same_statuses(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "handbook.md").write_text(_as_markdown(), encoding="utf-8")
    _as_word(tmp_path / "handbook.docx")
    _as_pdf(tmp_path / "handbook.pdf")
    assert run("import", "handbook.md", "-o", "handbook.yaml").exit_code == 0

    def found(path):
        report = json.loads(run("check", path, "-f", "json").stdout)
        program = report["programs"][0]
        return program["name"], {c["id"]: c["status"] for r in program["rubrics"] for c in r["criteria"]}

    yaml = found("handbook.yaml")
    assert sum(s != "not_met" for s in yaml[1].values()) >= 4  # the text states something
    assert found("handbook.md") == yaml
    assert found("handbook.docx") == yaml
    assert found("handbook.pdf") == yaml


def test_a_document_over_the_size_or_text_limit_is_refused_before_it_is_read(tmp_path):
    from standards_check.loading.documents.outline import Limits

    path = tmp_path / "handbook.md"
    path.write_text(HANDBOOK_MD, encoding="utf-8")
    with pytest.raises(InputError, match="the file is 397 bytes, more than the 100 a document may have"):
        read_document(path, limits=Limits(max_bytes=100))
    with pytest.raises(InputError, match="more than 100 characters of text"):
        read_document(path, limits=Limits(max_chars=100))
