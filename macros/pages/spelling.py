"""Extra words for the search index: British and American spellings, and the permalink's words.

Material's search (lunr) stems English words, but "quantisation" and "quantization" stem apart. The
question page carries the other spelling of each such word it uses in a hidden line that only the
search index reads (templates/question.md.j2).
"""

from __future__ import annotations

import re

# -ise / -ize and their derived forms: optimise, optimised, optimiser, quantisation...
_ISE = re.compile(r"\b([a-z]{3,}?)(is|iz)(e|es|ed|er|ers|ing|ation|ations|able)\b")
# Words ending in -ise that have no -ize spelling.
_NOT_ISE = re.compile(
    r"^(?:.*wise|.*cise|.*vise|.*prise|.*size|promise|compromise|premise|surmise|demise|noise|raise|praise|expertise|franchise|"
    r"advertise|merchandise|disguise|cruise|bruise|poise|treatise|paradise|televise|chastise)"
    r"(?:s|d|r|rs|ing)?$"
)
# Other pairs: (British, American).
_PAIRS = [
    ("behaviour", "behavior"),
    ("modelling", "modeling"),
    ("modelled", "modeled"),
    ("labelling", "labeling"),
    ("labelled", "labeled"),
    ("travelling", "traveling"),
    ("cancelled", "canceled"),
    ("analyse", "analyze"),
    ("analysed", "analyzed"),
    ("artefact", "artifact"),
    ("colour", "color"),
    ("favour", "favor"),
    ("centre", "center"),
    ("licence", "license"),
    ("catalogue", "catalog"),
    ("programme", "program"),
    ("defence", "defense"),
]
_OTHER = {a: b for a, b in _PAIRS} | {b: a for a, b in _PAIRS}


def search_words(text: str, slug: str) -> list[str]:
    """Words for the search index only: the other spelling of the text's words, and the words of the
    page's permalink (an author's summary of the question, e.g. "...-to-non-technical-stakeholders")
    that the text does not contain as such. Material's English search does not stem, so a reader's
    "stakeholders" misses a page that only says "stakeholder"."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    return sorted(set(other_spellings(text)) | ({w for w in slug.split("-") if len(w) > 3} - words))


def other_spellings(text: str) -> list[str]:
    """The other spelling of every British or American word in `text` that the text does not use itself."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    found: set[str] = set()
    for word in words:
        if word in _OTHER:
            found.add(_OTHER[word])
            continue
        m = _ISE.fullmatch(word)
        if m and not _NOT_ISE.match(word):
            stem, middle, suffix = m.groups()
            found.add(stem + ("iz" if middle == "is" else "is") + suffix)
    return sorted(found - words)
