"""The plain text of designed sections (tables, fields, notes and diagrams), for assertions on wording."""

from __future__ import annotations


def report_text(sections: dict) -> str:
    parts: list[str] = []
    for section in sections.values():
        body = section.to_body()
        for table in body.tables:
            parts.extend(cell for row in table.rows for cell in row)
        parts.extend(body.fields.values())
        parts.extend(body.notes)
        if body.diagram:
            parts.append(body.diagram)
    return "\n".join(parts)
