"""The answer stack: the pinned libraries every code snippet of the bank runs against, and the
harness that runs them (see answers/README.md). Runs in its own venv, never in the site's."""
