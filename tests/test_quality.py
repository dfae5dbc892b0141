"""Quality gates over the built site: valid HTML structure, unique ids, local resources, reproducible builds."""

from __future__ import annotations

import collections
import filecmp
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import html5lib
import pytest

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).with_name("mkdocs")


def html_problems(markup: bytes | str) -> list[str]:
    """Parse errors (broken structure: stray or unclosed tags, bad nesting) and duplicate ids, per the HTML spec."""
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    doc = parser.parse(markup)
    problems = [f"line {line}:{col}: {code} {data or ''}".rstrip() for (line, col), code, data in parser.errors]
    ids = collections.Counter(el.get("id") for el in doc.iter() if el.get("id") is not None)
    problems += [f"duplicate id {i!r} ({n}x)" for i, n in ids.items() if n > 1]
    return problems


def test_the_structure_check_catches_broken_html():
    good = "<!doctype html><html lang=en><head><title>t</title></head><body><p id=a>x</p></body></html>"
    assert html_problems(good) == []
    assert any("duplicate id 'a'" in p for p in html_problems(good.replace("</body>", "<p id=a>y</p></body>")))
    assert any("end-tag" in p for p in html_problems(good.replace("</p>", "</p></div>")))
    assert any("end-tag" in p for p in html_problems(good.replace("<p id=a>x</p>", "<div><span>x</div>")))
    assert any("table" in p for p in html_problems(good.replace("<p id=a>x</p>", "<table><div>x</div></table>")))
    assert html_problems(good.replace("<!doctype html>", "")), "a missing doctype is an error"


def test_every_page_is_well_formed_html_with_unique_ids(site):
    problems = {}
    for path in sorted(site.rglob("*.html")):
        found = html_problems(path.read_bytes())
        if found:
            problems[path.relative_to(site).as_posix()] = found[:5]
    assert problems == {}


def test_every_local_script_image_and_stylesheet_exists(site):
    missing = []
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        doc = html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)
        for el in doc.iter():
            url = el.get("src") or (el.get("href") if el.tag == "link" else None)
            if not url or url.startswith(("http:", "https:", "data:", "mailto:")):
                continue
            target = urlsplit(urljoin("http://x/" + rel, url)).path.lstrip("/")
            if not (site / target).is_file() and not (site / target / "index.html").is_file():
                missing.append(f"{rel}: <{el.tag}> {url}")
    assert missing == []


def _build(dest: Path, hash_seed: str) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED=hash_seed)
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--quiet", "-d", str(dest)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return dest


def _differences(a: Path, b: Path) -> list[str]:
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    if files_a != files_b:
        return sorted(set(files_a) ^ set(files_b))
    _, mismatch, errors = filecmp.cmpfiles(a, b, files_a, shallow=False)
    return mismatch + errors


@pytest.mark.skipif(
    subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True).returncode != 0,
    reason="needs the git checkout (the build time comes from the last commit)",
)
def test_two_builds_of_one_commit_are_byte_identical(tmp_path):
    """Separate processes, different hash seeds, seconds apart, no SOURCE_DATE_EPOCH from the caller."""
    first = _build(tmp_path / "one", "1")
    second = _build(tmp_path / "two", "2")
    assert _differences(first, second) == []
    commit_day = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d"],
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "UTC"},
    ).stdout.strip()
    assert f"<lastmod>{commit_day}</lastmod>" in (first / "sitemap.xml").read_text()


def test_the_comparison_sees_a_one_byte_difference(tmp_path):
    for name, text in (("one", "a"), ("two", "b")):
        (tmp_path / name / "x").mkdir(parents=True)
        (tmp_path / name / "x" / "index.html").write_text(text)
    assert _differences(tmp_path / "one", tmp_path / "two") == ["x/index.html"]


def test_the_benchmark_banks_are_valid_and_as_large_as_asked(tmp_path):
    """`make bench` builds these; here only their validity is checked (speed targets live in the benchmark)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench
    import yaml

    from macros.bank import load_bank
    from macros.figures import FIGURES

    for size in (22, 50):
        path = tmp_path / f"bank-{size}.yaml"
        path.write_text(yaml.safe_dump(bench.synthetic_bank(size), allow_unicode=True, sort_keys=False))
        bank = load_bank(path, frozenset(FIGURES))
        assert len(bank.questions) == size and len({q.id for q in bank.questions}) == size
        if size == 22:
            assert [q.id for q in bank.questions] == [
                q.id for q in load_bank(ROOT / "data" / "questions.yaml", frozenset(FIGURES)).questions
            ][:size]
