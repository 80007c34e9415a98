"""Voice and speaker rules for real pages (framing.voice), on invented texts."""

from __future__ import annotations

from framing.clean import clean
from framing.segment import segment
from framing.voice import attribute
from tests.helpers import voice_of

LEDE = "The two delegations met in the capital on Tuesday for several hours of talks about trade and energy."




def _page(*paras: str) -> str:
    return "Talks in the Capital End Late\n\n" + "\n\n".join([LEDE, *paras]) + "\n"


def test_headline_that_reports_speech():
    v = voice_of("Kremlin Warns of Response to New Sanctions\n\n" + LEDE + "\n", "Kremlin Warns")
    assert v.voice == "quoted" and v.speaker == "Kremlin"


def test_according_to_an_unlisted_source():
    v = voice_of(_page("The convoy left at dawn, according to images released by Example Television."), "convoy left")
    assert v.voice == "quoted" and v.cue.startswith("according_to")
    assert voice_of(_page("The envoy, according to tradition, arrived by train."), "according to tradition").voice == "authorial"


def test_characterized_as_and_slammed_and_accused():
    assert voice_of(_page("Antony Blinken characterized the deal as dangerous."), "characterized").speaker == "Antony Blinken"
    v = voice_of(_page("Jens Stoltenberg slammed the pact and accused both sides of bad faith."), "slammed")
    assert v.voice == "quoted" and v.speaker == "Jens Stoltenberg"


def test_reported_speech_inside_a_relative_clause_is_not_the_sentence_owner():
    v = voice_of(_page("The leader is on what officials called a friendly visit."), "friendly visit")
    assert v.voice == "authorial"


def test_quoted_as_saying_active_and_passive():
    assert voice_of(_page('"We are ready," Example Agency quoted Ivan Petrov as saying.'), "We are ready").speaker == "Ivan Petrov"
    assert voice_of(_page("Ivan Petrov was quoted by the ministry as saying the talks were useful."), "quoted by").speaker == "Ivan Petrov"


def test_spokesman_quote_after_a_paragraph_about_putin_goes_to_the_spokesman():
    body = _page(
        "Vladimir Putin toured the plant and met the workers.",
        '"No agreements were signed," his spokesman said.',
        '"The talks will go on," presidential aide Ivan Petrov said. "We expect more visits."',
    )
    assert voice_of(body, "No agreements").speaker != "Vladimir Putin"
    assert voice_of(body, "more visits").speaker == "Ivan Petrov"


def test_quote_continued_in_the_next_paragraph_keeps_its_speaker():
    body = _page('"This is huge," analyst Ivan Petrov said on Wednesday.', '"Nobody knows the details yet. But it changes the region."')
    assert voice_of(body, "Nobody knows").speaker == "Ivan Petrov"
    assert voice_of(body, "changes the region").speaker == "Ivan Petrov"


def test_coordinated_speakers_and_pairs():
    v = voice_of(_page("Vladimir Putin said the pact was defensive, while Kim Jong Un announced a new era."), "new era")
    assert v.speaker == "Vladimir Putin & Kim Jong Un"
    body = _page("Vladimir Putin met Kim Jong Un at the station.", "Both leaders called the visit a success.")
    assert voice_of(body, "Both leaders").speaker == "Vladimir Putin & Kim Jong Un"


def test_local_full_name_beats_a_gazetteer_surname():
    body = _page("The vice minister, Kim Min-soo, met the ambassador.", "Kim told him the pact was a threat.")
    assert voice_of(body, "Kim told him").speaker == "Kim Min-soo"


def test_the_agency_and_the_ministry_resolve_to_the_source_named_before():
    body = _page("Xinhua reported the talks in detail.", "The agency added that a treaty was ready.")
    assert voice_of(body, "agency added").speaker == "Xinhua"
    body = _page("The Example Foreign Ministry said the talks were useful.", "Officials met again, the ministry said.")
    assert voice_of(body, "met again").speaker == "Example Foreign Ministry"


def test_inverted_attribution_must_end_its_clause_and_call_in_is_no_speech():
    assert voice_of(_page("Holding the talks at the port, far from the capital, suggests Kim wants help."), "suggests").voice == "authorial"
    assert voice_of("Seoul Calls In the Ambassador After the Summit\n\n" + LEDE + "\n", "Calls In").voice == "authorial"


def test_impersonal_it_is_reported():
    v = voice_of(_page("Xinhua covered the visit.", "It is reported that the two sides signed a protocol."), "It is reported")
    assert v.voice == "quoted" and v.speaker == "Xinhua"


def test_a_document_speaks_for_the_body_that_issued_it_and_a_council_for_its_organisation():
    body = _page("KCNA published the message in full.", "Relations will grow stronger, the message says.")
    assert voice_of(body, "message says").speaker == "KCNA"
    assert voice_of(_page("In a statement, the NATO Council said the pact was a threat."), "NATO Council").speaker == "NATO"


def test_this_is_reported_by_attributes_the_sentence_before():
    body = _page("The two presidents met at the port on Monday. This is reported by Xinhua.", "It is clarified that the talks lasted three hours.")
    assert voice_of(body, "met at the port").speaker == "Xinhua"
    assert voice_of(body, "It is clarified").voice == "quoted"


def test_a_local_first_name_never_breaks_a_longer_gazetteer_name():
    body = _page("Deputy minister Andrei Petrov met the envoy.", "Defense Minister Andrei Belousov said the talks went well.")
    assert voice_of(body, "talks went well").speaker == "Andrei Belousov"


def test_a_title_refers_to_the_person_named_with_it_elsewhere_in_the_article():
    body = _page("Exland's Deputy Trade Minister voiced hope on Monday that talks would go on, according to a news report.",
                 "Deputy Trade Minister Ivo Marek said the accord was ready, the agency reported.")
    v = voice_of(body, "voiced hope")
    assert v.voice == "quoted" and v.speaker == "Ivo Marek"
    two = _page("Exland's Deputy Trade Minister said talks would go on.", "Deputy Trade Minister Ivo Marek met Deputy Trade Minister Ana Sol.")
    assert voice_of(two, "talks would go on").speaker not in ("Ivo Marek", "Ana Sol")  # two people with that title: no choice
    owner = _page("Wyland's Deputy Trade Minister said talks would go on.", "Exland's Deputy Trade Minister Ivo Marek arrived.")
    assert voice_of(owner, "talks would go on").speaker != "Ivo Marek"  # another country's minister


def test_according_to_a_report_yields_to_the_role_speaking_inside_it():
    body = _page("According to a news report, Exland's Deputy Trade Minister said the accord was ready.",
                 "Deputy Trade Minister Ivo Marek arrived later.")
    assert voice_of(body, "accord was ready").speaker == "Ivo Marek"


def test_an_indefinite_role_takes_the_name_given_right_after_it():
    body = _page("The accord answers the new alliance in the south, a Wylandian expert told the agency.",
                 '"It is a response to pressure," said Ivo Marek, a fellow at the Institute of Ports.')
    assert voice_of(body, "a Wylandian expert").speaker == "Ivo Marek"
    known = _page("Ivo Marek spoke first.", "The accord answers the new alliance, a Wylandian expert told the agency.",
                  '"It is a response to pressure," said Ivo Marek.')
    assert voice_of(known, "a Wylandian expert").speaker == "Wylandian expert"  # a person named before is someone else


def test_both_countries_are_the_last_two_countries_named_even_as_places():
    body = _page("The envoy flew from Japan to China on Monday.", "The ferry line reopened in May, both countries said at the time.")
    assert voice_of(body, "both countries said").speaker in ("Japan & China", "China & Japan")


def test_group_speakers_have_one_wording_for_synonyms():
    assert voice_of(_page("The port will reopen, according to news reports."), "port will").speaker == "Media reports"
    assert voice_of(_page("Reports indicate that the port will reopen."), "port will").speaker == "Media reports"
    assert voice_of(_page("The port will reopen, Wylandian state-run media reported."), "port will").speaker == "Wylandian state media"
    assert voice_of(_page("The port will reopen, American experts said."), "port will").speaker == "U.S. experts"


def test_a_document_named_with_the_body_that_issued_it_speaks_for_that_body():
    v = voice_of(_page('"Each side shall help the other," says the English text Wyland released today, "with all the means it has."'), "Each side")
    assert v.voice == "quoted" and v.speaker == "Wyland"
    assert voice_of(_page('"Each side shall help the other," says the text that Tokyo issued.'), "Each side").speaker == "Japan"


def test_the_source_that_reports_stays_the_last_news_source_over_the_one_it_cites():
    body = _page("The accord took effect on Monday, Xinhua says, citing the Korean Central News Agency (KCNA).",
                 "It is reported that the two sides signed a protocol.")
    assert voice_of(body, "It is reported").speaker == "Xinhua"


def test_an_unattributed_quotation_on_an_organisations_own_page_is_the_publishers():
    body = _page("Why it Matters:", '"The two capitals have always had a transactional relationship. The talks change little."')
    res = clean(body)
    sents = segment(res)
    for publisher, expected in (("Example Institute", "Example Institute"), ("", "unnamed")):
        got = {res.text[s.start : s.end]: v for s, v in zip(sents, attribute(res.text, sents, publisher=publisher))}
        v = next(v for t, v in got.items() if "talks change little" in t)
        assert v.voice == "quoted" and v.speaker == expected


def test_publisher_only_for_an_organisations_own_pages():
    from pathlib import Path

    from framing.corpus import publisher_of
    from framing.ingest import Article

    def art(kind):
        return Article("x", Path("x.txt"), "", "", 0, {"outlet": "Example Institute (Research Desk)", "outlet_type": kind})

    assert publisher_of(art("think-tank")) == "Example Institute"
    assert publisher_of(art("broadsheet")) == ""


def test_a_bare_group_right_after_a_qualified_group_of_its_kin_keeps_the_qualifier():
    body = _page("The accord shows new backing, Wylandian experts said on Monday.", "Analysts also questioned where it would go.")
    assert voice_of(body, "Analysts also").speaker == "Wylandian experts"
    gap = _page("The accord shows new backing, Wylandian experts said.", "The port reopened.", "Analysts questioned where it would go.")
    assert voice_of(gap, "Analysts questioned").speaker == "Analysts"  # not right after: no carry-over


def test_one_of_a_group_is_one_member_speaking():
    body = _page("The port reopened, and one of Putin's aides had said earlier that ships were waiting.")
    assert voice_of(body, "one of Putin").speaker == "Putin's aide"
    assert voice_of(_page("One of the authorities said ships were waiting."), "ships were").speaker.endswith("uthority")


def test_a_role_owned_by_a_named_country_or_person_is_the_role_not_its_owner():
    body = _page("Tokyo's trade minister said the port would reopen.")
    assert voice_of(body, "port would").voice == "quoted"
    v = voice_of(_page("Putin's spokesman said the port would reopen."), "port would")
    assert v.voice == "quoted" and v.speaker == "Putin's spokesman"
    titled = _page("Japan's Trade Minister Ken Oda met the envoy.", "Japan's trade minister said the port would reopen.")
    assert voice_of(titled, "port would").speaker == "Ken Oda"


def test_a_capital_named_as_a_place_is_not_the_body_behind_the_document():
    body = _page("KCNA published the text of the accord.", "The envoys exchanged the papers in Moscow on Monday.",
                 "Under the accord, ties will grow, the document states.")
    assert voice_of(body, "the document states").speaker == "KCNA"
