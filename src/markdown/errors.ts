// A submission markgrade refuses to read at all (binary, invalid UTF-8, too large, nested
// too deeply). The batch turns it into a report with `error` and `errorCode`; it never
// crashes the run.
import { LIMIT_TABLE, type LimitCode, type LimitName } from '../limits.js';

export type SubmissionErrorKind = 'binary' | 'encoding' | 'size' | 'nesting' | 'notebook';

/** Why a submission could not be read: `binary`, `encoding`, `notebook` (not a readable .ipynb), or the code of the limit it passed. */
export type SubmissionErrorCode = 'binary' | 'encoding' | 'notebook' | LimitCode;

export class SubmissionError extends Error {
  constructor(
    readonly kind: SubmissionErrorKind,
    message: string,
    readonly line?: number,
    readonly column?: number,
    readonly code: SubmissionErrorCode = kind === 'binary' || kind === 'encoding' || kind === 'notebook' ? kind : 'file-bytes',
  ) {
    super(line === undefined ? message : `${message} (at ${line}:${column ?? 1})`);
    this.name = 'SubmissionError';
  }
}

/**
 * The error for a file past one of the limits in src/limits.ts; the message names its code.
 * @example overLimit('tableCells', 'size', 'too many table cells', 3, 1).code // 'table-cells'
 */
export function overLimit(name: LimitName, kind: 'size' | 'nesting', message: string, line?: number, column?: number): SubmissionError {
  const { code } = LIMIT_TABLE[name];
  return new SubmissionError(kind, `${message} [limit ${code}]`, line, column, code);
}
