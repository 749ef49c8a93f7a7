// What a rubric means, checked before anything is evaluated (SPEC §4): unique ids and
// classes, locators that can match, answers that can be graded, a public rubric that
// gives nothing away, self-tests that name existing ids.
import safeRegex from 'safe-regex2';
import { normalisePath } from '../markdown/markers.js';
import { answerKind, answerKinds } from '../kinds/registry.js';
import { formatPath } from './errors.js';
import type { Report } from './expected.js';
import { answerPoints } from './points.js';
import type { Question, Rubric } from './schema.js';
import type { SchemaPath } from './source.js';

/**
 * Reports every problem of meaning in a schema-valid rubric.
 * @example checkMeaning(rubric, report) // reports `duplicate answer id "a" (first at …)`
 */
export function checkMeaning(rubric: Rubric, report: Report): void {
  checkUnique(rubric.classes ?? [], (i) => ['classes', i], 'class', report);
  checkUnique(rubric.questions.map((q) => q.id), (i) => ['questions', i, 'id'], 'question id', report);
  const answerIds = answerSites(rubric);
  const real = answerIds.filter((site) => !site.implicit);
  checkUnique(real.map((site) => site.id), (i) => real[i].path, 'answer id', report);
  for (const site of real) {
    if (rubric.context?.[site.id] !== undefined) report(site.path, `answer id "${site.id}" is also a context name`);
    const question = answerIds.find((other) => other.implicit && other.id === site.id);
    if (question) report(site.path, `answer id "${site.id}" is also the id of a manual question without answers (${formatPath(question.path)})`);
  }
  rubric.questions.forEach((question, qi) => checkQuestion(rubric, question, ['questions', qi], report));
  checkPublic(rubric, report);
  checkTests(rubric, new Set(answerIds.map((site) => site.id)), report);
}

export interface AnswerSite {
  id: string;
  path: SchemaPath;
  implicit: boolean;
}

/**
 * Ids that name answers: every answer's, and (implicit) a manual question's without answers.
 * @example answerSites(rubric).map((site) => site.id) // ['precision_A', 'f1_A', …, 'q2c']
 */
export function answerSites(rubric: Rubric): AnswerSite[] {
  return rubric.questions.flatMap((question, qi): AnswerSite[] =>
    question.answers && question.answers.length > 0
      ? question.answers.map((answer, ai) => ({ id: answer.id, path: ['questions', qi, 'answers', ai, 'id'], implicit: false }))
      : [{ id: question.id, path: ['questions', qi, 'id'], implicit: true }],
  );
}

function checkUnique(values: string[], pathOf: (i: number) => SchemaPath, what: string, report: Report): void {
  const first = new Map<string, number>();
  values.forEach((value, i) => {
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, i);
    else report(pathOf(i), `duplicate ${what} "${value}" (first at ${formatPath(pathOf(earlier))})`);
  });
}

function checkQuestion(rubric: Rubric, question: Question, path: SchemaPath, report: Report): void {
  const points = answerPoints(rubric, question);
  if (!points.ok) report([...path, 'points'], points.message);
  for (const key of ['heading', 'text'] as const) {
    const pattern = question[key];
    if (pattern === undefined) continue;
    try {
      new RegExp(pattern, 'i');
    } catch (error) {
      report([...path, key], `not a valid regular expression: ${(error as Error).message}`);
      continue;
    }
    // Locators run over every line of every submission: a pattern that can backtrack
    // exponentially ((a+)+, (\w+\s?)*) would let one student's line stall the batch.
    if (!safeRegex(pattern)) {
      report([...path, key], 'this regular expression can backtrack catastrophically (a repeated group that itself repeats, like (a+)+): write it without nested repetition');
    }
  }
  // A path starts with a number; parts written before any number belong to 1 (SPEC §5).
  if (question.section !== undefined && !/^\d+(?:\.[a-z0-9]+)*$/.test(normalisePath(question.section))) {
    report([...path, 'section'], `"${question.section}" is not a section path (like 2, 2.a or 12.b)`);
  }
  question.answers?.forEach((answer, ai) => {
    const at = [...path, 'answers', ai];
    const manual = question.manual === true || answer.manual === true;
    if (!rubric.public && !manual && answer.expected === undefined && answer.expected_latex === undefined) {
      report(at, 'an answer needs expected or expected_latex (or manual: true)');
    }
    const own = answerKind(answer.kind).keys;
    const misplaced = answerKinds().flatMap((kind) => kind.keys).filter((key) => !own.includes(key)) as Array<keyof typeof answer>;
    for (const key of misplaced) {
      if (answer[key] !== undefined) report([...at, key], `"${key}" does not apply to kind: ${answer.kind}`, { key: true });
    }
  });
}


/** A public rubric holds locators and labels only: nothing that gives an answer away. */
function checkPublic(rubric: Rubric, report: Report): void {
  if (!rubric.public) {
    if (rubric.published_from !== undefined) report(['published_from'], 'only a public rubric (public: true) has published_from', { key: true });
    return;
  }
  if (rubric.reveal !== undefined && rubric.reveal !== 'found') report(['reveal'], 'a public rubric reveals "found" only');
  for (const key of ['context', 'tests'] as const) {
    if (rubric[key] !== undefined) report([key], `a public rubric must not contain "${key}"`, { key: true });
  }
  rubric.questions.forEach((question, qi) =>
    question.answers?.forEach((answer, ai) => {
      for (const key of ['expected', 'expected_latex', 'mistakes'] as const) {
        if (answer[key] !== undefined) {
          report(['questions', qi, 'answers', ai, key], `a public rubric must not contain "${key}"`, { key: true });
        }
      }
    }),
  );
}

function checkTests(rubric: Rubric, answerIds: ReadonlySet<string>, report: Report): void {
  const questionIds = new Set(rubric.questions.map((q) => q.id));
  rubric.tests?.forEach((test, ti) => {
    const lists = [
      ['questions', questionIds, 'question'],
      ['answers', answerIds, 'answer'],
      ['overrides', answerIds, 'answer'],
    ] as const;
    for (const [key, known, what] of lists) {
      for (const id of Object.keys(test[key] ?? {})) {
        if (!known.has(id)) report(['tests', ti, key, id], `unknown ${what} id "${id}"`, { key: true });
      }
    }
  });
}
