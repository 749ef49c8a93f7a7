// Arrays as numpy prints them, copied into prose or math: `[2. 2.]`, `[0.5 1.5 -0.5]`,
// `[[2.66666667 1.33333333] [1.33333333 3.33333333]]`, `array([0.2, 0.3])`. Without this,
// KaTeX drops the spaces (`[2. 2.]` is the number `2.2.`) and `[a b] [c d]` is a product.
// Rewritten before anything else reads the piece, as the vectors and matrices they are.
import { refuse } from './refusal.js';

/** One printed entry: numpy writes `2.`, `-0.`, `1e-03`, `.5`; never words. */
const ENTRY = String.raw`[+\-−]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+\-]?\d+)?`;
/** A row: entries apart by spaces only (`[2. 2.]`, `[3]`; `[1 - 2]` is no row). */
const ROW = String.raw`\[\s*${ENTRY}(?:\s+${ENTRY})*\s*\]`;
/** A 2-D array: rows apart by spaces only (one row too: `[[1 2]]`). */
const MATRIX = new RegExp(String.raw`(?<![\w\\])\[\s*(?:${ROW}\s*)+\]`, 'g');
/** A 1-D array: at least two entries (`[2]` is a bracket around a number). */
const WIDE_ROW = String.raw`\[\s*${ENTRY}(?:\s+${ENTRY})+\s*\]`;
const VECTOR = new RegExp(String.raw`(?<![\w\\])${WIDE_ROW}`, 'g');
/** Printed rows side by side with no bracket around them: a matrix that lost its outer brackets? */
const LOOSE_ROWS = new RegExp(String.raw`${WIDE_ROW}\s*${WIDE_ROW}`);
/** `array([0.2, 0.3])`, `np.array([[1., 2.], [3., 4.]])`: the wrapper around numbers in brackets. */
const ARRAY_CALL = /(?<![\w\\.])(?:np\.|numpy\.)?array\(\s*(\[[\d\s.,eE+\-−[\]]*\])\s*\)/g;
const ENTRIES = new RegExp(ENTRY, 'g');
/** numpy's `2.` and `-0.`: the point ends the number (a LaTeX reader would take `2.2.` for one). */
const BARE_POINT = /(\d)\.(?![\d])/g;

/**
 * numpy-printed arrays as the comma-separated vectors and matrices the converter reads
 * (`, ` separates entries under every number convention); everything else unchanged.
 * Ragged rows, and rows side by side without brackets around them, are refused, never guessed.
 * Example: `printedArrays("[[1. 2.] [3. 4.]]")` -> `[[1, 2], [3, 4]]`;
 * `printedArrays("[0. -2.]")` -> `[0, -2]`.
 */
export function printedArrays(text: string): string {
  if (!text.includes('[')) return text;
  const unwrapped = text.replace(ARRAY_CALL, (_, inside: string) => inside.replace(BARE_POINT, '$1'));
  if (LOOSE_ROWS.test(unwrapped.replace(MATRIX, ''))) refuse('unreadable', 'printed rows side by side without brackets around them');
  return unwrapped
    .replace(MATRIX, (matrix) => {
      const rows = [...matrix.slice(1, -1).matchAll(new RegExp(ROW, 'g'))].map((row) => entries(row[0]));
      if (rows.some((row) => row.length !== rows[0].length)) refuse('unreadable', 'a printed matrix with rows of different lengths');
      return `[${rows.map((row) => `[${row.join(', ')}]`).join(', ')}]`;
    })
    .replace(VECTOR, (row) => `[${entries(row).join(', ')}]`);
}

function entries(row: string): string[] {
  return [...row.matchAll(ENTRIES)].map((entry) => entry[0].replace('−', '-').replace(BARE_POINT, '$1'));
}
