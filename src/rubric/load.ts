// Loading a rubric (SPEC §4): YAML with places -> schema -> meaning -> values.
// Every problem becomes a RubricIssue (file:line:col and schema path). Each stage
// reports all of its problems at once, and runs only when the stages before it found
// none, so that one mistake is not reported again as the errors it causes.
import { readFile } from 'node:fs/promises';
import { answerKind } from '../kinds/registry.js';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { DEFAULT_TOLERANCE, shapeKind } from '../checks/tolerance.js';
import { createEngine, type Engine } from '../engine/index.js';
import { normaliseLabel } from '../markdown/labels.js';
import { normalisePath } from '../markdown/markers.js';
import type { NumericValue, Tolerance } from '../types.js';
import { RubricError, formatPath, type RubricIssue } from './errors.js';
import { contextValue, numericValue, symbolicExpression, type Evaluator, type Names, type Report } from './expected.js';
import { answerSites, checkMeaning } from './meaning.js';
import { closestName } from './names.js';
import { answerPoints } from './points.js';
import {
  AnswerSchema,
  DefaultsSchema,
  MistakeSchema,
  QuestionSchema,
  RubricSchema,
  TestSchema,
  ToleranceSchema,
  type Answer,
  type Mistake,
  type Question,
  type Reveal,
  type Rubric,
} from './schema.js';
import { keepNumbersAsWritten, placeOf, readYaml, type SchemaPath } from './source.js';

export interface LoadedMistake extends Mistake {
  /** The mistake's value (numeric answers). */
  expectedValue?: NumericValue;
  /** The mistake's expression (kind: expression). */
  expectedExpr?: string;
}

/** An answer with everything resolved: defaults applied, expected value computed. */
export interface LoadedAnswer
  extends Omit<Answer, 'points' | 'tolerance' | 'mistakes' | 'reveal' | 'manual' | 'follow_through'> {
  /** The labels as the matcher compares them. */
  labels: string[];
  /** Its own; else an equal share of what its siblings leave of the question's total; else defaults, else 1 (rubric/points.ts). */
  points: number;
  /** answer > question > defaults > {rel: 0.01, abs: 1e-8}; the most specific one replaces the others whole. */
  tolerance: Tolerance;
  reveal: Reveal;
  /** The answer's or its question's `manual`. */
  manual: boolean;
  follow_through: number;
  mistakes: LoadedMistake[];
  /** The true value (numeric answers, unless manual without expected or in a public rubric). */
  expectedValue?: NumericValue;
  /** The expected expression as mathjs text (kind: expression). */
  expectedExpr?: string;
  /** Ids of the earlier answers `expected` names, in the order they were answered (follow-through). */
  dependsOn: string[];
  line: number;
  column: number;
}

export interface LoadedQuestion extends Omit<Question, 'answers' | 'manual'> {
  manual: boolean;
  /** Its answers; a manual question without answers gets one manual answer with the question's id and points. */
  answers: LoadedAnswer[];
  line: number;
  column: number;
}

export interface LoadedRubric extends Omit<Rubric, 'questions' | 'classes' | 'reveal'> {
  file: string;
  /** `reveal`, default verdict; always found for a public rubric. */
  reveal: Reveal;
  classes: string[];
  questions: LoadedQuestion[];
  /** The engine, with `classes`, that computed the expected values. */
  engine: Engine;
  /** The evaluated context, by name: the scope of `eval --rubric`. */
  contextScope: Record<string, unknown>;
  /** How `\log` is read: Math.E, 10 or 2. */
  logBase: number;
  /** The `# yaml-language-server: $schema=…` line, if any (kept by `rubric publish`). */
  schemaComment: string | null;
  /** The rubric's text as given: what `--jobs` workers parse, so a rubric built in memory works there too. */
  sourceText: string;
}

/** YAML numbers that are names or paths: read them as written (`2.10` is not 2.1). */
const NUMBERS_AS_WRITTEN = [
  'rubric',
  'published_from.rubric',
  'classes.*',
  'questions.*.id',
  'questions.*.section',
  'questions.*.answers.*.label',
  'questions.*.answers.*.label.*',
];

const LOG_BASES: Record<Rubric['log_base'], number> = { e: Math.E, 10: 10, 2: 2 };

const KNOWN_KEYS = [
  RubricSchema,
  DefaultsSchema,
  QuestionSchema,
  AnswerSchema,
  MistakeSchema,
  ToleranceSchema,
  TestSchema,
].flatMap((schema) => Object.keys(schema.shape));

/**
 * Reads, validates and evaluates a rubric file; throws RubricError listing every problem.
 * @example const rubric = await loadRubric('rubrics/hw3.yaml'); rubric.questions[0].answers[0].expectedValue
 */
export async function loadRubric(file: string): Promise<LoadedRubric> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RubricError([{ file, line: 1, column: 1, path: '', message: `cannot read the rubric: ${reason}` }]);
  }
  return parseRubric(text, file);
}

/**
 * parseRubric for text already read; `file` is used in messages and for relative paths.
 * @example parseRubric('rubric: hw\nquestions: []\n', 'hw.yaml') // throws: questions: too small
 */
export function parseRubric(text: string, file: string): LoadedRubric {
  const { source, problems } = readYaml(text.replace(/^\uFEFF/, ''));
  const issues: RubricIssue[] = problems.map(({ place, message }) => ({ file, ...place, path: '', message }));
  const report: Report = (path, message, options) =>
    issues.push({ file, ...placeOf(source, path, options), path: formatPath(path), message });
  const stopIfAny = (): void => {
    if (issues.length > 0) throw new RubricError(issues.sort((a, b) => a.line - b.line || a.column - b.column));
  };
  stopIfAny();

  keepNumbersAsWritten(source, NUMBERS_AS_WRITTEN);
  const data = plainData(source.doc, report);
  stopIfAny();
  const parsed = RubricSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) parsed.error.issues.forEach((issue) => reportSchemaIssue(issue, report));
  stopIfAny();

  const rubric = parsed.data!;
  checkMeaning(rubric, report);
  stopIfAny();

  const loaded = evaluateRubric(rubric, file, report, (path) => placeOf(source, path));
  stopIfAny();
  return { ...loaded, schemaComment: text.match(/^#\s*yaml-language-server:.*$/m)?.[0] ?? null, sourceText: text };
}

function plainData(doc: Document, report: Report): unknown {
  try {
    const data: unknown = doc.toJS({ maxAliasCount: 100 });
    if (data === null || data === undefined) report([], 'the rubric is empty');
    return data;
  } catch (error) {
    report([], `YAML: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

function reportSchemaIssue(issue: z.core.$ZodIssue, report: Report): void {
  const path = issue.path;
  const last = String(path[path.length - 1]);
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      const closest = closestName(key, KNOWN_KEYS);
      report([...path, key], `unknown key "${key}"${closest ? ` (did you mean "${closest}"?)` : ''}`, { key: true });
    }
  } else if (issue.code === 'invalid_key') {
    report(path, `invalid key "${last}": ${issue.issues.map((inner) => inner.message).join('; ')}`, { key: true });
  } else if (issue.input === undefined && path.length > 0) {
    report(path, `missing required key "${last}"`);
  } else {
    report(path, issue.message);
  }
}

// ---------------------------------------------------------------- values

type Placer = (path: SchemaPath) => { line: number; column: number };

function evaluateRubric(
  rubric: Rubric,
  file: string,
  report: Report,
  place: Placer,
): Omit<LoadedRubric, 'schemaComment' | 'sourceText'> {
  const classes = rubric.classes ?? [];
  const engine = createEngine({ classes });
  const logBase = LOG_BASES[rubric.log_base];
  const ev: Evaluator = { engine, logBase, report };
  const scope = new Map<string, unknown>();
  const failed = new Set<string>();
  evaluateContext(rubric, ev, scope, failed);
  const contextScope = Object.fromEntries(scope);

  // Before an answer is reached, its id may not be used; after, it names its true value.
  const answerIds = new Set(answerSites(rubric).map((site) => site.id));
  const unavailable = new Map(
    [...answerIds].map((id) => [id, `"${id}" is the id of a later answer: expected may only name answers above it`]),
  );
  const questions = rubric.questions.map((question, qi): LoadedQuestion => {
    const path = ['questions', qi];
    const shares = answerPoints(rubric, question);
    const points = shares.ok ? shares.points : []; // not ok: checkMeaning has stopped the load
    const answers = question.answers?.length
      ? question.answers.map((answer, ai) =>
          loadAnswer(rubric, question, answer, [...path, 'answers', ai], { ev, scope, failed, unavailable, answerIds, place, points }),
        )
      : [manualAnswer(rubric, question, place(path), unavailable)];
    const { answers: _answers, manual, ...rest } = question;
    return {
      ...rest,
      section: question.section === undefined ? undefined : normalisePath(question.section),
      manual: manual === true,
      answers,
      ...place(path),
    };
  });
  const { questions: _questions, classes: _classes, ...rest } = rubric;
  return {
    ...rest,
    reveal: rubricReveal(rubric),
    file,
    classes,
    questions,
    engine,
    contextScope,
    logBase,
  };
}

function evaluateContext(rubric: Rubric, ev: Evaluator, scope: Map<string, unknown>, failed: Set<string>): void {
  const entries = Object.entries(rubric.context ?? {});
  entries.forEach(([name, value], i) => {
    const later = entries
      .slice(i)
      .map(([other]): [string, string] => [other, other === name ? `"${name}" cannot use itself` : `"${other}" is defined later in context`]);
    const names: Names = { values: new Set(scope.keys()), unavailable: new Map(later), failed };
    const outcome = contextValue(ev, value, ['context', name], scope, names);
    if (outcome.ok) scope.set(name, outcome.value);
    else failed.add(name);
  });
}

interface AnswerState {
  ev: Evaluator;
  /** Context and the true values of the answers so far. */
  scope: Map<string, unknown>;
  failed: Set<string>;
  unavailable: Map<string, string>;
  answerIds: ReadonlySet<string>;
  place: Placer;
  /** The points of each answer of the current question. */
  points: number[];
}

function loadAnswer(rubric: Rubric, question: Question, answer: Answer, path: SchemaPath, state: AnswerState): LoadedAnswer {
  const { ev, scope, failed, unavailable } = state;
  const manual = question.manual === true || answer.manual === true;
  const written = answer.expected !== undefined ? 'expected' : 'expected_latex';
  const hasExpected = answer[written] !== undefined;
  const loaded: LoadedAnswer = {
    ...answer,
    labels: labelsOf(answer.label),
    points: state.points[path[path.length - 1] as number],
    tolerance: answer.tolerance ?? question.tolerance ?? rubric.defaults?.tolerance ?? DEFAULT_TOLERANCE,
    unit: answer.unit ?? rubric.defaults?.unit,
    read: answer.read ?? question.read,
    reveal: rubric.public ? 'found' : (answer.reveal ?? rubricReveal(rubric)),
    manual,
    follow_through: answer.follow_through ?? 0,
    mistakes: [],
    dependsOn: [],
    ...state.place(path),
  };
  unavailable.set(answer.id, `"${answer.id}" is this answer's own id`);
  const names = (): Names => ({ values: new Set(scope.keys()), unavailable, failed });

  if (answerKind(answer.kind).expected === 'expression') {
    const used = new Set<string>();
    if (hasExpected) {
      const outcome = symbolicExpression(ev, answer, [...path, written]);
      if (outcome.ok) {
        loaded.expectedExpr = outcome.value;
        outcome.used.forEach((name) => used.add(name));
      }
    }
    loaded.mistakes = (answer.mistakes ?? []).map((mistake, mi) => {
      const outcome = symbolicExpression(ev, mistake, [...path, 'mistakes', mi, mistakeKey(mistake)]);
      if (!outcome.ok) return mistake;
      outcome.used.forEach((name) => used.add(name));
      return { ...mistake, expectedExpr: outcome.value };
    });
    if (loaded.expectedExpr !== undefined) checkDomain(answer, used, path, ev.report);
    unavailable.set(answer.id, `"${answer.id}" is an expression answer: it has no value to use`);
    return loaded;
  }

  if (!hasExpected) {
    unavailable.set(answer.id, `"${answer.id}" has no expected value to use`);
    return loaded;
  }
  const outcome = numericValue(ev, answer, [...path, written], scope, names());
  unavailable.delete(answer.id);
  if (!outcome.ok) {
    failed.add(answer.id);
    return loaded;
  }
  loaded.expectedValue = outcome.value;
  loaded.dependsOn = [...outcome.used].filter((name) => state.answerIds.has(name));
  checkShape(answer, outcome.value, path, ev.report);
  scope.set(answer.id, outcome.value);
  loaded.mistakes = (answer.mistakes ?? []).map((mistake, mi) => {
    const value = numericValue(ev, mistake, [...path, 'mistakes', mi, mistakeKey(mistake)], scope, names());
    return value.ok ? { ...mistake, expectedValue: value.value } : mistake;
  });
  return loaded;
}

/** A manual question without answers is graded as one manual answer worth the question's points. */
function manualAnswer(
  rubric: Rubric,
  question: Question,
  where: { line: number; column: number },
  unavailable: Map<string, string>,
): LoadedAnswer {
  unavailable.set(question.id, `"${question.id}" is a manual question: it has no value to use`);
  return {
    id: question.id,
    kind: 'number',
    labels: [],
    points: question.points ?? rubric.defaults?.points ?? 1,
    tolerance: question.tolerance ?? rubric.defaults?.tolerance ?? DEFAULT_TOLERANCE,
    reveal: rubricReveal(rubric),
    manual: true,
    follow_through: 0,
    mistakes: [],
    dependsOn: [],
    ...where,
  };
}

function rubricReveal(rubric: Rubric): Reveal {
  return rubric.public ? 'found' : (rubric.reveal ?? 'verdict');
}

function mistakeKey(mistake: Mistake): 'expected' | 'expected_latex' {
  return mistake.expected !== undefined ? 'expected' : 'expected_latex';
}

function checkShape(answer: Answer, value: NumericValue, path: SchemaPath, report: Report): void {
  const kind = shapeKind(value);
  if (answer.value !== undefined && answer.value !== kind) {
    report([...path, 'value'], `the expected value is a ${kind}, not a ${answer.value}`);
  }
}

/** A domain variable that the expressions never use is a typo (`y_hat` for `yhat`). */
function checkDomain(answer: Answer, used: ReadonlySet<string>, path: SchemaPath, report: Report): void {
  for (const name of Object.keys(answer.domain ?? {})) {
    if (!used.has(name)) {
      const known = used.size === 0 ? 'none' : [...used].sort().join(', ');
      report([...path, 'domain', name], `domain names "${name}", which the expression does not use (it uses ${known})`, {
        key: true,
      });
    }
  }
}

function labelsOf(label: Answer['label']): string[] {
  if (label === undefined) return [];
  return (Array.isArray(label) ? label : [label]).map(normaliseLabel);
}
