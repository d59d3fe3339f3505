// Where files live under the configured directories. Must never create anything; callers do that.
import { join } from 'node:path';
import type { Config } from './config-schema.js';

/** SQLite database file name inside DATA_DIR. */
export const DATABASE_FILE = 'alpaca-bot.db';

/** Absolute path of the SQLite database (`DATA_DIR/alpaca-bot.db`). */
export function databasePath(config: { readonly paths: Pick<Config['paths'], 'data_dir'> }): string {
  return join(config.paths.data_dir, DATABASE_FILE);
}
