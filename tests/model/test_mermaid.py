"""Mermaid `journey` import and export, checked against Mermaid's own grammar (journey.jison)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import ops
from model.document import Content, Document
from model.domain import PERSONA_COLOURS, Card, Lane, LaneKind, MapInfo, Persona, Stage
from model.errors import ExportError, ImportRefusedError
from model.interchange.mermaid import parse_mermaid, read_mermaid, to_mermaid, write_mermaid
from model.templates import example_content

DATA = Path(__file__).resolve().parent.parent / "data" / "mermaid"


def journey(content: Content) -> list[tuple[str, list[tuple[str, float, list[str]]]]]:
    """Stages with their tasks: (text, score 1…5, actors), the part of a map Mermaid carries."""
    doc = Document(content)
    names = {p.id: p.name for p in content.personas}
    result = []
    for stage in content.stages:
        tasks = []
        for lane in content.lanes:
            for card in doc.cell_cards(stage.id, lane.id):
                felt = [(names[p], v) for (c, p), v in doc.emotions().items() if c == card.id]
                tasks.append((card.text, sorted({v + 3 for _, v in felt}), sorted(n for n, _ in felt)))
        result.append((stage.name, tasks))
    return result


def parse(text: str) -> Content:
    content, _ = parse_mermaid(text)
    return content


# -- import ------------------------------------------------------------------------


def test_the_mermaid_docs_example():
    content, warnings = read_mermaid(DATA / "docs_example.mmd")
    assert warnings == []
    assert content.info.title == "My working day"
    assert journey(content) == [
        ("Go to work", [("Make tea", [5], ["Me"]), ("Go upstairs", [3], ["Me"]), ("Do work", [1], ["Cat", "Me"])]),
        ("Go home", [("Go downstairs", [5], ["Me"]), ("Sit down", [5], ["Me"])]),
    ]
    assert [(lane.name, lane.kind) for lane in content.lanes] == [("Actions", LaneKind.CARDS),
                                                                    ("Emotions", LaneKind.EMOTIONS)]
    assert [p.name for p in content.personas] == ["Me", "Cat"]
    assert [p.colour for p in content.personas] == list(PERSONA_COLOURS[:2])
    assert {v for *_, v in content.emotions} == {-2.0, 0.0, 2.0}


def test_kitchen_sink_of_comments_keywords_and_accessibility():
    content, warnings = read_mermaid(DATA / "kitchen_sink.mmd")
    assert content.info.title == "Weekend shopping"  # the `title` statement wins over the front matter
    assert content.info.description == "Saturday groceries\n\nA family plans,\nshops and unpacks."
    assert journey(content) == [
        ("Start", [("Check the weather", [4], ["Ana"])]),
        ("Plan", [("Write the list", [4], ["Ana", "Ben"]), ("Argue about snacks", [1.5], ["Ben"])]),
        ("Shop", [("Find parking", [1], ["Ana"]), ("Pay", [5], ["Customer"]), ("Queue", [2], ["Customer"])]),
        ("Home", [("Unpack", [5], ["Ana", "Ben"])]),
    ]
    assert warnings == ["line 23: score 0 is outside 1…5; used 1", "line 27: score 8 is outside 1…5; used 5"]


def test_keywords_are_case_insensitive():
    content = parse("JoUrNeY\nTiTlE Loud\nSECTION One\n  Shout: 2: Me\nsEcTiOn Two\nACCTITLE: quiet\nACCDESCR: still\n")
    assert content.info.title == "Loud"
    assert content.info.description == "quiet\n\nstill"
    assert [s.name for s in content.stages] == ["One", "Two"]


def test_comments_as_the_lexer_has_them():
    text = (
        "%% before\n"
        "journey\n"
        "%% a whole-line comment\n"
        "   %% an indented one\n"
        "# a hash comment\n"
        "section A # after a section\n"
        "  Make tea: 5: Me # after the actors\n"
        "  Drink: 4: Me %% Mermaid keeps this in the actor list\n"
    )
    content = parse(text)
    assert journey(content) == [("A", [("Make tea", [5], ["Me"]),
                                       ("Drink", [4], ["Me %% Mermaid keeps this in the actor list"])])]


def test_title_and_accessibility_lines():
    content = parse("journey\naccTitle: Short # and ; kept\naccDescr: One line; with # too\ntitle The day\n")
    assert content.info.title == "The day"
    assert content.info.description == "Short # and ; kept\n\nOne line; with # too"
    multi = parse("journey\naccDescr {\n    first line\n      second line\n}title After\nsection S\n")
    assert multi.info.description == "first line\nsecond line"
    assert multi.info.title == "After"


def test_tasks_before_any_section_go_to_a_first_stage():
    content = parse("journey\n  Wake up: 2: Me\nsection Morning\n  Coffee: 5: Me\n")
    assert journey(content) == [("Start", [("Wake up", [2], ["Me"])]), ("Morning", [("Coffee", [5], ["Me"])])]


def test_no_actors_and_a_trailing_colon_give_the_customer():
    content = parse("journey\nsection S\n  Browse: 4\n  Buy: 2:\n  Review: 3: , \n")
    assert [p.name for p in content.personas] == ["Customer"]
    assert journey(content) == [("S", [("Browse", [4], ["Customer"]), ("Buy", [2], ["Customer"]),
                                       ("Review", [3], ["Customer"])])]


@pytest.mark.parametrize(
    "score, emotion, warned",
    [("9", 2.0, True), ("0", -2.0, True), ("-3", -2.0, True), ("1e3", 2.0, True), ("4.5", 1.5, False),
     ("2.25", -0.75, False), (" 3 ", 0.0, False), ("+5", 2.0, False), (".5", -2.0, True)],
)
def test_scores_are_read_like_javascript_numbers_and_clamped(score, emotion, warned):
    content, warnings = parse_mermaid(f"journey\nsection S\n  Task:{score}: Me\n")
    assert [v for *_, v in content.emotions] == [emotion]
    assert bool(warnings) == warned
    if warned:
        assert warnings[0].startswith("line 3: score ") and "outside 1…5" in warnings[0]


def test_text_after_a_second_colon_is_ignored_with_a_warning():
    content, warnings = parse_mermaid("journey\nsection S\n  Task: 4: Ana: extra\n")
    assert journey(content) == [("S", [("Task", [4], ["Ana"])])]
    assert warnings == ["line 3: text after a second ':' is ignored, as Mermaid ignores it"]


def test_front_matter_title_is_used_without_a_title_statement():
    assert parse("---\ntitle: 'From front matter'\n---\njourney\nsection S\n").info.title == "From front matter"
    assert parse("journey\n").info.title == MapInfo().title


def test_section_names_with_line_breaks_as_mermaid_writes_them():
    content = parse("journey\nsection Line1<br>Line2<br/>Line3</br />Line4<br\t/>Line5\n")
    assert content.stages[0].name == "Line1 Line2 Line3 Line4 Line5"


@pytest.mark.parametrize(
    "text, message",
    [
        ("flowchart LR\n  a-->b\n", "line 1: not a Mermaid journey diagram (expected 'journey')"),
        ("%% comment\n\n  sequenceDiagram\n", "line 3: not a Mermaid journey diagram (expected 'journey')"),
        ("", "line 1: not a Mermaid journey diagram (expected 'journey')"),
        ("journeys\nsection A\n", "line 1: not a Mermaid journey diagram"),
        ("journey\nsection A\n  Make tea\n  Drink: 3: Me\n", "line 3: expected ': score' after the task 'Make tea'"),
        ("journey\nsection A\n  Make # tea: 5: Me\n", "line 3: expected ': score' after the task 'Make'"),
        ("journey\nsection A\n  Task:\n", "line 3: expected ': score' after the task 'Task'"),
        ("journey\nsection A\n\n  : 5: Me\n", "line 4: unexpected ': 5: Me' (a task needs a name before the ':')"),
        ("journey\ntitle Lunch; dinner\n", "line 2: unexpected ';'"),
        ("journey\nsection A\n  Journey planning: 3: Me\n", "line 3: unexpected 'Journey' (Mermaid reads it"),
        ("journey\nsection A: the first\n", "line 2: unexpected ': the first'"),
        ("journey\nsection A\n  Task: five: Me\n", "line 3: the score 'five' is not a number"),
        ("journey\nsection A\n  Task: : Me\n", "line 3: the task has no score"),
        ("journey\nsection A\n  Task: 0x5: Me\n", "line 3: the score '0x5' is not a number"),
    ],
)
def test_refusals_name_the_line(text, message):
    with pytest.raises(ImportRefusedError) as caught:
        parse_mermaid(text)
    assert str(caught.value).startswith(message)


def test_a_line_starting_title_is_a_title_as_in_mermaid():
    # The lexer's `title\s…` rule comes before task names, so this is a title, not a task.
    content = parse("journey\nsection Home\n  Title deed check: 3: Me\n")
    assert content.info.title == "deed check: 3: Me" and content.cards == ()


def test_oversized_and_unreadable_files_are_refused(tmp_path):
    with pytest.raises(ImportRefusedError, match="too large"):
        parse_mermaid("journey\n" + "%%" * 3_000_000)
    with pytest.raises(ImportRefusedError, match="nope.mmd: cannot be read"):
        read_mermaid(tmp_path / "nope.mmd")
    latin = tmp_path / "latin.mmd"
    latin.write_bytes(b"journey\nsection Caf\xe9\n")
    with pytest.raises(ImportRefusedError, match=r"latin.mmd: not UTF-8 text \(byte 19\)"):
        read_mermaid(latin)
    bad = tmp_path / "bad.mmd"
    bad.write_text("journey\nsection A\n  oops\n", encoding="utf-8")
    with pytest.raises(ImportRefusedError, match=r"bad.mmd: line 3: "):
        read_mermaid(bad)


# -- export ------------------------------------------------------------------------


def _map(stage_names, cards, personas=("Ana",)) -> Content:
    """cards: (stage index, text, {persona index: emotion}) in an Actions lane."""
    stages = [Stage(n) for n in stage_names]
    lanes = [Lane("Actions"), Lane("Emotions", kind=LaneKind.EMOTIONS), Lane("Ideas")]
    people = [Persona(n, colour=PERSONA_COLOURS[i]) for i, n in enumerate(personas)]
    doc = Document(Content(stages=tuple(stages), lanes=tuple(lanes), personas=tuple(people)))
    for stage_index, text, felt in cards:
        card = Card(stages[stage_index].id, lanes[0].id, text)
        doc.apply(ops.AddCard(card))
        for persona_index, value in felt.items():
            doc.apply(ops.SetEmotion(card.id, people[persona_index].id, value))
    return doc.content()


def test_export_strips_what_mermaid_reads_as_syntax():
    content = _map(
        ["Plan: decide; go #1", "::"],
        [(0, "Pay: now; #fast %% or %%% later\nsecond line", {0: 1.0}), (1, "Title search", {0: -2.0}),
         (1, "journey home", {0: 0.0}), (1, ":#;", {0: 2.0})],
        personas=("Ana: B, C; D",),
    )
    text, warnings = to_mermaid(content)
    assert text.splitlines()[2:] == [
        "    section Plan decide go 1",
        "      Pay now fast % or % later second line: 4: Ana B C D",
        "    section Stage 2",
        "      “Title search”: 1: Ana B C D",
        "      “journey home”: 3: Ana B C D",
        "      Untitled card: 5: Ana B C D",
    ]
    assert any("lost characters Mermaid reads as syntax" in w for w in warnings)
    back = parse(text)
    assert [s.name for s in back.stages] == ["Plan decide go 1", "Stage 2"]
    assert len(back.cards) == 4


def test_export_scores_round_and_average_with_warnings():
    content = _map(["S"], [(0, "Mixed", {0: 2.0, 1: -1.0}), (0, "Half", {0: 0.5}), (0, "None", {})],
                   personas=("Ana", "Ben"))
    text, warnings = to_mermaid(content)
    assert "      Mixed: 4: Ana, Ben" in text and "      Half: 4: Ana" in text and "None" not in text
    joined = " | ".join(warnings)
    assert "one score per task" in joined and "rounded" in joined and "1 cards of 'Actions' with no emotion" in joined


def test_export_warns_that_other_lanes_connections_and_kpis_are_not_carried():
    text, warnings = to_mermaid(example_content())
    assert text.startswith("journey\n    title FleetPlan: from first search to reference customer\n")
    lost = [w for w in warnings if "not carried" in w]
    assert lost and "cards in other lanes" in lost[0] and "connections" in lost[0] and "KPIs" in lost[0]
    back, _ = parse_mermaid(text)
    assert [s.name for s in back.stages] == [s.name for s in example_content().stages]
    assert {p.name for p in back.personas} == {"Maria Santos", "Daniel Okafor"}


def test_export_without_an_actions_lane_uses_the_first_cards_lane():
    stage = Stage("Only")
    lanes = (Lane("Emotions", kind=LaneKind.EMOTIONS), Lane("Steps"), Lane("Notes"))
    persona = Persona("Ana")
    card = Card(stage.id, lanes[1].id, "Step one")
    content = Document(Content(stages=(stage,), lanes=lanes, cards=(card,), personas=(persona,),
                               emotions=((card.id, persona.id, 1.0),))).content()
    assert "      Step one: 4: Ana" in to_mermaid(content)[0]
    empty = Document(Content(stages=(stage,), lanes=(lanes[0],))).content()
    assert to_mermaid(empty)[0] == "journey\n    title Untitled journey\n    section Only\n"


def test_export_warns_that_a_carried_cards_due_date_is_not_carried():
    stage, lane, persona = Stage("Only"), Lane("Actions"), Persona("Ana")

    def warnings_with(due: str) -> list[str]:
        card = Card(stage.id, lane.id, "Call back", due=due)
        return to_mermaid(Document(Content(stages=(stage,), lanes=(lane,), cards=(card,), personas=(persona,),
                                           emotions=((card.id, persona.id, 1.0),))).content())[1]

    assert warnings_with("") == []
    assert any("card notes and details" in w for w in warnings_with("2026-12-31"))


def test_a_description_that_looks_like_a_directive_stays_text():
    content = Document(Content(info=MapInfo("T", description="%%{init: {}}%% and more; # too"))).content()
    assert parse(to_mermaid(content)[0]).info.description == "%{init: {}}% and more; # too"


def test_multi_line_description_round_trips_as_lines():
    content = Document(Content(info=MapInfo("T", description="First line\nSecond } line"))).content()
    text, warnings = to_mermaid(content)
    assert parse(text).info.description == "First line\nSecond ) line"
    assert warnings


@pytest.mark.parametrize("name", ["docs_example.mmd", "kitchen_sink.mmd"])
def test_round_trip_keeps_stages_tasks_scores_and_actors(name):
    first = parse((DATA / name).read_text(encoding="utf-8"))
    text, _ = to_mermaid(first)
    again = parse(text)
    assert journey(again) == [
        (stage, [(task, [min(5, max(1, round(s))) for s in scores], actors) for task, scores, actors in tasks])
        for stage, tasks in journey(first)
    ]
    assert again.info.title == first.info.title
    # Mermaid folds a multi-line description's indentation and blank lines (setAccDescription).
    assert again.info.description == first.info.description.replace("\n\n", "\n")
    assert to_mermaid(parse(to_mermaid(again)[0]))[0] == to_mermaid(again)[0]


names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stage_names=st.lists(names.filter(str.strip), min_size=1, max_size=3),
       texts=st.lists(st.tuples(st.integers(0, 2), names, st.sampled_from([-2.0, -1.0, 0.0, 1.5, 2.0])), max_size=6),
       persona_names=st.lists(names.filter(str.strip), min_size=1, max_size=3))
def test_any_map_exports_to_mermaid_that_parses_back(stage_names, texts, persona_names):
    cards = [(i % len(stage_names), text, {j: value for j in range(len(persona_names))}) for i, text, value in texts]
    content = _map(stage_names, cards, personas=tuple(persona_names))
    text, _ = to_mermaid(content)
    back = parse(text)
    assert len(back.stages) == len(stage_names)
    assert len(back.cards) == len(cards)
    assert len(back.personas) == (len(persona_names) if cards else 0)
    assert sorted(v for *_, v in back.emotions) == sorted(
        float(min(2, max(-2, round(v)))) for _, _, felt in cards for v in felt.values()
    )


def test_write_and_read_a_file(tmp_path):
    path = tmp_path / "map.mmd"
    warnings = write_mermaid(example_content(), path)
    assert warnings and path.read_text(encoding="utf-8").startswith("journey\n")
    content, _ = read_mermaid(path)
    assert len(content.stages) == 5
    with pytest.raises(ExportError, match="cannot be written"):
        write_mermaid(example_content(), tmp_path / "missing" / "map.mmd")


mermaidish = st.lists(st.sampled_from(list("journeytitlsc :;#%{}\n,-.0123456789ABaé\t")) | st.sampled_from(
    ["journey", "title ", "section ", "accTitle:", "accDescr {", "accDescr:", "%%", "%%{x}%%", "}", ": 5: ", "\n"]
), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(mermaidish)
def test_any_text_is_read_or_refused_with_a_line_never_crashing(text):
    try:
        content, warnings = parse_mermaid("journey\n" + text)
    except ImportRefusedError as error:
        assert str(error).startswith("line ")
    else:
        assert Document(content).content() == content
        assert all(isinstance(w, str) for w in warnings)
