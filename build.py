#!/usr/bin/env python3
"""The deck builder's command line, run from a checkout (the Makefile uses it); installed, it is `lecturedeck`."""

from lecturedeck.cli import cli, main

__all__ = ["cli", "main"]

if __name__ == "__main__":
    main()
