// Public surface of the SQLite adapter: open the store; everything else is reached through the Store port.
// Must never: export a repository class for direct use (they are wired together by openStore).
export { BUSY_TIMEOUT_MS, openDatabase, openStore, STORE_FILE_NAME, StoreOpenError, type OpenStoreOptions } from './open-store.js';
export { BREAKER_CLEAR, BREAKER_KEY, decodeBreaker, encodeBreaker } from './breaker-state-repo.js';
export { applyMigrations, currentSchemaVersion, MigrationListError, type MigrationOutcome } from './apply-migrations.js';
export { MIGRATIONS } from './migrations/all-migrations.js';
export type { Migration } from './migrations/migration.js';
