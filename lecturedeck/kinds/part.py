"""kind: part — a part's divider, made from an outline file's `part:` (its number, name and question)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pptx.enum.shapes import PP_PLACEHOLDER

from ..render.canvas import INSET
from ..render.textfit import LINE_HEIGHT
from ..source.model import Part, Slide, map_part, register

TITLE_SIZES = (54, 48, 44, 40, 36)
QUESTION_SIZES = (28, 26, 24)
COUNTER_SIZE = 20
LEFT = 1.0  # inches from the left (and right) edge
GAP = 0.08  # inches between the counter and the title
RULE_GAP, RULE_HEIGHT, QUESTION_GAP = 0.16, 0.06, 0.16  # inches: title, gap, rule, gap, question
TOP_MIN = 0.5
SLACK = 0.02  # inches a measured box is given beyond its text
LIFT = 0.25  # the group sits a little above the middle of the slide


@register
@dataclass(frozen=True)
class PartSlide(Slide):
    """A part's divider: its number, name and question."""

    kind = "part"
    layout = "Section Header"
    titled = False
    footer = False
    from_outline = False

    id: str
    part: Part

    @classmethod
    def of_part(cls, part: Part) -> "PartSlide":
        """The divider of an outline file's `part:`, under the part's id."""
        return cls(part.id, part)

    @property
    def title(self) -> str:
        """The part's name, as the divider's title."""
        return self.part.label

    @property
    def notes(self) -> str:  # type: ignore[override]  # a property for Slide's field: frozen, nothing writes it
        """The part's speaker notes."""
        return self.part.notes

    def map_texts(self, fn, parts=None):
        """The part's label, question and notes (taken from `parts`, already mapped, when given)."""
        if parts is not None:
            return replace(self, part=parts[self.part.id])
        return replace(self, part=map_part(self.part, fn))

    def render(self, canvas) -> None:
        """Accent background, then top-down: its number among the parts, its name (wrapping to two or three lines,
        measured as drawn, capitals included), a rule and its question, so a longer name pushes the question down."""
        colors, part, theme = canvas.theme.colors, self.part, canvas.theme
        canvas.background(colors.accent)
        counter = canvas.strings.get("ui.part-counter", number=str(part.number), count=str(len(canvas.deck.parts)))
        title_shape = canvas.placeholder(PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        body = canvas.body_placeholder()
        caps = canvas.capitals(title_shape)
        width = theme.width - 2 * LEFT
        title_size, title_height = self._title_fit(canvas, width, caps)
        question_size = canvas.fit_size([part.question], QUESTION_SIZES, width, 2 * QUESTION_SIZES[-1] * 1.2 / 72 + 0.2)
        question_size = question_size or QUESTION_SIZES[-1]
        question = [(part.question, question_size, colors.on_dark_soft, False)]
        question_height = canvas.measure(question, width) + SLACK
        counter_lines = [(counter, COUNTER_SIZE, colors.on_dark_soft, True)]
        counter_height = canvas.measure(counter_lines, width) + SLACK
        rule_space = RULE_GAP + RULE_HEIGHT + QUESTION_GAP
        total = counter_height + GAP + title_height + rule_space + question_height
        top = max(TOP_MIN, (theme.height - total) / 2 - LIFT)
        title_box = (LEFT, top + counter_height + GAP, width, title_height)
        sizes = TITLE_SIZES if canvas.custom else (title_size,)
        box, _size = canvas.title(part.label, box=title_box, sizes=sizes, color=colors.on_dark, anchor="t")
        question_box = (LEFT, box[1] + box[3] + rule_space, width, question_height)
        placed = canvas.place(body, question_box)
        if box != title_box:  # an institution's template placed the title: the counter goes above it (or its body)
            top = max(0.1, min(box[1], placed[1]) - counter_height - GAP)
            counter_box = (box[0], top, box[2], counter_height)
        else:
            counter_box = (LEFT, top, width, counter_height)
            canvas.decoration((LEFT + INSET, box[1] + box[3] + RULE_GAP, 1.6, RULE_HEIGHT), colors.on_dark)
        if placed != question_box:
            size = canvas.fit_size([part.question], QUESTION_SIZES, placed[2], placed[3])
            if size is None:
                size = QUESTION_SIZES[-1]
                canvas.warn("question", f"the part's question does not fit its box even at {size} pt "
                                        "(expected a shorter question)")
            question = [(part.question, size, colors.on_dark_soft, False)]
        canvas.lines(body, placed, question, role="body")
        canvas.text(counter_box, "Part number", counter_lines, role="counter", anchor="b")

    def _title_fit(self, canvas, width: float, caps: bool) -> tuple[int, float]:
        """The largest title size at which the name takes at most two lines (else three, else the smallest size),
        and the height its box needs then."""
        for most in (2, 3):
            for size in TITLE_SIZES:
                height = most * size * LINE_HEIGHT / 72 + 2 * INSET
                if canvas.fit_size([self.part.label], (size,), width, height, bold=True, caps=caps):
                    return size, canvas.measure_title(self.part.label, size, width, caps) + SLACK
        size = TITLE_SIZES[-1]
        return size, canvas.measure_title(self.part.label, size, width, caps) + SLACK
