"""The indentation collapse of every page (macros/pages/whitespace.py) keeps what whitespace means."""

from macros.pages.whitespace import collapse_whitespace


def test_line_breaking_runs_become_one_newline():
    page = "<ul>\n    <li>\n      <a>x</a>\n\n    </li>\n</ul>"
    assert collapse_whitespace(page) == "<ul>\n<li>\n<a>x</a>\n</li>\n</ul>"


def test_spaces_without_a_line_break_and_no_break_spaces_stay():
    assert collapse_whitespace("<p>a  b \u00a0\n\u00a0c</p>") == "<p>a  b \u00a0\n\u00a0c</p>"


def test_verbatim_elements_and_attribute_values_are_untouched():
    page = (
        "<pre><code>def f():\n    return 1\n\n</code></pre>\n   <textarea>\n  notes\n</textarea>"
        '<script>\n  var a = "\n   ";\n</script><STYLE>\n  p {}\n</STYLE>'
        "<abbr title=\"one\n    two > three\">t</abbr>\n   <div data-x='\n  '>\n  </div>"
    )
    expected = (
        "<pre><code>def f():\n    return 1\n\n</code></pre>\n<textarea>\n  notes\n</textarea>"
        '<script>\n  var a = "\n   ";\n</script><STYLE>\n  p {}\n</STYLE>'
        "<abbr title=\"one\n    two > three\">t</abbr>\n<div data-x='\n  '>\n</div>"
    )
    assert collapse_whitespace(page) == expected


def test_built_pages_carry_no_indentation_outside_verbatim_elements(site):
    page = (site / "questions" / "lora" / "index.html").read_text(encoding="utf-8")
    assert collapse_whitespace(page) == page  # the build already collapsed it
    nav = page[page.index('<nav class="md-nav md-nav--primary"') : page.index("</nav>")]
    assert "\n " not in nav and "\n\n" not in nav
