// A submission markgrade refuses to read at all (binary, invalid UTF-8, too large, nested
// too deeply). The batch turns it into a report with `error`; it never crashes the run.

export type SubmissionErrorKind = 'binary' | 'encoding' | 'size' | 'nesting';

export class SubmissionError extends Error {
  constructor(
    readonly kind: SubmissionErrorKind,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line === undefined ? message : `${message} (at ${line}:${column ?? 1})`);
    this.name = 'SubmissionError';
  }
}
