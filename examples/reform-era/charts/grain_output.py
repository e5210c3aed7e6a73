"""China's grain output, 1978-1984, in million tonnes: one bar per year, the change over the period noted.

Data: assets/data/grain_output.csv (columns year, grain_million_t, source), NBS grain output in 10,000 tonnes
divided by 100. Sources: assets/data/README.md.
"""

from matplotlib.ticker import FixedLocator, FuncFormatter

LABEL_SIZE = 14
VALUE_SIZE = 13
TICK_SIZE = 13
NOTE_SIZE = 14


def draw(fig, ctx):
    """Draw grain output bars with values and the percentage change from the first to the last year."""
    _ = ctx.pgettext
    colors = ctx.colors
    rows = sorted((int(r["year"]), float(r["grain_million_t"])) for r in ctx.read_csv("grain_output.csv"))
    years = [year for year, _v in rows]
    grain = [v for _year, v in rows]

    fig.set_layout_engine("constrained", h_pad=0.05, w_pad=0.1)
    ax = fig.add_subplot(1, 1, 1)

    bar_colors = [colors["accent"] if year in (years[0], years[-1]) else colors["accent2"] for year in years]
    ax.bar(years, grain, width=0.66, color=bar_colors, zorder=3)
    for year, value in rows:
        ax.text(year, value + 4, ctx.format_number(value, 1), ha="center", va="bottom",
                fontsize=VALUE_SIZE, color=colors["ink"], fontweight="bold", zorder=4)

    change = (grain[-1] / grain[0] - 1) * 100
    note = _("change", "+{percent}% from {first} to {last}").format(
        percent=ctx.format_number(change, 1), first=years[0], last=years[-1])
    ax.text(years[0] - 0.4, 470, note, ha="left", va="top", fontsize=NOTE_SIZE, color=colors["accent"],
            fontweight="bold")

    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.set_ylim(0, 480)
    ax.xaxis.set_major_locator(FixedLocator(years))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{int(round(v))}"))
    ax.yaxis.set_major_locator(FixedLocator([0, 100, 200, 300, 400]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: ctx.format_number(v, 0)))
    ax.set_ylabel(_("axis-label", "Grain output (million tonnes)"), fontsize=LABEL_SIZE, color=colors["ink"])
    ax.tick_params(axis="both", labelsize=TICK_SIZE, colors=colors["ink"])
    ax.grid(axis="y", color=colors["grid"], lw=0.8, zorder=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(colors["muted"])
