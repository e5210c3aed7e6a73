"""A chart script with a bug on line 8."""


def draw(fig, ctx):
    rows = ctx.read_csv("values.csv")
    ax = fig.add_subplot()
    total = 0
    share = 1 / total
    ax.plot([1, 2], [share, share])
