def draw(fig, ctx):
    ax = fig.add_subplot()
    ax.plot([1, 2, 3], [1, 4, 9]
    ax.set_title("Growth")
