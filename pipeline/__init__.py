"""newsner: named-entity extraction for English and Spanish news.

Stages, one module each, wired together only in :mod:`pipeline.run`:
readers -> language -> models -> extract -> normalize -> aggregate -> export.
"""

__version__ = "0.1.0"
