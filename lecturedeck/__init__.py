"""lecturedeck: build native, editable PowerPoint lecture decks from a YAML outline and chart scripts.

The package follows the build, one subpackage per stage; a stage imports only from stages above it in this list:

- `problems`, `files`, `text`, `steps`, `fonts/`: what every stage shares (problems with their file:line; atomic
  writes; the one check every text passes; the step being run, for crash logs; the pinned fonts text is measured
  and charts are drawn with)
- `source/`: YAML → the typed model, every problem with file:line (and the base every slide kind builds on)
- `i18n/`: translation catalogs, the pipeline's own texts, numbers per locale
- `resolve/`: term, locale, pictures and charts for one build
- `render/`: the model drawn into python-pptx (canvas, text fitting, layout grid)
- `kinds/`: the slide kinds, one module each, registered with `source.model`
- `output/`: the .pptx written reproducibly; LibreOffice and poppler
- `check/`: the check rules run on a built deck
- `commands/`: what the CLI runs (build, check, export, i18n, watch, new), each reading like the pipeline
- `cli`: the command line (click); `build.py` and the `lecturedeck` command call it
"""

from . import kinds  # noqa: F401  registers every slide kind

__version__ = "0.1.0"
