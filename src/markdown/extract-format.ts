// The human listing printed by `markgrade extract`: what the reader found, with places.
import type { Claim, NumericValue, ParsedSubmission, Step } from '../types.js';

/**
 * The section tree, then every claim with line:column, section, label, shown steps and
 * the value read.
 * Example line: `  42:4   2.a   precision a   Precision_A = \frac{50}{61} = 0.82   -> 0.82`.
 */
export function formatExtract(parsed: ParsedSubmission): string {
  const lines: string[] = [`student: ${parsed.student ?? '(none)'}`, '', 'sections:'];
  if (parsed.sections.length === 0) lines.push('  (none)');
  for (const section of parsed.sections) {
    const depth = section.path.split('.').length - 1;
    const topic = section.topic === null ? '' : `   [${section.topic}]`;
    lines.push(`  ${'  '.repeat(depth)}${section.path.padEnd(10 - 2 * depth)} ${section.marker.padEnd(14)} lines ${section.line}-${section.endLine}${topic}`);
  }
  lines.push('', 'headings:');
  if (parsed.headings.length === 0) lines.push('  (none)');
  for (const heading of parsed.headings) {
    const kind = heading.depth === 0 ? 'topic line' : `h${heading.depth}`;
    lines.push(`  ${String(heading.line).padStart(4)}  ${kind.padEnd(10)} ${heading.text}`);
  }
  lines.push('', 'claims:');
  if (parsed.claims.length === 0) lines.push('  (none)');
  for (const claim of parsed.claims) lines.push(formatClaim(claim));
  return `${lines.join('\n')}\n`;
}

function formatClaim(claim: Claim): string {
  const final = claim.steps[claim.steps.length - 1];
  const place = (final.cell === undefined ? `${claim.line}:${claim.column}` : `c${final.cell} ${final.line}:${final.column}`).padEnd(8);
  const section = (claim.section === '' ? '-' : claim.section).padEnd(8);
  const label = (claim.label === '' ? '(no label)' : claim.label).padEnd(20);
  const shown = [claim.labelText, ...claim.steps.map((step) => step.source)].filter((s) => s !== '').join(' = ');
  const origin = claim.from ? ` (${claim.from})` : claim.origin === 'table' ? ' (table)' : '';
  return `  ${place} ${section} ${label} ${oneLine(shown, 100)}   -> ${result(claim.steps[claim.steps.length - 1])}${origin}`;
}

function result(step: Step): string {
  if (step.refusal) return `${step.refusal.kind}: ${step.refusal.reason}`;
  if (step.value !== null) return formatValue(step.value) + (step.percent ? ' (percent)' : '');
  return step.expr === null ? '?' : `expression ${step.expr}`;
}

/** Numbers to 6 significant digits; vectors and matrices in brackets. */
export function formatValue(value: NumericValue): string {
  if (Array.isArray(value)) return `[${(value as Array<number | number[]>).map((v) => formatValue(v)).join(', ')}]`;
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
