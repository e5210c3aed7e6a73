def draw(fig, ctx):
    ctx.read_csv("values.csv")
