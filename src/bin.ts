#!/usr/bin/env node
// The `markgrade` command (package.json bin, bundled as dist/bundle/cli.js): the CLI on
// this process's streams, folder and environment; its exit code becomes the process's.
import { createCli } from './cli.js';

process.exitCode = await createCli({ stdout: process.stdout, stderr: process.stderr }).run(process.argv.slice(2));
