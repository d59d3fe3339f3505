// A tiny exact router: path templates split on '/', `{name}` segments capture, every other segment is literal
// (so `/v2/orders:by_client_order_id` is one literal segment, never a parameter). Must never: decode or
// normalise the path beyond percent-decoding captured parameters.
import type { HttpReply } from './http-reply.js';
import type { RawQuery } from './query.js';

/** What a handler sees of the request. */
export interface RouteRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: RawQuery;
  /** Parsed JSON body (undefined when the request had none). */
  readonly body: unknown;
}

export type RouteHandler = (req: RouteRequest) => HttpReply | Promise<HttpReply>;

interface Route {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: RouteHandler;
}

/** The outcome of matching: a handler with its params, a known path with another method, or nothing. */
export type RouteMatch =
  | { readonly kind: 'found'; readonly handler: RouteHandler; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'not-found' };

export class Router {
  readonly #routes: Route[] = [];

  /** Registers `handler` for `method` on a template like `/v2/orders/{order_id}`. */
  add(method: string, template: string, handler: RouteHandler): this {
    this.#routes.push({ method: method.toUpperCase(), segments: template.split('/'), handler });
    return this;
  }

  /** Finds the route for a raw (still percent-encoded) path. */
  match(method: string, path: string): RouteMatch {
    const parts = path.split('/');
    const allowed: string[] = [];
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { kind: 'found', handler: route.handler, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

function matchSegments(template: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (template.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const want = template[i] ?? '';
    const got = parts[i] ?? '';
    if (want.startsWith('{') && want.endsWith('}')) {
      if (got === '') return undefined;
      const decoded = safeDecode(got);
      if (decoded === undefined) return undefined;
      params[want.slice(1, -1)] = decoded;
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
