"""CSV: the card table round trip, survey aggregation, defused formulas and refusals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import ops, voting
from model.document import Document
from model.domain import CardKind, Channel, LaneKind
from model.errors import ExportError, ImportRefusedError
from model.interchange.csv_format import CARD_COLUMNS, parse_csv, read_csv, to_csv, write_csv
from model.templates import example_content

from .factories import small_map


def _cards(content):
    doc = Document(content)
    names = {p.id: p.name for p in content.personas}
    shown = voting.shown_votes(doc)
    return [
        (doc.stage(c.stage_id).name, doc.lane(c.lane_id).name, c.kind, c.text, c.notes, c.colour, c.channel,
         c.owner, c.evidence, c.impact, c.effort, c.due, shown.get(c.id, 0),
         sorted((names[p], v) for (card, p), v in doc.emotions().items() if card == c.id))
        for c in doc.cards()
    ]


def test_the_card_table_round_trips(tmp_path):
    content = example_content()
    path = tmp_path / "map.csv"
    warnings = write_csv(content, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets then read the accents right
    assert any("not carried" in w and "connections" in w for w in warnings)
    back, back_warnings = read_csv(path)
    assert back_warnings == []
    assert _cards(back) == _cards(content)
    assert [s.name for s in back.stages] == [s.name for s in content.stages]
    assert [p.name for p in back.personas] == [p.name for p in content.personas]
    assert [lane.name for lane in back.lanes if lane.kind == LaneKind.EMOTIONS] == ["Emotions"]


def test_the_header_and_one_row():
    text, _ = to_csv(small_map().content())
    header, first = text.splitlines()[:2]
    assert header.split(",") == [*CARD_COLUMNS, "emotion: Ana", "emotion: Ben"]
    assert first == "Awareness,Actions,touchpoint,Awareness action 0,,yellow,web,,,,,,0,-1,"


def with_actions():
    """The small map with two of its cards made actions, one with an owner and a due date."""
    doc = small_map()
    first, second = doc.cards()[:2]
    doc.apply(ops.UpdateCard(first.id, {"kind": CardKind.ACTION, "owner": "Support", "due": "2026-12-31"}))
    doc.apply(ops.UpdateCard(second.id, {"kind": CardKind.ACTION}))
    return doc.content()


def test_actions_and_their_due_dates_round_trip():
    content = with_actions()
    text, _ = to_csv(content)
    assert text.splitlines()[1].startswith("Awareness,Actions,action,Awareness action 0,,yellow,web,Support,,,,2026-12-31,")
    back, warnings = parse_csv(text)
    assert warnings == [] and _cards(back) == _cards(content)
    assert [c.due for c in back.cards][:2] == ["2026-12-31", ""]


def test_formulas_are_defused_and_restored():
    doc = small_map()
    card = doc.cards()[0]
    doc.apply(ops.UpdateCard(card.id, {"text": '=HYPERLINK("http://x")', "notes": "-5 points", "owner": "@ops"}))
    text, _ = to_csv(doc.content())
    assert "'=HYPERLINK" in text and "'-5 points" in text and "'@ops" in text
    back, _ = parse_csv(text)
    assert _cards(back) == _cards(doc.content())


def test_a_hand_made_table_with_semicolons_and_loose_values():
    text = (
        "Stage;Lane;Kind;Text;Channel;Color;Impact;Emotion: Ana;Budget\n"
        "Aware;Actions;Pain point;Cannot find the price;Review site;Red;4;-2,5\n"
        "Aware;;note;Reads a review;;;;1\n"
        "\n"
        "Buy;Actions;touchpoint;Pays;web;;;\n"
    )
    content, warnings = parse_csv(text)
    assert [s.name for s in content.stages] == ["Aware", "Buy"]
    first = content.cards[0]
    assert (first.kind, first.channel, first.colour, first.impact) == (CardKind.PAIN_POINT, Channel.REVIEW_SITE, "red", 4)
    assert [v for *_, v in content.emotions] and -2.0 in [v for *_, v in content.emotions]
    assert "row 2: emotion -2.5 is outside −2…+2; used -2" in warnings
    assert "column 'Budget' is not a card field; ignored" in warnings


def test_survey_responses_aggregate_into_emotions():
    text = (
        "respondent,stage,touchpoint,score,persona\n"
        "r1,Buy,Checkout,9,Shopper\n"
        "r2,Buy,Checkout,10,Shopper\n"
        "r3,Buy,Checkout,,Shopper\n"
        "r1,Use,Support chat,0,Shopper\n"
        "r2,Use,Support chat,5,Shopper\n"
    )
    content, warnings = parse_csv(text)
    assert [s.name for s in content.stages] == ["Buy", "Use"]
    assert [(c.text, c.kind, c.notes) for c in content.cards] == [
        ("Checkout", CardKind.TOUCHPOINT, "2 survey responses"), ("Support chat", CardKind.TOUCHPOINT, "2 survey responses")
    ]
    assert [p.name for p in content.personas] == ["Shopper"]
    doc = Document(content)
    persona = content.personas[0]
    assert doc.emotion(content.cards[0].id, persona.id) == pytest.approx(1.8)  # mean 9.5 on 0–10
    assert doc.emotion(content.cards[1].id, persona.id) == pytest.approx(-1.0)  # mean 2.5 on 0–10
    assert warnings == ["scores read on a 0–10 scale (some are above 5 or below 1)"]
    five, warnings = parse_csv("Respondent,Touchpoint,Score\na,Call,5\nb,Call,4\n")
    assert [v for *_, v in five.emotions] == [1.5] and "1–5 scale" in warnings[0]
    assert [s.name for s in five.stages] == ["Journey"] and [p.name for p in five.personas] == ["Customer"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "the CSV file is empty"),
        ("name,value\na,1\n", "row 1: the header names neither a card table"),
        ("stage,kind\nA,sticky\n", "row 2, column 'kind': 'sticky' is not one of"),
        ("stage,colour\nA,magenta\n", "row 2, column 'colour': 'magenta' is not one of"),
        ("stage,text\n,orphan\n", "row 2: the stage is empty"),
        ("stage,impact\nA,9\n", "row 2: impact must be a whole number from 1 to 5"),
        ("stage,votes\nA,2.5\n", "row 2, column 'votes': '2.5' is not a whole number"),
        ("stage,due\nA,31/12\n", "row 2, column 'due': due date '31/12' is not a date like 2026-12-31"),
        ("stage,due\nA,2026-02-30\n", "row 2, column 'due': due date '2026-02-30' is not a day of the calendar"),
        ("stage,emotion: Ana\nA,happy\n", "row 2, column 'emotion: Ana': 'happy' is not a number"),
        ('stage,text\nA,"unclosed\n', "not valid CSV"),
        ("stage\x00,text\n", "binary data"),
        ("respondent,touchpoint,score\n1,Call,11\n", "row 2, column 'score': 11 is outside 0–10"),
        ("respondent,touchpoint,score\n1,,3\n", "row 2, column 'touchpoint': empty"),
    ],
)
def test_refusals_name_row_and_column(text, message):
    with pytest.raises(ImportRefusedError) as caught:
        parse_csv(text)
    assert message in str(caught.value)


def test_files_with_wrong_encodings_or_paths_are_refused(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("stage,text\nCafé,Menü\n".encode("cp1252"))
    with pytest.raises(ImportRefusedError, match=r"latin.csv: not UTF-8 text \(byte 14\); save it"):
        read_csv(latin)
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes("stage,text\nA,b\n".encode("utf-16"))
    with pytest.raises(ImportRefusedError, match="not UTF-8"):
        read_csv(utf16)
    with pytest.raises(ImportRefusedError, match="cannot be read"):
        read_csv(tmp_path / "missing.csv")
    with pytest.raises(ExportError, match="cannot be written"):
        write_csv(example_content(), tmp_path / "no" / "map.csv")


def test_a_long_card_text_is_read():
    content, _ = parse_csv("stage,text\nA," + "x" * 200_000 + "\n")
    assert len(content.cards[0].text) == 200_000


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list('stage,lane;text"\n\r\t=-1.5aé ')), max_size=80))
def test_any_text_is_read_or_refused_never_crashing(text):
    try:
        content, _ = parse_csv(text)
    except ImportRefusedError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert Document(content).content() == content
