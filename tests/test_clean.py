"""Chrome removal: general rules, every removal logged, nothing lost silently."""

from framing.clean import clean


def _removed(body: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in clean(body).removed:
        out.setdefault(r.rule, []).append(r.text)
    return out


def test_accounting_adds_up(article_text: str):
    res = clean(article_text)
    assert res.kept_chars + res.removed_chars + res.whitespace_chars == len(article_text)
    assert "Newsletter" not in res.text and "Related Posts" not in res.text
    assert "Kim said" in res.text


def test_glued_teaser_is_cut_from_prose():
    body = (
        "Headline Here\n\n"
        "The first sentence of the story is long enough to count as body prose for sure.MultimediaSpace Race: "
        "Leaders Meet at the Launch Site14 March, 10:05 GMTThe second sentence continues the story.\n"
    )
    res = clean(body)
    assert _removed(body)["glued_teaser"] == ["MultimediaSpace Race: Leaders Meet at the Launch Site14 March, 10:05 GMT"]
    assert "prose for sure." in res.text and "The second sentence continues" in res.text


def test_teaser_rule_leaves_ordinary_glued_sentences_alone():
    body = "Headline\n\nThe talks ended on 13 September, 15:54 GMT and were called productive.The next day was quiet.\n"
    assert "glued_teaser" not in _removed(body)


def test_mediabank_caption_and_glued_menu():
    body = (
        "Headline of the Story\n\n"
        " / Go to the mediabankПодпись к фото на русском / Go to the mediabankWorldAsiaEuropeRussian officials "
        "met their counterparts on Monday to talk about trade and transport links.\n"
    )
    rem = _removed(body)
    assert "mediabank_caption" in rem and "glued_nav_menu" in rem
    assert rem["glued_nav_menu"] == ["WorldAsiaEurope"]
    assert clean(body).text.split("\n\n")[1].startswith("Russian officials met")


def test_footer_after_end_marker_includes_comments():
    prose = "\n\n".join(f"Paragraph {i} of the article says something substantive about the summit." for i in range(6))
    body = f"Title Line\n\n{prose}\n\nLike what you’ve been reading? Then please consider subscribing.\n\nGreat post, thanks!\n\nI disagree with all of this.\n"
    rem = _removed(body)
    assert rem["after_end_marker"] == ["Great post, thanks!", "I disagree with all of this."]


def test_end_marker_early_in_page_does_not_cut_the_article():
    prose = "\n\n".join(f"Paragraph {i} of the article says something substantive about the summit." for i in range(6))
    body = f"Title Line\n\nRelated Posts\n\n{prose}\n"
    res = clean(body)
    assert "after_end_marker" not in _removed(body)
    assert res.text.count("Paragraph") == 6


def test_foreign_script_lines_dates_breadcrumbs_and_widgets():
    body = (
        "hit tracker\nSunday, September 8, 2024\nHomeLatest NewsSome Story Title...\n\n"
        "The Real Headline of the Story\n\nDate: September 8, 2024 Time: 06:22:52\n\n"
        "This is the article's first paragraph and it is long enough to be prose.\n\n"
        "Кнопка «Наверх»\n"
    )
    rem = _removed(body)
    assert {"widget", "standalone_date", "breadcrumb", "date_time_stamp", "foreign_script"} <= set(rem)
    assert clean(body).headline == "The Real Headline of the Story"


def test_header_caption_and_repeated_headline():
    body = (
        "Peskov: Moscow will develop relations with Pyongyang\n\nkim jong un putin\n\n"
        "The first body paragraph is long enough to be prose and to end the header zone.\n\n"
        "Moscow will develop relations with Pyongyang\n\nThe story goes on here with more prose.\n"
    )
    rem = _removed(body)
    assert rem["header_caption"] == ["kim jong un putin"]
    assert rem["repeated_headline"] == ["Moscow will develop relations with Pyongyang"]


def test_subheadings_and_relay_lines_are_kept():
    body = (
        "Main Headline\n\nA long first paragraph that is plainly body prose about the summit today.\n\n"
        "Western Media Up in Arms\n\nAn AP report said:\n\nThe leaders met for four hours.\n\n"
        "Support for the treaty\n\nMore prose.\n"
    )
    res = clean(body)
    kinds = {res.text[p.start : p.end]: p.kind for p in res.paragraphs}
    assert kinds["Western Media Up in Arms"] == "heading"
    assert "An AP report said:" in kinds
    assert "Support for the treaty" in kinds
    assert not res.removed


def test_author_box_and_disclaimer():
    prose = "\n\n".join(f"Paragraph {i} of the article says something substantive about the summit." for i in range(5))
    body = f"Title\n\n{prose}\n\nJane Doe\nJane Doe is a senior writer for Example News covering Asia.\n\nMore from Example News\n"
    rem = _removed(body)
    assert rem["author_box"] == ["Jane Doe", "Jane Doe is a senior writer for Example News covering Asia."]
    assert "Jane Doe" not in clean(body).text


def test_headline_source_tag_needs_a_known_source_name():
    body = "Moscow will develop ties – Rossiyskaya Gazeta\n\nA long first paragraph that is plainly body prose about the summit today.\n"
    assert clean(body, ["Rossiyskaya Gazeta"]).headline == "Moscow will develop ties"
    assert clean(body).headline == "Moscow will develop ties – Rossiyskaya Gazeta"
    other = "Putin and Kim – A New Alliance\n\nA long first paragraph that is plainly body prose about the summit today.\n"
    assert clean(other, ["Rossiyskaya Gazeta"]).headline == "Putin and Kim – A New Alliance"
