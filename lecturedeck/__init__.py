"""lecturedeck: build native, editable PowerPoint lecture decks from a YAML outline and chart scripts."""

__version__ = "0.1.0"
