// `markgrade rubric explain` (SPEC §3): what the grader will look for and accept —
// every question's locator, every answer's expected value and accepted interval.
// For the TA who wrote the rubric; it shows every secret.
import { describeTolerance, formatNumber, intervalsOf } from '../checks/tolerance.js';
import { toPlainJson } from '../engine/index.js';
import type { LoadedAnswer, LoadedQuestion, LoadedRubric } from './load.js';

/**
 * A plain-text account of a loaded rubric, one line per fact.
 * @example explainRubric(await loadRubric('rubrics/hw3.yaml'))
 * // "ml-hw3: Losses …\n  q2a  section 2.a  (4 points)\n    precision_A  = 0.8196721  accepts [0.8114754, 0.8278689] (±1% or ±0.005) …"
 */
export function explainRubric(rubric: LoadedRubric): string {
  const lines = [`${rubric.rubric}${rubric.title ? `: ${rubric.title}` : ''}`, `  ${settings(rubric)}`];
  const context = Object.entries(rubric.context ?? {});
  if (context.length > 0) {
    lines.push('context');
    for (const [name, written] of context) lines.push(`  ${name} = ${withValue(written, rubric.contextScope[name])}`);
  }
  for (const question of rubric.questions) lines.push(...explainQuestion(question));
  const answers = rubric.questions.flatMap((question) => question.answers);
  const manual = answers.filter((answer) => answer.manual).reduce((sum, answer) => sum + answer.points, 0);
  const total = answers.reduce((sum, answer) => sum + answer.points, 0);
  lines.push(`total ${points(total)}${manual > 0 ? ` (${points(manual)} graded by hand)` : ''}`);
  return lines.join('\n') + '\n';
}

function settings(rubric: LoadedRubric): string {
  const parts = [`reveal: ${rubric.reveal}`, `log: base ${rubric.log_base}`];
  if (rubric.classes.length > 0) parts.push(`classes: ${rubric.classes.join(', ')}`);
  if (rubric.public) parts.push('public (no expected values)');
  return parts.join(' · ');
}

function explainQuestion(question: LoadedQuestion): string[] {
  const total = question.answers.reduce((sum, answer) => sum + answer.points, 0);
  const title = question.title ? `  ${question.title}` : '';
  const lines = [`${question.id}${title}  [${locator(question)}]  ${points(total)}${question.manual ? ', manual' : ''}`];
  for (const answer of question.answers) lines.push(...explainAnswer(answer).map((line) => `  ${line}`));
  return lines;
}

function locator(question: LoadedQuestion): string {
  const parts: string[] = [];
  if (question.heading !== undefined) parts.push(`heading /${question.heading}/i`);
  if (question.section !== undefined) parts.push(`section ${question.section}`);
  if (question.text !== undefined) parts.push(`text /${question.text}/i`);
  return parts.join(' + ');
}

function explainAnswer(answer: LoadedAnswer): string[] {
  const labels =
    answer.labels.length > 0
      ? `labels: ${answer.labels.join(' | ')}`
      : answer.manual
        ? 'graded by hand'
        : 'no label: the last claim of the section';
  const lines = [`${answer.id}  ${points(answer.points)}${answer.manual ? ', manual' : ''}  ${labels}`];
  if (answer.expectedValue !== undefined) {
    lines.push(`  expected ${withValue(answer.expected ?? answer.expected_latex, answer.expectedValue)}`);
    lines.push(`  accepts ${formatValue(intervalsOf(answer.expectedValue, answer.tolerance))} (${describeTolerance(answer.tolerance)})`);
    if (answer.unit !== undefined) lines.push(`  unit: ${answer.unit}`);
  } else if (answer.expectedExpr !== undefined) {
    lines.push(`  expected expression ${answer.expectedExpr}`);
    const domain = Object.entries(answer.domain ?? {}).map(([name, range]) => `${name} in ${formatValue(range)}`);
    lines.push(`  equivalent at random points${domain.length > 0 ? `; ${domain.join(', ')}` : ' in [0.2, 0.8]'}`);
  } else if (!answer.manual) {
    lines.push('  no expected value (public rubric)');
  }
  if (answer.follow_through > 0) {
    const from = answer.dependsOn.length > 0 ? ` from ${answer.dependsOn.join(', ')}` : ' (names no earlier answer)';
    lines.push(`  follow-through ${formatNumber(answer.follow_through)}${from}`);
  }
  for (const mistake of answer.mistakes) {
    const shown = withValue(mistake.expected ?? mistake.expected_latex, mistake.expectedValue);
    lines.push(`  mistake ${shown}: credit ${formatNumber(mistake.credit)}, "${mistake.feedback}"`);
  }
  return lines;
}

/** `expr = value` for an expression, the value alone for data. */
function withValue(written: unknown, value: unknown): string {
  if (typeof written !== 'string') return formatValue(written);
  return value === undefined ? written : `${written} = ${formatValue(value)}`;
}

function points(n: number): string {
  return `${formatNumber(n)} point${n === 1 ? '' : 's'}`;
}

/** Numbers to 7 significant digits, arrays in brackets, anything else as plain JSON. */
function formatValue(value: unknown): string {
  const plain = toPlainJson(value);
  if (typeof plain === 'number') return formatNumber(plain);
  if (Array.isArray(plain)) return `[${plain.map(formatValue).join(', ')}]`;
  return typeof plain === 'string' ? plain : JSON.stringify(plain);
}
