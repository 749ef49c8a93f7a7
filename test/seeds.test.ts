// The verdict table: every gradable answer of the seed submissions in ../shared/seeds,
// graded under the example rubrics, with the status a careful TA gives and why.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { gradeFile } from '../src/grade.js';
import { loadRubric } from '../src/rubric/load.js';
import type { GradeResult, Status } from '../src/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seeds = path.resolve(root, '../shared/seeds');
const haveSeeds = existsSync(seeds);
if (!haveSeeds) console.log(`notice: ${seeds} is absent; the seed verdict table is skipped`);

type Verdict = [answer: string, status: Status, why: string];

const table: Record<string, { rubric: string; verdicts: Verdict[] }> = {
  '000_5b0f3aafec5959d3.txt': {
    rubric: 'hw-metrics',
    verdicts: [
      ['grad_W', 'correct', '(ŷ − y)X after the ∂ steps, the BCE gradient'],
      ['precision_A', 'correct', '0.82 vs 50/61 = 0.8197 at 2 decimals'],
      ['recall_A', 'correct', '0.77 vs 50/65 = 0.7692'],
      ['f1_A', 'correct', '0.79 vs 0.7937'],
      ['precision_B', 'correct', '0.85 vs 60/71 = 0.8451'],
      ['recall_B', 'correct', '0.80 vs 60/75'],
      ['f1_B', 'correct', '0.82 vs 0.8219'],
      ['precision_C', 'correct', '0.82 vs 80/98 = 0.8163'],
      ['recall_C', 'correct', '0.89 vs 80/90 = 0.8889'],
      ['f1_C', 'correct', '0.85 vs 0.8511'],
      ['accuracy', 'correct', '0.83 vs 190/230 = 0.8261'],
      ['weighted_f1', 'correct', '0.82 vs 0.8253: within 1 % (rounded F1s times rounded proportions)'],
      ['q1b', 'manual', 'an explanation: a TA reads it'],
    ],
  },
  '002_713f0e6b6f6a0f94.txt': {
    rubric: 'hw-networks',
    verdicts: [
      ['output', 'correct', '0.1 + 0.2 + 0.3 = 0.6'],
      ['distance', 'incorrect', '−√6/6 = −0.408 divides by all three θ; the distance is −1/√13 = −0.277'],
      ['logistic_small', 'correct', '0.500025 = logistic(0.0001)'],
      ['dF_da', 'incorrect', '[9ab − 15b², b − 1]: the first entry is 6ab − 15b²'],
      ['dF_db', 'incorrect', '[3a² − 33ab, a + 1]: the first entry is 3a² − 30ab'],
      ['yhat', 'incorrect', '[0.0574, 0.0570, 0.0569] from a transposed hidden layer; true [0.05675, 0.05715, 0.05722]'],
      ['sample_losses', 'incorrect', '[63.0841, 119.7482, 98.9643]: off by 0.01 and 0.1, not even consistent with the student’s own ŷ'],
      ['grad_f', 'correct', '[8x + 12y, 12x + 18y]'],
      ['DF', 'correct', '[[2x, 2], [3, 8y]]'],
      ['DFG', 'correct', '[6x, 3 + 16x³]'],
    ],
  },
  '003_154115ebd54a10f7.txt': {
    rubric: 'hw-losses',
    verdicts: [
      ['bce_one', 'correct', 'BCE = 2.303 = −ln 0.1'],
      ['bce_mean', 'correct', 'Avg Loss = 1.243 = (2.303 + 0.223 + 1.204)/3'],
      ['dsoftmax_same', 'correct', 'ŷ_k(1 − ŷ_k)'],
      ['dsoftmax_other', 'correct', '−ŷ_k ŷ_i'],
      ['experiments', 'manual', 'the student’s own training runs: a TA reads them'],
    ],
  },
  '004_c59cc4a4c0e1ec09.txt': {
    rubric: 'hw-logistic',
    verdicts: [
      ['dL_dw', 'correct', 'x_i(σ(z) − y)'],
      ['dL_db', 'correct', 'σ(z) − y'],
      ['p1b', 'manual', 'the hidden-layer gradients: a TA reads them'],
    ],
  },
  '001_4bc8abdfa1f0ac33.txt': {
    rubric: 'hw-multilabel',
    verdicts: [
      ['dl_ds', 'correct', '−1/K (y − p) at the end of the aligned derivation'],
      ['dl_dW', 'manual', 'a TA reads it'],
    ],
  },
};

describe.skipIf(!haveSeeds)('seed verdict table', () => {
  const results = new Map<string, GradeResult>();
  beforeAll(async () => {
    for (const [seed, { rubric }] of Object.entries(table)) {
      const loaded = await loadRubric(path.join(root, 'rubrics', `${rubric}.yaml`));
      results.set(seed, await gradeFile(loaded, { submission: path.join(seeds, seed), name: seed }));
    }
  });

  const rows = Object.entries(table).flatMap(([seed, { verdicts }]) => verdicts.map((v) => [seed, ...v] as const));
  test.each(rows)('%s %s is %s: %s', (seed, answer, status) => {
    const result = results.get(seed)!;
    expect(result.error).toBeNull();
    const found = result.questions.flatMap((q) => q.answers).find((a) => a.id === answer);
    expect({ answer, status: found?.status, reason: found?.reason }).toMatchObject({ answer, status });
  });

  test('the forward pass is diagnosed as a transposed operand, not a transposed answer', () => {
    const yhat = results.get('002_713f0e6b6f6a0f94.txt')!.questions.flatMap((q) => q.answers).find((a) => a.id === 'yhat');
    expect(yhat?.feedback).toMatch(/transposed/);
  });

  test('the loss chain 287.694 is a slip; the metric chains of seed 000 are not', () => {
    const slips = results.get('002_713f0e6b6f6a0f94.txt')!.slips;
    expect(slips.some((s) => s.wrote === 287.694 && Math.abs((s.value as number) - 281.6954) < 0.001)).toBe(true);
    expect(results.get('000_5b0f3aafec5959d3.txt')!.slips).toEqual([]);
  });
});
