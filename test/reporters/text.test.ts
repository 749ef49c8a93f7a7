import { describe, expect, test } from 'vitest';
import {
  escapeHtml,
  escapeMarkdown,
  escapeWorkflowData,
  escapeWorkflowProperty,
  escapeXmlAttribute,
  escapeXmlText,
  exactNumber,
  formatPoints,
  stripInvalidChars,
} from '../../src/reporters/text.js';

describe('stripInvalidChars', () => {
  test.each([
    ['NUL and backspace', 'a\u0000b\u0008c', 'abc'],
    ['escape sequences lose their ESC', '\u001b[31mred', '[31mred'],
    ['a lone surrogate', 'x\uD800y\uDFFFz', 'xyz'],
    ['U+FFFE and U+FFFF', 'a\uFFFEb\uFFFF', 'ab'],
    ['tab, line feed and carriage return stay', 'a\tb\nc\rd', 'a\tb\nc\rd'],
    ['a surrogate pair stays', 'emoji \u{1F600}', 'emoji \u{1F600}'],
    ['accents and maths stay', 'é ≤ ∑', 'é ≤ ∑'],
  ])('%s', (_name, input, expected) => {
    expect(stripInvalidChars(input)).toBe(expected);
  });
});

test.each([
  ['escapeHtml', escapeHtml, `<a href="x" onclick='y'>&amp;</a>`, '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;'],
  ['escapeHtml strips controls', escapeHtml, 'a\u0000<', 'a&lt;'],
  ['escapeXmlText', escapeXmlText, 'a < b && c ]]> d "e"\r\n', 'a &lt; b &amp;&amp; c ]]&gt; d "e"&#13;\n'],
  ['escapeXmlAttribute', escapeXmlAttribute, 'say "hi"\n\tto <you> & \'me\'\r', 'say &quot;hi&quot;&#10;&#9;to &lt;you&gt; &amp; &#39;me&#39;&#13;'],
  ['escapeMarkdown', escapeMarkdown, 'a|b `c` <i> [x](javascript:y) *e* _f_ ~g~ $h$ &amp; \\ !#', 'a\\|b \\`c\\` \\<i\\> \\[x\\](javascript:y) \\*e\\* \\_f\\_ \\~g\\~ \\$h\\$ \\&amp; \\\\ \\!\\#'],
  ['escapeMarkdown joins lines', escapeMarkdown, 'one\r\ntwo\nthree', 'one two three'],
  ['escapeWorkflowData', escapeWorkflowData, '100% sure\r\nnext: a,b', '100%25 sure%0D%0Anext: a,b'],
  ['escapeWorkflowProperty', escapeWorkflowProperty, 'dir: a,b%\n', 'dir%3A a%2Cb%25%0A'],
])('%s', (_name, escape, input, expected) => {
  expect(escape(input)).toBe(expected);
});

test('escaping % first keeps an escape from being escaped twice', () => {
  expect(escapeWorkflowData('%0A')).toBe('%250A');
});

test.each([
  [2 / 3, '0.67'],
  [7.5, '7.5'],
  [3, '3'],
  [0.1 + 0.2, '0.3'],
])('formatPoints(%s) = %s', (value, expected) => {
  expect(formatPoints(value)).toBe(expected);
});

test.each([
  [0.1 + 0.2, 0.3],
  [1 / 3, 0.333333],
  [10, 10],
])('exactNumber(%s) = %s', (value, expected) => {
  expect(exactNumber(value)).toBe(expected);
});
