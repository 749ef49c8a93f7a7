// The rubric's YAML, kept with its node ranges so that any schema path can be turned
// back into the line and column where the author wrote it.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Scalar } from 'yaml';
import type { Place } from '../types.js';

export type SchemaPath = ReadonlyArray<PropertyKey>;

export interface YamlSource {
  text: string;
  doc: Document;
  lineCounter: LineCounter;
}

export interface SyntaxProblem {
  place: Place;
  message: string;
}

/** Parses YAML keeping ranges; duplicate keys and every syntax error are reported. */
export function readYaml(text: string): { source: YamlSource; problems: SyntaxProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const source = { text, doc, lineCounter };
  const problems = doc.errors.map((error) => ({
    place: placeOfOffset(source, error.pos[0]),
    message: `YAML: ${error.message}`,
  }));
  return { source, problems };
}

/**
 * Where a schema path was written: the key itself when `key` (an unknown key), else its
 * value; the nearest written ancestor when the path does not exist (a missing key).
 * `index` is an offset inside a single-line scalar value (a name inside `expected`).
 */
export function placeOf(source: YamlSource, path: SchemaPath, options: { key?: boolean; index?: number } = {}): Place {
  const { node, keyNode, complete } = walk(source.doc.contents, path);
  const target = complete && options.key && keyNode ? keyNode : node;
  if (!target?.range) return { line: 1, column: 1 };
  const start = target.range[0];
  const offset = complete && options.index !== undefined && isScalar(target) ? offsetInScalar(source, target, options.index) : 0;
  return placeOfOffset(source, start + offset);
}

/**
 * Replaces numbers written where text is meant (`classes: [0, 1]`, `section: 2.10`) by
 * their text as written, so `2.10` stays "2.10" and does not become 2.1.
 * `patterns` are dotted paths with `*` for any list index, e.g. `questions.*.section`.
 */
export function keepNumbersAsWritten(source: YamlSource, patterns: string[]): void {
  const wanted = patterns.map((pattern) => pattern.split('.'));
  visitScalars(source.doc.contents, [], (scalar, path) => {
    if (typeof scalar.value !== 'number' || scalar.source === undefined) return;
    if (wanted.some((pattern) => matches(path, pattern))) scalar.value = scalar.source;
  });
}

function walk(root: unknown, path: SchemaPath): { node: Node | null; keyNode: Node | null; complete: boolean } {
  let node = isNode(root) ? root : null;
  let keyNode: Node | null = null;
  for (const segment of path) {
    const next = child(node, segment);
    if (next === null) return { node, keyNode: null, complete: false };
    node = next.value;
    keyNode = next.key;
  }
  return { node, keyNode, complete: true };
}

function child(node: Node | null, segment: PropertyKey): { key: Node | null; value: Node } | null {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    if (!pair) return null;
    const key = isNode(pair.key) ? pair.key : null;
    // `key:` with nothing after it has no value node: point at the key.
    const value = isNode(pair.value) ? pair.value : key;
    return value ? { key, value } : null;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return isNode(item) ? { key: null, value: item } : null;
  }
  return null;
}

/** Offset of character `index` of a scalar's value from the scalar's start, when it is written as is. */
function offsetInScalar(source: YamlSource, scalar: Scalar, index: number): number {
  const [start, end] = scalar.range!;
  const written = source.text.slice(start, end);
  const value = String(scalar.value);
  if (scalar.type === 'PLAIN' && written === value) return index;
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  if (quoted && written.slice(1, -1) === value) return index + 1;
  return 0;
}

function placeOfOffset(source: YamlSource, offset: number): Place {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

function visitScalars(node: unknown, path: string[], visit: (scalar: Scalar, path: string[]) => void): void {
  if (isScalar(node)) visit(node, path);
  else if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key)) visitScalars(pair.value, [...path, String(pair.key.value)], visit);
    }
  } else if (isSeq(node)) node.items.forEach((item, i) => visitScalars(item, [...path, String(i)], visit));
}

function matches(path: string[], pattern: string[]): boolean {
  return (
    path.length === pattern.length &&
    pattern.every((segment, i) => (segment === '*' ? /^\d+$/.test(path[i]) : segment === path[i]))
  );
}

function isNode(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value);
}
