"""Translation: gettext catalogs (read strictly, written back unchanged), the translation memory that `i18n update`
and every build share, the translator a build looks texts up with, the pipeline's own texts (translated in
`catalogs/`), glossaries, and numbers formatted per locale.

Imports `source` (and the shared `problems`, `files`, `text`); `resolve`, the kinds, `check` and the commands
import it.
"""
