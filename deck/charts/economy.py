"""Economy small multiples: China 1952-1966, with the Great Leap years 1958-1961 shaded.

Four panels in a 2 x 2 grid:
  * real GDP growth, % per year (bars)            -- assets/data/gdp_growth.csv
  * grain output, million tonnes (line)           -- assets/data/grain_output.csv
  * steel output, million tonnes (line), with the
    1958 claimed figure incl. backyard steel      -- assets/data/steel_output.csv
  * crude death rate per 1,000 (line)             -- assets/data/death_rate.csv

Sources and caveats for every series: assets/data/README.md.
"""

from matplotlib.ticker import FixedLocator, FuncFormatter

YEAR_MIN, YEAR_MAX = 1952, 1966
LEAP_START, LEAP_END = 1958, 1961
YEAR_TICKS = [1952, 1955, 1958, 1961, 1964]

TITLE_SIZE = 16
TICK_SIZE = 13
NOTE_SIZE = 13


def _series(rows, column):
    """Return (years, values) for rows whose `column` is not empty, sorted by year."""
    pairs = sorted(
        (int(row["year"]), float(row[column]))
        for row in rows
        if row.get(column, "").strip()
    )
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _style_axis(ax, ctx, title, yticks, y_decimals=0):
    colors = ctx.colors
    ax.axvspan(LEAP_START - 0.5, LEAP_END + 0.5, color=colors["shade"], zorder=0, lw=0)
    ax.set_title(title, loc="left", fontsize=TITLE_SIZE, color=colors["ink"],
                 fontweight="bold", pad=6)
    ax.set_xlim(YEAR_MIN - 0.7, YEAR_MAX + 0.7)
    ax.xaxis.set_major_locator(FixedLocator(YEAR_TICKS))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{int(round(v))}"))
    ax.yaxis.set_major_locator(FixedLocator(yticks))
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _pos: ctx.format_number(v, y_decimals)))
    ax.tick_params(axis="both", labelsize=TICK_SIZE, colors=colors["ink"], length=3)
    ax.grid(axis="y", color=colors["grid"], lw=0.8, zorder=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(colors["muted"])


def _plot_line(ax, years, values, color):
    """Solid line between consecutive years, dotted across gaps in the data."""
    for (y0, v0), (y1, v1) in zip(zip(years, values), zip(years[1:], values[1:])):
        style = "-" if y1 - y0 == 1 else ":"
        ax.plot([y0, y1], [v0, v1], color=color, lw=2.6, ls=style, zorder=3,
                solid_capstyle="round")
    ax.plot(years, values, ls="none", marker="o", ms=5.5, color=color, zorder=4)


def draw(fig, ctx):
    """Draw the 2 x 2 economy panels (GDP growth, grain, steel, death rate) on `fig`."""
    _ = ctx.pgettext
    colors = ctx.colors
    fig.set_layout_engine("constrained", h_pad=0.06, w_pad=0.12, hspace=0.06, wspace=0.06)
    (ax_gdp, ax_grain), (ax_steel, ax_death) = fig.subplots(2, 2, sharex=True)

    # --- Real GDP growth (bars) ---------------------------------------------
    years, growth = _series(ctx.read_csv("gdp_growth.csv"), "real_gdp_growth_pct")
    bar_colors = [colors["accent"] if g < 0 else colors["accent2"] for g in growth]
    ax_gdp.bar(years, growth, width=0.72, color=bar_colors, zorder=3)
    ax_gdp.axhline(0, color=colors["ink"], lw=1.0, zorder=4)
    _style_axis(ax_gdp, ctx, _("gdp-title", "Real GDP growth (% per year)"), [-20, 0, 20])
    ax_gdp.set_ylim(-36, 30)
    low_year, low = min(zip(years, growth), key=lambda p: p[1])
    ax_gdp.annotate(
        ctx.format_number(low, 1), xy=(low_year, low), xytext=(9, 4),
        textcoords="offset points", ha="left", va="bottom",
        fontsize=NOTE_SIZE, color=colors["accent"], fontweight="bold")
    ax_gdp.text(
        (LEAP_START + LEAP_END) / 2, 29, _("leap-band", "Great Leap"), ha="center", va="top",
        fontsize=NOTE_SIZE - 1, color=colors["muted"], style="italic")

    # --- Grain output (line) -----------------------------------------------
    years, grain = _series(ctx.read_csv("grain_output.csv"), "grain_million_t")
    _plot_line(ax_grain, years, grain, colors["accent2"])
    _style_axis(ax_grain, ctx, _("grain-title", "Grain output (million t)"), [120, 160, 200])
    low_year, low = min(zip(years, grain), key=lambda p: p[1])
    ax_grain.annotate(
        ctx.format_number(low, 1), xy=(low_year, low), xytext=(0, -8),
        textcoords="offset points", ha="center", va="top",
        fontsize=NOTE_SIZE, color=colors["accent2"], fontweight="bold")
    ax_grain.set_ylim(105, 225)

    # --- Steel output (line + claimed 1958 figure) -------------------------
    steel_rows = ctx.read_csv("steel_output.csv")
    years, steel = _series(steel_rows, "steel_million_t")
    _plot_line(ax_steel, years, steel, colors["ink"])
    claim_years, claimed = _series(steel_rows, "claimed_million_t")
    official = dict(zip(years, steel))
    for year, value in zip(claim_years, claimed):
        if year in official:
            ax_steel.plot([year, year], [official[year], value], color=colors["accent"],
                          lw=1.4, ls=(0, (2, 2)), zorder=2)
        ax_steel.plot([year], [value], ls="none", marker="o", ms=10, mfc="none",
                      mec=colors["accent"], mew=2.2, zorder=5)
        # Label sits in the empty top-left of the panel, with a leader to the marker.
        ax_steel.annotate(
            _("steel-claim", "claimed (incl. backyard steel)"), xy=(year, value),
            xytext=(YEAR_MIN - 0.4, 22.5), textcoords="data", ha="left", va="center",
            fontsize=NOTE_SIZE, color=colors["accent"],
            arrowprops={"arrowstyle": "-", "color": colors["accent"], "lw": 1.2,
                        "shrinkA": 2, "shrinkB": 7,
                        "connectionstyle": "angle,angleA=0,angleB=90,rad=0",
                        "relpos": (0.45, 0.0)})
    _style_axis(ax_steel, ctx, _("steel-title", "Steel output (million t)"), [0, 10, 20])
    ax_steel.set_ylim(0, 25)

    # --- Crude death rate (line) -------------------------------------------
    years, death = _series(ctx.read_csv("death_rate.csv"), "crude_death_rate_per_1000")
    _plot_line(ax_death, years, death, colors["accent"])
    _style_axis(ax_death, ctx, _("death-rate-title", "Crude death rate (per 1,000)"), [0, 10, 20])
    ax_death.set_ylim(0, 29)
    peak_year, peak = max(zip(years, death), key=lambda p: p[1])
    ax_death.annotate(
        ctx.format_number(peak, 1), xy=(peak_year, peak), xytext=(9, -2),
        textcoords="offset points", ha="left", va="center",
        fontsize=NOTE_SIZE, color=colors["accent"], fontweight="bold")
