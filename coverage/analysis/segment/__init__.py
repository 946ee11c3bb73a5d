"""Sentence segmentation with character offsets, and detection of page furniture.

Pure Python on purpose: the web app stores every article's sentences when it is
imported, and that must work on a laptop without the NLP models installed.
Offsets index into the original text, so evidence can be highlighted in place:
for every sentence ``text[s.start:s.end] == s.text``. The text itself is never
changed; what is not reporting is only marked (``Sentence.furniture``) or, on
request, left out.

Scraped pages need three repairs:

- **Glued sentences.** Extraction often drops the space between two sentences
  ("... aerial vehicles.Meanwhile, Syrian newspaper ..."). A period after a
  lowercase letter or digit, straight before a capitalised word, is a boundary,
  unless the token is a domain ("RT.com", "Phnotes.Com"), an address
  (``@``, ``www.``, ``://``), a dotted abbreviation ("a.m.", "U.S.", "J.R.R."), a
  title ("Mr.Smith"), a decimal or an ellipsis.
- **Datelines.** "LONDON (Reuters) -", "PORT AVERLY, March 14 --", "KYIV, Nov 28
  (Wire) —" before an article's first sentence are left out of that sentence:
  it starts after the dash. A dateline alone on its line is a furniture sentence.
  The stored text keeps it, so ``syndication.credits`` still reads the agency.
- **Furniture.** Share buttons, related links, bylines, credits ("Read Full
  Article at RT.com"), editor initials ("MP/PR"), footnotes ("*banned in
  Russia"), photo credits, subscription and cookie prompts, advertisements,
  "Follow us on ...", copyright and time-stamp lines. ``furniture_kind`` names
  the kind; ``is_boilerplate`` says whether there is one. Both look at a whole
  sentence, so a real sentence that merely mentions "share" or "cookies" stays.

The modules:

- ``datelines``: ``strip_dateline``, where the reporting starts after a dateline;
- ``furniture``: ``Furniture`` and ``furniture_kind``, what page text is not reporting;
- ``sentences``: ``Sentence`` and ``split_sentences``, the offsets and glued sentences.
"""

from coverage.analysis.segment.datelines import strip_dateline
from coverage.analysis.segment.furniture import (
    Furniture,
    furniture_kind,
    is_boilerplate,
    without_footnote_marks,
)
from coverage.analysis.segment.sentences import Sentence, split_sentences

__all__ = [
    "Furniture",
    "Sentence",
    "furniture_kind",
    "is_boilerplate",
    "split_sentences",
    "strip_dateline",
    "without_footnote_marks",
]
