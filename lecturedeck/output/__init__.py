"""Output: the .pptx bytes written reproducibly, and the office tools (LibreOffice, poppler) that render a deck.

Imports `source`, `render` (text measuring, reading order, the XML text of shapes) and `fonts` (and the shared
`problems`, `files`); `check`, the commands and the CLI (`diff`'s report) import it.
"""
