"""The one check every text passes before it can reach a slide, whatever its source: the outline, deck.yaml, a
catalog, a chart script, a command-line option."""

from __future__ import annotations

import re

MAX_TEXT = 5000  # characters in one text: a whole speaker note fits, a runaway paste does not
MAX_PROPERTY = 255  # characters in a document property (title, author, subject, keywords) a .pptx can hold
MAX_TERM = 80  # characters in a term: it is part of every file name the build writes

# Control characters (category Cc) but the newline, surrogates, line and paragraph separators (U+2028, U+2029:
# no slide format holds them and text shaping rejects them), and the non-characters of every plane.
_FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef"
                        + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
                        + "]")


def text_problem(text: object, *, newlines: bool = True, limit: int = MAX_TEXT) -> str | None:
    """Why a text cannot go into a deck (None when it can): not text, a forbidden character (a line break too, when
    `newlines` is false), or longer than `limit` characters."""
    if not isinstance(text, str):
        return f"not text (expected text, got {type(text).__name__})"
    found = _FORBIDDEN.search(text) or (None if newlines else re.search("\n", text))
    if found and found.group() == "\n":
        return "line break in a one-line text (expected one line, got U+000A)"
    if found:
        return f"control or non-character in text (expected printable text, got U+{ord(found.group()):04X})"
    if len(text) > limit:
        return f"text is too long (expected at most {limit} characters, got {len(text)})"
    return None


def blank(text: str) -> bool:
    """True when a text shows nothing: only spaces and invisible format characters (a zero-width space, a joiner,
    a direction mark), which a slide would show as an empty box."""
    import unicodedata

    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


def file_word(text: str) -> str:
    """A text as a piece of a file name: lower case, letters and digits of any script (accents dropped from Latin
    letters, so Été 2027 is ete-2027 and 2026年秋季 stays itself), every other run of characters one '-'."""
    import unicodedata

    plain = "".join(char for char in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(char))
    return re.sub(r"-+", "-", "".join(char if char.isalnum() else "-" for char in unicodedata.normalize("NFC", plain))).strip("-")
