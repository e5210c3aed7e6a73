"""Death-toll estimates for the Great Chinese Famine (1959-1961), in million excess deaths.

Horizontal bars, sorted ascending, one per published estimate, labelled "Author (year)"
with the value at the bar end; the lecture's range (15 million low end, 43 million high
end) is marked by a shaded band and two dashed boundary lines.

Data: assets/data/death_toll_estimates.csv (columns author, year, excess_deaths_million,
source). Full citations and caveats: assets/data/README.md.
"""

from matplotlib.ticker import FuncFormatter, MultipleLocator

LABEL_SIZE = 14
VALUE_SIZE = 14
TICK_SIZE = 13
NOTE_SIZE = 13


def _decimals(value):
    """0 decimals for whole numbers, 1 otherwise (e.g. 30 vs 32.5)."""
    return 0 if float(value).is_integer() else 1


def draw(fig, ctx):
    """Draw sorted horizontal bars of famine death-toll estimates with the lecture's range."""
    _ = ctx.pgettext
    colors = ctx.colors
    rows = ctx.read_csv("death_toll_estimates.csv")
    estimates = sorted(
        ((float(r["excess_deaths_million"]), r["author"].strip(), r["year"].strip(), r["source"].strip())
         for r in rows),
        key=lambda e: (e[0], e[2], e[1]),
    )
    values = [e[0] for e in estimates]
    # Each author's name is translatable under the row's source ID (e.g. author.coale_1984).
    labels = [_("estimate-label", "{author} ({year})").format(author=_(f"author.{source}", author), year=year)
              for _v, author, year, source in estimates]
    low, high = min(values), max(values)

    fig.set_layout_engine("constrained", h_pad=0.05, w_pad=0.1)
    ax = fig.add_subplot(1, 1, 1)

    positions = list(range(len(values)))
    bar_colors = [colors["accent"] if v in (low, high) else colors["accent2"] for v in values]
    ax.barh(positions, values, height=0.66, color=bar_colors, zorder=3)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()  # smallest estimate on top: the list reads ascending

    # The lecture's range: shaded band plus dashed boundaries at the low and high ends.
    ax.axvspan(low, high, color=colors["shade"], alpha=0.55, zorder=0, lw=0)
    top = -0.8
    # Boundary lines stop short of the labels above the bars.
    ax.vlines([low, high], len(values) - 0.5, top + 0.15, colors=colors["accent"],
              lw=1.6, linestyles=[(0, (5, 3))], zorder=2)
    ax.text(low, top, _("low-end", "low end: {value}").format(value=ctx.format_number(low, _decimals(low))),
            ha="center", va="bottom", fontsize=NOTE_SIZE, color=colors["accent"],
            fontweight="bold")
    ax.text(high, top, _("high-end", "high end: {value}").format(value=ctx.format_number(high, _decimals(high))),
            ha="center", va="bottom", fontsize=NOTE_SIZE, color=colors["accent"],
            fontweight="bold")
    ax.text((low + high) / 2, top, _("range-note", "range used in this lecture"), ha="center",
            va="bottom", fontsize=NOTE_SIZE, color=colors["muted"], style="italic")

    for pos, value in zip(positions, values):
        ax.text(value + 0.5, pos, ctx.format_number(value, _decimals(value)),
                ha="left", va="center", fontsize=VALUE_SIZE, color=colors["ink"],
                fontweight="bold", zorder=4)

    ax.set_xlim(0, high * 1.12)
    ax.set_ylim(len(values) - 0.5, top - 0.75)  # headroom keeps the range labels inside
    ax.xaxis.set_major_locator(MultipleLocator(10))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: ctx.format_number(v, 0)))
    ax.set_xlabel(_("axis-label", "Excess deaths (million)"), fontsize=LABEL_SIZE, color=colors["ink"])
    ax.tick_params(axis="x", labelsize=TICK_SIZE, colors=colors["ink"])
    ax.tick_params(axis="y", labelsize=LABEL_SIZE, colors=colors["ink"], length=0)
    ax.grid(axis="x", color=colors["grid"], lw=0.8, zorder=1)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(colors["muted"])
