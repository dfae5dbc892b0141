"""The answer stack: the pinned libraries every code snippet of the bank runs against, and the
harness that runs them (see answers/README.md). The harness runs in its own venv (.venv-answers);
`client.py` is the standard-library side the site's tests call it from."""
