// One submission's report as JSON (SPEC §7): field names are the contract.
import type { GradeResult } from '../types.js';

export function jsonReport(result: GradeResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
