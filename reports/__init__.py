"""Renderers: turn a Document or an audit result into text, Markdown, JSON, Excel, HTML, Word comments."""
