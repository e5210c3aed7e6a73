"""Output: the .pptx bytes written reproducibly, and the office tools (LibreOffice, poppler) that render a deck.

May import `source` (and the stages above it); `check` and the commands import it.
"""
