// TA overrides: points a TA gives by hand (manual questions, or a judgement on an
// automatic one). They live in a file markgrade only reads, so a re-grade never loses
// them; each overridden answer keeps its status and says who decided its points.
//
//   # overrides.yaml
//   alice:                 # the report name (alice, alice/hw2); never front matter's student:
//     q1b: 2               # an answer id (a manual question's own id) -> points
//     precision_A: { points: 0.5, note: method right, arithmetic slip }
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { RubricError, formatPath, type RubricIssue } from './rubric/errors.js';
import type { LoadedRubric } from './rubric/load.js';
import { suggestion } from './rubric/names.js';
import { placeOf, readYaml } from './rubric/source.js';
import type { GradeResult, Place } from './types.js';
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

/** Report name (`alice`, `alice/hw2`) -> answer id -> the TA's points. */
export type Overrides = Record<string, Record<string, Override>>;

/** An overrides file read, with the place of each entry for messages. */
export interface OverridesFile {
  file: string;
  overrides: Overrides;
  /** `student` or `student\u0000answer` -> where it was written. */
  places: Map<string, Place>;
}

/**
 * Reads an overrides file; problems are reported like rubric problems (file:line:col).
 * @example (await loadOverrides('overrides.yaml')).overrides // { alice: { q1b: { points: 2 } } }
 */
export async function loadOverrides(file: string): Promise<OverridesFile> {
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
  const places = new Map<string, Place>();
  for (const [student, answers] of Object.entries(parsed.data)) {
    places.set(student, placeOf(source, [student], { key: true }));
    overrides[student] = {};
    for (const [id, o] of Object.entries(answers)) {
      places.set(`${student}\u0000${id}`, placeOf(source, [student, id], { key: true }));
      overrides[student][id] = typeof o === 'number' ? { points: o } : o;
    }
  }
  return { file, overrides, places };
}

/**
 * Refuses entries that would be silently ignored: a student that is no submission's
 * report name (front matter names are display names and never match), or an answer id
 * the rubric does not have. `ids` is the whole class as discovered, before `--shard`
 * splits it, so every shard judges the same file the same way.
 */
export function checkOverrides(loaded: OverridesFile, ids: Iterable<string>, rubric: LoadedRubric): void {
  const students = [...new Set(ids)];
  const known = new Set(students);
  const answerIds = rubric.questions.flatMap((q) => q.answers.map((a) => a.id));
  const answers = new Set(answerIds);
  const issues: RubricIssue[] = [];
  const at = (key: string) => loaded.places.get(key) ?? { line: 1, column: 1 };
  for (const [student, entries] of Object.entries(loaded.overrides)) {
    if (!known.has(student)) {
      issues.push({ file: loaded.file, ...at(student), path: formatPath([student]), message: `no submission has the report name "${student}"${suggestion(student, students)}` });
    }
    for (const id of Object.keys(entries)) {
      if (answers.has(id)) continue;
      issues.push({ file: loaded.file, ...at(`${student}\u0000${id}`), path: formatPath([student, id]), message: `the rubric has no answer "${id}"${suggestion(id, answerIds)}` });
    }
  }
  if (issues.length > 0) throw new RubricError(issues);
}

/**
 * The result with a TA's points applied, scores recomputed. Entries key on the report
 * name (`result.id`) only: front matter cannot claim another student's points.
 */
export function applyOverrides(result: GradeResult, overrides: Overrides): GradeResult {
  const mine = Object.hasOwn(overrides, result.id) ? overrides[result.id] : {};
  if (Object.keys(mine).length === 0 || result.error !== null) return result;
  const questions = result.questions.map((question) => {
    const answers = question.answers.map((answer) => {
      const override = Object.hasOwn(mine, answer.id) ? mine[answer.id] : undefined;
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
