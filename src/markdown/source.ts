// The submission's text with a line index: offsets <-> 1-based line:column.
import type { Place } from '../types.js';

export class SourceText {
  /** Offset of the first character of each line (line 1 at index 0). */
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[line - 1];
  }

  /** Offset just past the line's last character (its `\n`, or the end of the text). */
  lineEnd(line: number): number {
    return line < this.starts.length ? this.starts[line] - 1 : this.text.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  place(offset: number): Place {
    const line = this.lineOf(offset);
    return { line, column: offset - this.lineStart(line) + 1 };
  }

  isBlankLine(line: number): boolean {
    return this.lineText(line).trim() === '';
  }
}
