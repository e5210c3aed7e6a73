"""Render: a resolved deck drawn into a python-pptx Presentation. Owns the canvas kinds draw on, text measuring
and fitting, the layout grid, the template, reading order and fast slide adding.

Imports `source` and `fonts` (and the shared `problems`, `files`, `steps`), not `i18n` or `resolve`: the resolved
deck comes in as data, its texts already translated. The kinds, `output`, `check` and the commands import it.
"""
