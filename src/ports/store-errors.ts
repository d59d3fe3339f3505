// Typed store errors, named by what the caller must do (DESIGN §3.8). They live in ports/ so core/ can
// catch them without knowing the store is SQLite.
// Must never: put a secret or a whole row of user data in a message; ids and versions are enough.
import type { ClientOrderId } from '../domain/ids.js';

/** Stable codes; scripts and the dashboard may match on them. */
export type StoreErrorCode =
  | 'DUPLICATE_INTENT'
  | 'VERSION_CONFLICT'
  | 'INTENT_NOT_FOUND'
  | 'DUPLICATE_BROKER_EVENT'
  | 'SCHEMA_TOO_NEW'
  | 'INVALID_VALUE'
  | 'NOT_FOUND';

/** Base class of every error the store raises on purpose. Anything else from SQLite means: halt, never drop. */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An intent with this client_order_id is already stored (SPEC S4): the order was already created, so it must
 * never be sent again. The caller logs "duplicate prevented" and looks the existing intent up.
 */
export class DuplicateIntentError extends StoreError {
  override readonly name = 'DuplicateIntentError';
  constructor(readonly clientOrderId: ClientOrderId) {
    super('DUPLICATE_INTENT', `order intent ${clientOrderId} already exists: an id already in the store is never sent again (duplicate prevented)`);
  }
}

/** Someone else updated the intent first: re-read it and decide again. */
export class VersionConflictError extends StoreError {
  override readonly name = 'VersionConflictError';
  constructor(
    readonly clientOrderId: ClientOrderId,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super('VERSION_CONFLICT', `order intent ${clientOrderId} is at version ${actualVersion}, not the expected ${expectedVersion}: re-read it and retry`);
  }
}

export class IntentNotFoundError extends StoreError {
  override readonly name = 'IntentNotFoundError';
  constructor(readonly clientOrderId: ClientOrderId) {
    super('INTENT_NOT_FOUND', `order intent ${clientOrderId} does not exist`);
  }
}

/** A broker event (execution id) already recorded: the update it came with was not applied. */
export class DuplicateBrokerEventError extends StoreError {
  override readonly name = 'DuplicateBrokerEventError';
  constructor(readonly brokerEventId: string) {
    super('DUPLICATE_BROKER_EVENT', `broker event ${brokerEventId} is already recorded; the duplicate was ignored`);
  }
}

/** The database was written by a newer alpaca-bot; opening it with this one could corrupt it. */
export class SchemaTooNewError extends StoreError {
  override readonly name = 'SchemaTooNewError';
  constructor(
    readonly path: string,
    readonly dbVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      'SCHEMA_TOO_NEW',
      `database ${path} has schema version ${dbVersion}, newer than this alpaca-bot knows (${knownVersion}); upgrade alpaca-bot or point DATA_DIR elsewhere`,
    );
  }
}

/** A value that cannot go into the store (bad key, wrong range); the message names the field, value and rule. */
export class InvalidStoreValueError extends StoreError {
  override readonly name = 'InvalidStoreValueError';
  constructor(message: string) {
    super('INVALID_VALUE', message);
  }
}

export class StoreNotFoundError extends StoreError {
  override readonly name = 'StoreNotFoundError';
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}
