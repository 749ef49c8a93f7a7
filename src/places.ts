// Places as reports show them. In a Markdown file a place is line:column; in a notebook
// it is the cell and the line inside it (steps are read that way already, see
// src/markdown/index.ts), and every place also carries the raw `.ipynb` line
// (`fileLine`) for outputs that point into the file itself (GitHub, JUnit).
import type { CellPlace, GradeResult, ParsedSubmission } from './types.js';

/** `12:3`, or `cell 4, 2:3` in a notebook. */
export function placeText(place: { line: number; column: number } & CellPlace): string {
  return place.cell === undefined ? `${place.line}:${place.column}` : `cell ${place.cell}, ${place.line}:${place.column}`;
}

/**
 * A notebook's result with question lines (still lines of the notebook's Markdown view)
 * turned into cell places; answers and slips come from steps, already in cell lines.
 * A Markdown file's result is returned as it is.
 */
export function inFilePlaces(result: GradeResult, notebook: ParsedSubmission['notebook']): GradeResult {
  if (!notebook) return result;
  const questions = result.questions.map((question) => {
    if (question.line === null) return question;
    const place = notebook.places[Math.min(notebook.places.length, Math.max(1, question.line)) - 1];
    return place ? { ...question, line: place.line, cell: place.cell, fileLine: place.fileLine } : question;
  });
  return { ...result, questions };
}
