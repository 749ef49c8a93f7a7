// TA overrides: points a TA gives by hand (manual questions, or a judgement on an
// automatic one). They live in a file markgrade only reads, so a re-grade never loses
// them; each overridden answer keeps its status and says who decided its points.
//
//   # overrides.yaml
//   alice:                 # the report name (alice, alice/hw2) or front matter student
//     q1b: 2               # an answer id (a manual question's own id) -> points
//     precision_A: { points: 0.5, note: method right, arithmetic slip }
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { RubricError, formatPath } from './rubric/errors.js';
import { placeOf, readYaml } from './rubric/source.js';
import type { GradeResult } from './types.js';
import { sumPoints } from './values.js';

const Override = z.union([
  z.number().nonnegative(),
  z.strictObject({ points: z.number().nonnegative(), note: z.string().optional() }),
]);
const OverridesSchema = z.record(z.string(), z.record(z.string(), Override));

export interface Override {
  points: number;
  note?: string;
}

export type Overrides = Record<string, Record<string, Override>>;

/**
 * Reads an overrides file; problems are reported like rubric problems (file:line:col).
 * @example await loadOverrides('overrides.yaml') // { alice: { q1b: { points: 2 } } }
 */
export async function loadOverrides(file: string): Promise<Overrides> {
  const { source, problems } = readYaml(await readFile(file, 'utf8'));
  const issues = problems.map(({ place, message }) => ({ file, ...place, path: '', message }));
  const parsed = OverridesSchema.safeParse(source.doc.toJS() ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      issues.push({ file, ...placeOf(source, issue.path), path: formatPath(issue.path), message: `overrides: ${issue.message}` });
    }
  }
  if (issues.length > 0 || !parsed.success) throw new RubricError(issues);
  const overrides: Overrides = {};
  for (const [student, answers] of Object.entries(parsed.data)) {
    overrides[student] = Object.fromEntries(
      Object.entries(answers).map(([id, o]) => [id, typeof o === 'number' ? { points: o } : o]),
    );
  }
  return overrides;
}

/**
 * The result with a TA's points applied, scores recomputed. `name` is the report name;
 * an entry under the front matter's student name applies too.
 */
export function applyOverrides(result: GradeResult, name: string, overrides: Overrides): GradeResult {
  const mine = { ...(overrides[result.student] ?? {}), ...(overrides[name] ?? {}) };
  if (Object.keys(mine).length === 0) return result;
  const questions = result.questions.map((question) => {
    const answers = question.answers.map((answer) => {
      const override = mine[answer.id];
      if (override === undefined) return answer;
      const points = Math.min(override.points, answer.maxPoints);
      const note = override.note ? `: ${override.note}` : '';
      return { ...answer, points, reason: `${answer.reason}; ${points} point(s) set by a TA${note}`, override: { points, ...(override.note ? { note: override.note } : {}) } };
    });
    return { ...question, answers, score: sumPoints(answers.map((a) => a.points)) };
  });
  const answers = questions.flatMap((q) => q.answers);
  const score = sumPoints(answers.map((a) => a.points));
  const autoScore = sumPoints(answers.filter((a) => a.status !== 'manual').map((a) => a.points));
  return { ...result, questions, score, autoScore };
}
