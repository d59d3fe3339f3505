#!/usr/bin/env node
// Runs a TypeScript file of this repository (benchmarks, campaigns) with the tsx loader: node bin/run-ts.js FILE.ts [args]
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bin/run-ts.js FILE.ts [args...]');
  process.exit(2);
}
process.argv.splice(2, 1);
register();
await import(pathToFileURL(resolve(file)).href);
