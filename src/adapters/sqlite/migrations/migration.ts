// The shape of one schema migration. Each migration is a numbered file whose SQL is frozen once released:
// a database records the versions it has applied, so changing an old migration changes nothing for it.
// Must never: edit the SQL of a released migration; add a new numbered file instead.

/** One step of the schema; applied once, inside a transaction, in version order. */
export interface Migration {
  /** 1, 2, 3... without gaps. */
  readonly version: number;
  /** kebab-case summary, recorded in schema_migrations. */
  readonly name: string;
  readonly sql: string;
}
