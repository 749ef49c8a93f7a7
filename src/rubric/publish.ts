// `markgrade rubric publish` (SPEC §4 "What students may see"): a rubric a student may
// hold, with locators and labels only. A rubric on the student's machine keeps no
// secret, so everything that gives an answer away is removed, comments included (they
// often hold the working); `public: true` makes `check` report "found" at most.
import { isMap, isNode, isScalar, isSeq, visit, type Document, type YAMLMap } from 'yaml';
import { shapeKind } from '../checks/tolerance.js';
import { parseRubric, type LoadedQuestion } from './load.js';
import { readYaml } from './source.js';

const SECRET_TOP_KEYS = ['context', 'tests'];
const SECRET_QUESTION_KEYS = ['tolerance'];
const SECRET_ANSWER_KEYS = ['expected', 'expected_latex', 'mistakes', 'domain', 'tolerance', 'follow_through', 'reveal'];

/**
 * The public version of a rubric's text, in the author's order and style. The rubric is
 * validated first (RubricError if invalid). Each answer gets `value: number|vector|matrix`
 * from its expected value, so that `check` prefers claims of the shape `grade` will.
 * @example publishRubric(readFileSync('rubrics/hw3.yaml', 'utf8'), 'rubrics/hw3.yaml')
 */
export function publishRubric(text: string, file = 'rubric.yaml'): string {
  const loaded = parseRubric(text, file);
  const { doc } = readYaml(text.replace(/^\uFEFF/, '')).source;
  dropComments(doc);
  const top = doc.contents as YAMLMap;
  for (const key of SECRET_TOP_KEYS) top.delete(key);
  const defaults = top.get('defaults');
  if (isMap(defaults)) {
    defaults.delete('tolerance');
    if (defaults.items.length === 0) top.delete('defaults');
  }
  const questions = top.get('questions');
  if (isSeq(questions)) questions.items.forEach((question, qi) => publishQuestion(question, loaded.questions[qi]));
  setAfter(doc, top, 'public', true, 'rubric');
  setAfter(doc, top, 'reveal', 'found', 'public');
  const body = doc.toString();
  return loaded.schemaComment === null ? body : `${loaded.schemaComment}\n${body}`;
}

function publishQuestion(node: unknown, question: LoadedQuestion): void {
  if (!isMap(node)) return;
  for (const key of SECRET_QUESTION_KEYS) node.delete(key);
  const answers = node.get('answers');
  if (!isSeq(answers)) return;
  answers.items.forEach((answer, ai) => {
    if (!isMap(answer)) return;
    for (const key of SECRET_ANSWER_KEYS) answer.delete(key);
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
