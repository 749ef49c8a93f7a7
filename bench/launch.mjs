// Runs the bundled CLI in this process and, at exit, prints what the kernel counted for
// it on stderr's last line: `bench: cpu-ms <user+system> max-rss-kb <peak>`. The
// benchmarks start it instead of the CLI, so that CPU time and peak memory are the
// CLI's own, worker threads included. Usage: node bench/launch.mjs <cli.js> <args…>
import { pathToFileURL } from 'node:url';

const [cli, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], cli, ...args];
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nbench: cpu-ms ${((usage.userCPUTime + usage.systemCPUTime) / 1000).toFixed(0)} max-rss-kb ${usage.maxRSS}\n`);
});
await import(pathToFileURL(cli).href);
