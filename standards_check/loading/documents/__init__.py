"""Documents as agencies keep them (Word, PDF, Markdown, web pages, plain text), read into an outline."""
