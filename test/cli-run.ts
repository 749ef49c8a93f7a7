// The CLI run in the test's own process through createCli, from the bundle (whose grading
// workers sit beside it and start as fast as the bin's): its output and exit code without
// a process start-up.
// Tests of what only a process has (signals, the bin's shebang, npx) spawn dist/bundle.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `markgrade <args>` in `cwd`, without colours; `env` adds to (or, with '', blanks) process.env.
 * @example const out = await runCli(['eval', '1+1', '--json'], dir) // { code: 0, stdout: '2\n', stderr: '' }
 */
export async function runCli(args: string[], cwd: string = root, env: Record<string, string> = {}): Promise<CliRun> {
  const { createCli } = (await import(pathToFileURL(path.join(root, 'dist', 'bundle', 'create-cli.js')).href)) as typeof import('../src/cli.js');
  let stdout = '';
  let stderr = '';
  const code = await createCli({
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
  }).run(args);
  return { code, stdout, stderr };
}
