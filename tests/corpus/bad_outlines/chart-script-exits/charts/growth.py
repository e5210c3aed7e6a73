import sys


def draw(fig, ctx):
    sys.exit(0)
