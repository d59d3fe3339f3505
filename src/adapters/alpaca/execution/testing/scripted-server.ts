// A tiny HTTP server for the execution adapter's tests: each request is recorded and answered by a script
// (a status and JSON body, a hang that never answers, or a connection reset), so the real SDK transport and the
// failure policies run over real sockets without the exchange. Must never: listen beyond 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ScriptedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly headers: IncomingMessage['headers'];
}

export type ScriptedReply =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly hang: true }
  | { readonly reset: true };

export type ScriptedHandler = (request: ScriptedRequest) => ScriptedReply;

export class ScriptedServer {
  readonly requests: ScriptedRequest[] = [];
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #handler: ScriptedHandler;

  private constructor(handler: ScriptedHandler) {
    this.#handler = handler;
    this.#server = createServer((req, res) => { this.#serve(req, res); });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /** Starts on an ephemeral port of 127.0.0.1. */
  static async start(handler: ScriptedHandler = () => ({ status: 404, body: { code: 40410000, message: 'not found' } })): Promise<ScriptedServer> {
    const server = new ScriptedServer(handler);
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get url(): string {
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('scripted server is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Replaces the script. */
  script(handler: ScriptedHandler): void {
    this.#handler = handler;
  }

  /** Requests as `METHOD /path`. */
  calls(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => { resolve(); }));
  }

  #serve(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const request: ScriptedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body: text === '' ? undefined : JSON.parse(text), headers: req.headers };
      this.requests.push(request);
      const reply = this.#handler(request);
      if ('hang' in reply) return;
      if ('reset' in reply) { req.socket.destroy(); return; }
      const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...(body === '' ? {} : { 'Content-Type': 'application/json' }), ...reply.headers });
      res.end(body);
    });
  }
}
