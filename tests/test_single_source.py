"""Adding one entry to the YAML, and nothing else, puts the question everywhere it belongs."""

from __future__ import annotations

import html
import json

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from conftest import build_site, copy_project

NEW = """
  - id: zz-new-question
    level: advanced
    category: scenario
    topics: [cost, "evaluation"]
    question: 'How would you "price" a <b>fine-tune</b> & its evals?'
    hint: 'A rubric with "quotes", <tags> & ampersands that must stay text.'
    key_points: [Zebra point one, Zebra point two, Zebra point three]
    answer:
      short: Quokka short answer.
      plan: Quokka plan.
      measurements: Quokka measurements.
      trade_offs: Quokka trade-offs.
      weak_answers: '- **"Quokka weak answers."** Why.'
    follow_ups:
      - {question: First?, answer: One.}
      - {question: Second?, answer: Two.}
    references:
      - {title: Paper, url: "https://arxiv.org/abs/2305.14314"}
      - {title: Docs, url: "https://huggingface.co/docs/peft"}
"""


@pytest.fixture(scope="module")
def grown_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("project"))
    bank = project / "data" / "questions.yaml"
    bank.write_text(bank.read_text() + NEW)
    return build_site(project, tmp_path_factory.mktemp("site"))


def soup(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(), "html.parser")


def test_new_question_gets_its_own_page(grown_site):
    page = soup(grown_site, "questions/zz-new-question")
    assert page.find("h1").get_text().startswith('How would you "price" a <b>fine-tune</b> & its evals?')
    assert "Quokka plan." in page.select_one("details.ftp-answer").get_text()


@pytest.mark.parametrize(
    "listing",
    [
        "levels/advanced",
        "categories/scenario",
        "topics/cost",
        "topics/evaluation",
        "cheat-sheet",
        "cheat-sheet/advanced",
    ],
)
def test_new_question_is_listed_on_every_page_it_belongs_to(grown_site, listing):
    assert soup(grown_site, listing).find(id="zz-new-question"), listing


def test_new_question_is_in_the_all_questions_table_home_counts_and_search(grown_site, site):
    table = soup(grown_site, "questions").select("article table tbody tr")
    assert table[-1].find("a")["href"] == "zz-new-question/"
    old_total = len(soup(site, "questions").select("article table tbody tr"))
    assert f"{old_total + 1} questions" in soup(grown_site, "").find("article").get_text()
    index = json.loads((grown_site / "search" / "search_index.json").read_text())["docs"]
    assert any(d["location"].startswith("questions/zz-new-question/") for d in index)


def test_text_in_attributes_and_meta_tags_is_escaped(grown_site):
    raw = (grown_site / "questions" / "zz-new-question" / "index.html").read_text()
    assert "<b>fine-tune</b>" not in raw and "<tags>" not in raw, "no markup injected from the bank"
    page = BeautifulSoup(raw, "html.parser")
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description == 'A rubric with "quotes", <tags> & ampersands that must stay text.'
    assert html.escape('"quotes"') in raw or "&#34;quotes&#34;" in raw


def test_a_broken_bank_fails_the_build_with_the_problem_named(tmp_path, caplog):
    project = copy_project(tmp_path / "project")
    bank = project / "data" / "questions.yaml"
    bank.write_text(bank.read_text() + NEW.replace("level: advanced", "level: expert"))
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    assert "question 'zz-new-question': field 'level': unknown level 'expert'" in caplog.text
