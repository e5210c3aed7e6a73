import os


def draw(fig, ctx):
    os._exit(3)
