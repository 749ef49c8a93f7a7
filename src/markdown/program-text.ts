// Whether the lines of an indented block are a program, not indented prose. Markdown
// makes any indented text a code block, and OCR'd and plain-text work indents prose
// (`sigmoid(z) = 0.5`), so indentation alone says nothing (src/markdown/README.md). A
// block is a program only when its first paragraph is nothing but statements and at
// least one line is one that only a program has: a prompt, an import, a definition, a
// print, or a call on a module (`np.array(`, `torch.tensor(`).

/** A console prompt opening a line (`>>> p`, `In [3]: acc`): a session, so a program. */
const PROMPT_LINE = /^(?:>>>|In \[\d*\]:)(?:\s|$)/;

/** Lines only a program has. */
const PROGRAM_ONLY = [
  PROMPT_LINE,
  /^(?:import\s+[A-Za-z_][\w.]*(?:\s+as\s+\w+)?(?:\s*,\s*[A-Za-z_][\w.]*)*|from\s+[A-Za-z_.][\w.]*\s+import\s+[\w*(]).*$/,
  /^(?:def|class)\s+[A-Za-z_]\w*\s*[(:]/,
  /^(?:print|printf|disp|console\.log)\s*\(/,
  /\b(?:np|numpy|torch|tf|pd|jnp|jax|scipy|sklearn|plt|nn|F)\.[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\s*\(/,
];

/** Program-only lines that are statements of their own (an import, a definition's header). */
const HEADER = /^(?:import|from|def|class)\s/;

/** A statement: an assignment to a name (one `=`), a call, a comment, a control line, or a line inside an open bracket. */
const ASSIGNMENT = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[[^\]\n]*\])*(?:\s*,\s*[A-Za-z_]\w*)*\s*(?:[+\-*/@]|\*\*|\/\/)?=(?!=)\s*\S/;
const CALL = /^[A-Za-z_][\w.]*\s*\(.*\)\s*;?$/;
const COMMENT = /^(?:#(?![+#])|\/\/)/;
const CONTROL = /^(?:(?:for|while|if|elif|with|try|except|else|finally)\b.*:|return\b.*|pass|break|continue|raise\b.*)$/;

/**
 * Whether an indented block's text is a program.
 * Example: `isProgram("lam = 0.1\nw = np.array([0.8, -1.5])\nprint(2 * lam * w)")` -> true;
 * `isProgram("sigmoid(z) = 0.5")` and `isProgram("p = 0.5")` -> false.
 */
export function isProgram(text: string): boolean {
  const paragraph = firstParagraph(text);
  if (paragraph.length === 0) return false;
  if (PROMPT_LINE.test(paragraph[0])) return true;
  let open = 0;
  let only = false;
  for (const line of paragraph) {
    const inside = open > 0;
    open = Math.max(0, open + bracketBalance(line));
    if (inside) continue;
    const programOnly = PROGRAM_ONLY.some((pattern) => pattern.test(line));
    // `y = np.exp(0) + 1 = 2` names a module but is a chain of prose math: every line must be a statement.
    if (!isStatement(line) && !(programOnly && HEADER.test(line))) return false;
    only ||= programOnly;
  }
  return only;
}

/**
 * Whether one line reads as code: a statement, a program-only line, or a bare expression
 * without words apart (`p`, `w.sum()`, `x[0] + 1`). `Final answer: 0.85` is prose.
 */
export function isCodeLine(line: string): boolean {
  const text = line.trim();
  return isStatement(text) || PROGRAM_ONLY.some((pattern) => pattern.test(text)) || (/^[\w.[\]()+\-*/@%, ]+$/.test(text) && !/\p{L}{2,}\s+\p{L}{2,}/u.test(text));
}

function isStatement(line: string): boolean {
  if (COMMENT.test(line) || CONTROL.test(line) || CALL.test(line)) return true;
  // `p = 0.5 * 0.3 = 0.15` is a chain of prose math, not an assignment.
  return ASSIGNMENT.test(line) && topLevelEquals(line) === 1;
}

/** The lines up to the first blank one, trimmed. */
function firstParagraph(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      if (lines.length > 0) break;
      continue;
    }
    lines.push(line);
  }
  return lines;
}

function bracketBalance(line: string): number {
  let balance = 0;
  for (const c of withoutStrings(line)) {
    if ('([{'.includes(c)) balance += 1;
    else if (')]}'.includes(c)) balance -= 1;
  }
  return balance;
}

/** Single `=` outside brackets and strings (not `==`, `<=`, `>=`, `!=`, `+=` counts once). */
function topLevelEquals(line: string): number {
  const text = withoutStrings(line);
  let depth = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ('([{'.includes(c)) depth += 1;
    else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
    else if (c === '=' && depth === 0 && text[i + 1] !== '=' && !'=<>!'.includes(text[i - 1] ?? '')) count += 1;
  }
  return count;
}

function withoutStrings(line: string): string {
  return line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
}
