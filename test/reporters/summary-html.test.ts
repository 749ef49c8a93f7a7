import { describe, expect, test } from 'vitest';
import { summarise, type Summary } from '../../src/reporters/summary.js';
import { summaryHtml } from '../../src/reporters/summary-html.js';
import { htmlTags } from './markup.js';
import { failed, hostile, sample } from './results.js';

describe('summaryHtml', () => {
  const summary = summarise('hw-metrics', [sample, failed, hostile]);
  const html = summaryHtml(summary);
  const tags = htmlTags(html);

  test('one histogram bar per tenth of the score, heights in proportion to the counts', () => {
    expect(summary.histogram).toEqual([2, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    const heights = tags.filter((t) => t.name === 'rect').map((t) => Number(t.attributes.height));
    expect(heights).toEqual([140, 0, 70, 0, 0, 0, 0, 0, 0, 0]);
    expect(html).toContain('<title>90–100%: 0</title>');
  });

  test('a row per question with its mean score, a bar and the status counts', () => {
    const rows = [...html.matchAll(/<tr><td>([^<]*)<div class="statuses">([^<]*)<\/div><\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td>.*?width:([\d.]+)%.*?<\/tr>/g)];
    expect(rows.map((m) => m.slice(1))).toEqual([
      ['q1', 'correct 1, partial 1, incorrect 1', '1.5', '3', '50'],
      ['q2', 'unreadable 1, manual 1', '0', '3', '0'],
      ['q3', 'missing 1', '0', '1', '0'],
      ['q&lt;1&gt;', 'incorrect 1', '0', '1', '0'],
    ]);
  });

  test('no script, no external resource, a CSP', () => {
    expect(html).not.toMatch(/<script/i);
    expect(tags.filter((t) => ['link', 'img', 'iframe'].includes(t.name))).toEqual([]);
    expect(tags.flatMap((t) => Object.keys(t.attributes)).filter((name) => name.startsWith('on') || name === 'src' || name === 'href')).toEqual([]);
    expect(tags.find((t) => t.attributes['http-equiv'])?.attributes.content).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    );
  });

  test('names are escaped', () => {
    const odd: Summary = { ...summary, rubric: '<script>alert(1)</script>', questions: [{ id: '<img src=x onerror=y>', maxScore: 1, meanScore: 2, statuses: { '<b>': 1 }, reasons: {} }] };
    const page = summaryHtml(odd);
    expect(htmlTags(page).map((t) => t.name)).not.toContain('img');
    expect(page).not.toMatch(/<script|<b>/);
    expect(page).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    // A mean above the maximum (an override) still draws a full bar, not a longer one.
    expect(page).toContain('width:100%');
  });

  test('an empty batch still draws', () => {
    const empty = summaryHtml(summarise('hw-metrics', []));
    expect(htmlTags(empty).filter((t) => t.name === 'rect').map((t) => t.attributes.height)).toEqual(Array(10).fill('0'));
    expect(empty).toContain('0 submissions');
  });

  test('the rendered page', async () => {
    expect(summaryHtml(summary)).toBe(html);
    await expect(html).toMatchFileSnapshot('./__snapshots__/summary.html');
  });
});
