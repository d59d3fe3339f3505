// Scrubs literal secret values out of any text before it is written (SPEC S7).
// Key-path redaction catches `{ secret: ... }`; this catches a key pasted into a message, an error text or a URL.
// Must never: log, return or store the secrets it holds; never scrub values too short to be secrets (noise).

export const REDACTED = '[REDACTED]';
const MIN_SECRET_LENGTH = 6;

/** Variants a secret takes once serialized: raw, JSON-escaped, URL-encoded. */
function variants(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

export class SecretScrubber {
  #needles: string[] = [];

  constructor(secrets: Iterable<string | undefined> = []) {
    this.add(secrets);
  }

  /** Adds secrets (empty and short values are ignored). Longest first, so a secret containing another is fully replaced. */
  add(secrets: Iterable<string | undefined>): void {
    const next = new Set(this.#needles);
    for (const secret of secrets) {
      if (secret && secret.length >= MIN_SECRET_LENGTH) for (const form of variants(secret)) next.add(form);
    }
    this.#needles = [...next].sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.#needles.length;
  }

  scrub(text: string): string {
    let out = text;
    for (const needle of this.#needles) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    return out;
  }
}
