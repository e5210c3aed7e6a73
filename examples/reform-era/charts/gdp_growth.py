"""Real GDP growth in China, 1978-1992: one bar per year, the retrenchment years shaded.

Data: assets/data/gdp_growth.csv (columns year, real_gdp_growth_pct, source), the NBS GDP index with the
preceding year = 100, minus 100. Sources and other vintages of the series: assets/data/README.md.
"""

from matplotlib.ticker import FixedLocator, FuncFormatter

YEAR_MIN, YEAR_MAX = 1978, 1992
# Retrenchment periods ordered from Beijing (shaded), and the events labelled above the bars.
RETRENCHMENTS = [(1981, 1981), (1989, 1990)]
EVENTS = [(1980, "sez", "Special Economic Zones"), (1984, "coastal", "14 coastal cities"),
          (1988, "prices", "price breakthrough"), (1992, "southern-tour", "Southern Tour")]

LABEL_SIZE = 13
VALUE_SIZE = 12
TICK_SIZE = 12
EVENT_SIZE = 12


def draw(fig, ctx):
    """Draw one bar of real GDP growth per year with value labels, shaded retrenchments and events."""
    _ = ctx.pgettext
    colors = ctx.colors
    rows = sorted((int(r["year"]), float(r["real_gdp_growth_pct"])) for r in ctx.read_csv("gdp_growth.csv"))
    years = [year for year, _g in rows]
    growth = [g for _year, g in rows]

    fig.set_layout_engine("constrained", h_pad=0.05, w_pad=0.1)
    ax = fig.add_subplot(1, 1, 1)

    for start, end in RETRENCHMENTS:
        ax.axvspan(start - 0.5, end + 0.5, color=colors["shade"], lw=0, zorder=0)
    ax.text(1989.5, 21.2, _("retrenchment", "retrenchment"), ha="center", va="top", fontsize=EVENT_SIZE,
            color=colors["muted"], style="italic")

    bar_colors = [colors["accent"] if g < 6 else colors["accent2"] for g in growth]
    ax.bar(years, growth, width=0.7, color=bar_colors, zorder=3)
    for year, value in rows:
        ax.text(year, value + 0.3, ctx.format_number(value, 1), ha="center", va="bottom",
                fontsize=VALUE_SIZE, color=colors["ink"], zorder=4)

    for year, key, english in EVENTS:
        value = dict(rows).get(year, 0)
        ax.annotate(_(f"event.{key}", english), xy=(year, value + 1.6), xytext=(year, 18.6),
                    ha="center", va="bottom", fontsize=EVENT_SIZE, color=colors["ink"],
                    arrowprops={"arrowstyle": "-", "color": colors["muted"], "lw": 1.0})

    ax.set_xlim(YEAR_MIN - 0.7, YEAR_MAX + 0.7)
    ax.set_ylim(0, 21.5)
    ax.xaxis.set_major_locator(FixedLocator(years))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{int(round(v))}"))
    ax.yaxis.set_major_locator(FixedLocator([0, 5, 10, 15]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: ctx.format_number(v, 0)))
    ax.set_ylabel(_("axis-label", "Real GDP growth (% per year)"), fontsize=LABEL_SIZE, color=colors["ink"])
    ax.tick_params(axis="x", labelsize=TICK_SIZE, colors=colors["ink"], rotation=45)
    ax.tick_params(axis="y", labelsize=TICK_SIZE, colors=colors["ink"])
    ax.grid(axis="y", color=colors["grid"], lw=0.8, zorder=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(colors["muted"])
