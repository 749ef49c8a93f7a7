// The batch summary as a page (SPEC §7): per-question mean score with its status counts,
// and the score histogram as inline SVG. No script, no external resource.
import { htmlPage } from './html.js';
import type { QuestionSummary, Summary } from './summary.js';
import { escapeHtml as h, formatPoints } from './text.js';

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:1rem 1.5rem;color:#1f2328}
h1{font-size:1.4rem;margin:0 0 .25rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.meta{color:#57606a;margin:0}
*{box-sizing:border-box}
.table{overflow-x:auto;max-width:100%}
table{border-collapse:collapse}
th,td{text-align:left;padding:.25rem .75rem;border-bottom:1px solid #d0d7de;vertical-align:middle}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{width:12rem;max-width:100%;height:.75rem;background:#eaeef2;border-radius:.375rem;overflow:hidden}
.bar span{display:block;height:100%;background:#1a7f37}
.statuses{color:#57606a;font-size:.9em}
svg text{font:11px system-ui,sans-serif;fill:#57606a}
svg rect{fill:#0969da}
svg line{stroke:#8c959f}
svg{max-width:100%;height:auto}
@media (max-width:40rem){body{margin:.75rem}th,td{padding:.25rem .4rem}.bar{width:5rem}}
`;

/** Histogram drawing, in SVG user units. */
const CHART = { barWidth: 40, gap: 8, height: 140, top: 16, bottom: 20 } as const;

/**
 * The batch summary as a standalone HTML page.
 * @example summaryHtml(summarise('ml-hw3', results)) // '<!doctype html>…<svg …>…'
 */
export function summaryHtml(summary: Summary): string {
  const body = [
    `<h1>${h(summary.rubric)}</h1>`,
    `<p class="meta">${summary.submissions} submissions · ${summary.errors} could not be graded · mean score ${formatPoints(summary.meanScore)} / ${formatPoints(summary.maxScore)}</p>`,
    '<h2>Questions</h2>',
    questionTable(summary.questions),
    '<h2>Scores</h2>',
    histogramSvg(summary.histogram),
    '<p class="meta">Submissions per tenth of the maximum score (%).</p>',
  ];
  return htmlPage({ title: `markgrade summary: ${summary.rubric}`, style: STYLE, body: body.join('\n') });
}

function questionTable(questions: QuestionSummary[]): string {
  const rows = questions.map((q) => {
    const share = q.maxScore > 0 ? Math.max(0, Math.min(1, q.meanScore / q.maxScore)) : 0;
    const statuses = Object.keys(q.statuses)
      .sort((a, b) => rank(a) - rank(b))
      .map((status) => `${h(status)} ${q.statuses[status]}`)
      .join(', ');
    return (
      // The answers' statuses sit under the question's name, so four columns fit a phone.
      `<tr><td>${h(q.id)}<div class="statuses">${statuses}</div></td><td class="num">${formatPoints(q.meanScore)}</td><td class="num">${formatPoints(q.maxScore)}</td>` +
      `<td><div class="bar" title="${Math.round(share * 100)}%"><span style="width:${Math.round(share * 1000) / 10}%"></span></div></td></tr>`
    );
  });
  return ['<div class="table">', '<table>', '<thead><tr><th>Question</th><th>Mean</th><th>Max</th><th>Mean / max</th></tr></thead>', '<tbody>', ...rows, '</tbody>', '</table>', '</div>'].join('\n');
}

const STATUS_ORDER = ['correct', 'partial', 'incorrect', 'unreadable', 'missing', 'manual', 'found'];

function rank(status: string): number {
  const index = STATUS_ORDER.indexOf(status);
  return index === -1 ? STATUS_ORDER.length : index;
}

/** Ten bars, one per tenth of the maximum score, each labelled with its count. */
function histogramSvg(histogram: number[]): string {
  const most = Math.max(1, ...histogram);
  const width = histogram.length * (CHART.barWidth + CHART.gap);
  const total = CHART.top + CHART.height + CHART.bottom;
  const bars = histogram.map((count, i) => {
    const x = i * (CHART.barWidth + CHART.gap);
    const barHeight = Math.round((count / most) * CHART.height * 10) / 10;
    const y = CHART.top + CHART.height - barHeight;
    const middle = x + CHART.barWidth / 2;
    const range = `${i * 10}–${i === histogram.length - 1 ? 100 : (i + 1) * 10}`;
    return (
      `<g><title>${range}%: ${count}</title><rect x="${x}" y="${y}" width="${CHART.barWidth}" height="${barHeight}"/>` +
      `<text x="${middle}" y="${y - 4}" text-anchor="middle">${count}</text>` +
      `<text x="${middle}" y="${total - 6}" text-anchor="middle">${range}</text></g>`
    );
  });
  return [
    `<svg role="img" aria-label="Histogram of scores" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">`,
    ...bars,
    `<line x1="0" y1="${CHART.top + CHART.height}" x2="${width}" y2="${CHART.top + CHART.height}"/>`,
    '</svg>',
  ].join('\n');
}
