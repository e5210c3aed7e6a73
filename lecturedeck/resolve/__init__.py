"""Resolve one build: the term and locale applied, every picture prepared for its slot, every chart drawn (and
cached), generated slides added. After this nothing is read from disk or decided.

Imports `source`, `i18n` and `fonts` (and the shared `problems`, `files`, `text`, `steps`); the kinds (a chart's
and a table's CSV reading) and the commands import it.
"""
