"""JSON interchange: lossless round trips, the schema, and every refusal with a message naming the problem."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import ops, voting
from model.document import Content, Document
from model.domain import (PALETTE, Card, CardKind, Channel, Connection, Evidence, Kpi, Lane, LaneKind, Participant,
                          Persona, Stage, VotingSession)
from model.errors import ExportError, ImportRefusedError
from model.interchange.json_format import (
    FORMAT_VERSION,
    content_from_dict,
    content_to_dict,
    dumps,
    loads,
    read_json,
    write_json,
)
from model.interchange.json_schema import load_schema
from model.templates import example_content

from .factories import generated_map, give_votes, small_map

# -- round trips ------------------------------------------------------------------


def test_small_map_round_trips_exactly():
    content = small_map().content()
    assert content_from_dict(content_to_dict(content)) == content
    assert loads(dumps(content)) == content


def test_every_field_is_written():
    doc = small_map()
    persona = doc.personas[0]
    doc.apply(ops.UpdatePersona(persona.id, {"photo": b"\x89PNG\r\n\x1a\n\x00binary", "quote": "Q", "visible": False}))
    card = doc.cards()[0]
    doc.apply(ops.UpdateCard(card.id, {"impact": 4, "effort": 2, "evidence": Evidence.OBSERVED,
                                     "notes": "n", "owner": "Sales"}))
    doc.apply(ops.UpdateLane(doc.lanes[0].id, {"collapsed": True, "question": "What?"}))
    doc.apply(ops.UpdateMap({"emotion_labels": ("a", "b", "c", "d", "e"), "owner": "CX"}))
    assert content_to_dict(doc.content())["version"] == 1  # nothing only version 2 holds: readable by older ones
    doc.apply(ops.AddItem(Participant("Dana", "Support lead", "#2F855A")))
    data = content_to_dict(doc.content())
    assert data["version"] == 2 and "due" not in data["cards"][0]  # nothing only version 3 holds
    doc.apply(ops.UpdateCard(card.id, {"kind": CardKind.ACTION, "due": "2026-12-31"}))
    data = content_to_dict(doc.content())
    assert data["format"] == "journeymap" and data["version"] == FORMAT_VERSION == 3
    assert data["participants"] == [{"id": doc.items("participant")[0].id, "name": "Dana", "role": "Support lead",
                                     "colour": "#2F855A"}]
    assert set(data["personas"][0]) == {"id", "name", "role", "quote", "goals", "needs", "pains", "behaviours",
                                        "motivations", "photo", "colour", "visible"}
    assert set(data["cards"][0]) == {"id", "stage", "lane", "text", "kind", "notes", "colour", "channel", "owner",
                                     "evidence", "impact", "effort", "due"}
    assert data["cards"][0]["impact"] == 4 and data["cards"][0]["evidence"] == "observed"
    assert (data["cards"][0]["kind"], data["cards"][0]["due"], data["cards"][1]["due"]) == ("action", "2026-12-31", "")
    assert data["emotions"][0].keys() == {"card", "persona", "value"}
    assert isinstance(data["personas"][0]["photo"], str)  # base64 text
    assert loads(json.dumps(data)) == doc.content()


def test_voting_sessions_and_votes_are_written_with_every_field():
    doc = small_map()
    dana = Participant("Dana")
    doc.apply(ops.AddItem(dana))
    session = VotingSession("Top pains", votable_lanes=(doc.lanes[2].id,), votable_kinds=("pain_point",),
                            votes_per_participant=3, max_per_card=2, anonymous=True, current=True)
    doc.apply(voting.add_session(doc, session))
    pain = next(c for c in doc.cards() if c.lane_id == doc.lanes[2].id)
    doc.apply(voting.cast(doc, session.id, dana.id, pain.id))
    doc.apply(voting.set_wall_total(doc, session.id, pain.id, 4))
    doc.apply(voting.reveal(doc, session.id))
    data = content_to_dict(doc.content())
    assert data["voting_sessions"] == [{
        "id": session.id, "name": "Top pains", "votable_lanes": [doc.lanes[2].id], "votable_kinds": ["pain_point"],
        "votes_per_participant": 3, "max_per_card": 2, "anonymous": True, "revealed": True, "closed": False,
        "current": True}]
    assert [(v["participant"], v["card"], v["count"], v["origin"]) for v in data["votes"]] == [
        (dana.id, pain.id, 1, "booth"), (None, pain.id, 4, "wall")]
    assert loads(json.dumps(data)) == doc.content()


def test_a_cards_votes_from_an_older_file_become_a_session_of_their_own():
    data = content_to_dict(small_map().content())
    assert data["version"] == 1
    data["cards"][0]["votes"] = 3
    data["cards"][4]["votes"] = 1.0  # JSON does not tell 1 from 1.0
    data["cards"][5]["votes"] = 0
    content = content_from_dict(data)
    doc = Document(content)
    (session,) = voting.sessions(doc)
    assert (session.name, session.revealed, session.current, session.closed) == (
        "Votes before sessions", True, True, False)
    cards = doc.cards()
    assert voting.shown_votes(doc) == {cards[0].id: 3, cards[4].id: 1}
    assert all(v.origin == "wall" and v.participant_id is None for v in doc.items("vote"))
    assert content_from_dict(data) == content  # the same file read twice: the same ids
    again = content_to_dict(content)
    assert "votes" not in again["cards"][0] and loads(dumps(content)) == content
    data["cards"][1]["votes"] = -2
    with pytest.raises(ImportRefusedError, match=r"cards\[1\]\.votes"):
        content_from_dict(data)


def test_large_map_round_trips():
    content = generated_map(600, personas=3).content()
    assert loads(dumps(content)) == content


def test_written_json_validates_against_the_bundled_schema():
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(load_schema())
    Draft202012Validator(load_schema()).validate(json.loads(dumps(example_content())))


def test_missing_optional_fields_take_the_model_defaults():
    data = {
        "format": "journeymap", "version": 1, "map": {"title": "Hand-written"},
        "stages": [{"id": "s1", "name": "Aware"}], "lanes": [{"id": "l1", "name": "Actions"}],
        "cards": [{"id": "c1", "stage": "s1", "lane": "l1", "impact": 3.0}],
    }
    content = content_from_dict(data)
    assert content.stages == (Stage("Aware", id="s1"),)
    assert content.cards == (Card("s1", "l1", impact=3, id="c1"),)
    assert content.personas == () and content.connections == ()
    assert content.cards[0].due == ""  # a file from before due dates


def _with_action(due: str = "2026-12-31") -> Content:
    doc = small_map()
    card = doc.cards()[2]
    doc.apply(ops.UpdateCard(card.id, {"kind": CardKind.ACTION, "owner": "Support", "due": due}))
    return doc.content()


def test_an_action_and_its_due_date_round_trip_as_version_3():
    content = _with_action()
    data = json.loads(dumps(content))
    assert data["version"] == 3
    action = data["cards"][2]
    assert (action["kind"], action["owner"], action["due"]) == ("action", "Support", "2026-12-31")
    assert loads(dumps(content)) == content
    assert content_to_dict(_with_action(due=""))["version"] == 3  # an action alone needs version 3 too
    doc = small_map()
    doc.apply(ops.UpdateCard(doc.cards()[0].id, {"due": "2027-01-15"}))  # a note may hold a date as well
    assert content_to_dict(doc.content())["version"] == 3 and loads(dumps(doc.content())) == doc.content()


def test_a_written_action_validates_against_the_bundled_schema():
    from jsonschema import Draft202012Validator

    Draft202012Validator(load_schema()).validate(json.loads(dumps(_with_action())))


@pytest.mark.parametrize(("due", "message"), [
    ("31/12", r"cards\[2\]\.due: '31/12' is not a date like 2026-12-31"),
    ("2026-12-31T10:00", r"cards\[2\]\.due: '2026-12-31T10:00' is not a date like 2026-12-31"),
    ("2026-02-30", r"cards\[2\]: due date '2026-02-30' is not a day of the calendar"),
    (20261231, r"cards\[2\]\.due: must be text"),
])
def test_a_due_date_that_is_not_a_date_is_refused_naming_the_card(due, message):
    data = content_to_dict(_with_action())
    data["cards"][2]["due"] = due
    with pytest.raises(ImportRefusedError, match=message) as caught:
        content_from_dict(data)
    assert "\n" not in str(caught.value)


@st.composite
def contents(draw) -> Content:
    """A random valid map, built through the Document's own operations (so it is canonical)."""
    doc = Document()
    text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
    name = text.filter(lambda s: s.strip())
    for _ in range(draw(st.integers(0, 4))):
        doc.apply(ops.AddStage(Stage(draw(name), goal=draw(text), question=draw(text),
                                   width=draw(st.floats(140, 2000))), draw(st.integers(0, len(doc.stages)))))
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(list(LaneKind)))
        doc.apply(ops.AddLane(Lane(draw(name), kind=kind, question=draw(text), collapsed=draw(st.booleans()))))
    for _ in range(draw(st.integers(0, 3))):
        photo = draw(st.none() | st.binary(max_size=40))
        doc.apply(ops.AddPersona(Persona(draw(name), role=draw(text), pains=draw(text), photo=photo,
                                       colour=draw(st.from_regex(r"\A#[0-9A-F]{6}\Z")),
                                       visible=draw(st.booleans()))))
    card_lanes = [lane for lane in doc.lanes if lane.kind == LaneKind.CARDS]
    if doc.stages and card_lanes:
        for _ in range(draw(st.integers(0, 12))):
            stage = draw(st.sampled_from(doc.stages))
            lane = draw(st.sampled_from(card_lanes))
            card = Card(stage.id, lane.id, draw(text), kind=draw(st.sampled_from(list(CardKind))),
                        colour=draw(st.sampled_from(list(PALETTE))), channel=draw(st.sampled_from(list(Channel))),
                        evidence=draw(st.sampled_from(list(Evidence))), impact=draw(st.none() | st.integers(1, 5)),
                        effort=draw(st.none() | st.integers(1, 5)),
                        due=draw(st.just("") | st.dates().map(date.isoformat)))
            doc.apply(ops.AddCard(card, draw(st.integers(0, len(doc.cell_cards(stage.id, lane.id))))))
            if draw(st.booleans()):
                give_votes(doc, {card.id: draw(st.integers(0, 10_000))})
    cards = doc.cards()
    if cards and doc.personas:
        for _ in range(draw(st.integers(0, 8))):
            doc.apply(ops.SetEmotion(draw(st.sampled_from(cards)).id, draw(st.sampled_from(doc.personas)).id,
                                   draw(st.floats(-2, 2))))
    if len(cards) >= 2:
        for _ in range(draw(st.integers(0, 4))):
            a, b = draw(st.sampled_from(cards)), draw(st.sampled_from(cards))
            if a.id != b.id and not any((c.source_id, c.target_id) == (a.id, b.id) for c in doc.connections):
                doc.apply(ops.AddConnection(Connection(a.id, b.id, draw(text), draw(st.none() | st.floats(0, 100)))))
    if doc.stages:
        for _ in range(draw(st.integers(0, 3))):
            number = st.none() | st.floats(allow_nan=False, allow_infinity=False)
            doc.apply(ops.AddKpi(Kpi(draw(st.sampled_from(doc.stages)).id, draw(name), draw(number), draw(number),
                                   draw(text)), draw(st.integers(0, len(doc.kpis)))))
    if len(doc.stages) > 1:
        doc.apply(ops.MoveStage(doc.stages[-1].id, 0))
    return doc.content()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents())
def test_random_maps_round_trip_exactly(content):
    assert content_from_dict(content_to_dict(content)) == content
    assert loads(dumps(content)) == content


# -- refusals ---------------------------------------------------------------------


def _good() -> dict:
    return content_to_dict(small_map().content())


def _refused(data) -> str:
    with pytest.raises(ImportRefusedError) as caught:
        content_from_dict(data)
    return str(caught.value)


def test_not_json_is_refused_with_line_and_column():
    with pytest.raises(ImportRefusedError, match=r"^line 3:5: not valid JSON"):
        loads('{\n  "format": "journeymap",\n    oops\n}')


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "line 1:1: not valid JSON"),
        ('{"a": 1, "a": 2}', "the key 'a' appears twice"),
        ('{"format": "journeymap", "version": 1, "map": {"title": NaN}}', "NaN is not a number JSON allows"),
        ("[1, 2]", "not a Journeymap JSON document"),
    ],
)
def test_odd_json_text_is_refused(text, expected):
    with pytest.raises(ImportRefusedError, match=expected):
        loads(text)


def test_wrong_format_is_refused():
    data = _good()
    data["format"] = "drawio"
    assert '"format" must be "journeymap"' in _refused(data)
    del data["format"]
    assert '"format" must be "journeymap"' in _refused(data)


def test_newer_version_is_refused():
    data = _good()
    data["version"] = FORMAT_VERSION + 1
    message = _refused(data)
    assert message.startswith(f"version: {FORMAT_VERSION + 1} is newer than this Journeymap understands "
                              f"({FORMAT_VERSION})")
    data["version"] = 0
    assert _refused(data).startswith("version: 0 is not a Journeymap version")
    data["version"] = "1"
    assert _refused(data).startswith("version: must be a whole number")


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda d: d["stages"][2].pop("name"), "stages[2]: missing the field 'name'"),
        (lambda d: d.pop("lanes"), "document: missing the field 'lanes'"),
        (lambda d: d["stages"][2].update(name="  "), "stages[2].name: must not be empty"),
        (lambda d: d["cards"][1].update(kind="sticky"), "cards[1].kind: 'sticky' is not one of: 'note'"),
        (lambda d: d["cards"][0].update(channel="fax"), "cards[0].channel: 'fax' is not one of"),
        (lambda d: d["cards"][0].update(colour="#FF0000"), "cards[0].colour: '#FF0000' is not one of"),
        (lambda d: d["cards"][0].update(evidence="rumour"), "cards[0].evidence: 'rumour' is not one of"),
        (lambda d: d["lanes"][0].update(kind="timeline"), "lanes[0].kind: 'timeline' is not one of"),
        (lambda d: d["emotions"][1].update(value=2.5), "emotions[1].value: 2.5 is outside -2 … 2"),
        (lambda d: d["cards"][0].update(impact=6), "cards[0].impact: 6 is outside 1 … 5"),
        (lambda d: d["cards"][0].update(votes=-1), "cards[0].votes: -1 is outside 0 … 10000"),
        (lambda d: d["connections"][0].update(share=101), "connections[0].share: 101 is outside 0 … 100"),
        (lambda d: d["stages"][0].update(width=20), "stages[0].width: 20 is outside 140 … 2000"),
        (lambda d: d["cards"][0].update(votes="3"), "cards[0].votes: must be a whole number"),
        (lambda d: d["personas"][0].update(colour="blue"), "personas[0].colour: must look like #RRGGBB"),
        (lambda d: d["personas"][0].update(photo="***"), "personas[0].photo: not valid base64"),
        (lambda d: d["personas"][1].update(hat="red"), "personas[1]: unknown field 'hat'"),
        (lambda d: d["map"].update(emotion_labels=["a"]), "map.emotion_labels: must hold exactly 5 items"),
        (lambda d: d["stages"][0].update(id=""), "stages[0].id: must not be empty"),
        (lambda d: d["cards"][0].update(text="a\x00b"), "cards[0]: a card's text contains a NUL character"),
    ],
)
def test_schema_and_model_problems_are_named_with_their_path(change, expected):
    data = _good()
    change(data)
    assert expected in _refused(data)


def test_the_first_problem_in_document_order_is_named():
    data = _good()
    data["cards"][4]["kind"] = "bad"
    data["cards"][1]["kind"] = "worse"
    data["kpis"][0]["value"] = "high"
    assert _refused(data).startswith("cards[1].kind:")


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda d: d["cards"][2].update(stage="nowhere"), "cards[2].stage: no stage with id 'nowhere'"),
        (lambda d: d["cards"][2].update(lane="nowhere"), "cards[2].lane: no lane with id 'nowhere'"),
        (lambda d: d["cards"][0].update(lane=d["lanes"][1]["id"]), "cards[0].lane: lane 'Emotions' draws emotion"),
        (lambda d: d["emotions"][0].update(persona="ghost"), "emotions[0].persona: no persona with id 'ghost'"),
        (lambda d: d["emotions"][0].update(card="ghost"), "emotions[0].card: no card with id 'ghost'"),
        (lambda d: d["connections"][1].update(target="ghost"), "connections[1].target: no card with id 'ghost'"),
        (lambda d: d["kpis"][0].update(stage="ghost"), "kpis[0].stage: no stage with id 'ghost'"),
        (lambda d: d["stages"][2].update(id=d["stages"][0]["id"]), "stages[2].id: "),
        (lambda d: d["cards"][3].update(id=d["cards"][1]["id"]), "is already used by cards[1]"),
        (lambda d: d["emotions"].append(dict(d["emotions"][0], value=1)), "a second value for the card and persona"),
        (lambda d: d["connections"].append(dict(d["connections"][0], id="other")), "joins the same two cards"),
        (lambda d: d["connections"][0].update(target=d["connections"][0]["source"]),
         "connections[0]: a connection must join two different cards"),
    ],
)
def test_reference_problems_are_named_with_their_path(change, expected):
    data = _good()
    change(data)
    assert expected in _refused(data)


def test_deep_nesting_is_refused_cleanly():
    with pytest.raises(ImportRefusedError, match="nested too deeply"):
        loads("[" * 10_000 + "]" * 10_000)
    inner = '{"format": "journeymap", "version": 1, "map": {"title": ' + "[" * 10_000 + "]" * 10_000 + "}}"
    with pytest.raises(ImportRefusedError, match="nested too deeply"):
        loads(inner)


def test_a_50_mb_string_is_refused_by_its_path():
    data = _good()
    data["cards"][0]["text"] = "x" * 50_000_000
    with pytest.raises(ImportRefusedError, match=r"^cards\[0\]\.text: is longer than 1,000,000 characters$"):
        loads(json.dumps(data))
    with pytest.raises(ImportRefusedError, match="line 1:1: not valid JSON"):
        loads("x" * 50_000_000)


def test_a_refused_dict_is_left_unchanged():
    data = _good()
    data["cards"][0]["stage"] = "nowhere"
    before = copy.deepcopy(data)
    _refused(data)
    assert data == before


# -- files ----------------------------------------------------------------------


def test_write_then_read_a_file(tmp_path):
    path = tmp_path / "map.json"
    write_json(example_content(), path)
    assert read_json(path) == example_content()
    assert not [p for p in tmp_path.iterdir() if p != path]  # no temporary file left behind


def test_unreadable_files_are_refused(tmp_path):
    with pytest.raises(ImportRefusedError, match="missing.json: cannot be read"):
        read_json(tmp_path / "missing.json")
    with pytest.raises(ImportRefusedError, match="cannot be read"):
        read_json(tmp_path)
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"format": "journeym\xe4p"}')
    with pytest.raises(ImportRefusedError, match=r"latin.json: not UTF-8 text \(byte 20\)"):
        read_json(latin)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "journeymap", "version": 7}', encoding="utf-8")
    with pytest.raises(ImportRefusedError, match=r"bad.json: version: 7 is newer"):
        read_json(bad)


def test_write_refuses_a_missing_folder(tmp_path):
    with pytest.raises(ExportError, match="cannot be written"):
        write_json(small_map().content(), tmp_path / "no" / "such" / "map.json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_damaged_document_is_read_or_refused_naming_a_place(data):
    document = _good()
    node = document
    while True:  # walk to a random place, then replace what is there
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        if isinstance(node[key], (dict, list)) and node[key] and data.draw(st.booleans()):
            node = node[key]
            continue
        node[key] = data.draw(json_values)
        break
    try:
        content = content_from_dict(document)
    except ImportRefusedError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert content_from_dict(content_to_dict(content)) == content
