"""What a translation must keep from its English: placeholders, format fields of chart texts, well-formed markup,
printable text; and what `msgfmt -c` checks besides (the same leading and trailing line breaks)."""

from __future__ import annotations

from collections import Counter
from string import Formatter

from ..source.markup import placeholders, plain
from ..text import blank, text_problem
from .po import PoEntry


def entry_problems(entry: PoEntry) -> list[tuple[int, str]]:
    """(line, message) for each thing wrong with a live entry's translation; fuzzy entries are only checked for
    characters no slide can hold (their translation is not used until a translator reviews it)."""
    text = entry.msgstr
    if not text:
        return []
    line = entry.msgstr_line or entry.line
    wrong = text_problem(text)
    if wrong:
        return [(line, wrong)]
    if entry.fuzzy:
        return []
    if blank(text):
        return [(line, "translation is only whitespace (expected a translation, or an empty msgstr to leave it "
                       "untranslated)")]
    found = []
    for starts, where in ((str.startswith, "start"), (str.endswith, "end")):
        want, got = starts(entry.msgid, "\n"), starts(text, "\n")
        if want != got:
            found.append((line, f"line break at the {where} differs from the English (expected "
                                f"{'a' if want else 'no'} line break at the {where}, got {'one' if got else 'none'})"))
    wrong = mismatch(entry.context or "", entry.msgid, text)
    if wrong:
        found.append((line, wrong))
    return found


def mismatch(key: str, english: str, translation: str) -> str | None:
    """What a translation breaks, if anything: its `{placeholders}` (in chart texts every str.format field) must be
    those of the English, and its bold/italic marks must pair up (it may drop, add or move them)."""
    want, got = Counter(placeholders(english)), Counter(placeholders(translation))
    if want != got:
        return f"placeholders differ from the English (expected {_names(want)}, got {_names(got)})"
    if key.startswith("chart."):
        want_fields, got_fields = format_fields(english), format_fields(translation)
        if want_fields is not None and got_fields is None:
            return ("a brace the chart's str.format cannot read (expected {{ and }} for a literal brace, or the "
                    f"English's fields {_fields(want_fields)}, got {_snippet(translation)})")
        if want_fields is not None and got_fields is not None and want_fields != got_fields:
            return (f"format fields differ from the English (expected {_fields(want_fields)}, got "
                    f"{_fields(got_fields)})")
    extra = plain(translation).count("*") - plain(english).count("*")
    if extra > 0:
        return ("unpaired emphasis marks that would show as typed (expected **bold** or *italic* marks in pairs "
                f"around words, got {_snippet(translation)})")
    return None


def format_fields(text: str) -> Counter | None:
    """The fields str.format sees in a text (`{0}`, `{value:.1f}`), None when it cannot read the text."""
    try:
        return Counter("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
                       for _literal, name, spec, conversion in Formatter().parse(text) if name is not None)
    except ValueError:
        return None


def _names(counter: Counter) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(counter.elements())) or "none"


def _fields(counter: Counter) -> str:
    return ", ".join(sorted(counter.elements())) or "none"


def _snippet(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")
