"""A web page (an agency's rights page, saved as .html), read with the standard
library's HTML parser: the page's text, not its menus, scripts or styles."""

from __future__ import annotations

from html.parser import HTMLParser

from standards_check.loading.documents.clean import clean_text, strip_bullet
from standards_check.loading.documents.outline import Block, Outline, Section

__all__ = ["read_html"]

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "li", "dt", "dd", "blockquote", "pre", "div", "section", "article", "main", "td", "th", "tr",
           "br", "table", "ul", "ol", "dl", "figcaption", "address", "summary", "details"} | _HEADINGS
# what a page has around its text: not part of the policy
_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "button",
         "select", "iframe", "object"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: str | None = None
        self.in_title = False
        self.skipping = 0  # depth inside elements left out
        self.sections = [Section(None, "paragraph 1")]
        self.text: list[str] = []
        self.kind = "paragraph"
        self.level = 0
        self.heading = False
        self.lists = 0
        self.cells: list[str] | None = None
        self.count = 0  # blocks so far, for places a person can count

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        hidden = any(k == "hidden" or (k == "aria-hidden" and v == "true") for k, v in attrs)
        if self.skipping or tag in _SKIP or hidden:
            if tag not in _VOID:
                self.skipping += 1
            return
        if tag == "title":
            self.in_title = True
            return
        if tag in ("ul", "ol"):
            self.flush()
            self.lists += 1
        elif tag == "tr":
            self.flush()
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.flush_cell()
        elif tag in _BLOCKS:
            self.flush()
            if tag in _HEADINGS:
                self.heading = True
            elif tag == "li":
                self.kind, self.level = "item", max(self.lists - 1, 0)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in _SKIP or tag not in _VOID:
                self.skipping -= 1
            return
        if tag == "title":
            self.in_title = False
            return
        if tag in ("td", "th") and self.cells is not None:
            self.flush_cell()
        elif tag == "tr" and self.cells is not None:
            self.flush_cell()
            cells = [c for c in self.cells if c]
            self.cells = None
            if cells:
                self.count += 1
                self.sections[-1].blocks.append(Block(" | ".join(cells), f"paragraph {self.count}", "row"))
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists = max(self.lists - 1, 0)
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.in_title:
            self.title = clean_text((self.title or "") + " " + data) or None
            return
        self.text.append(data)

    def flush_cell(self) -> None:
        if self.cells is not None:
            self.cells.append(clean_text("".join(self.text)))
            self.text = []

    def flush(self) -> None:
        if self.cells is not None:
            return  # a block inside a table cell belongs to the cell
        text = clean_text("".join(self.text))
        self.text = []
        if text:
            self.count += 1
            place = f"paragraph {self.count}"
            if self.heading:
                self.sections.append(Section(text, place))
            else:
                body, bullet = strip_bullet(text)
                kind = "item" if bullet else self.kind
                self.sections[-1].blocks.append(Block(body if bullet else text, place, kind, self.level))
        self.heading = False
        self.kind, self.level = ("item", max(self.lists - 1, 0)) if self.lists else ("paragraph", 0)


def read_html(text: str, *, source: str) -> Outline:
    """The outline of the web page ``text``: a section per heading (``h1`` to ``h6``),
    paragraphs, list items and table rows; navigation, headers, footers, scripts and
    hidden parts are left out. The title is the page's ``<title>``, else its first
    heading. Blocks are placed by their order on the page ("paragraph 7")."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader.flush()
    sections = [s for s in reader.sections if s.heading is not None or s.blocks]
    title = reader.title or next((s.heading for s in sections if s.heading), None)
    return Outline(source, title, sections, "html")
