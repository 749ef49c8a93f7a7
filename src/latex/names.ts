// Variable names built from KaTeX nodes (SPEC §5): styling dropped, accents as
// suffixes, subscripts joined by `_`, a layer index `^{(2)}` or `^{[2]}` kept as `__2`.
import { ACCENT_SUFFIXES, GREEK, MATHJS_RESERVED, TRANSPOSE_MARKS } from './policy.js';
import { atomsIn, list, type KNode } from './katex.js';
import { refuse } from './refusal.js';

/** A variable's name in parts: `\hat{y}^{(2)}_k` is stem `yhat`, layer `2`, subscripts [`k`]. */
export interface NameParts {
  stem: string;
  layer: string | null;
  subs: string[];
}

/** `yhat__2_k`: stem, layer index after `__`, subscripts after `_`. */
export function joinName(parts: NameParts): string {
  const layer = parts.layer === null ? '' : `__${parts.layer}`;
  const subs = parts.subs.length === 0 ? '' : `_${parts.subs.join('_')}`;
  const name = `${parts.stem}${layer}${subs}`;
  if (MATHJS_RESERVED.has(name)) refuse('unreadable', `the name "${name}"`);
  return name;
}

/**
 * The name a node stands for when it is a variable (`\mathbf{W}`, `\hat{y}`, `x_{ij}`,
 * `\theta`), or null when it is something else.
 */
export function nameParts(node: KNode): NameParts | null {
  switch (node.type) {
    case 'mathord':
    case 'textord': {
      const text = node.text ?? '';
      if (/^[A-Za-z]$/.test(text)) return { stem: text, layer: null, subs: [] };
      const greek = GREEK[text];
      return greek === undefined ? null : { stem: greek, layer: null, subs: [] };
    }
    case 'ordgroup':
    case 'mclass':
    case 'font':
    case 'styling': {
      const children = list(node.body);
      return children.length === 1 ? nameParts(children[0]) : wordName(children);
    }
    case 'text':
    case 'operatorname':
      return wordName(list(node.body));
    case 'accent':
    case 'overline': {
      const inner = nameParts(node.type === 'overline' ? list(node.body)[0] : (node.base as KNode));
      const suffix = node.type === 'overline' ? 'bar' : ACCENT_SUFFIXES[node.label ?? ''];
      if (inner === null || suffix === undefined) return null;
      return { ...inner, stem: inner.stem + suffix };
    }
    default:
      return null;
  }
}

/** Letters written as one styled word (`\text{lr}`, `\mathrm{BCE}`) name one variable. */
function wordName(children: KNode[]): NameParts | null {
  const word = children.map((c) => c.text ?? '').join('');
  return /^[A-Za-z][A-Za-z0-9]*$/.test(word) ? { stem: word, layer: null, subs: [] } : null;
}

/** Text of a subscript as part of a name: `{ij}` -> `ij`, `{\text{BCE}}` -> `BCE`, `{i,j}` -> `i_j`. */
function subscriptText(node: KNode): string {
  const parts = nameParts(node);
  if (parts !== null && node.type !== 'ordgroup') return joinName(parts);
  const pieces: string[] = [];
  for (const child of atomsIn(node)) {
    const text = child.text ?? '';
    const named = nameParts(child);
    if (named !== null) pieces.push(joinName(named));
    else if (/^\d$/.test(text)) pieces.push(text);
    else if (text === ',') pieces.push('_');
    else if (text === '+' || text === '-') pieces.push(text === '+' ? '_plus_' : '_minus_');
    else if (child.type === 'supsub' && child.base) pieces.push(joinName(supSubName(child) ?? refuseSub(child)));
    else refuseSub(child);
  }
  return pieces.join('').replace(/_+/g, '_').replace(/^_|_$/g, '');
}

function refuseSub(node: KNode): never {
  return refuse('unreadable', `subscript with "${node.text ?? node.type}"`);
}

/** Brackets around a layer index: `z^{(2)}`, and `a^{[2]}` as deep-learning courses write it. */
const LAYER_BRACKETS: Record<string, string> = { '(': ')', '[': ']', '\\lbrack': '\\rbrack' };

/** `{(2)}`, `{[2]}` -> `2`: a superscript in brackets is a layer index, part of the name. */
export function layerIndex(sup: KNode): string | null {
  const atoms = atomsIn(sup);
  if (atoms.length < 3) return null;
  const close = LAYER_BRACKETS[atoms[0].text ?? ''];
  if (close === undefined || atoms[atoms.length - 1].text !== close) return null;
  return subscriptText({ type: 'ordgroup', body: atoms.slice(1, -1) });
}

/** Reads `*` (and `*T`) superscripts: `X^*` is a variable named `Xstar`. */
export function starMark(sup: KNode): { star: boolean; transpose: boolean } {
  const texts = atomsIn(sup)
    .filter((a) => a.type !== 'spacing' && a.type !== 'kern')
    .map((a) => a.text ?? '');
  const star = texts[0] === '*' || texts[0] === '\\ast';
  const transpose = star && texts.length === 2 && TRANSPOSE_MARKS.has(texts[1]);
  return { star: star && (texts.length === 1 || transpose), transpose };
}

/** The variable name of a whole atom list (`\hat{y}_k`), or null when it is not one name. */
export function nameOfAtoms(atoms: KNode[]): string | null {
  if (atoms.length !== 1) return null;
  const atom = atoms[0];
  const parts = atom.type === 'supsub' ? supSubName(atom) : nameParts(atom);
  return parts === null ? null : joinName(parts);
}

/** The name of a variable with sub- and superscripts (`z^{(2)}_i`, `X^*`), or null. */
export function supSubName(node: KNode): NameParts | null {
  const base = nameParts(node.base as KNode);
  if (base === null) return null;
  const parts = { ...base, subs: [...base.subs] };
  if (node.sub) parts.subs.push(subscriptText(node.sub));
  if (node.sup) {
    const layer = layerIndex(node.sup);
    if (layer !== null) parts.layer = layer;
    else if (starMark(node.sup).star) parts.stem += 'star';
  }
  return parts;
}

