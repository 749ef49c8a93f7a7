// A document's number convention (SPEC §5), decided from what the student wrote, never
// from what the rubric expects: `0,82`, `1,0817`, `0{,}82`, `(0,9; 1,7)` are decimal
// commas; `0.82`, `11.3`, `1,000.5` are decimal points. A number that could be either
// (`1,234`, `1.500`, `1{,}234`) is no evidence. The caller passes the student's own math:
// the steps of every claim and the cells of tables (never code or printed output), over
// the whole document, not only the located regions.
import type { NumberConvention } from './numbers.js';

/** How many numbers were written each way. */
export interface ConventionEvidence {
  point: number;
  comma: number;
  /** Numbers with dots between groups of three (`1.000.000`, `1.000,5`). */
  dotThousands: number;
}

export interface DecidedConvention {
  convention: NumberConvention;
  /**
   * The document (or the rubric) settles it. When the document writes both kinds, or no
   * decimal at all, a number that reads differently under the two is `ambiguous-number`
   * (`1,000` alone: a thousands group, or 1 with a decimal comma?).
   */
  settled: boolean;
  dotThousands: boolean;
  evidence: ConventionEvidence;
}

const RUN = /(?<![\w.,\\]|[_^]\{)\d+(?:[.,]\d+)+(?!\d)/g;
const BRACED_COMMA = /(?<![\d.])(\d+)\s*\{,\}\s*(\d+)(?!\s*\{,\})/g;
const SIUNITX = /\\num\s*\{[^{}]*,[^{}]*\}/g;

export function emptyEvidence(): ConventionEvidence {
  return { point: 0, comma: 0, dotThousands: 0 };
}

/**
 * Adds what one piece of the student's math says about the convention.
 * Example: `addEvidence("0,82", e)` counts one decimal comma; `addEvidence("\\max(0,5)", e)`
 * counts nothing (inside brackets a comma may separate arguments).
 */
export function addEvidence(text: string, evidence: ConventionEvidence): void {
  evidence.comma += (text.match(SIUNITX) ?? []).length;
  for (const match of text.matchAll(BRACED_COMMA)) {
    if (match[1] === '0' || match[1].length > 3 || match[2].length !== 3) evidence.comma += 1;
  }
  for (const match of text.matchAll(RUN)) classify(match[0], bracketsAround(text, match.index), evidence);
}

/** Decides the convention; a rubric's `numbers` option fixes it. */
export function decideConvention(evidence: ConventionEvidence, fixed?: NumberConvention): DecidedConvention {
  const dotThousands = evidence.dotThousands > 0;
  if (fixed !== undefined) return { convention: fixed, settled: true, dotThousands, evidence };
  if (evidence.comma > 0 && evidence.point === 0) return { convention: 'decimal-comma', settled: true, dotThousands, evidence };
  if (evidence.point > 0 && evidence.comma === 0) return { convention: 'decimal-point', settled: true, dotThousands, evidence };
  const convention = evidence.comma > evidence.point ? 'decimal-comma' : 'decimal-point';
  return { convention, settled: false, dotThousands, evidence };
}

type Around = 'none' | 'list' | 'semicolons';

/** Whether offset `at` is inside brackets, and whether those brackets separate with `;`. */
function bracketsAround(text: string, at: number): Around {
  const opens: number[] = [];
  for (let i = 0; i < at; i++) {
    const c = text[i];
    if (c === '(' || c === '[') opens.push(i);
    else if ((c === ')' || c === ']') && opens.length > 0) opens.pop();
  }
  if (opens.length === 0) return 'none';
  let depth = 0;
  for (let i = opens[opens.length - 1] + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth += 1;
    else if (c === ')' || c === ']') {
      if (depth === 0) break;
      depth -= 1;
    } else if (c === ';' && depth === 0 && text[i - 1] !== '\\') return 'semicolons';
  }
  return 'list';
}

function classify(run: string, around: Around, evidence: ConventionEvidence): void {
  const groups = run.split(/[.,]/);
  const [head, ...rest] = groups;
  const separators = run.replace(/\d/g, '');
  const thousandsLike = /^[1-9]\d{0,2}$/.test(head) && rest.every((group) => group.length === 3);
  if (separators === '.') {
    if (!thousandsLike) evidence.point += 1;
  } else if (separators === ',') {
    if (!thousandsLike && around !== 'list') evidence.comma += 1;
  } else if (/^\.+$/.test(separators)) {
    if (thousandsLike) [evidence.comma, evidence.dotThousands] = [evidence.comma + 1, evidence.dotThousands + 1];
  } else if (/^,+$/.test(separators)) {
    if (thousandsLike && around === 'none') evidence.point += 1;
  } else if (/^,+\.$/.test(separators)) {
    if (/^[1-9]\d{0,2}$/.test(head) && rest.slice(0, -1).every((group) => group.length === 3)) evidence.point += 1;
  } else if (/^\.+,$/.test(separators)) {
    if (/^[1-9]\d{0,2}$/.test(head) && rest.slice(0, -1).every((group) => group.length === 3)) {
      [evidence.comma, evidence.dotThousands] = [evidence.comma + 1, evidence.dotThousands + 1];
    }
  }
}
