import os
import signal


def draw(fig, ctx):
    os.kill(os.getpid(), signal.SIGKILL)
