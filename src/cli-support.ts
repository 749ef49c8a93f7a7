// What the command line needs besides flags: checking inputs before anything is graded,
// reading flag values, naming who fell under --fail-under, the package version. Plain
// functions, so that a programmatic CLI (createCli) can reuse them.
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_EXTENSIONS, listSubmissions, UsageError, type DiscoveryOptions, type SubmissionFile } from './files.js';
import { formatNames, type Format } from './reporters/registry.js';
import { REVEALS, type Reveal } from './reporters/reveal.js';
import { closestName } from './closest-name.js';
import type { GradeResult } from './types.js';
import { roundTo } from './values.js';

/**
 * Every submission below the inputs, before sharding. A path that does not exist, or
 * inputs that hold no submission at all, are usage errors: CI must not pass on nothing.
 * @example await findSubmissions(['submissions/hw3'], { extensions: ['md'] }) // [{ file: 'submissions/hw3/alice.md', name: 'alice' }, …]
 */
export async function findSubmissions(inputs: string[], options: DiscoveryOptions = {}): Promise<SubmissionFile[]> {
  if (inputs.length === 0) throw new UsageError('give at least one submission file or folder');
  for (const input of inputs) await mustExist(input);
  const files = await listSubmissions(inputs, options);
  if (files.length === 0) {
    const kinds = (options.extensions ?? DEFAULT_EXTENSIONS).map((e) => `*.${e}`).join(', ');
    throw new UsageError(`no submissions found in ${inputs.join(', ')} (looked for ${kinds})`);
  }
  return files;
}

/** A usage error naming the path when it does not exist. */
export async function mustExist(file: string): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (info === null) throw new UsageError(`${file}: no such file or folder`);
}

/**
 * `--format a,b`: every name must be known.
 * @example parseFormats('md,html') // ['md', 'html']
 */
export function parseFormats(list: string): Format[] {
  const formats = list.split(',').map((f) => f.trim()).filter(Boolean);
  const known = formatNames();
  for (const format of formats) {
    if (!known.includes(format)) {
      const closest = closestName(format, known);
      throw new UsageError(`unknown format "${format}"${closest ? ` (did you mean "${closest}"?)` : ''}; supported: ${known.join(', ')}`);
    }
  }
  return formats;
}

/** `--reveal found|verdict|all`, or undefined when not given. */
export function parseReveal(value: unknown): Reveal | undefined {
  if (value === undefined) return undefined;
  if (!(REVEALS as readonly unknown[]).includes(value)) throw new UsageError(`--reveal must be one of ${REVEALS.join(', ')}, got "${value}"`);
  return value as Reveal;
}

/** `--timeout` in seconds (0: none) -> milliseconds. */
export function parseTimeout(value: unknown): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--timeout must be a number of seconds (0: none), got "${value}"`);
  return seconds * 1000;
}

/** `--jobs`; not given: `auto` (pool.ts defaultJobs: by class size and cores). */
export function parseJobs(value: unknown): number | 'auto' {
  if (value === undefined) return 'auto';
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64, got "${value}"`);
  return jobs;
}

export function parseFraction(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const fraction = Number(value);
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) throw new UsageError(`--fail-under must be a fraction in [0, 1], got "${value}"`);
  return fraction;
}

/** The fraction of automatic points; a submission that could not be graded scores nothing. */
export function fractionOf(result: GradeResult): number {
  if (result.error !== null) return 0;
  return result.autoMaxScore === 0 ? 1 : result.autoScore / result.autoMaxScore;
}

/**
 * One stderr line per submission under `--fail-under`, naming it (an `error` counts).
 * @example underTheBar(results, 0.5) // ['under 0.5: submissions/bo.md 0.25 (1/4)', 'under 0.5: submissions/x.md (error: …)']
 */
export function underTheBar(results: GradeResult[], fraction: number): string[] {
  return results
    .filter((r) => fractionOf(r) < fraction)
    .map((r) =>
      r.error !== null
        ? `under ${fraction}: ${r.submission} (not graded: ${r.error})`
        : `under ${fraction}: ${r.submission} ${roundTo(fractionOf(r), 3)} (${roundTo(r.autoScore, 3)}/${roundTo(r.autoMaxScore, 3)} automatic points)`,
    );
}

/** Submissions a TA must look at: those that could not be graded. */
export function needsReview(results: GradeResult[]): string[] {
  return results.filter((r) => r.error !== null).map((r) => `  ${r.submission}: ${r.error}`);
}

/**
 * Adds "did you mean" to cac's "Unknown option `--fromat`".
 * @example explainCacError('Unknown option `--fromat`', ['--format', '--out']) // 'unknown option --fromat (did you mean --format?)'
 */
export function explainCacError(message: string, options: string[]): string {
  const unknown = /^Unknown option `([^`]+)`/.exec(message);
  if (unknown === null) return message;
  const closest = closestName(unknown[1], options);
  return `unknown option ${unknown[1]}${closest ? ` (did you mean ${closest}?)` : ''}; see --help`;
}

/** The version in package.json (looked up from this file: src/, dist/ or dist/bundle/). */
export function packageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'markgrade' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: look one folder up
    }
  }
  return 'unknown';
}
