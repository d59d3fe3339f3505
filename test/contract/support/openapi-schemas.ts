// Response schemas of the Alpaca OpenAPI specs for the operations the SDK contract suite exercises, and a
// validator over them. The schemas come from ../shared/alpaca/openapi when it exists (resolved from the
// repository root), otherwise from test/fixtures/openapi-schemas.json, which is the same extraction,
// committed. Must never: skip a response silently (callers count what was checked).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHARED_OPENAPI = resolve(REPO_ROOT, '../shared/alpaca/openapi');
export const FIXTURE_PATH = join(REPO_ROOT, 'test/fixtures/openapi-schemas.json');

type Api = 'trading' | 'data';
type Operation = readonly [method: string, template: string, status: string];

/** Every operation whose responses the suite validates (literal templates before parameterised ones). */
export const OPERATIONS: Readonly<Record<Api, readonly Operation[]>> = {
  trading: [
    ['GET', '/v2/account', '200'], ['GET', '/v2/positions', '200'], ['DELETE', '/v2/positions', '207'],
    ['GET', '/v2/positions/{symbol_or_asset_id}', '200'], ['DELETE', '/v2/positions/{symbol_or_asset_id}', '200'],
    ['POST', '/v2/orders', '200'], ['GET', '/v2/orders', '200'], ['DELETE', '/v2/orders', '207'],
    ['GET', '/v2/orders:by_client_order_id', '200'], ['GET', '/v2/orders/{order_id}', '200'], ['PATCH', '/v2/orders/{order_id}', '200'],
    ['GET', '/v2/clock', '200'], ['GET', '/v2/calendar', '200'], ['GET', '/v2/assets', '200'], ['GET', '/v2/assets/{symbol_or_asset_id}', '200'],
  ],
  data: [
    ['GET', '/v2/stocks/bars', '200'], ['GET', '/v2/stocks/bars/latest', '200'], ['GET', '/v2/stocks/quotes/latest', '200'],
    ['GET', '/v2/stocks/trades/latest', '200'], ['GET', '/v2/stocks/snapshots', '200'], ['GET', '/v2/stocks/{symbol}/bars', '200'],
    ['GET', '/v2/stocks/{symbol}/bars/latest', '200'], ['GET', '/v2/stocks/{symbol}/quotes/latest', '200'],
    ['GET', '/v2/stocks/{symbol}/trades/latest', '200'], ['GET', '/v2/stocks/{symbol}/snapshot', '200'],
  ],
};

/** One API's extraction: `"METHOD template status"` → response schema, plus the component schemas they use. */
export interface ExtractedApi {
  readonly operations: Record<string, unknown>;
  readonly components: { readonly schemas: Record<string, unknown> };
}
export type Extracted = Readonly<Record<Api, ExtractedApi>>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed YAML document is walked dynamically
type Doc = Record<string, any>;

/** Pulls the response schemas of `ops` and every component schema they reach out of a spec document. */
export function extractApi(doc: Doc, ops: readonly Operation[]): ExtractedApi {
  const operations: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const pending: string[] = [];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) pending.push(value.slice(21));
        else collect(value);
      }
    }
  };
  for (const [method, template, status] of ops) {
    let response = doc['paths']?.[template]?.[method.toLowerCase()]?.responses?.[status];
    if (typeof response?.$ref === 'string') response = doc['components']?.responses?.[response.$ref.split('/').pop()];
    const schema = response?.content?.['application/json']?.schema;
    if (schema === undefined) throw new Error(`OpenAPI: no JSON schema for ${method} ${template} ${status}`);
    operations[`${method} ${template} ${status}`] = schema;
    collect(schema);
  }
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name in schemas) continue;
    schemas[name] = doc['components'].schemas[name];
    collect(schemas[name]);
  }
  return { operations, components: { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) } };
}

/** The extraction from the shared spec (undefined when ../shared is absent). */
export function extractFromShared(): Extracted | undefined {
  const file = (api: Api): string => join(SHARED_OPENAPI, `${api}.yaml`);
  if (!existsSync(file('trading')) || !existsSync(file('data'))) return undefined;
  const read = (api: Api): Doc => parseYaml(readFileSync(file(api), 'utf8')) as Doc;
  return { trading: extractApi(read('trading'), OPERATIONS.trading), data: extractApi(read('data'), OPERATIONS.data) };
}

/** The schemas to validate against and where they came from. */
export function loadSchemas(): { source: 'shared spec' | 'recorded fixture'; schemas: Extracted } {
  const shared = extractFromShared();
  if (shared) return { source: 'shared spec', schemas: shared };
  return { source: 'recorded fixture', schemas: JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Extracted };
}

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

/** Validates responses by method, URL path and status. */
export class OpenApiValidator {
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #templates: { api: Api; method: string; template: string; status: string; pattern: RegExp }[] = [];

  constructor(schemas: Extracted) {
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true, logger: false }));
    for (const format of ['decimal', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float']) ajv.addFormat(format, true);
    for (const api of ['trading', 'data'] as const) {
      ajv.addSchema({ $id: `${api}.json`, components: schemas[api].components }, `${api}.json`);
      for (const [key, schema] of Object.entries(schemas[api].operations)) {
        const [method = '', template = '', status = ''] = key.split(' ');
        const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${api}.json#/components/`)) as object;
        this.#validators.set(`${api} ${key}`, ajv.compile(rebased));
        const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        this.#templates.push({ api, method, template, status, pattern });
      }
    }
  }

  /** Errors for this response; `checked` is false when the suite has no schema for it (e.g. 4xx, 204). */
  validate(method: string, path: string, status: number, body: unknown): { checked: boolean; operation?: string; errors: string[] } {
    const api: Api = path.startsWith('/v2/stocks') ? 'data' : 'trading';
    const entry = this.#templates.find((t) => t.api === api && t.method === method && t.status === String(status) && t.pattern.test(path));
    if (!entry) return { checked: false, errors: [] };
    const validate = this.#validators.get(`${api} ${entry.method} ${entry.template} ${entry.status}`)!;
    const operation = `${entry.method} ${entry.template} ${entry.status}`;
    if (validate(body)) return { checked: true, operation, errors: [] };
    return { checked: true, operation, errors: (validate.errors ?? []).map((e) => `${operation}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`) };
  }
}
