// The KaTeX contract: `katex.__parse` is KaTeX's internal parser ("not currently
// recommended for public use … very likely to change"). markgrade reads about 35 of its
// node types and a few internal names (`\@cdots`); this table pins, for one input per
// construct, the parse tree as markgrade sees it (only the fields `KNode` declares). A
// KaTeX upgrade that changes any of them fails here, construct by construct, before it
// fails in many places at once. The upgrade path: src/latex/README.md "Upgrading KaTeX".
import { readFileSync, writeFileSync } from 'node:fs';
import katex from 'katex';
import { describe, expect, test } from 'vitest';
import { isExpansionOverrun, parseKatex, type KNode } from '../../src/latex/katex.js';

const FIXTURE = new URL('../fixtures/latex/katex-contract.json', import.meta.url);

/** Each construct the converter handles (tokens.ts, names.ts, notation.ts, remarks.ts), by the node type it relies on. */
const CONSTRUCTS: Array<[construct: string, latex: string]> = [
  ['mathord (a letter)', 'x'],
  ['textord (a digit)', '7'],
  ['atom bin', 'a + b'],
  ['atom rel', 'a = b'],
  ['atom open / close', '(a)'],
  ['atom punct', 'a, b'],
  ['spacing', 'a \\, b \\quad c'],
  ['kern', 'a \\kern1em b'],
  ['supsub: superscript', 'x^{2}'],
  ['supsub: subscript', 'x_{i}'],
  ['supsub: transpose', 'X^\\top'],
  ['supsub: prime', "f'"],
  ['ordgroup', '{ab}'],
  ['genfrac: fraction', '\\frac{a}{b}'],
  ['genfrac: binomial', '\\binom{n}{k}'],
  ['genfrac: Leibniz derivative', '\\frac{dy}{dx}'],
  ['sqrt with index', '\\sqrt[3]{x}'],
  ['leftright', '\\left( x \\right)'],
  ['array (bmatrix)', '\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}'],
  ['array (aligned)', '\\begin{aligned} a &= b \\end{aligned}'],
  ['op: \\log with a base', '\\log_{2} x'],
  ['op: \\sum with limits', '\\sum_{i=1}^{n} x_i'],
  ['op: \\exp', '\\exp(x)'],
  ['operatorname', '\\operatorname{relu}(x)'],
  ['text', '\\text{ for all } x'],
  ['font', '\\mathrm{softmax}(z) + \\mathbf{w} + \\boldsymbol{\\sigma}'],
  ['mclass', '\\mathbin{+}'],
  ['accent', '\\hat{y} + \\tilde{x} + \\vec{v}'],
  ['overline', '\\overline{x} + \\bar{x}'],
  ['styling', '\\displaystyle x'],
  ['sizing', '\\large x'],
  ['color', '\\color{red}{x}'],
  ['underline', '\\underline{x}'],
  ['enclose (\\boxed)', '\\boxed{x}'],
  ['lap / smash / hbox / vcenter', '\\mathrlap{x} \\smash{y} \\hbox{z} \\vcenter{w}'],
  ['accentUnder', '\\utilde{x}'],
  ['horizBrace', '\\underbrace{a + b}_{c}'],
  ['phantom / hphantom / vphantom', '\\phantom{x} \\hphantom{y} \\vphantom{z}'],
  ['delimsizing', '\\big( x \\big)'],
  ['middle', '\\left( a \\middle| b \\right)'],
  ['htmlmathml', '\\neq'],
  ['xArrow', '\\xrightarrow{f}'],
  ['cr (a line break)', 'a \\\\ b'],
  ['ellipsis names (\\@cdots)', '1 + \\cdots + n + \\dots + \\ldots'],
  ['calculus symbols', '\\partial x + \\nabla f + \\int x'],
  ['percent and other textords', '50\\% + \\infty + \\pi'],
  ['binary operators by name', 'a \\cdot b \\times c \\div d \\pm e'],
];

const FIELDS = [
  'type', 'text', 'name', 'family', 'font', 'label', 'hasBarLine', 'left', 'right', 'mclass', 'delim',
  'colSeparationType', 'addJot', 'body', 'base', 'sup', 'sub', 'numer', 'denom', 'index',
] as const;

type Shape = { [field: string]: unknown };

/** The node as markgrade reads it: only KNode's fields, children likewise. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value === null || typeof value !== 'object') return value;
  const node = value as KNode & Record<string, unknown>;
  const shape: Shape = {};
  for (const field of FIELDS) {
    if (node[field] !== undefined) shape[field] = shapeOf(node[field]);
  }
  return shape;
}

const current = Object.fromEntries(CONSTRUCTS.map(([construct, latex]) => [construct, { latex, tree: shapeOf(parseKatex(latex)) }]));

// To adopt a new KaTeX after reading the diff and fixing the converter (README):
// KATEX_CONTRACT_UPDATE=1 npx vitest run test/latex/katex-contract.test.ts
if (process.env.KATEX_CONTRACT_UPDATE === '1') {
  writeFileSync(FIXTURE, JSON.stringify({ katex: katex.version, constructs: current }, null, 1) + '\n');
}
const pinned = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { katex: string; constructs: Record<string, { latex: string; tree: unknown }> };

describe(`KaTeX contract (pinned at KaTeX ${pinned.katex})`, () => {
  test('every construct of the table is pinned', () => {
    expect(Object.keys(pinned.constructs)).toEqual(CONSTRUCTS.map(([construct]) => construct));
  });

  test.each(CONSTRUCTS)('%s: %s', (construct) => {
    expect(
      current[construct].tree,
      `KaTeX ${katex.version} parses "${current[construct].latex}" (${construct}) differently from KaTeX ${pinned.katex}: ` +
        'the converter in src/latex/ reads these fields; see src/latex/README.md "Upgrading KaTeX"',
    ).toEqual(pinned.constructs[construct].tree);
  });
});

describe('KaTeX reports an expansion overrun in words markgrade reads (isExpansionOverrun)', () => {
  test('a \\def expanded past maxExpand is recognised, so the answer names latex-expansion', () => {
    let thrown: unknown = null;
    try {
      parseKatex('\\def\\a{1}' + '\\a'.repeat(500));
    } catch (error) {
      thrown = error;
    }
    expect(thrown, 'KaTeX no longer throws on an expansion overrun').toBeInstanceOf(Error);
    expect(isExpansionOverrun(thrown), `KaTeX ${katex.version} words an overrun differently: ${String(thrown)}`).toBe(true);
  });

  test('an ordinary parse error is not taken for an overrun', () => {
    let thrown: unknown = null;
    try {
      parseKatex('\\frac{1}{');
    } catch (error) {
      thrown = error;
    }
    expect(isExpansionOverrun(thrown)).toBe(false);
  });
});
