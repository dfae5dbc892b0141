"""The project says under which licence its content (CC BY 4.0) and code (MIT) are: files, footer, exports."""

from __future__ import annotations

import json
from pathlib import Path

from test_exports import read_apkg

ROOT = Path(__file__).resolve().parents[1]
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def test_licence_files_hold_the_full_texts():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n\nCopyright (c) 2026 ")
    content = (ROOT / "LICENSE-CONTENT").read_text()
    assert content.startswith("Attribution 4.0 International")
    assert "Creative Commons Attribution 4.0 International Public License" in content
    assert "Section 8 -- Interpretation." in content, "the whole legal code, not a summary"


def test_every_page_footer_names_both_licences(page):
    for path in ("", "questions/lora/", "cheat-sheet/"):
        footer = page(path).select_one("footer .md-copyright")
        assert footer.find("a", href=CC_BY, string="CC BY 4.0"), path
        assert "MIT" in footer.get_text(), path


def test_exports_carry_the_content_licence(site, tmp_path):
    about = json.loads((site / "downloads" / "questions.json").read_text())["about"]
    assert about["license"] == "CC-BY-4.0" and about["license_url"] == CC_BY
    deck = read_apkg((site / "downloads" / "fine-tuning-interview-prep.apkg").read_bytes(), tmp_path)
    description = next(d for d in deck["decks"].values() if d["name"] == "Fine-Tuning Interview Prep")["desc"]
    assert f'<a href="{CC_BY}">CC BY 4.0</a>' in description
