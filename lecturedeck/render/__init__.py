"""Render: a resolved deck drawn into a python-pptx Presentation. Owns the canvas kinds draw on, text measuring
and fitting, the layout grid, the template, reading order and fast slide adding.

May import `source`, `i18n` and `resolve`; the kinds import it.
"""
