// GFM tables and tab-separated text tables (the OCR'd "Class\tF1\tSupport" rows): one
// claim per cell holding a number or expression, labelled "row column" from the first
// cell of its row and its column header (SPEC §4, §5). The other labels SPEC §4 lets a
// cell answer to ("column row"; the column header alone when the column has one
// non-empty cell; the row header alone when the row has one non-empty value) are extra
// claims with the same steps, so the grader matches labels one way for every claim.
// Row and column headers are normalised apart, so the class `A` of row "A" is kept.
import type { Table } from 'mdast';
import type { Claim } from '../types.js';
import { cellValueChain, chainsOf, claimOf, leadingStep, looksLikeValue, stepsOf, type Chain, type ClaimContext } from './claims.js';
import { normaliseLabel } from './labels.js';
import type { SourceText } from './source.js';
import { blockStream, type StreamContext, type StreamItem } from './stream.js';
import { tokenize } from './tokens.js';

/** A cell's place in the source. */
export interface CellRange {
  start: number;
  end: number;
  line: number;
}

/** Rows of cells; row 0 holds the column headers, column 0 the row headers. */
export type Grid = CellRange[][];

/**
 * Runs of at least two consecutive lines split by tabs into the same number of cells (a
 * row may drop trailing empty cells).
 * Example: `"Class\tF1\nA\t0.74"` -> one grid of 2 rows × 2 cells.
 */
export function findTabTables(source: SourceText, firstLine: number, skipLines: Set<number>): Grid[] {
  const grids: Grid[] = [];
  let run: Grid = [];
  const close = (): void => {
    if (run.length >= 2) grids.push(run);
    run = [];
  };
  for (let line = firstLine; line <= source.lineCount; line++) {
    const text = source.lineText(line);
    if (skipLines.has(line) || !text.includes('\t') || text.trim() === '') {
      close();
      continue;
    }
    const row = tabCells(text, source.lineStart(line), line);
    if (run.length > 0 && row.length > run[0].length) close();
    run.push(row);
  }
  close();
  return grids;
}

function tabCells(text: string, lineStart: number, line: number): CellRange[] {
  const cells: CellRange[] = [];
  let from = 0;
  for (const part of text.split('\t')) {
    cells.push({ start: lineStart + from, end: lineStart + from + part.length, line });
    from += part.length + 1;
  }
  return cells;
}

/** The cells of a GFM table, without the pipes around them. */
export function gfmGrid(table: Table, text: string): Grid {
  return table.children.map((row) =>
    row.children.map((cell) => {
      let start = cell.position?.start.offset ?? 0;
      let end = cell.position?.end.offset ?? start;
      while (start < end && /[|\s]/.test(text[start])) start += 1;
      while (end > start && /[|\s]/.test(text[end - 1])) end -= 1;
      return { start, end, line: cell.position?.start.line ?? 1 };
    }),
  );
}

/**
 * Claims of one table: for every body cell (not in row 0 or column 0) that holds a
 * number or expression, its steps under each label it may answer to. A table of one
 * header row and one row of numbers (`| precision | recall |` / `| 0.763 | 0.9 |`) has no
 * row headers: every cell is labelled by its column header.
 * Example: header `Class | F1`, row `A | 0.74` -> claims "a f1" and "f1 a" with value 0.74
 * (and "f1" alone, when no other row has an F1).
 */
export function tableClaims(grid: Grid, stream: StreamContext, ctx: ClaimContext): Claim[] {
  const headers = grid[0] ?? [];
  const items = grid.map((row) => row.map((cell) => cellItems(cell, stream)));
  const texts = items.map((row) => row.map(cellText));
  const rowHeaders = !isHeaderAndValues(texts);
  const filledInColumn = new Map<number, number>();
  const filledInRow = texts.map((row, r) => (r === 0 ? 0 : row.slice(1).filter((text) => text !== '').length));
  texts.slice(1).forEach((row) => row.forEach((text, c) => text !== '' && filledInColumn.set(c, (filledInColumn.get(c) ?? 0) + 1)));
  const claims: Claim[] = [];
  grid.forEach((row, r) => {
    if (r === 0) return;
    row.forEach((cell, c) => {
      if ((c === 0 && rowHeaders) || texts[r][c] === '') return;
      const chain = cellChain(items[r][c], cell);
      if (!chain) return;
      const steps = stepsOf(chain, ctx);
      const rowName = texts[r][0] ?? '';
      const columnName = c < headers.length ? texts[0][c] : '';
      const labels = rowHeaders ? [[rowName, columnName], [columnName, rowName]] : [];
      if (filledInColumn.get(c) === 1) labels.push([columnName]);
      if (rowHeaders && filledInRow[r] === 1) labels.push([rowName]);
      const seen = new Set<string>();
      for (const parts of labels) {
        const text = parts.filter((part) => part !== '').join(' ');
        const normalised = parts.map(normaliseLabel).filter((part) => part !== '').join(' ');
        if (normalised === '' || seen.has(normalised)) continue;
        seen.add(normalised);
        claims.push(claimOf(chain, ctx, { text, normalised }, steps));
      }
    });
  });
  return claims;
}

const PLAIN_NUMBER = /^[+\-−]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)\s*\\?%?$/;

/** One header row of names over one row whose first cell is a number: no row headers. */
function isHeaderAndValues(texts: string[][]): boolean {
  const [header, values] = texts;
  return texts.length === 2 && PLAIN_NUMBER.test(values[0] ?? '') && (header[0] ?? '') !== '' && !PLAIN_NUMBER.test(header[0]);
}

const NO_LINES = new Set<number>();

/** A cell read as a one-line paragraph (its own line is a table line: not skipped here). */
function cellItems(cell: CellRange, stream: StreamContext): StreamItem[] {
  const block = { kind: 'paragraph' as const, start: cell.start, end: cell.end, startLine: cell.line, endLine: cell.line, inQuote: false };
  return blockStream(block, { ...stream, skipLines: NO_LINES });
}

/** A cell's text as written (math in its LaTeX), for headers. */
function cellText(items: StreamItem[]): string {
  return items
    .map((item) => (item.kind === 'text' || item.kind === 'math' ? item.text : ' '))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The steps a cell shows: its last chain, the expression before its first relation
 * included (`0.79*0.28 + … = 0.82` -> two steps), or the whole cell as one step when it
 * holds no relation; null for prose.
 */
function cellChain(items: StreamItem[], cell: CellRange): Chain | null {
  const tokens = tokenize(items);
  const chains = chainsOf(tokens);
  const last = chains[chains.length - 1];
  if (last) {
    const shown = leadingStep(last.label);
    const steps = shown.length > 0 && looksLikeValue(shown) ? [shown, ...last.steps] : last.steps;
    const hedge = last.hedge && { ...last.hedge, step: last.hedge.step + steps.length - last.steps.length };
    return { label: [], steps, start: cell.start, ...(hedge ? { hedge } : {}) };
  }
  if (tokens.some((token) => token.t !== 'frag' && !(token.t === 'end' && token.soft))) return null;
  return cellValueChain(tokens.flatMap((token) => (token.t === 'frag' ? [token.frag] : [])), cell.start);
}
