// Reads the raw layers of configuration: config.yaml, .env and the given environment. Only reads; never
// writes files and never mutates process.env (the .env file is parsed, not loaded).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotEnv } from 'dotenv';
import { parseDocument } from 'yaml';
import type { ConfigIssue } from './config-error.js';

/** The environment as the loader sees it. */
export type EnvMap = Readonly<Record<string, string | undefined>>;

/** The raw inputs before merging. */
export interface ConfigLayers {
  readonly configPath: string;
  readonly configFound: boolean;
  /** Parsed YAML (undefined when absent or unparsable). */
  readonly yaml: unknown;
  readonly dotEnvPath: string;
  readonly dotEnvFound: boolean;
  readonly dotEnv: Readonly<Record<string, string>>;
  readonly env: EnvMap;
  /** Problems reading the files (YAML syntax, unreadable file, missing explicit CONFIG_PATH). */
  readonly issues: readonly ConfigIssue[];
}

/** Name of the .env file, always read from the working directory. */
export const DOTENV_FILE = '.env';
/** Default config file name. */
export const DEFAULT_CONFIG_FILE = 'config.yaml';

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function readDotEnv(path: string): { found: boolean; values: Record<string, string>; issues: ConfigIssue[] } {
  if (!existsSync(path)) return { found: false, values: {}, issues: [] };
  try {
    return { found: true, values: parseDotEnv(readFileSync(path)), issues: [] };
  } catch (error) {
    const issue: ConfigIssue = { key: '.env', source: '.env', message: `.env (${path}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
    return { found: true, values: {}, issues: [issue] };
  }
}

function readYaml(path: string, explicit: '.env' | 'env' | undefined): { found: boolean; doc: unknown; issues: ConfigIssue[] } {
  if (!existsSync(path)) {
    const message = `CONFIG_PATH (paths.config_path) = ${path} does not exist: allowed an existing YAML file`;
    const issues: ConfigIssue[] = explicit === undefined ? [] : [{ key: 'paths.config_path', envName: 'CONFIG_PATH', source: explicit, message }];
    return { found: false, doc: undefined, issues };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { found: true, doc: undefined, issues: [{ key: 'config.yaml', source: 'config.yaml', message: `config file ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}` }] };
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e): ConfigIssue => ({ key: 'config.yaml', source: 'config.yaml', message: `config file ${path} is not valid YAML: ${e.message.split('\n')[0] ?? e.code}` }));
    return { found: true, doc: undefined, issues };
  }
  return { found: true, doc: doc.toJS() as unknown, issues: [] };
}

/**
 * Reads `.env` (from `cwd`) and the config file (CONFIG_PATH from the environment, then .env, else
 * `config.yaml`; relative paths resolve against `cwd`).
 */
export function readConfigLayers({ env, cwd }: { env: EnvMap; cwd: string }): ConfigLayers {
  const dotEnvPath = resolve(cwd, DOTENV_FILE);
  const dot = readDotEnv(dotEnvPath);
  const fromEnv = nonEmpty(env.CONFIG_PATH);
  const fromDotEnv = nonEmpty(dot.values.CONFIG_PATH);
  const configPath = resolve(cwd, fromEnv ?? fromDotEnv ?? DEFAULT_CONFIG_FILE);
  const yaml = readYaml(configPath, fromEnv !== undefined ? 'env' : fromDotEnv !== undefined ? '.env' : undefined);
  return {
    configPath, configFound: yaml.found, yaml: yaml.doc,
    dotEnvPath, dotEnvFound: dot.found, dotEnv: dot.values,
    env, issues: [...dot.issues, ...yaml.issues],
  };
}
