// KaTeX's parser, as markgrade uses it: `katex.__parse` (KaTeX 0.19.1, pinned) gives
// the flat atom lists the converter reads; its settings bound macro expansion.
import katex from 'katex';
import { LIMIT_TABLE } from '../limits.js';

/** A node of KaTeX's parse tree (only the fields we read). */
export interface KNode {
  type: string;
  text?: string;
  name?: string;
  family?: string;
  font?: string;
  label?: string;
  body?: KNode | KNode[] | KNode[][];
  base?: KNode | null;
  sup?: KNode | null;
  sub?: KNode | null;
  numer?: KNode;
  denom?: KNode;
  index?: KNode | null;
  hasBarLine?: boolean;
  left?: string;
  right?: string;
  mclass?: string;
  delim?: string;
  colSeparationType?: string;
  addJot?: boolean;
}

const parse = (katex as unknown as { __parse(source: string, settings: object): KNode[] }).__parse;

const SETTINGS = {
  throwOnError: true,
  strict: 'ignore',
  trust: false,
  // Bounds macro expansion (`\def`) so that no input expands without end.
  maxExpand: LIMIT_TABLE.latexExpansions.value,
};

/**
 * KaTeX stopped the parse at `maxExpand`. KaTeX says so only in its message (pinned by
 * test/latex/katex-contract.test.ts), so this is the one place that reads it.
 */
export function isExpansionOverrun(error: unknown): boolean {
  return error instanceof Error && error.message.includes('Too many expansions');
}

/** KaTeX's atom list for a piece of math; throws KaTeX's ParseError on bad input. */
export function parseKatex(source: string): KNode[] {
  return parse(source, SETTINGS);
}

/** A node's body (or any child field) as a flat list. */
export function list(body: KNode | KNode[] | KNode[][] | undefined | null): KNode[] {
  if (body === undefined || body === null) return [];
  if (!Array.isArray(body)) return [body];
  return (body as Array<KNode | KNode[]>).flat();
}


/** The atoms of a group: `{ab}` -> [a, b]; a single atom -> [it]. */
export function atomsIn(node: KNode): KNode[] {
  return node.type === 'ordgroup' ? list(node.body) : [node];
}
