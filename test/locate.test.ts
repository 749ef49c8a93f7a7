import { describe, expect, test } from 'vitest';
import { claimsIn, locate } from '../src/locate.js';
import { readSubmission } from '../src/markdown/index.js';

const submission = readSubmission(`Neurons

1. output = 0.6

2. The boundary is a line.

Graphs

1. loss = 3.5

2. (a) grad = 1.5

(b) grad = 2.5

## Extra

1. loss = 9
`);

const labelsAndValues = (region: ReturnType<typeof locate>) =>
  claimsIn(submission.claims, region).map((c) => [c.label, c.steps.at(-1)?.value]);

describe('locate', () => {
  test('section without heading takes the first topic that has the path, and notes the others', () => {
    const region = locate(submission, { section: '1' });
    expect(labelsAndValues(region)).toEqual([['output', 0.6]]);
    expect(region.notes.join(' ')).toMatch(/also appears under "Graphs"/);
  });

  test('heading then section: the path under that topic', () => {
    expect(labelsAndValues(locate(submission, { heading: 'graphs', section: '1' }))).toEqual([['loss', 3.5]]);
  });

  test('a section covers its sub-parts', () => {
    expect(labelsAndValues(locate(submission, { heading: 'graphs', section: '2' }))).toEqual([
      ['grad', 1.5],
      ['grad', 2.5],
    ]);
    expect(labelsAndValues(locate(submission, { heading: 'graphs', section: '2.b' }))).toEqual([['grad', 2.5]]);
  });

  test('a heading region ends at the next Markdown heading', () => {
    const region = locate(submission, { heading: 'graphs' });
    expect(labelsAndValues(region).map(([label]) => label)).toEqual(['loss', 'grad', 'grad']);
  });

  test('a heading region ends where another question’s heading matches', () => {
    const region = locate(submission, { heading: 'neurons' }, [/graphs/i]);
    expect(labelsAndValues(region)).toEqual([['output', 0.6]]);
  });

  test('text locates the first matching block, to the end of its section', () => {
    const region = locate(submission, { text: 'boundary' });
    expect(region.found).toBe(true);
    expect(labelsAndValues(region)).toEqual([]);
    expect(labelsAndValues(locate(submission, { text: 'grad = 1' }))).toEqual([
      ['grad', 1.5],
    ]);
  });

  test('not found says where it looked', () => {
    const region = locate(submission, { heading: 'graphs', section: '7' });
    expect(region.found).toBe(false);
    expect(region.notes.join('; ')).toMatch(/no section 7/);
    expect(locate(submission, { heading: 'optimisers' }).notes.join('')).toMatch(/no heading or topic line matches/);
  });
});
