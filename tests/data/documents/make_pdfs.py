"""Writes the PDF fixtures of the PDF reader's tests by hand, in raw PDF syntax, so that
no tool beyond Python is needed and every byte is known: a catalog, a page tree, the
standard Type 1 fonts Helvetica and Helvetica-Bold (WinAnsi, so "\u2022" is byte 0x95),
one content stream per page, and an xref table with exact offsets.

    python tests/data/documents/make_pdfs.py   # rewrites headed.pdf, columns.pdf, scanned.pdf, encrypted.pdf

The tests import :func:`build_pdf` and :func:`text` to make variants of their own, and
check that running this script gives the committed files byte for byte.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = 612, 792  # US Letter, in points
LEFT = 72
# the 32 bytes every password is padded with (PDF 1.7, 7.6.3.3, Algorithm 2)
PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FILE_ID = hashlib.md5(b"standards-check test fixture").digest()


def _string(value: str) -> bytes:
    """A PDF literal string of ``value`` in WinAnsi (cp1252), its delimiters escaped."""
    raw = value.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text(x: float, y: float, value: str, size: float = 10, bold: bool = False) -> bytes:
    """Content-stream operators drawing ``value`` with its baseline starting at (x, y)."""
    font = b"/F2" if bold else b"/F1"
    return b"BT %s %g Tf %g %g Td %s Tj ET\n" % (font, size, x, y, _string(value))


def lines(x: float, y: float, values: Sequence[str], size: float = 10, leading: float = 13, bold: bool = False) -> bytes:
    """``values`` one under the other, ``leading`` points apart: a paragraph already wrapped."""
    return b"".join(text(x, y - k * leading, value, size, bold) for k, value in enumerate(values))


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _standard_security(password: str, permissions: int = -4) -> tuple[bytes, bytes]:
    """The file key and the /Encrypt dictionary of the standard security handler, RC4
    40-bit (revision 2), with ``password`` as both user and owner password (Algorithms
    2, 3 and 4 of PDF 1.7, 7.6.3)."""
    padded = (password.encode("latin-1") + PAD)[:32]
    owner = _rc4(hashlib.md5(padded).digest()[:5], padded)  # Algorithm 3
    key = hashlib.md5(padded + owner + permissions.to_bytes(4, "little", signed=True) + FILE_ID).digest()[:5]  # Algorithm 2
    user = _rc4(key, PAD)  # Algorithm 4
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /Length 40 /O <%s> /U <%s> /P %d >>" % (
        owner.hex().encode(), user.hex().encode(), permissions)
    return key, encrypt


def build_pdf(pages: Sequence[bytes], *, info: dict[str, str] | None = None, password: str | None = None,
              mediabox: bool = True) -> bytes:
    """A PDF of one page per content stream in ``pages``, with an Info dictionary of
    ``info`` (Title, Author ...) and, given a ``password``, encrypted with it. Fonts:
    /F1 Helvetica, /F2 Helvetica-Bold, and /F3 a CID font that does not say which
    letters its glyphs are (no /ToUnicode), as some PDF producers leave them."""
    n = len(pages)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (6 + 2 * k) for k in range(n)), n),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Unknown /Encoding /Identity-H /DescendantFonts [<< /Type /Font"
        b" /Subtype /CIDFontType2 /BaseFont /Unknown /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity)"
        b" /Supplement 0 >> /DW 500 >>] >>",
    ]
    box = b" /MediaBox [0 0 %d %d]" % (WIDTH, HEIGHT) if mediabox else b""
    key, encrypt = _standard_security(password) if password is not None else (None, b"")

    def seal(number: int, data: bytes) -> bytes:
        # strings and streams are encrypted with a key of their own object (Algorithm 1)
        if key is None:
            return data
        return _rc4(hashlib.md5(key + number.to_bytes(3, "little") + b"\0\0").digest()[:10], data)

    for k, content in enumerate(pages):
        number = 7 + 2 * k
        objects.append(b"<< /Type /Page /Parent 2 0 R%s /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> /Contents %d 0 R >>"
                       % (box, number))
        stream = seal(number, content)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    trailer = b"/Root 1 0 R"
    if info:
        number = len(objects) + 1
        entries = b" ".join(b"/%s <%s>" % (name.encode(), seal(number, value.encode("cp1252")).hex().encode())
                            for name, value in info.items())
        objects.append(b"<< %s >>" % entries)
        trailer += b" /Info %d 0 R" % number
    if password is not None:
        objects.append(encrypt)
        trailer += b" /Encrypt %d 0 R" % len(objects)
    trailer += b" /ID [<%s> <%s>]" % (FILE_ID.hex().encode(), FILE_ID.hex().encode())

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


HEADER = "Riverbend Peer Center - Member Handbook"


def _running(page: int, of: int) -> bytes:
    """The header and footer on every page of the handbook."""
    return text(LEFT, 760, HEADER, 9) + text(WIDTH - 120, 40, f"Page {page} of {of}", 9)


def headed() -> bytes:
    """Three pages of a member handbook: a large title, numbered bold headings, wrapped
    paragraphs (one word hyphenated across a line end, one compound split at its hyphen,
    one paragraph running on to the next page), bullets and numbered steps, and a
    running header and footer."""
    page1 = (
        _running(1, 3)
        + text(LEFT, 700, "Member Rights and Responsibilities", 20, bold=True)
        + lines(LEFT, 670, [
            "This handbook explains how Riverbend works with the people who",
            "come here. Please keep it and ask us about anything in it.",
        ])
        + text(LEFT, 625, "1 Purpose", 12, bold=True)
        + lines(LEFT, 605, [
            "Riverbend is a peer-run center. Everyone here supports each other's",
            "recov-",
            "ery in the way that each person chooses for themselves.",
        ])
        + text(LEFT, 550, "2 Your Rights", 12, bold=True)
        + lines(LEFT, 530, ["As a member you have the right to:"])
        + text(LEFT, 510, "\u2022 decline any activity, service or suggestion without giving a")
        + text(LEFT + 10, 497, "reason;")
        + text(LEFT, 481, "\u2022 see what we write about you;")
        + text(LEFT, 465, "\u2022 bring a friend or advocate to any meeting.")
    )
    page2 = (
        _running(2, 3)
        + text(LEFT, 700, "3 Participation", 12, bold=True)
        + lines(LEFT, 680, [
            "Participation in every group is voluntary and self-",
            "directed. Members plan the week's groups together at the house",
            "meeting.",
        ])
        + text(LEFT, 625, "4 Concerns", 12, bold=True)
        + text(LEFT, 600, "4.1 Talking with staff", 12, bold=True)
        + lines(LEFT, 580, [
            "Most concerns are settled by talking them through. If that does",
            "not settle it, you may ask for",
        ])
    )
    page3 = (
        _running(3, 3)
        + lines(LEFT, 700, ["a meeting with the director and a peer of your choice."])
        + text(LEFT, 660, "4.2 Grievances", 12, bold=True)
        + lines(LEFT, 640, ["To make a formal grievance:"])
        + text(LEFT, 620, "1. Write down what happened, or ask a peer to write it for you.")
        + text(LEFT, 604, "2. Give it to any staff member or put it in the grievance box.")
        + lines(LEFT, 580, ["We answer every grievance in writing within ten days."])
    )
    return build_pdf([page1, page2, page3], info={"Title": "Microsoft Word - handbook.docx", "Producer": "make_pdfs.py"})


def columns() -> bytes:
    """One page of two columns, each one paragraph of numbered sentences, their lines
    side by side so that reading across the page would mix them; the left column is
    the longer, so that reading its box after the right one's (whose foot is higher)
    would be wrong too."""
    left = [
        "Sentence one starts the left column.",
        "Sentence two follows it on the",
        "next line. Sentence three is",
        "still in the left column, which is",
        "longer than the right one, so that",
        "its foot is lower. Sentence four",
        "ends the left column.",
    ]
    right = [
        "Sentence five starts the right",
        "column. Sentence six follows it.",
        "Sentence seven is still on the right.",
        "Sentence eight ends the right",
        "column and the page.",
    ]
    page = lines(LEFT, 700, left) + lines(WIDTH / 2 + 20, 700, right)
    return build_pdf([page])


def scanned() -> bytes:
    """A page as a scanner leaves it without OCR: marks, no text (here a grey box)."""
    return build_pdf([b"0.8 g 72 400 468 300 re f\n"])


def encrypted() -> bytes:
    """A page of text behind the user password "secret" (RC4 40-bit)."""
    return build_pdf([text(LEFT, 700, "Nobody reads this without the password.")], password="secret")


FIXTURES = {"headed.pdf": headed, "columns.pdf": columns, "scanned.pdf": scanned, "encrypted.pdf": encrypted}


def main(folder: Path = HERE) -> None:
    for name, make in FIXTURES.items():
        (folder / name).write_bytes(make())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
