"""Sentence splitting keeps offsets exact and recognises site furniture."""

from __future__ import annotations

import pytest

from coverage.analysis.segment import (
    Furniture,
    furniture_kind,
    is_boilerplate,
    split_sentences,
    strip_dateline,
    without_footnote_marks,
)
from coverage.analysis.syndication import credits


def test_it_keeps_offsets_into_the_original_text() -> None:
    text = "Dr. Smith arrived at 5 p.m. on Monday.  He left.\n\nA new paragraph “quoted.” Done."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Dr. Smith arrived at 5 p.m. on Monday.",
        "He left.",
        "A new paragraph “quoted.”",
        "Done.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]


def test_it_splits_a_title_line_from_the_paragraph_below() -> None:
    text = "Numerous Ukrainians Allegedly Training Militants\nReports indicate that it began."
    assert [s.text for s in split_sentences(text)] == [
        "Numerous Ukrainians Allegedly Training Militants",
        "Reports indicate that it began.",
    ]


def test_dropping_boilerplate_keeps_offsets_of_the_rest() -> None:
    text = "Troops moved in. Read Full Article at RT.com.\n\nJane Doe contributed to this report."
    kept = split_sentences(text, drop_boilerplate=True)
    assert [s.text for s in kept] == ["Troops moved in."]
    assert text[kept[0].start : kept[0].end] == kept[0].text


def test_it_recognises_bylines_and_links_out() -> None:
    assert is_boilerplate("Mathilde Moreau contributed to this report for TROIB News")
    assert is_boilerplate("Read Full Article at RT.com.")
    assert not is_boilerplate("The report contributed to a diplomatic crisis.")


# --- Glued sentences ---------------------------------------------------------------


def _texts(text: str, **options: bool) -> list[str]:
    sentences = split_sentences(text, **options)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    return [s.text for s in sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kyiv sent unmanned aerial vehicles.Meanwhile, Syrian newspaper Al-Watan reported it.",
            [
                "Kyiv sent unmanned aerial vehicles.",
                "Meanwhile, Syrian newspaper Al-Watan reported it.",
            ],
        ),
        (
            '"We will win," he said."Next year is ours."',
            ['"We will win," he said.', '"Next year is ours."'],
        ),
        (
            'He said, "We will win."Next came the vote.',
            ['He said, "We will win."', "Next came the vote."],
        ),
        ('"It is over."Next came the vote.', ['"It is over."', "Next came the vote."]),
        (
            'He left on Monday."The plan failed," she said.',
            ["He left on Monday.", '"The plan failed," she said.'],
        ),
        ("“It is a deal.”The talks ended.", ["“It is a deal.”", "The talks ended."]),
        ("It was “terrible”.The talks ended.", ["It was “terrible”.", "The talks ended."]),
        (
            "It was called 'terrible'.The talks ended.",
            ["It was called 'terrible'.", "The talks ended."],
        ),
        (
            "He came to the city in 2008.Following that, talks stalled.",
            ["He came to the city in 2008.", "Following that, talks stalled."],
        ),
        ("He paid $3.50.Then he left.", ["He paid $3.50.", "Then he left."]),
        (
            "Fighters of Jabhat al-Nusra*.Meanwhile, the army advanced.",
            ["Fighters of Jabhat al-Nusra*.", "Meanwhile, the army advanced."],
        ),
        (
            "The strikes hit Hayat Tahrir al-Sham (HTS).Meanwhile, talks resumed.",
            ["The strikes hit Hayat Tahrir al-Sham (HTS).", "Meanwhile, talks resumed."],
        ),
        ("Was it true?Yes, the ministry said.", ["Was it true?", "Yes, the ministry said."]),
        (
            "Stop the war!The crowd shouted it twice.",
            ["Stop the war!", "The crowd shouted it twice."],
        ),
        ("It sold cars, vans, etc.The firm grew.", ["It sold cars, vans, etc.", "The firm grew."]),
        (
            "He thanked his colleagues.A rival film is planned.",
            ["He thanked his colleagues.", "A rival film is planned."],
        ),
        (
            "He said so.“But they had kept it,” she said.",
            ["He said so.", "“But they had kept it,” she said."],
        ),
    ],
)
def test_it_splits_glued_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The rate rose to 3.5 percent in March.",
        "Read Full Article at RT.com for the rest.",
        "The report ran on phnotes.com and bbc.co.uk on Sunday.",
        "The report ran on Phnotes.Com on Sunday.",
        "The story first ran on iGen.Fr in France.",
        "Write to Paul.Bond@THR.com with tips.",
        "Visit www.Example.org for the full list.",
        "J.R.R. Tolkien wrote the book.",
        "The U.S. Army confirmed the strike.",
        "U.S.-led forces struck the base.",
        "The meeting began at 9 a.m.Then it was delayed.",
        "Mr.Smith met Dr.Jones in the capital.",
        "Dr. Smith arrived at 5 p.m. on Monday.",
        "It went off without a hitch...I felt strong.",
        "He paused…Then he spoke again.",
        "Shares of Amazon (AMZN.O) fell.",
        "Samsung (005930.SE) rose by a point.",
        "Section 3.A of the law applies.",
        "The Washington, D.C.-area woman spoke.",
        "He joined the U.S.Meanwhile program.",
    ],
)
def test_it_keeps_tokens_with_inner_periods_whole(text: str) -> None:
    assert _texts(text) == [text]


def test_it_ends_a_sentence_after_a_dotted_abbreviation_before_a_new_sentence() -> None:
    text = "He arrived in the U.S. The next day he left. J.R.R. Tolkien wrote it."
    assert _texts(text) == [
        "He arrived in the U.S.",
        "The next day he left.",
        "J.R.R. Tolkien wrote it.",
    ]


def test_offsets_index_the_original_text_after_every_repair() -> None:
    text = (
        "LONDON (Reuters) - Troops moved in.Meanwhile, talks stalled.\n"
        "Share This Post\n\n"
        '"It is over."Next came the vote. Read Full Article at RT.com\n'
        "Related Posts\nUkraine Sends Drones\n\nMP/PR"
    )
    sentences = split_sentences(text)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))
    assert sentences[0].text == "Troops moved in."
    assert sentences[0].start == text.index("Troops")


# --- Datelines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("LONDON (Reuters) - Troops moved in on Monday.", "Troops moved in on Monday."),
        ("PORT AVERLY, March 14 -- Twelve people were injured.", "Twelve people were injured."),
        ("KYIV, Nov 28 (Wire) — Drones hit the city.", "Drones hit the city."),
        ("(Reuters) - The ministry said it would respond.", "The ministry said it would respond."),
        ("Moscow, 14 March (TASS) - The ministry said so.", "The ministry said so."),
        ("MANAGUA, Nicaragua — A meteorite struck.", "A meteorite struck."),
        ("WASHINGTON, Oct. 9 (UPI) -- The agency denied it.", "The agency denied it."),
        (
            "Kyiv Post Reports Training\nBEIRUT — Syrian troops advanced.",
            "Kyiv Post Reports Training",
        ),
    ],
)
def test_it_leaves_the_dateline_out_of_the_first_sentence(text: str, first: str) -> None:
    sentences = split_sentences(text)
    assert sentences[0].text == first
    assert text[sentences[0].start : sentences[0].end] == first
    assert all(s.furniture is None for s in sentences)


def test_a_dateline_after_a_title_line_is_left_out_too() -> None:
    text = "Kyiv Post Reports Training\nBEIRUT — Syrian troops advanced."
    assert _texts(text) == ["Kyiv Post Reports Training", "Syrian troops advanced."]


def test_a_dateline_on_its_own_line_is_furniture() -> None:
    text = "LONDON (Reuters) -\nTroops moved in."
    sentences = split_sentences(text)
    assert [(s.text, s.furniture) for s in sentences] == [
        ("LONDON (Reuters) -", Furniture.DATELINE),
        ("Troops moved in.", None),
    ]
    assert _texts(text, drop_boilerplate=True) == ["Troops moved in."]


@pytest.mark.parametrize(
    "text",
    [
        "NATO — the alliance — said it would respond.",
        "KFC: Marijuana on the menu is not likely.",
        "The report — published on Monday — was denied.",
        "Troops moved in.\n\nWASHINGTON — Officials said nothing more.",
    ],
)
def test_it_keeps_dashes_that_are_not_datelines(text: str) -> None:
    assert _texts(text)[-1] == text.split("\n")[-1]


def test_datelines_stay_in_the_text_for_credits() -> None:
    text = "LONDON (Reuters) - Troops moved in."
    assert _texts(text) == ["Troops moved in."]
    assert [credit.key for credit in credits(text)] == ["reuters"]
    assert _texts(text, strip_datelines=False) == [text]
    assert strip_dateline(text) == text.index("Troops")
    assert strip_dateline("Troops moved in.") == 0


# --- Furniture ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Share This Post", Furniture.SHARE),
        ("Share on Facebook", Furniture.SHARE),
        ("SHARE THIS ARTICLE", Furniture.SHARE),
        ("Facebook Twitter Email", Furniture.SHARE),
        ("Related Posts", Furniture.RELATED),
        ("Related:", Furniture.RELATED),
        ("RELATED: Ukraine denies the report", Furniture.RELATED),
        ("Read more:", Furniture.RELATED),
        ("Read more: http://example.com/story", Furniture.RELATED),
        ("See also: Drones over Aleppo", Furniture.RELATED),
        ("Read Full Article at RT.com", Furniture.CREDIT),
        ("This article originally appeared on Example News.", Furniture.CREDIT),
        ("Click here to watch the video.", Furniture.LINK),
        ("MP/PR", Furniture.EDITOR),
        ("(AM/JL)", Furniture.EDITOR),
        ("By Jane Doe", Furniture.BYLINE),
        ("By Jane Doe, Staff Reporter", Furniture.BYLINE),
        ("By JANE DOE and JOHN SMITH, Associated Press", Furniture.BYLINE),
        ("Reporting by Jane Doe; Editing by John Smith", Furniture.BYLINE),
        ("(Reporting by Jane Doe; editing by John Smith)", Furniture.BYLINE),
        ("Jane Doe contributed to this report.", Furniture.BYLINE),
        ("Jane Doe is a staff reporter for The Daily Planet.", Furniture.BYLINE),
        ("*banned in Russia", Furniture.FOOTNOTE),
        ("* A terrorist organisation banned in Russia", Furniture.FOOTNOTE),
        ("*Hayat Tahrir al-Sham is a terrorist group banned in Russia.", Furniture.FOOTNOTE),
        ("A terrorist organisation banned in Russia.", Furniture.FOOTNOTE),
        ("Photo: Reuters", Furniture.CAPTION),
        ("(AP Photo/Jane Doe)", Furniture.CAPTION),
        ("REUTERS/Jane Doe", Furniture.CAPTION),
        ("Rescuers search the rubble on Monday. (AP Photo/Jane Doe)", Furniture.CAPTION),
        ("Image copyright Getty Images", Furniture.CAPTION),
        ("Subscribe to our newsletter", Furniture.PROMPT),
        ("Sign up for our daily newsletter", Furniture.PROMPT),
        ("We use cookies to improve your experience.", Furniture.PROMPT),
        ("Please enable JavaScript to watch.", Furniture.PROMPT),
        ("Advertisement", Furniture.ADVERTISEMENT),
        ("Story continues below advertisement", Furniture.ADVERTISEMENT),
        ("Follow us on Telegram", Furniture.FOLLOW),
        ("Follow Jane Doe on Twitter: @janedoe", Furniture.FOLLOW),
        ("© 2024 Parallax News", Furniture.COPYRIGHT),
        ("Copyright 2024 The Wire. All rights reserved.", Furniture.COPYRIGHT),
        (
            "This material may not be published, broadcast, rewritten or redistributed.",
            Furniture.COPYRIGHT,
        ),
        ("Tags: Syria, Ukraine", Furniture.META),
        ("Published: 14 March 2024, 10:45 GMT", Furniture.META),
        ("3 min read", Furniture.META),
        ("PORT AVERLY, March 14 --", Furniture.DATELINE),
    ],
)
def test_it_names_each_kind_of_furniture(text: str, kind: Furniture) -> None:
    assert furniture_kind(text) is kind
    assert is_boilerplate(text)


@pytest.mark.parametrize(
    "text",
    [
        "Shares in the company fell 5 percent on Monday.",
        "Twitter shares rose after the report.",
        "Like Facebook, the company sells advertising.",
        "Follow the money, the prosecutor told the jury.",
        "Published reports say 12 people died.",
        "Published Monday, the report says 12 people died.",
        "The group is banned in Russia, officials said, and its leaders fled.",
        "Related to this, the ministry said more would follow.",
        "Copyright holders sued the firm in March.",
        "By the end of the year, prices had risen.",
        "By Monday the troops had gone.",
        "By midnight it was over.",
        "Advertisement revenue fell sharply last year.",
        "Read more about the deal in the report, he said.",
        "The report contributed to a diplomatic crisis.",
        "The photo showed a Ukrainian flag in Aleppo province.",
        "Photographers were kept away from the site.",
        "Subscribers complained that the service was down.",
        "* Troops moved into the town on Monday.",
        "Cookies were handed out at the rally.",
        "The Kyiv Post cited Islamist social media as its source.",
    ],
)
def test_it_keeps_real_sentences_that_mention_furniture_words(text: str) -> None:
    assert furniture_kind(text) is None
    assert not is_boilerplate(text)
    assert _texts(text, drop_boilerplate=True) == [text]


def test_titles_listed_under_a_related_heading_are_furniture() -> None:
    text = (
        "Troops moved in on Monday.\n"
        "Related Posts\n"
        "Ukraine Sends Drones to Syria\n"
        "Russia denies the report\n"
        "The ministry said it would respond."
    )
    sentences = split_sentences(text)
    assert [s.furniture for s in sentences] == [
        None,
        Furniture.RELATED,
        Furniture.RELATED,
        Furniture.RELATED,
        None,
    ]
    assert sentences[2].listed_under is Furniture.RELATED
    assert furniture_kind(sentences[2].text) is None
    kept = split_sentences(text, drop_boilerplate=True)
    assert [s.text for s in kept] == [
        "Troops moved in on Monday.",
        "The ministry said it would respond.",
    ]
    assert [s.index for s in kept] == [0, 1]
    assert all(text[s.start : s.end] == s.text for s in kept)


def test_page_furniture_is_marked_but_stays_in_the_text() -> None:
    text = (
        "Share This Post\n"
        "By Jane Doe, Staff Reporter\n"
        "KYIV, Nov 28 (Wire) — Drones hit the city.Meanwhile, power failed.\n\n"
        "Advertisement\n\n"
        "Officials said 12 people were hurt. Read Full Article at RT.com\n"
        "*banned in Russia\n"
        "MP/PR"
    )
    sentences = split_sentences(text)
    assert [(s.text, s.furniture) for s in sentences] == [
        ("Share This Post", Furniture.SHARE),
        ("By Jane Doe, Staff Reporter", Furniture.BYLINE),
        ("Drones hit the city.", None),
        ("Meanwhile, power failed.", None),
        ("Advertisement", Furniture.ADVERTISEMENT),
        ("Officials said 12 people were hurt.", None),
        ("Read Full Article at RT.com", Furniture.CREDIT),
        ("*banned in Russia", Furniture.FOOTNOTE),
        ("MP/PR", Furniture.EDITOR),
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.text for s in sentences if not is_boilerplate(s.text)] == [
        "Drones hit the city.",
        "Meanwhile, power failed.",
        "Officials said 12 people were hurt.",
    ]
    assert [credit.key for credit in credits(text)] == ["rt"]


def test_it_removes_footnote_marks_for_display() -> None:
    assert without_footnote_marks("Jabhat al-Nusra* and HTS* fighters attacked.") == (
        "Jabhat al-Nusra and HTS fighters attacked."
    )
    assert without_footnote_marks("A 5*3 grid stays.") == "A 5*3 grid stays."
