// `markgrade rubric publish` (SPEC §4 "What students may see"): a rubric a student may
// hold. A rubric on the student's machine keeps no secret, so every key is classified
// below as `secret` (removed) or `kept` (it changes what is read: locators, labels,
// kinds, shapes, units, number reading, variable names, points). A key missing from the
// table fails a test, so a new schema field cannot slip into public rubrics unseen.
// Comments are dropped too (they often hold the working); `public: true` makes `check`
// report "found" at most, and `published_from` names the private rubric and its hash.
import { createHash } from 'node:crypto';
import { isMap, isNode, isScalar, isSeq, visit, type Document, type YAMLMap } from 'yaml';
import { shapeKind } from '../checks/tolerance.js';
import { parseRubric, type LoadedQuestion } from './load.js';
import { readYaml } from './source.js';

export type Disclosure = 'secret' | 'kept';

/**
 * Every key of every object a rubric holds, by schema. Keys under a secret key
 * (mistakes, tolerances, tests) go with it and need no entry of their own.
 */
export const PUBLIC_FIELDS = {
  rubric: {
    $schema: 'kept',
    rubric: 'kept',
    title: 'kept',
    public: 'kept',
    published_from: 'kept',
    reveal: 'kept', // always rewritten to `found`
    classes: 'kept', // class names a label may use
    log_base: 'kept', // how \log is read
    numbers: 'kept', // how decimals are written
    defaults: 'kept',
    context: 'secret',
    questions: 'kept',
    tests: 'secret',
  },
  defaults: { tolerance: 'secret', points: 'kept', unit: 'kept' },
  question: {
    id: 'kept',
    title: 'kept',
    section: 'kept',
    heading: 'kept',
    text: 'kept',
    points: 'kept',
    manual: 'kept',
    read: 'kept', // whether code and output may answer: changes reading
    tolerance: 'secret',
    answers: 'kept',
  },
  answer: {
    id: 'kept',
    label: 'kept',
    expected: 'secret',
    expected_latex: 'secret',
    kind: 'kept',
    value: 'kept', // filled in from the expected value's shape
    unit: 'kept',
    read: 'kept',
    points: 'kept',
    tolerance: 'secret',
    follow_through: 'secret', // says which answers the expected value depends on
    mistakes: 'secret',
    domain: 'kept', // variable names and where they are drawn from: no answer in them
    reveal: 'secret', // meaningless in a public rubric (found at most)
    manual: 'kept',
  },
} as const satisfies Record<string, Record<string, Disclosure>>;

const secretKeys = (fields: Record<string, Disclosure>): string[] =>
  Object.entries(fields).filter(([, d]) => d === 'secret').map(([key]) => key);

/**
 * The public version of a rubric's text, in the author's order and style. The rubric is
 * validated first (RubricError if invalid). Each answer gets `value: number|vector|matrix`
 * from its expected value, so that `check` prefers claims of the shape `grade` will.
 * Publishing a public rubric again changes nothing.
 * @example publishRubric(readFileSync('rubrics/hw3.yaml', 'utf8'), 'rubrics/hw3.yaml')
 */
export function publishRubric(text: string, file = 'rubric.yaml'): string {
  const loaded = parseRubric(text, file);
  const { doc } = readYaml(text.replace(/^\uFEFF/, '')).source;
  dropComments(doc);
  const top = doc.contents as YAMLMap;
  for (const key of secretKeys(PUBLIC_FIELDS.rubric)) top.delete(key);
  const defaults = top.get('defaults');
  if (isMap(defaults)) {
    for (const key of secretKeys(PUBLIC_FIELDS.defaults)) defaults.delete(key);
    if (defaults.items.length === 0) top.delete('defaults');
  }
  const questions = top.get('questions');
  if (isSeq(questions)) questions.items.forEach((question, qi) => publishQuestion(question, loaded.questions[qi]));
  if (!loaded.public) {
    setAfter(doc, top, 'public', true, 'rubric');
    setAfter(doc, top, 'published_from', { rubric: loaded.rubric, sha256: rubricHash(text) }, 'public');
  }
  setAfter(doc, top, 'reveal', 'found', 'published_from');
  const body = doc.toString();
  return loaded.schemaComment === null ? body : `${loaded.schemaComment}\n${body}`;
}

/**
 * The hash a public rubric records of its private one: SHA-256 of the file's text.
 * @example rubricHash('rubric: hw\n…') // '3f2a…' (64 hex digits)
 */
export function rubricHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function publishQuestion(node: unknown, question: LoadedQuestion): void {
  if (!isMap(node)) return;
  for (const key of secretKeys(PUBLIC_FIELDS.question)) node.delete(key);
  const answers = node.get('answers');
  if (!isSeq(answers)) return;
  answers.items.forEach((answer, ai) => {
    if (!isMap(answer)) return;
    for (const key of secretKeys(PUBLIC_FIELDS.answer)) answer.delete(key);
    const expected = question.answers[ai].expectedValue;
    if (expected !== undefined && !answer.has('value')) answer.set('value', shapeKind(expected));
  });
}

/** Sets a top-level key, inserting it after `afterKey` when it is new. */
function setAfter(doc: Document, top: YAMLMap, key: string, value: unknown, afterKey: string): void {
  if (top.has(key)) {
    top.set(key, value);
    return;
  }
  const index = top.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === afterKey);
  top.items.splice(index + 1, 0, doc.createPair(key, value));
}

function dropComments(doc: Document): void {
  doc.commentBefore = null;
  doc.comment = null;
  visit(doc, (_key, node) => {
    if (isNode(node)) {
      node.commentBefore = null;
      node.comment = null;
    }
  });
}
