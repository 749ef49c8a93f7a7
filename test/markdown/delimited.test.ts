// Org-mode and AsciiDoc blocks found on the source lines (delimited.ts): each row is a
// document's lines and the blocks found, as `kind from-to`.
import { expect, test } from 'vitest';
import { delimitedBlocks } from '../../src/markdown/delimited.js';

test.each<[string, string[], string[]]>([
  ['Org src', ['#+begin_src python', 'x = 1', '#+END_SRC'], ['code 1-3']],
  ['Org example', ['#+begin_example', '0.5', '#+end_example'], ['literal 1-3']],
  ['Org results with fixed-width lines', ['#+RESULTS:', ': 0.85', ': 0.9', 'text'], ['output 1-3']],
  ['Org results holding an example block', ['#+results[ab12]:', '#+begin_example', '0.85', '#+end_example'], ['output 1-4']],
  ['AsciiDoc listing with attribute', ['[source,python]', '----', 'x = 1', '----'], ['code 1-4']],
  ['AsciiDoc literal', ['....', '[1 2]', '....'], ['literal 1-3']],
  ['bare ---- with AsciiDoc elsewhere', ['== Q1', '', '----', 'x', '----'], ['literal 3-5']],
  ['an IPython session to the blank line', ['In [3]: acc = 85/100', 'Out[3]: 0.85', '', 'text'], ['console 1-2']],
  ['a Python session', ['>>> p = 1/4', '>>> p', '0.25'], ['console 1-3']],
  // not blocks
  ['>>> before prose is an arrow', ['>>> Final answer: acc = 0.85'], []],
  ['bare ---- in Markdown (a rule and a setext heading)', ['', '----', 'F1 = 0.5', '----'], []],
  ['an unclosed src block', ['#+begin_src python', 'x = 1'], []],
  ['an empty literal block', ['....', '....'], []],
  ['a different fence length does not close', ['....', 'x', '.....'], []],
])('%s', (_why, lines, expected) => {
  expect(delimitedBlocks(lines, new Set()).map((b) => `${b.kind} ${b.from}-${b.to}`)).toEqual(expected);
});

test('lines of fenced code open nothing', () => {
  expect(delimitedBlocks(['```', '#+begin_src', '```', '#+end_src'], new Set([1, 2, 3]))).toEqual([]);
});

test('100,000 openers without closers take linear time', () => {
  const started = performance.now();
  for (const opener of ['#+begin_src', '....', '[source]']) delimitedBlocks(new Array<string>(100_000).fill(opener), new Set());
  expect(performance.now() - started).toBeLessThan(3000);
});
