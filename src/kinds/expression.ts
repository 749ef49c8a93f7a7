// kind: expression (SPEC §4): the final expression is compared with the expected one at
// random points of the rubric's `domain` (checks/expression.ts).
import { checkExpression } from '../checks/expression.js';
import { placeText } from '../places.js';
import { knownMistake } from './mistake.js';
import type { AnswerKind } from './types.js';

export const expressionKind: AnswerKind = {
  name: 'expression',
  keys: ['domain'],
  expected: 'expression',
  wants: 'expression',
  grade({ answer, final, found }) {
    const got = final.expr as string;
    const expected = answer.expectedExpr as string;
    const graded = { ...found, expected, got };
    const verdict = checkExpression(got, expected, answer.domain, answer.id);
    const place = `at ${placeText({ line: found.line ?? 0, column: found.column ?? 0, cell: found.cell })}`;
    if (verdict.status !== 'incorrect') {
      const points = verdict.status === 'correct' ? answer.points : 0;
      const limit = verdict.limit === undefined ? {} : { limit: verdict.limit };
      return { ...graded, status: verdict.status, reasonCode: verdict.code, points, reason: `found ${got} ${place}: ${verdict.reason}`, ...limit };
    }
    const mistake = answer.mistakes.findIndex(
      (m) => m.expectedExpr !== undefined && checkExpression(got, m.expectedExpr, answer.domain, answer.id).status === 'correct',
    );
    if (mistake >= 0) return knownMistake(answer, mistake, graded, `found ${got} ${place}: matches a known mistake`);
    return { ...graded, status: 'incorrect', reasonCode: verdict.code, points: 0, reason: `found ${got} ${place}: ${verdict.reason}` };
  },
};
