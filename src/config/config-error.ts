// The one error type configuration loading throws: a list of problems, one line each, so a person can
// fix every mistake in one pass. Must never carry a secret value: messages are built from masked values.

/** Where a configuration value came from, lowest to highest precedence. */
export type ConfigSource = 'default' | 'config.yaml' | '.env' | 'env' | 'override';

/** Sources in precedence order (lowest first). */
export const CONFIG_SOURCES: readonly ConfigSource[] = ['default', 'config.yaml', '.env', 'env', 'override'];

/** One problem with the configuration. */
export interface ConfigIssue {
  /** Dotted key, e.g. `risk.max_position_pct` (or `--mode` for a command-line flag). */
  readonly key: string;
  /** The environment variable the value came from, when it came from `.env` or the environment. */
  readonly envName?: string;
  /** The layer that supplied the bad value (`cli` for command-line flags, `gate` for the live-trading gate). */
  readonly source: ConfigSource | 'cli' | 'gate';
  /** The whole human line: key, bad value (masked for secrets), and the allowed range or values. */
  readonly message: string;
}

/**
 * Thrown when the configuration is invalid or the safety gates refuse to start.
 * `issues` holds every problem found, not just the first.
 */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const count = issues.length;
    super(`invalid configuration (${count} problem${count === 1 ? '' : 's'}):\n${issues.map((i) => `  - ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = Object.freeze([...issues]);
  }
}
