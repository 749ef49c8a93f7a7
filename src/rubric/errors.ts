// Every problem with a rubric — YAML syntax, schema, or meaning — becomes one issue
// with a place and a schema path, so that `lint` and every command can print
// `file:line:col: message (at questions[1].answers[0].tolerance.rel)`.

/** One problem with a rubric file. */
export interface RubricIssue {
  file: string;
  line: number;
  column: number;
  /** Schema path, e.g. `questions[1].answers[0].tolerance.rel`; "" for the whole file. */
  path: string;
  message: string;
}

/** Thrown by loadRubric/parseRubric; `message` has one line per issue. */
export class RubricError extends Error {
  readonly issues: RubricIssue[];

  constructor(issues: RubricIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'RubricError';
    this.issues = issues;
  }
}

/**
 * One line for an issue.
 * @example formatIssue({ file: 'hw.yaml', line: 3, column: 5, path: 'rubric', message: 'missing' })
 * // "hw.yaml:3:5: missing (at rubric)"
 */
export function formatIssue(issue: RubricIssue): string {
  const at = issue.path === '' ? '' : ` (at ${issue.path})`;
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}${at}`;
}

/**
 * A path as written in messages.
 * @example formatPath(['questions', 1, 'answers', 0, 'tolerance', 'rel']) // "questions[1].answers[0].tolerance.rel"
 */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = String(segment);
      if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `[${JSON.stringify(key)}]`;
      return i === 0 ? key : `.${key}`;
    })
    .join('');
}
