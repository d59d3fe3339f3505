// What every CLI command receives: where to write, the environment, the working directory, and a place
// to put its exit code. Commands never call process.exit or console.* directly, so tests can run them in process.
import type { Command } from 'commander';

export interface CliContext {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The environment the command sees (process.env in production; a plain object in tests). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** True when stdout is a terminal (colours, progress bars); false when piped. */
  readonly isTTY: boolean;
  /** Set by the command's action; main() returns it. 0 ok, 1 failure, 2 usage error / not available. */
  exitCode: number;
}

/** Exit codes scripts can trust. */
export const EXIT = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
} as const;

/** Each command module exports one of these; it adds its subcommand to the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;
