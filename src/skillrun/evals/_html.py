"""``report.html``: one self-contained page per run, viewable offline without any account.

Inline CSS and a few lines of inline JavaScript (filters); no fonts, scripts or images from the
network. Every piece of text that came from a request, a report, a check or a backend is HTML-escaped,
so a report cannot inject markup into the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from .._confusion import shown
from .._files import write_atomic
from ._results import Result
from ._summary import ModelSummary, RoutingSummary, Summary, _ms, _num, _pct

CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0 auto;max-width:1200px;padding:1em 1.5em;color:#1d232a}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .4em}
table{border-collapse:collapse;margin:.4em 0 1em}td,th{border:1px solid #d5dbe1;padding:.25em .55em;text-align:left;vertical-align:top}
th{background:#f1f4f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#17663a}.fail{color:#a4281b}.error{color:#8a4b00}.na{color:#6b7480}
.badge{display:inline-block;min-width:3.6em;text-align:center;border-radius:3px;padding:0 .3em;font-weight:600;font-size:.85em}
.badge.pass{background:#dff3e6}.badge.fail{background:#fbe3e0}.badge.error{background:#fdeccd}
details.case{border:1px solid #d5dbe1;border-radius:4px;margin:.3em 0;padding:.2em .6em}
details.case>summary{cursor:pointer}details.case[open]{background:#fbfcfd}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f8fa;border:1px solid #e1e6eb;padding:.6em;max-height:40em;overflow:auto}
.muted{color:#6b7480}.filters{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #e1e6eb}
.filters input,.filters select{font:inherit;margin-right:.6em}
"""

JS = """
(function(){
  var q=document.getElementById('q'),st=document.getElementById('st'),md=document.getElementById('md'),n=document.getElementById('shown');
  function apply(){
    var text=q.value.toLowerCase(),shown=0,cases=document.querySelectorAll('.case');
    for(var i=0;i<cases.length;i++){
      var el=cases[i],d=el.dataset;
      var ok=(!st.value||d.status===st.value)&&(!md.value||d.model===md.value)&&(!text||d.search.indexOf(text)>=0);
      el.hidden=!ok; if(ok){shown++;}
    }
    n.textContent=shown;
  }
  q.addEventListener('input',apply);st.addEventListener('change',apply);md.addEventListener('change',apply);apply();
})();
"""


def render_html(results: Iterable[Result], summary: Summary, *, title: str | None = None) -> str:
    rows = sorted(results, key=lambda r: (r.case_id, r.model, r.repeat))
    models = sorted({r.model for r in rows})
    heading = title or f"skillrun eval: {summary.suite}"
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(heading)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(heading)}</h1>",
        f'<p class="muted">{len(rows)} results, {summary.kind} suite, written {escape(stamp)}</p>',
    ]
    parts += _model_tables(summary.models)
    parts += _routing_tables(summary.routing)
    parts += [
        "<h2>Results</h2>",
        '<div class="filters">',
        '<input id="q" type="search" placeholder="filter by id, tag or check" size="34">',
        '<select id="st"><option value="">any status</option><option>pass</option><option>fail</option>'
        "<option>error</option></select>",
        '<select id="md"><option value="">any backend</option>'
        + "".join(f"<option>{escape(m)}</option>" for m in models)
        + "</select>",
        '<span class="muted"><span id="shown">0</span> shown</span></div>',
    ]
    parts += [_result_block(r) for r in rows]
    parts.append(f"<script>{JS}</script></body></html>")
    return "\n".join(parts) + "\n"


def _model_tables(models: list[ModelSummary]) -> list[str]:
    if not models:
        return []
    out = [
        "<h2>Summary</h2><table><tr><th>backend</th><th>results</th><th>pass</th><th>fail</th><th>error</th>"
        "<th>score (95% CI)</th><th>min section</th><th>tokens</th><th>cost</th><th>p50</th><th>p95</th></tr>"
    ]
    for m in models:
        ci = "-"
        if m.score is not None:
            ci = _num(m.score.mean)
            if m.score.low is not None and m.score.high is not None:
                ci += f" [{m.score.low:.3f}, {m.score.high:.3f}]"
        cost = "unknown" if m.cost_usd is None else f"${m.cost_usd:,.4f}"
        cells = [
            m.results,
            m.passed,
            m.failed,
            m.errored,
            ci,
            f"{_num(m.min_section.mean if m.min_section else None)} (worst {_num(m.worst_min_section)})",
            f"{m.input_tokens + m.output_tokens:,}",
            cost,
            _ms(m.latency_p50_ms),
            _ms(m.latency_p95_ms),
        ]
        out.append(
            f"<tr><td>{escape(m.model)}</td>"
            + "".join(f'<td class="n">{escape(str(c))}</td>' for c in cells)
            + "</tr>"
        )
    out.append("</table>")
    headings: list[str] = []
    for m in models:
        headings += [h for h in m.sections if h not in headings]
    if headings:
        out.append(
            "<h2>Score per section</h2><table><tr><th>section</th>"
            + "".join(f"<th>{escape(m.model)}</th>" for m in models)
            + "</tr>"
        )
        for h in headings:
            out.append(
                f"<tr><td>{escape(h)}</td>"
                + "".join(f'<td class="n">{_num(m.sections.get(h))}</td>' for m in models)
                + "</tr>"
            )
        out.append("</table>")
    out.append(
        "<h2>Pass rate per check</h2><table><tr><th>check</th><th>section</th>"
        + "".join(f"<th>{escape(m.model)}</th>" for m in models)
        + "</tr>"
    )
    ids: dict[str, str | None] = {}
    for m in models:
        for c in m.checks:
            ids.setdefault(c.id, c.section)
    for cid, section in ids.items():
        cells = []
        for m in models:
            c = next((c for c in m.checks if c.id == cid), None)
            cells.append("-" if c is None else f"{_pct(c.rate)} ({c.passed}/{c.passed + c.failed})")
        out.append(
            f"<tr><td>{escape(cid)}</td><td>{escape(section or '(report)')}</td>"
            + "".join(f'<td class="n">{escape(x)}</td>' for x in cells)
            + "</tr>"
        )
    out.append("</table>")
    errors = [(m.model, e) for m in models for e in m.errors]
    if errors:
        out.append('<h2 class="error">Errors (not counted as failures)</h2><ul>')
        out += [
            f"<li>{escape(e.case_id)} [{escape(model)}, repeat {e.repeat}] {escape(e.where)}: {escape(e.type)}: {escape(e.message)}</li>"
            for model, e in errors
        ]
        out.append("</ul>")
    return out


def _routing_tables(routing: list[RoutingSummary]) -> list[str]:
    out: list[str] = []
    for r in routing:
        out.append(
            f"<h2>Routing ({escape(r.model)})</h2><table><tr><th>precision</th><th>recall</th><th>F1</th><th>TP</th><th>FP</th><th>FN</th><th>TN</th><th>error</th></tr>"
        )
        out.append(
            "<tr>"
            + "".join(
                f'<td class="n">{escape(str(x))}</td>'
                for x in (
                    shown(r.precision, ".1%"),
                    shown(r.recall, ".1%"),
                    shown(r.f1),
                    r.tp,
                    r.fp,
                    r.fn,
                    r.tn,
                    r.errored,
                )
            )
            + "</tr></table>"
        )
        for title, rows in (("False positives", r.false_positives), ("False negatives", r.false_negatives)):
            if rows:
                out.append(f"<h2>{title}</h2><ul>")
                out += [
                    f"<li>{escape(row['id'])}: routed to {escape(str(row['predicted'] or 'nothing'))}; {escape(row['why'] or '')}</li>"
                    for row in rows
                ]
                out.append("</ul>")
    return out


def _result_block(r: Result) -> str:
    failing = [o.id for o in r.outcomes if o.status in ("fail", "error")]
    search = " ".join([r.case_id, r.model, *r.tags, *failing]).lower()
    score = f" score {_num(r.score)}" if r.score is not None else ""
    if r.min_section is not None:
        score += f", min section {_num(r.min_section)}"
    summary_line = (
        f'<span class="badge {r.status}">{r.status}</span> <b>{escape(r.case_id)}</b> '
        f'<span class="muted">{escape(r.model)} · repeat {r.repeat}{escape(score)} · {r.latency_ms:,.0f} ms</span>'
    )
    if failing:
        summary_line += (
            f' <span class="fail">{escape(", ".join(failing[:8]))}{" …" if len(failing) > 8 else ""}</span>'
        )
    body = []
    if r.tags:
        body.append(f'<p class="muted">tags: {escape(", ".join(r.tags))}</p>')
    if r.request:
        body.append(f"<p><b>Request</b></p><pre>{escape(r.request)}</pre>")
    if r.routing is not None:
        rt = r.routing
        body.append(
            f"<p>expected: {escape((rt.expected_skill or '-') if rt.trigger else 'no trigger')}; routed to: "
            f"{escape(rt.predicted or 'nothing')} ({escape(rt.outcome.upper())}); score {_num(rt.score)}; "
            f'matched: {escape(", ".join(rt.matched) or "-")}</p><p class="muted">{escape(rt.why)}</p>'
        )
    if r.errors:
        body.append(
            "<ul>"
            + "".join(
                f'<li class="error">{escape(e.where)}: {escape(e.type)}: {escape(e.message)}</li>'
                for e in r.errors
            )
            + "</ul>"
        )
    if r.outcomes:
        body.append("<table><tr><th>check</th><th>section</th><th>status</th><th>reason</th></tr>")
        for o in sorted(
            r.outcomes, key=lambda o: ({"fail": 0, "error": 1, "pass": 2, "na": 3}[o.status], o.id)
        ):
            source = " (judge)" if o.source == "judge" else ""
            body.append(
                f"<tr><td>{escape(o.id)}{source}</td><td>{escape(o.section or '(report)')}</td>"
                f'<td class="{o.status}">{o.status}</td><td>{escape(o.reason)}</td></tr>'
            )
        body.append("</table>")
    if r.report_markdown:
        body.append(f"<details><summary>Report</summary><pre>{escape(r.report_markdown)}</pre></details>")
    return (
        f'<details class="case" data-status="{r.status}" data-model="{escape(r.model)}" data-search="{escape(search)}">'
        f"<summary>{summary_line}</summary>{''.join(body)}</details>"
    )


def write_html(path: Path, results: Iterable[Result], summary: Summary) -> None:
    write_atomic(path, render_html(results, summary))
