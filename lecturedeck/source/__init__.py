"""Load and validate: deck.yaml, the outline files and theme.yaml read into the typed model, every problem with
file:line, all at once. Owns the YAML reading, the model and the registry of slide kinds.

Imports only the shared `problems` and `text`; every other stage imports it.
"""
