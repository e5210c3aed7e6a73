"""What the command line runs, each module one command reading like the pipeline: build, check, export, i18n,
watch, new. May import every stage (the kinds are registered when the package is imported); only the CLI
imports it.
"""
