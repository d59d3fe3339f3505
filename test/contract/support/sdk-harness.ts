// The official SDK pointed at a running sim the way PROTOCOL §7 describes (the facade plus a fetch that
// rewrites Alpaca's hosts to the sim), with every REST response recorded and validated against the OpenAPI
// schemas. Must never: alter a request or a response (it only observes).
import { Alpaca, type AlpacaClientOptions } from '@alpacahq/alpaca-trade-api';
import { OpenApiValidator, loadSchemas } from './openapi-schemas.js';

/** One observed REST exchange. */
export interface Observed {
  readonly method: string;
  readonly path: string;
  readonly search: string;
  readonly status: number;
  readonly operation: string | undefined;
}

export interface SdkHarness {
  readonly alpaca: Alpaca;
  readonly observed: Observed[];
  /** Schema violations, one line each. */
  readonly violations: string[];
  /** Operations (METHOD template status) whose responses were validated. */
  readonly validatedOperations: Set<string>;
  readonly schemaSource: string;
}

let cached: { validator: OpenApiValidator; source: string } | undefined;

/** The validator, built once per test file (parsing the shared YAML takes a second or two). */
export function validator(): { validator: OpenApiValidator; source: string } {
  if (!cached) {
    const { source, schemas } = loadSchemas();
    cached = { validator: new OpenApiValidator(schemas), source };
  }
  return cached;
}

/** A facade client talking to the sim at `baseUrl`. */
export function sdkHarness(baseUrl: string, key: string, secret: string, options: Partial<AlpacaClientOptions> = {}): SdkHarness {
  const { validator: v, source } = validator();
  const observed: Observed[] = [];
  const violations: string[] = [];
  const validatedOperations = new Set<string>();
  const fetchApi = async (input: string, init?: RequestInit): Promise<Response> => {
    const target = input.replace(/^https:\/\/(paper-api|api|data)\.alpaca\.markets/, baseUrl);
    const response = await fetch(target, init);
    const url = new URL(target);
    const method = (init?.method ?? 'GET').toUpperCase();
    const text = await response.clone().text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      violations.push(`${method} ${url.pathname} ${response.status}: body is not JSON: ${text.slice(0, 80)}`);
    }
    const result = v.validate(method, url.pathname, response.status, body);
    if (result.operation) validatedOperations.add(result.operation);
    violations.push(...result.errors);
    observed.push({ method, path: url.pathname, search: url.search, status: response.status, operation: result.operation });
    return response;
  };
  const alpaca = new Alpaca({ keyId: key, secret, paper: true, fetchApi, ...options });
  return { alpaca, observed, violations, validatedOperations, schemaSource: source };
}

/** Polls `predicate` every 10 ms (up to `ms`), then asserts nothing: callers check what they waited for. */
export async function waitFor(predicate: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!predicate() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return predicate();
}
