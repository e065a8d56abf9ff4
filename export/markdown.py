"""A map as a Markdown document: for wikis, tickets and the workshop's minutes.

User text is escaped so it reads as typed, both as plain text and rendered
(CommonMark and GitHub's dialect): Markdown punctuation that could start
emphasis, code, links, tables, strikethrough, HTML or an entity gets a
backslash, and so does what starts a heading, list, quote or rule at the start
of a line; everything else is left alone, so "AT&T" stays "AT&T" (Markdown is
not HTML: `&amp;` would show as such to anyone reading the file). Line breaks
inside a field become `<br>`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from model.card_footer import due_label
from model.document import Content, Document
from model.domain import EMOTION_MIN
from model.interchange.text_files import write_text
from model.layout import format_number, kpi_text
from model.voting import shown_votes
from model.voting_rules import plural

_INLINE = re.compile(r"([\\`*\[\]~|])")  # emphasis, code, links, strikethrough, tables: anywhere
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # "snake_case" cannot be emphasis; "_x_" can
_HTML = re.compile(r"<(?=[A-Za-z/!?])")  # what could open an HTML tag, comment or autolink
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")  # "&amp;" typed
_LINE_MARK = re.compile(r"^([#+\-=>])")  # headings, lists, rules, quotes: only where a line starts
_LINE_NUMBER = re.compile(r"^(\d+)([.)])")  # "1." starts an ordered list; "1\." does not
_CLOSING_HASHES = re.compile(r"(?<=\s)(#+)$")  # "## Plan #": a heading's closing sequence, dropped


def escape(text: str) -> str:
    """Text that Markdown shows literally, on one line (line breaks become `<br>`)."""
    lines = []
    for line in text.splitlines():
        line = _UNDERSCORE.sub(r"\\_", _INLINE.sub(r"\\\1", line.strip()))
        line = _ENTITY.sub(r"\\&", _HTML.sub(r"\\<", line))
        line = _CLOSING_HASHES.sub(lambda m: "\\#" * len(m.group(1)), line)
        lines.append(_LINE_NUMBER.sub(r"\1\\\2", _LINE_MARK.sub(r"\\\1", line)))
    return "<br>".join(lines)


def to_markdown(content: Content, *, insights: bool = True) -> tuple[str, list[str]]:
    """The whole map as Markdown, and warnings (what Markdown does not carry).

    With `insights` (the default) it ends with what the map says: the findings
    under their headings and the ranked priorities as a table.
    """
    doc = Document(content)
    info = doc.info
    out: list[str] = [f"# {escape(info.title)}", ""]
    if info.description:
        out += [escape(info.description), ""]
    if info.owner:
        out += [f"Owner: {escape(info.owner)}", ""]

    if doc.personas:
        out += ["## Personas", ""]
        for persona in doc.personas:
            role = f" — {escape(persona.role)}" if persona.role else ""
            out.append(f"- **{escape(persona.name)}**{role}")
            if persona.quote:
                out.append(f"  > “{escape(persona.quote)}”")
            for field in ("goals", "needs", "pains", "behaviours", "motivations"):
                value = getattr(persona, field)
                if value:
                    out.append(f"  - {field.capitalize()}: {escape(value)}")
        out.append("")

    labels = info.emotion_labels
    shown = shown_votes(doc)  # the current voting session's totals, once revealed
    for stage in doc.stages:
        out += [f"## {escape(stage.name)}", ""]
        if stage.goal:
            out += [f"*Goal:* {escape(stage.goal)}", ""]
        kpis = doc.stage_kpis(stage.id)
        if kpis:
            out += ["KPIs: " + "; ".join(escape(kpi_text(k)) for k in kpis), ""]
        for lane in doc.lanes:
            cards = doc.cell_cards(stage.id, lane.id)
            if not cards:
                continue
            out += [f"### {escape(lane.name)}", ""]
            for card in cards:
                details = [card.kind.label]
                if card.channel:
                    details.append(card.channel.label)
                if card.owner:
                    details.append(escape(card.owner))
                due = due_label(card)  # an action's: "Due 2026-12-31"
                if due:
                    details.append(due)
                votes = shown.get(card.id, 0)
                if votes:
                    details.append(plural(votes, "vote"))
                for persona in doc.personas:
                    value = doc.emotion(card.id, persona.id)
                    if value is not None:
                        label = labels[max(0, min(4, round(value - EMOTION_MIN)))]
                        details.append(f"{escape(persona.name)}: {format_number(value)} ({escape(label)})")
                out.append(f"- {escape(card.text) or '(empty card)'} — _{', '.join(details)}_")
            out.append("")

    if doc.connections:
        out += ["## Flow", ""]
        for connection in doc.connections:
            source, target = doc.card(connection.source_id), doc.card(connection.target_id)
            label = f" ({escape(connection.label)})" if connection.label else ""
            share = f", {format_number(connection.share)} %" if connection.share is not None else ""
            out.append(f"- {escape(_short(source.text))} → {escape(_short(target.text))}{label}{share}")
        out.append("")
    if insights:
        out += _insights(doc)
    warnings = ["Markdown does not carry colours, card positions, photos or snapshots"]
    return "\n".join(out).rstrip() + "\n", warnings


def _insights(doc: Document) -> list[str]:
    """The 'Insights and priorities' section: each group's findings, the ranked priorities as a table."""
    from model.insights import FindingKind, findings, grouped, priorities

    found = findings(doc)
    out = ["## Insights and priorities", ""]
    if not found:
        return out + ["Nothing to report yet: add cards, emotions, connections and impact and effort scores.", ""]
    for group, members in grouped(found):
        out += [f"### {group}", ""]
        rest = [f for f in members if f.kind != FindingKind.PRIORITY]
        if len(rest) < len(members):
            out += ["| # | Card | Stage | Quadrant | Impact | Effort | Votes | Score |",
                    "|---:|---|---|---|---:|---:|---:|---:|"]
            for p in priorities(doc):
                card = doc.card(p.card_id)
                out.append(f"| {p.rank} | {escape(_short(card.text)) or '(empty card)'} | "
                           f"{escape(doc.stage(p.stage_id).name)} | {p.quadrant.label} | {p.impact} | {p.effort} | "
                           f"{p.votes} | {p.score} |")
            out.append("")
        for finding in rest:
            out.append(f"- **{finding.severity.capitalize()}:** {escape(finding.sentence)}")
        if rest:
            out.append("")
    return out


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_markdown(content: Content, path: str | os.PathLike[str]) -> list[str]:
    """Write the map as Markdown, whole or not at all; ExportError when it cannot be written."""
    text, warnings = to_markdown(content)
    write_text(Path(path), text)
    return warnings
