"""Slide kinds, one module each: a kind's outline keys and how they are read, the texts it offers for translation,
the files, pictures and chart it needs, its credits, its layout on the grid and how it is drawn.

Importing this package registers every kind with `source.model`, where the loader, the translation template, the
resolver and the renderer find them. A kind may import `source`, `i18n`, `resolve` and `render`; nothing below
imports a kind. Adding a kind is one new module here, listed below, with its section in docs/outline-format.md.
"""

from . import title, agenda, part, bullets, image, chart, quote, table, two_column, timeline, credits  # noqa: F401
# (registration order = docs order; credits is generated last)
