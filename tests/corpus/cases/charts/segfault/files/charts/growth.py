import ctypes


def draw(fig, ctx):
    ctypes.string_at(0)
