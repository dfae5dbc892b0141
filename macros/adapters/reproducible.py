"""Reproducible builds: the same commit built twice gives byte-identical output.

MkDocs stamps the build time into sitemap.xml (`<lastmod>`) and into the gzip header
of sitemap.xml.gz, unless SOURCE_DATE_EPOCH is set. When the caller has not set it,
the build uses the time of the last commit, so every build of one commit is identical.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path


def commit_time(root: Path) -> str | None:
    """Unix time of the last commit of the repository holding `root`, or None outside git."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value.isdigit() else None


def pin_build_time(root: Path) -> None:
    """Set SOURCE_DATE_EPOCH from the last commit unless the caller chose one."""
    if "SOURCE_DATE_EPOCH" not in os.environ and (value := commit_time(root)):
        os.environ["SOURCE_DATE_EPOCH"] = value


def build_date() -> str:
    """The build's date (ISO, UTC) for what it prints, such as the books: SOURCE_DATE_EPOCH's, else today's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), tz=UTC) if epoch and epoch.isdigit() else datetime.now(tz=UTC)
    return moment.date().isoformat()
