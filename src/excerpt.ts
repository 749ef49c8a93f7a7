/** Longest piece of a student's text quoted in a report (a refused 2 MB matrix must not be copied). */
const MAX_QUOTE = 400;

/**
 * The student's text trimmed, and cut with an ellipsis when too long to quote.
 * @example excerpt('  0.82 ') // "0.82"
 */
export function excerpt(text: string): string {
  const trimmed = text.trim();
  return trimmed.length <= MAX_QUOTE ? trimmed : `${trimmed.slice(0, MAX_QUOTE)}… (${trimmed.length} characters)`;
}
