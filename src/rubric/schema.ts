// The rubric format (SPEC §4), written once: the TypeScript types (z.infer), the
// validator, and schema/rubric.schema.json (rubricJsonSchema) all come from here.
// Objects are strict so that a misspelt key is an error, not a silently ignored option.
// Rules that need the whole rubric (unique ids, names in `expected`) live in load.ts.
import { z } from 'zod';
import { BUILT_IN_KINDS, isAnswerKind } from '../kinds/registry.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const Identifier = z
  .string()
  .regex(IDENTIFIER, { error: 'must be letters, digits and _, not starting with a digit' });

/** YAML reads `0` or `2.1` as numbers; where a name or path is meant, take it as text. */
const Text = z.union([z.string().min(1), z.number()], { error: 'expected text' }).transform(String);

const NumericData = z
  .union([z.number(), z.array(z.number()), z.array(z.array(z.number()))], {
    error: 'expected a number, a list of numbers or a list of rows of numbers',
  })
  .refine(isRectangular, { error: 'every row of a matrix must have the same length' });

function isRectangular(value: number | number[] | number[][]): boolean {
  if (!Array.isArray(value) || !Array.isArray(value[0])) return true;
  const width = value[0].length;
  return (value as number[][]).every((row) => row.length === width);
}

const Expression = z.union([z.string().min(1), NumericData], {
  error: 'expected a mathjs expression (text), a number, a list or a matrix',
});

export const RevealSchema = z
  .enum(['found', 'verdict', 'all'])
  .describe('What `markgrade check` may show: found (found and read), verdict (+ right/wrong), all (+ expected values and feedback).');

export const UnitSchema = z
  .enum(['percent', 'fraction', 'either'])
  .describe('How a bare number is read: fraction (as written, the default), percent (83 means 0.83), either (both are tried). `71 %` always reads 0.71.');

export const ReadSchema = z
  .array(z.enum(['text', 'output', 'code']))
  .min(1)
  .describe('What may answer: the student’s written text (default [text]), the printed output of code, code itself. An answer found only where the rubric does not read is missing (in-code).');

export const ToleranceSchema = z
  .strictObject({
    abs: z.number().nonnegative().optional().describe('Passes when |got − expected| ≤ abs.'),
    rel: z.number().nonnegative().optional().describe('Passes when |got − expected| ≤ rel·|expected| (0.01 is 1%).'),
    decimals: z.number().int().nonnegative().optional().describe('Passes when |got − expected| ≤ 0.5·10^−decimals.'),
    sigfigs: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Passes when |got − expected| ≤ 0.5·10^(floor(log10|expected|) − sigfigs + 1): the rounding interval.'),
  })
  .refine((tol) => Object.values(tol).some((bound) => bound !== undefined), {
    error: 'a tolerance needs at least one of abs, rel, decimals, sigfigs',
  })
  .describe('Accepted error; when several bounds are given, passing one is enough. Every bound is inclusive. The answer’s overrides the question’s, which overrides defaults; default {rel: 0.01, abs: 1e-8}.');

const Range = z
  .tuple([z.number(), z.number()], { error: 'expected [lo, hi]' })
  .refine(([lo, hi]) => lo < hi, { error: 'expected [lo, hi] with lo < hi' });

const MatrixDomain = z.strictObject({
  shape: z
    .tuple([z.number().int().min(1).max(100), z.number().int().min(1).max(100)])
    .describe('[rows, columns] of the matrix variable.'),
  range: Range.optional().describe('Range of every element; default [0.2, 0.8].'),
});

export const DomainSchema = z
  .record(Identifier, z.union([Range, MatrixDomain], { error: 'expected [lo, hi] or {shape: [r, c], range: [lo, hi]}' }))
  .describe('For kind: expression. Where each variable (normalised name: x_i, yhat) is drawn from: [lo, hi] (default [0.2, 0.8]), or {shape, range} for a matrix.');

export const MistakeSchema = z
  .strictObject({
    expected: Expression.optional().describe('A known wrong answer, as a mathjs expression (it may name this answer’s id).'),
    expected_latex: z.string().min(1).optional().describe('The known wrong answer in LaTeX.'),
    feedback: z.string().min(1).describe('Advice shown to the student when the answer matches this mistake.'),
    credit: z.number().min(0).max(1).default(0).describe('Fraction of the points given for this mistake (0..1, default 0).'),
  })
  .refine((m) => (m.expected === undefined) !== (m.expected_latex === undefined), {
    error: 'a mistake needs exactly one of expected, expected_latex',
  })
  .describe('A known wrong answer: its diagnosis and credit.');

export const AnswerSchema = z
  .strictObject({
    id: Identifier.describe('Unique id; later `expected` values may use it as a name for this answer’s true value.'),
    label: z
      .union([Text, z.array(Text).min(1)], { error: 'expected a label or a list of labels' })
      .optional()
      .describe('Names a student may use (normalised, SPEC §5). Without a label the last claim of the section answers.'),
    expected: Expression.optional().describe('mathjs expression over context, classes, the engine and the ids of answers above; or a number, list or matrix.'),
    expected_latex: z.string().min(1).optional().describe('The expected value (or, for kind: expression, the expected expression) in LaTeX.'),
    kind: z
      .string()
      .refine(isAnswerKind, { error: `expected one of the answer kinds: ${BUILT_IN_KINDS.join(', ')}` })
      .meta({ enum: [...BUILT_IN_KINDS] })
      .default('number')
      .describe('number (default): a number, vector or matrix compared under tolerance; expression: symbolic, compared at random points.'),
    value: z
      .enum(['number', 'vector', 'matrix'])
      .optional()
      .describe('Shape of the answer, when the expected value does not show it (kind: expression).'),
    unit: UnitSchema.optional(),
    read: ReadSchema.optional(),
    points: z
      .number()
      .nonnegative()
      .optional()
      .describe('Points for this answer. Default: an equal share of what its siblings leave of the question’s points; without those, defaults.points, then 1.'),
    tolerance: ToleranceSchema.optional(),
    follow_through: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Credit (0..1) when wrong but right with the student’s own values of the answers `expected` names.'),
    mistakes: z.array(MistakeSchema).optional().describe('Known wrong answers, tried in order.'),
    domain: DomainSchema.optional(),
    reveal: RevealSchema.optional(),
    manual: z.boolean().optional().describe('Graded by a TA: status manual, 0 points until overridden.'),
  })
  .refine((a) => a.expected === undefined || a.expected_latex === undefined, {
    error: 'give expected or expected_latex, not both',
  })
  .describe('One graded value.');

export const QuestionSchema = z
  .strictObject({
    id: Text.describe('Unique question id, used in reports and the gradebook.'),
    title: z.string().optional().describe('Shown in reports.'),
    section: Text.optional().describe('Path in the submission ("2.a"; "2a", "2(a)", "Q2.a" mean the same); includes sub-parts.'),
    heading: z.string().min(1).optional().describe('Regex (case-insensitive) for an enclosing Markdown heading or topic line.'),
    text: z.string().min(1).optional().describe('Regex (case-insensitive): the question starts at the first block matching it.'),
    points: z
      .number()
      .nonnegative()
      .optional()
      .describe('The question’s total: answers without points share what the others leave, equally; answers’ own points may not exceed it.'),
    manual: z.boolean().optional().describe('The whole question is graded by a TA.'),
    read: ReadSchema.optional(),
    tolerance: ToleranceSchema.optional(),
    answers: z.array(AnswerSchema).optional().describe('The values graded in this question.'),
  })
  .superRefine((q, ctx) => {
    if (q.section === undefined && q.heading === undefined && q.text === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a question needs at least one of section, heading, text' });
    }
    if (!q.manual && (q.answers === undefined || q.answers.length === 0)) {
      ctx.addIssue({ code: 'custom', message: 'a question that is not manual needs answers' });
    }
  })
  .describe('A question: where it is in the submission, and its answers.');

export const TestSchema = z
  .strictObject({
    submission: z.string().min(1).describe('Path of a submission, relative to the rubric file.'),
    score: z.number().describe('Expected total score.'),
    questions: z.record(z.string(), z.number()).optional().describe('Expected score per question id.'),
    answers: z
      .record(z.string(), z.enum(['correct', 'partial', 'incorrect', 'missing', 'unreadable', 'manual']))
      .optional()
      .describe('Expected status per answer id.'),
    overrides: z
      .record(z.string(), z.number().nonnegative())
      .optional()
      .describe('Points given by hand, by answer id (a manual question without answers: its question id).'),
  })
  .describe('A rubric self-test, run by `markgrade rubric test`.');

export const DefaultsSchema = z
  .strictObject({
    tolerance: ToleranceSchema.optional(),
    points: z.number().nonnegative().optional().describe('Points of an answer that names none (default 1).'),
    unit: UnitSchema.optional(),
  })
  .describe('Defaults for every answer.');

export const RubricSchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema of this file (editors).'),
    rubric: Text.describe('Rubric id, e.g. ml-hw3; written to every report.'),
    title: z.string().optional().describe('Shown in reports.'),
    public: z
      .boolean()
      .optional()
      .describe('Written by `rubric publish`: locators and labels only, no expected values; `check` reports found at most.'),
    published_from: z
      .strictObject({
        rubric: Text.describe('Id of the private rubric this one was published from.'),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/, { error: 'expected 64 lowercase hex digits' })
          .describe('SHA-256 of the private rubric file, so a student can tell a stale public rubric.'),
      })
      .optional()
      .describe('Written by `rubric publish`: which private rubric this public one stands for.'),
    reveal: RevealSchema.optional().describe(
      'What a student may see (check, md, html, gradescope, junit, github): found, verdict (the default) or all; a public rubric shows found only.',
    ),
    classes: z
      .array(Text)
      .optional()
      .describe('Names of classes 1..n of confusion matrices; every entry is a name, even 0.'),
    log_base: z
      .union([z.literal('e'), z.literal(10), z.literal(2)], { error: 'expected e, 10 or 2' })
      .default('e')
      .describe('How \\log is read in LaTeX (student work and expected_latex): e (default), 10 or 2.'),
    numbers: z
      .enum(['decimal-point', 'decimal-comma'])
      .optional()
      .describe('How submissions write decimals: decimal-point (0.82) or decimal-comma (0,82, with ; between vector entries). Unset: each submission’s own math decides.'),
    defaults: DefaultsSchema.optional(),
    context: z
      .record(Identifier, z.union([z.string().min(1), NumericData], { error: 'expected a mathjs expression (text), a number, a list or a matrix' }))
      .optional()
      .describe('The problem’s given data, evaluated in order: numbers and lists are data, text is a mathjs expression.'),
    questions: z.array(QuestionSchema).min(1).describe('The questions, in the order they are reported.'),
    tests: z.array(TestSchema).optional().describe('Rubric self-tests.'),
  })
  .meta({ title: 'markgrade rubric' })
  .describe('A markgrade rubric (SPEC §4). Put `# yaml-language-server: $schema=<path>/rubric.schema.json` on the first line for editor help.');

export type Reveal = z.infer<typeof RevealSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type Domain = z.infer<typeof DomainSchema>;
export type Mistake = z.infer<typeof MistakeSchema>;
export type Answer = z.infer<typeof AnswerSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type RubricTest = z.infer<typeof TestSchema>;
export type Rubric = z.infer<typeof RubricSchema>;

/**
 * The JSON Schema (draft-07, what YAML editors read) of a rubric file as written.
 * @example JSON.stringify(rubricJsonSchema(), null, 2) // the content of schema/rubric.schema.json
 */
export function rubricJsonSchema(): object {
  return z.toJSONSchema(RubricSchema, { target: 'draft-7', io: 'input' });
}
