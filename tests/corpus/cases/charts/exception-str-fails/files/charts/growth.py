class E(Exception):
    def __str__(self):
        raise RuntimeError('no')


def draw(fig, ctx):
    raise E()
