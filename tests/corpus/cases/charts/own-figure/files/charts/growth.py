import matplotlib.pyplot as plt


def draw(fig, ctx):
    _fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([1, 2])
