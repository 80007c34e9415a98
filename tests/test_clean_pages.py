"""Chrome rules for real pages (framing.clean), each on small invented pages."""

from __future__ import annotations

import pytest

from framing.clean import _check_accounting, clean

PROSE = "The delegations met for several hours on Tuesday and discussed trade, transport and energy projects."
PROSE2 = "Officials from both sides later described the meeting as useful and promised to continue the talks soon."


def _rules(body: str, sources=()) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in clean(body, sources).removed:
        out.setdefault(r.rule, []).append(r.text)
    return out


def _page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "line",
    ["Tue 12 Sep 2023", "31 min ago", "2 minute read", "March 3, 2021 4:15 pm CET", "08:12 UTC+2, 2021-03-04", "Updated 5 hours ago", "Posted at 10:42"],
)
def test_stamp_lines(line):
    body = _page("A Headline About the Talks Today", line, PROSE, PROSE2)
    rules = _rules(body)
    assert line in rules.get("stamp_only", []) + rules.get("standalone_date", []) + rules.get("date_time_stamp", []), rules
    assert line not in clean(body).text


@pytest.mark.parametrize(
    "line,rule",
    [
        ("By Jane Roe and John Doe", "byline"),
        ("From Example News’s Ann Lee in Paris", "byline"),
        ("Edited by Sam Hill", "byline"),
        ("Authors: Jane Roe, the news desk", "byline"),
        ("Published every week by the Example Institute", "byline"),
        ("Photo: Example Agency", "credit_line"),
        ("Image caption", "caption_label"),
        ("Last updated", "credit_line"),
        ("(Agencies)", "bracket_note"),
        ("(Video: Example Post)", "bracket_note"),
        ("abc/def/ghi", "wire_slug"),
        ("TOPSHOT-COUNTRY-EVENT-POLITICS", "wire_slug"),
        ("• Copy link button", "bullet_widget"),
        ("x", "glyph"),
        ("About | Contact | Privacy | Terms", "pipe_menu"),
        ("Print. Email. Share.", "multi_chrome"),
        ("This article may not be republished without permission.", "disclaimer"),
        ("Before posting your first comment, please set up a display name.", "comments"),
    ],
)
def test_line_rules(line, rule):
    body = _page("A Headline About the Talks Today", PROSE, line, PROSE2)
    assert line in _rules(body).get(rule, []), _rules(body)
    assert PROSE in clean(body).text and PROSE2 in clean(body).text


def test_caption_with_credit_and_its_title():
    body = _page(
        "A Headline About the Talks Today",
        PROSE,
        "Harbour view",
        "Two ships wait outside the harbour before the talks begin on Monday. AGENCY/VIA REUTERS",
        PROSE2,
    )
    rules = _rules(body)
    assert rules["caption_credit"] == ["Two ships wait outside the harbour before the talks begin on Monday. AGENCY/VIA REUTERS"]
    assert rules["caption_title"] == ["Harbour view"]


@pytest.mark.parametrize(
    "caption",
    [
        "The two ministers shake hands in the capital (Jane Roe/Pool/AFP via Getty Images)",
        "The two ministers shake hands in the capital [AGENCY via AFP]",
        "The two ministers shake hands in the capital. Photograph: Agency/Pool",
        "The two ministers shake hands in the capital. -/Agency/dpa",
        "The two ministers shake hands in the capital | Pool photo by Jane Roe",
        "The two ministers shake hands in the capital. AP-Agency",
    ],
)
def test_credit_tails(caption):
    assert caption in _rules(_page("A Headline About the Talks Today", PROSE, caption, PROSE2)).get("caption_credit", [])


def test_repeated_lines_and_teaser_twins():
    twin = "Two ships wait outside the harbour before the talks begin on Monday."
    body = _page("A Headline About the Talks Today", PROSE, twin, twin, "Other Story Tells of a Long Journey Home", "Section Other Story Tells of a "
        "Long Journey Home", PROSE2)
    rules = _rules(body)
    assert rules["repeated_line"].count(twin) == 2
    assert "Other Story Tells of a Long Journey Home" in rules["repeated_line"]


def test_menu_run_and_author_box():
    body = _page("A Headline About the Talks Today", "Jane Roe", "Asia correspondent", PROSE, PROSE2, "News", "World", "Business", "Sports", "Culture")
    rules = _rules(body)
    assert rules["author_name"] == ["Jane Roe"] and rules["author_role"] == ["Asia correspondent"]
    assert rules["menu"] == ["News", "World", "Business", "Sports", "Culture"]


def test_section_labels_before_the_headline_and_source_tag():
    body = _page("Politics", "World", "A Headline About the Talks Today", "Example Agency", PROSE, PROSE2)
    res = clean(body, ["Example Agency"])
    assert res.headline == "A Headline About the Talks Today"
    assert _rules(body, ["Example Agency"])["source_tag"] == ["Example Agency"]
    assert "Politics" not in res.text


def test_stamp_and_dateline_cut_from_the_front_of_a_lede():
    body = _page("A Headline About the Talks Today", "date 2021-03-04 " + PROSE, "CAPITAL CITY /Region/, March 4. /AGENCY/. " + PROSE2)
    res = clean(body)
    rules = _rules(body)
    assert rules["lede_stamp"] == ["date 2021-03-04 "] and rules["dateline"] == ["CAPITAL CITY /Region/, March 4. /AGENCY/. "]
    assert PROSE in res.text and PROSE2 in res.text
    _check_accounting(body, res)


def test_mixed_case_dateline_needs_an_agency_tag():
    body = _page("A Headline About the Talks Today", "On Tuesday, March 4 " + PROSE.lower())
    assert "dateline" not in _rules(body)


def test_page_that_starts_with_its_lede_has_no_headline():
    body = _page(PROSE + " " + PROSE2, "A second paragraph follows with more words about the same meeting and its results.")
    res = clean(body)
    assert res.headline == "" and res.paragraphs[0].kind == "body"


def test_dateline_only_line_but_not_capital_subheadings():
    body = _page("A Headline About the Talks Today", "CAPITAL CITY, Country", PROSE, "THE LONG ROAD", PROSE2)
    rules = _rules(body)
    assert rules["dateline_only"] == ["CAPITAL CITY, Country"]
    assert "THE LONG ROAD" in clean(body).text


def test_accounting_holds_on_a_page_full_of_chrome():
    body = _page(
        "Politics", "A Headline About the Talks Today", "By Jane Roe", "March 3, 2021 4:15 pm CET", "date 2021-03-04 " + PROSE,
        "Two ships wait outside the harbour. AGENCY/VIA REUTERS", "Two ships wait outside the harbour. AGENCY/VIA REUTERS",
        PROSE2, "News", "World", "Business", "Sports",
    )
    res = clean(body)
    assert res.kept_chars + res.removed_chars + res.whitespace_chars == len(body)
    assert all(r.rule for r in res.removed)


def test_a_sentence_repeated_further_down_keeps_its_first_occurrence():
    pull = "We will never accept a deal that harms our neighbours, the minister said on Monday."
    body = _page("A Headline About the Talks Today", pull, PROSE, PROSE2, pull, PROSE)
    res = clean(body)
    assert res.text.count(pull) == 1 and res.text.index(pull) < res.text.index(PROSE2)


@pytest.mark.parametrize(
    "line",
    [
        "The drones entered the airspace without permission, the ministry said on Friday.",
        "(The meeting was later postponed.)",
        "The ammunition was shipped via North Korea",
        "Latest",
    ],
)
def test_prose_that_looks_like_chrome_near_the_end_is_kept_and_cuts_nothing(line):
    body = _page("A Headline About the Talks Today", PROSE, PROSE2, PROSE, line, PROSE2)
    res = clean(body)
    assert "after_end_marker" not in _rules(body)
    if line != "Latest":
        assert line in res.text


@pytest.mark.parametrize(
    "line,is_byline",
    [
        ("By Jane Roe and The Example Post news desk March 3, 2021 5:31 PM 2 min read", True),
        ("Reporting by Jane Roe; Editing by J. Doe.", True),
        ("By Tuesday, the troops had withdrawn from the border", False),
        ("By contrast, Seoul kept silent", False),
    ],
)
def test_bylines_are_names_not_sentences(line, is_byline):
    body = _page("A Headline About the Talks Today", line, PROSE, PROSE2)
    assert (line in _rules(body).get("byline", [])) == is_byline


@pytest.mark.parametrize(
    "line,rule",
    [
        ("Image caption, The two leaders met at a station in the far east of the country on a rainy Tuesday morning", "caption_label"),
        ("Image source, Example Agency", "caption_label"),
        ("Story continues below advertisement", "widget"),
    ],
)
def test_caption_labels_and_notices(line, rule):
    body = _page("A Headline About the Talks Today", PROSE, line, PROSE2)
    assert line in _rules(body).get(rule, [])


@pytest.mark.parametrize("line", ["Suscríbete a nuestro boletín", "Abonnez-vous à la lettre du jour", "Melden Sie sich für den Newsletter an"])
def test_sign_up_boxes_in_other_languages(line):
    body = _page("A Headline About the Talks Today", PROSE, line, PROSE2)
    assert line not in clean(body).text


def test_english_with_foreign_names_is_kept():
    line = "Vladimir de la Cruz met the envoy in the capital on Monday to discuss the treaty and its terms."
    assert line in clean(_page("A Headline About the Talks Today", PROSE, line, PROSE2)).text


def test_full_article_link():
    body = _page("A Headline About the Talks Today", PROSE, PROSE2, "Full Article")
    assert "Full Article" not in clean(body).text


def test_wire_credit_after_the_last_sentence_and_tag_lists():
    body = _page("A Headline About the Talks Today", PROSE, PROSE2 + " — Example Agency", '"We will win," he said. — Kim', "#Talks #Trade #Energy")
    res = clean(body, ["Example Agency"])
    rules = _rules(body, ["Example Agency"])
    assert rules["trailing_credit"] == ["— Example Agency"] and rules["tag_list"] == ["#Talks #Trade #Energy"]
    assert PROSE2 in res.text and "— Kim" in res.text
    _check_accounting(body, res)


def test_wire_dateline_without_a_date():
    body = _page("A Headline About the Talks Today", "CAPITAL (Example Agency) – " + PROSE, PROSE2)
    assert _rules(body)["dateline"] == ["CAPITAL (Example Agency) – "]


def test_a_sentence_broken_across_lines_is_joined():
    body = _page("A Headline About the Talks Today", PROSE, "The outing came after the two", "leaders had signed a deal on energy and trade.", PROSE2)
    res = clean(body)
    assert "The outing came after the two leaders had signed a deal on energy and trade." in res.text
    _check_accounting(body, res)


def test_photo_credit_naming_a_source_makes_a_caption():
    cap = "The two ministers in the capital. March 3, 2021. – Example Agency International, 1920, 03.03.2021"
    body = _page("A Headline About the Talks Today", PROSE, cap, PROSE2)
    assert cap in _rules(body, ["Example Agency"])["caption_credit"]
