"""What the command line runs, each module one command reading like the pipeline: build, check, export, i18n,
watch, new. May import every stage; only the CLI imports it.
"""
