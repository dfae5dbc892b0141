"""The site's code, in three layers (data flows one way):

1. `bank/`     YAML -> validated model. Plain Python + pydantic.
2. `pages/`    model -> page plan -> Markdown via Jinja templates; `figures/` computes charts.
3. `adapters/` MkDocs hooks and mkdocs-macros glue. The only MkDocs-aware code.

mkdocs-macros imports this package by name and calls `define_env`.
"""


def define_env(env):
    """Entry point for mkdocs-macros; imported lazily so layers 1-2 stay MkDocs-free."""
    from macros.adapters.macros_env import define_env as _define_env

    _define_env(env)
