"""Bad input found during the build (a tampered drawing, a formula that cannot render) fails it with a
message naming the file, question and field; two builds at once do not trip over each other's cards."""

from __future__ import annotations

import re
import threading

import pytest
from mkdocs.exceptions import Abort
from PIL import Image

from conftest import build_site, copy_project
from macros.cards import Card, write_cards
from macros.diagrams import diagram_key


def test_a_drawing_with_script_fails_the_build(tmp_path, caplog, bank):
    project = copy_project(tmp_path / "project")
    question = next(q for q in bank.questions if q.diagrams)
    drawing = project / "data" / "diagrams" / f"{diagram_key(question.diagrams[0].mermaid)}.svg"
    drawing.write_text(
        drawing.read_text()
        .replace("<g", '<g onmouseover="alert(1)"', 1)
        .replace("</svg>", "<script>alert(2)</script></svg>")
    )
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    where = f"question '{question.id}': field 'diagrams': drawing {drawing.name}"
    assert f"{where}: attribute 'onmouseover' on <g> is not allowed" in caplog.text
    assert f"drawing {drawing.name}: element <script> is not allowed" in caplog.text


@pytest.mark.parametrize(
    ("formula", "reason"),
    [
        ("\\frac{g", "unbalanced braces { }"),
        ("\\notacommand x", "unknown command \\notacommand"),
        ("\\frac{g}", "<mfrac> needs 2 arguments, got 1"),
    ],
)
def test_a_formula_that_cannot_render_fails_the_build_naming_question_section_and_formula(
    tmp_path, caplog, bank, formula, reason
):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "questions.yaml"
    text = path.read_text()
    match = re.search(r"\n(\s+)numbers: [|>]-?\n", text)
    path.write_text(text[: match.end()] + match.group(1) + f"  Broken ${formula}$ here.\n\n" + text[match.end() :])
    (project / "data" / "answer-changes.yaml").unlink()  # else the unstamped edit is what fails the build
    owner = next(q for q in bank.questions if q.answer.numbers)
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    assert (
        f"data/questions.yaml: question '{owner.id}': field 'answer.numbers': "
        f"cannot render the formula {formula!r}: {reason}" in caplog.text
    )


def test_two_builds_drawing_the_same_cards_at_once_both_succeed(tmp_path):
    cards = [Card(f"q{n}", "Kicker", f"Question {n} " + "word " * 20, "footer") for n in range(24)]
    cache = tmp_path / "cache"
    errors: list[BaseException] = []

    def build(out):
        try:
            write_cards(cards, out, cache)
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=build, args=(tmp_path / f"site{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(p.name for p in cache.iterdir()) == sorted(p.name for p in cache.glob("*.png")), (
        "no temporary file left"
    )
    for i in range(3):
        assert Image.open(tmp_path / f"site{i}" / "q0.png").size == (1200, 630)


def test_a_card_with_one_enormous_word_is_drawn(tmp_path):
    write_cards([Card("long", "Kicker", "x" * 300, "footer")], tmp_path / "out", tmp_path / "cache")
    assert Image.open(tmp_path / "out" / "long.png").size == (1200, 630)
