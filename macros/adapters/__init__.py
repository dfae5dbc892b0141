"""Layer 3 - adapters: the only code that knows MkDocs. Keep it a few lines of glue."""
