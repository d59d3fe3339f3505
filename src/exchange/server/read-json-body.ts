// Reads a request body as JSON: empty → undefined, bad JSON → a 400 with the parser's reason, oversize → 413.
// Must never: echo the body back (it may hold secrets a confused client sent).
import type { IncomingMessage } from 'node:http';

const MAX_BYTES = 1 << 20;

export type BodyResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly status: number; readonly message: string };

export async function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BYTES) return { ok: false, status: 413, message: `request body too large (max ${MAX_BYTES} bytes)` };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, message: 'request body is not valid JSON: send a JSON object with Content-Type: application/json' };
  }
}
