"""Translation: gettext catalogs (reading, writing, merging), the translator a build looks texts up with, the
pipeline's own texts and numbers formatted per locale.

May import `source`; `resolve`, `render`, the kinds and the commands import it.
"""
