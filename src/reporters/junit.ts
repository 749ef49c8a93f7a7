// JUnit XML for CI (SPEC §7): one `testsuites` document, a testsuite per submission, a
// testcase per answer. Wrong, partial, missing and unreadable answers are failures,
// TA-graded ones are skipped, a submission that could not be graded is an error.
// Give it students' views (reveal.ts): under `found` every read answer passes, so a
// failure means "not found or not read", and no points are written.
// No timestamps and `time="0"`, so the same results give the same bytes.
import type { AnswerResult, GradeResult, Status } from '../types.js';
import { showsPoints } from './reveal.js';
import { describeSlip, moreSlips, escapeXmlAttribute, escapeXmlText, exactNumber, showValue } from './text.js';
import type { ReportFormat } from './format.js';

type Outcome = 'passed' | 'failure' | 'skipped' | 'error';

const OUTCOME: Record<Status, Outcome> = {
  correct: 'passed',
  found: 'passed',
  partial: 'failure',
  incorrect: 'failure',
  missing: 'failure',
  unreadable: 'failure',
  manual: 'skipped',
};

interface Case {
  name: string;
  outcome: Outcome;
  /** Where the answer was read in the submission, when it was. */
  line: number | null;
  /** The `type` and `message` of the failure, skipped or error element. */
  type: string;
  message: string;
  body: string;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * The whole batch as one JUnit XML document.
 * @example junitReport([result]) // '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="markgrade" …'
 */
export function junitReport(results: GradeResult[]): string {
  const suites = results.map((result) => ({ result, cases: casesOf(result) }));
  const total = countOf(suites.flatMap((s) => s.cases));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="markgrade" ${countAttributes(total)} time="0">`,
    ...suites.flatMap(({ result, cases }) => suiteLines(result, cases)),
    '</testsuites>',
    '',
  ].join('\n');
}

function casesOf(result: GradeResult): Case[] {
  const points = showsPoints(result);
  const answers = result.questions.flatMap((q) => q.answers.map((a) => answerCase(`${q.id}.${a.id}`, a, points)));
  if (result.error === null) return answers;
  const error: Case = { name: 'submission', outcome: 'error', line: null, type: 'error', message: result.error, body: result.error };
  return [error, ...answers];
}

function answerCase(name: string, answer: AnswerResult, points: boolean): Case {
  return {
    name,
    outcome: OUTCOME[answer.status],
    line: answer.line,
    type: answer.status,
    message: answer.reason,
    body: details(answer, points),
  };
}

/** What a reader of the CI log needs beyond the one-line reason. */
function details(answer: AnswerResult, points: boolean): string {
  const lines = [answer.reason];
  if (answer.got !== null) lines.push(`got: ${showValue(answer.got)}`);
  if (answer.expected !== undefined) lines.push(`expected: ${showValue(answer.expected)}`);
  if (answer.feedback) lines.push(`feedback: ${answer.feedback}`);
  if (points) lines.push(`points: ${exactNumber(answer.points)}/${exactNumber(answer.maxPoints)}`);
  return lines.join('\n');
}

function suiteLines(result: GradeResult, cases: Case[]): string[] {
  const submission = escapeXmlAttribute(result.submission);
  const score = showsPoints(result) ? { score: exactNumber(result.score), maxScore: exactNumber(result.maxScore) } : {};
  const properties = { student: result.student, rubric: result.rubric, ...score };
  const slips = result.slips.map((s) => `slip at ${s.line}:${s.column}: ${describeSlip(s)}`);
  const more = moreSlips(result);
  if (more !== null) slips.push(more);
  return [
    `  <testsuite name="${submission}" ${countAttributes(countOf(cases))} time="0">`,
    '    <properties>',
    ...Object.entries(properties).map(([name, value]) => `      <property name="${name}" value="${escapeXmlAttribute(String(value))}"/>`),
    '    </properties>',
    ...cases.map((c) => caseXml(submission, c)),
    ...(slips.length > 0 ? [`    <system-out>${escapeXmlText(slips.join('\n'))}</system-out>`] : []),
    '  </testsuite>',
  ];
}

function caseXml(submission: string, c: Case): string {
  // `file` and `line` are not in the Ant schema, but GitLab and the common JUnit
  // GitHub actions read them to place results on the submission's line.
  const line = c.line === null ? '' : ` line="${c.line}"`;
  const open = `    <testcase classname="${submission}" name="${escapeXmlAttribute(c.name)}" file="${submission}"${line} time="0"`;
  if (c.outcome === 'passed') return `${open}/>`;
  const attributes = `message="${escapeXmlAttribute(c.message)}" type="${escapeXmlAttribute(c.type)}"`;
  return `${open}>\n      <${c.outcome} ${attributes}>${escapeXmlText(c.body)}</${c.outcome}>\n    </testcase>`;
}

function countOf(cases: Case[]): Counts {
  const count = (outcome: Outcome) => cases.filter((c) => c.outcome === outcome).length;
  return { tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
}

function countAttributes(counts: Counts): string {
  return `tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}"`;
}

/** `junit`: one junit.xml for CI, which a student may read. */
export const junitFormat: ReportFormat = {
  name: 'junit',
  parts: [{ scope: 'batch', audience: 'student', file: 'junit.xml', wholeResults: true, render: junitReport }],
};
