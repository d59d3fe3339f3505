#!/usr/bin/env node
// Entry point for `alpaca-bot` / `npx alpaca-bot`: registers the TypeScript loader (tsx) and runs the CLI.
// Sources run as TypeScript directly, so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/app/cli/main.ts');
process.exitCode = await main(process.argv);
