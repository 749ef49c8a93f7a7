// A course on disk (`markgrade course`): rubrics/<assignment>.yaml beside
// submissions/<assignment>/, reports into <out>/<assignment>/.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface Assignment {
  name: string;
  rubric: string;
  submissions: string;
}

/**
 * Every rubric `<name>.yaml` that has a folder of submissions `<name>/`, sorted by name.
 * @example await listAssignments('rubrics', 'submissions') // [{ name: 'hw1', rubric: 'rubrics/hw1.yaml', submissions: 'submissions/hw1' }]
 */
export async function listAssignments(rubricsDir: string, submissionsDir: string): Promise<Assignment[]> {
  const names = (await readdir(rubricsDir)).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
  const found: Assignment[] = [];
  for (const name of names) {
    const folder = await stat(path.join(submissionsDir, name)).catch(() => null);
    if (folder?.isDirectory()) found.push({ name, rubric: path.join(rubricsDir, `${name}.yaml`), submissions: path.join(submissionsDir, name) });
  }
  return found;
}
