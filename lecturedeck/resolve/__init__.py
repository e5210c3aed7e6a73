"""Resolve one build: the term and locale applied, every picture prepared for its slot, every chart drawn (and
cached), generated slides added. After this nothing is read from disk or decided.

May import `source` and `i18n`.
"""
