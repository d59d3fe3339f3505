// The ordered list of schema migrations; the last version here is the newest schema this build knows.
// Must never: reorder, renumber or drop an entry: databases in the field record which versions they applied.
import { migration001 } from './001-orders.js';
import { migration002 } from './002-ledger.js';
import { migration003 } from './003-state-and-cache.js';
import { migration004 } from './004-backtests.js';
import { migration005 } from './005-human-views.js';
import type { Migration } from './migration.js';

/** Every migration, versions 1..n without gaps. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005];
