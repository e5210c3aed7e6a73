def draw(fig, ctx):
    rows = ctx.read_csv("values.csv")
    ax = fig.add_subplot()
    ax.bar([row["year"] for row in rows], [float(row["value"]) for row in rows], color=ctx.colors["accent"])
    ax.set_title(ctx.pgettext("title", "Growth"), fontfamily="Comic Sans MS")
