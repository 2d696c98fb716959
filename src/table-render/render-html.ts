import { createHash } from 'node:crypto';
import { DisagreementTable, DisagreementTableRow, formatScore } from './disagreement-table.model';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : value === null || value === undefined
          ? ''
          : (JSON.stringify(value) ?? '');
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Multi-line text keeps its line breaks. */
const text = (value: string): string => escapeHtml(value).replace(/\r?\n/g, '<br>');

const COLUMN_WIDTHS = ['3%', '12%', '8%', '15%', '11%', '12%', '10%', '10%', '8%', '11%'];

const STYLE = `
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 16px; font-family: "DejaVu Sans", "Noto Sans", "PT Sans", Arial, sans-serif; font-size: 12px; color: #111; background: #fff; }
header h1 { font-size: 20px; margin: 0 0 2px; }
header .subtitle { margin: 0 0 12px; color: #555; font-size: 11px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0 0 10px; }
dl.meta dt { font-weight: 600; color: #333; }
dl.meta dd { margin: 0; }
.code { color: #666; font-size: 11px; }
section.members h2, footer h2 { font-size: 14px; margin: 12px 0 4px; }
ul.members { margin: 0 0 12px; padding: 0; list-style: none; columns: 2; }
ul.members li { margin: 0 0 2px; break-inside: avoid; }
ul.members .role { color: #555; }
table { border-collapse: collapse; width: 100%; }
table.rows { table-layout: fixed; font-size: 11px; }
table.rows th, table.rows td { border: 1px solid #777; padding: 4px 5px; vertical-align: top; overflow-wrap: break-word; hyphens: auto; }
table.rows thead th { background: #e8edf3; font-weight: 600; font-size: 10px; text-align: left; }
table.rows thead { display: table-header-group; }
table.rows tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: center; }
.score { font-weight: 600; font-size: 13px; }
.muted { color: #666; font-size: 10px; }
ul.docs { margin: 0; padding: 0; list-style: none; }
ul.docs li { margin: 0 0 4px; }
.sha { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 10px; color: #444; cursor: help; }
.decision-agree { color: #0a5d2a; font-weight: 600; }
.decision-disagree { color: #8a1c1c; font-weight: 600; }
.decision-pending { color: #666; font-style: italic; }
table.signatures { margin-top: 4px; }
table.signatures th, table.signatures td { border: 1px solid #999; padding: 5px 6px; text-align: left; vertical-align: top; }
table.signatures th { background: #f2f2f2; }
footer .note { color: #555; font-size: 10px; margin-top: 8px; }
${COLUMN_WIDTHS.map((w, i) => `col.c${i + 1} { width: ${w}; }`).join('\n')}
@media print {
  body { margin: 0; font-size: 10px; }
  table.rows { font-size: 8.5px; }
  table.rows thead th { font-size: 8px; }
  .score { font-size: 10px; }
  .muted, .sha { font-size: 7.5px; }
}
`;

function row(r: DisagreementTableRow, t: DisagreementTable): string {
  const l = t.labels;
  const docs = r.documents.length
    ? `<ul class="docs">${r.documents
        .map(
          (d) =>
            `<li>${escapeHtml(d.name)}<br><abbr class="sha" title="${escapeHtml(d.sha256)}">${escapeHtml(d.shortSha256)}</abbr></li>`,
        )
        .join('')}</ul>`
    : escapeHtml(l.none);
  const vote = r.vote ? r.vote.lines.map(escapeHtml).join('<br>') : escapeHtml(l.none);
  return `<tr>
<td class="num">${escapeHtml(r.n)}</td>
<td><strong>${escapeHtml(r.indicatorCode)}</strong><br>${text(r.indicatorTitle)}</td>
<td class="num"><span class="score">${escapeHtml(formatScore(r.authorityScore, t.lang))}</span>${r.maxScore !== null ? `<br><span class="muted">${escapeHtml(l.maxScore(formatScore(r.maxScore, t.lang)))}</span>` : ''}</td>
<td><strong>${escapeHtml(r.claimedScore !== null ? l.claimed(formatScore(r.claimedScore, t.lang)) : l.noClaim)}</strong><br>${text(r.argument)}</td>
<td>${docs}</td>
<td>${text(r.authorityPosition)}</td>
<td class="decision-${r.decision ?? 'pending'}">${escapeHtml(r.decisionText)}${r.decidedAt ? `<br><span class="muted">${escapeHtml(r.decidedAt)}</span>` : ''}</td>
<td>${vote}</td>
<td class="num"><span class="score">${escapeHtml(formatScore(r.revisedScore, t.lang))}</span></td>
<td>${text(r.rationale || l.none)}</td>
</tr>`;
}

/**
 * The Content-Security-Policy the page needs: nothing loads, nothing runs, and the one style element
 * is allowed by its hash (no style attributes anywhere, so no 'unsafe-inline').
 */
export const HTML_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** A self-contained, printable page: inline CSS, no external assets, every value escaped. */
export function renderHtml(t: DisagreementTable): string {
  const l = t.labels;
  const c = l.columns;
  const meta: [string, string][] = [
    [l.case, t.caseId],
    [l.cycle, t.header.cycle],
    [l.direction, t.header.direction],
    [l.body, `${t.header.body.name} (${t.header.body.code})`],
    [
      l.authority,
      t.header.authority.name === t.header.authority.code
        ? t.header.authority.code
        : `${t.header.authority.name} (${t.header.authority.code})`,
    ],
    ...(t.header.conclusion ? ([[l.conclusion, t.header.conclusion]] as [string, string][]) : []),
  ];
  const members = t.members.length
    ? `<ul class="members">${t.members.map((m) => `<li>${escapeHtml(m.name)} — <span class="role">${escapeHtml(m.role)}</span></li>`).join('')}</ul>`
    : `<p>${escapeHtml(l.noCommission)}</p>`;
  const heads = [
    c.n,
    c.indicator,
    c.authorityScore,
    c.objection,
    c.documents,
    c.authorityPosition,
    c.decision,
    c.vote,
    c.revisedScore,
    c.rationale,
  ];
  const signatures = t.signatures
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.role)}</td><td>${escapeHtml(s.name)}</td><td>${escapeHtml(s.statusText)}${s.reason ? `<br><span class="muted">${escapeHtml(l.reason)}:</span> ${text(s.reason)}` : ''}</td><td>${escapeHtml(s.date)}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(t.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${l.title} — ${t.header.body.code}, ${t.header.cycle}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(l.title)}</h1>
<p class="subtitle">${escapeHtml(l.subtitle)}</p>
<dl class="meta">
${meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}
</dl>
<section class="members">
<h2>${escapeHtml(l.commission)}</h2>
${members}
</section>
</header>
<main>
<table class="rows">
<colgroup>${COLUMN_WIDTHS.map((_, i) => `<col class="c${i + 1}">`).join('')}</colgroup>
<thead><tr>${heads.map((h, i) => `<th${i === 0 ? ' class="num"' : ''} scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${t.rows.map((r) => row(r, t)).join('\n')}
</tbody>
</table>
</main>
<footer>
<h2>${escapeHtml(l.signatures)}</h2>
<table class="signatures">
<thead><tr><th scope="col"></th><th scope="col">${escapeHtml(l.name)}</th><th scope="col">${escapeHtml(l.status)}</th><th scope="col">${escapeHtml(l.date)}</th></tr></thead>
<tbody>
${signatures}
</tbody>
</table>
${t.signedTable ? `<p class="note signed-hash">${escapeHtml(t.signedTable.text)}</p>\n` : ''}<p class="note">${escapeHtml(`${l.generated}: ${t.generatedAt}. ${l.timeNote}`)}</p>
</footer>
</body>
</html>
`;
}
