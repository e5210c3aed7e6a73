def draw(fig, ctx):
    # café au lait
    pass
