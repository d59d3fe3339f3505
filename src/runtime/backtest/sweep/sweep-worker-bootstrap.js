// Entry of every sweep worker thread. Node 20 does not pass the main thread's TypeScript loader to worker threads
// (not even with execArgv ['--import', 'tsx']), so this plain-JS file registers tsx's ESM loader in the thread and
// then imports the TypeScript worker named in workerData. Works the same under bin/alpaca-bot.js and vitest.
// Must never: do any work of its own beyond registering the loader and importing the entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
