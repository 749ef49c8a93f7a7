// The one rule for a fenced code block's fence line (``` or ~~~, three or more, after
// any indentation or block-quote `>`), shared by the math scan (no math inside code),
// the notebook view (an open fence in a markdown cell is closed), the code-block reader
// and the HTML report (a fence line of a notebook's view gets no line number). A module
// of its own, with no imports, so that a reporter can use the rule without the reader.

/** A line that opens or closes a fenced code block; group 1 is the fence itself. */
export const FENCE = /^[ \t>]*(`{3,}|~{3,})/;

/**
 * Whether a line opens or closes a fenced code block.
 * @example isFenceLine('> ```python') // true
 */
export function isFenceLine(line: string): boolean {
  return FENCE.test(line);
}

/**
 * Whether a line can close a fence: the fence and nothing but spaces or tabs after it.
 * @example closesFence('```  ') // true; closesFence('```python') // false
 */
export function closesFence(line: string): boolean {
  const match = FENCE.exec(line);
  return match !== null && /^[ \t]*$/.test(line.slice(match[0].length));
}
