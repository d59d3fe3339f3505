// One server-side WebSocket as both stream protocols use it: sends counted by the activity tracker (so the
// speed-max barrier knows when frames are out), pongs answered by hand (so a stall can silence them), and a
// stall switch that swallows every outgoing frame. Must never: throw from a send on a closing socket.
import type { WebSocket } from 'ws';
import type { ActivityTracker } from './activity-tracker.js';

let nextConnectionId = 1;

export class StreamSocket {
  readonly id: string;
  readonly #ws: WebSocket;
  readonly #tracker: ActivityTracker;
  #stalledUntil = 0;
  #silencePongs = false;

  constructor(ws: WebSocket, tracker: ActivityTracker, prefix: string) {
    this.id = `${prefix}-${nextConnectionId++}`;
    this.#ws = ws;
    this.#tracker = tracker;
    ws.on('ping', (data: Buffer) => {
      if (this.isStalled() && this.#silencePongs) return;
      if (this.isOpen()) this.#ws.pong(data);
    });
  }

  isOpen(): boolean {
    return this.#ws.readyState === this.#ws.OPEN;
  }

  /** True while a stall fault holds the socket silent. */
  isStalled(): boolean {
    return this.#stalledUntil > performance.now();
  }

  /** Goes silent (no frames; pongs too when `silencePongs`) for `durationMs`, or until `unstall()`. */
  stall(durationMs: number | undefined, silencePongs: boolean): void {
    this.#stalledUntil = durationMs === undefined ? Infinity : performance.now() + durationMs;
    this.#silencePongs = silencePongs;
  }

  unstall(): void {
    this.#stalledUntil = 0;
    this.#silencePongs = false;
  }

  /** Sends one frame unless stalled or closed. Returns whether it was handed to the socket. */
  send(data: Buffer | string, binary: boolean): boolean {
    if (!this.isOpen() || this.isStalled()) return false;
    const done = this.#tracker.frameQueued();
    try {
      this.#ws.send(data, { binary }, () => { done(); });
    } catch {
      done();
      return false;
    }
    return true;
  }

  /** Sends a last frame, then closes with `code` once it is written. */
  sendAndClose(data: Buffer | string, binary: boolean, code: number, reason: string): void {
    if (!this.isOpen()) return;
    this.#ws.send(data, { binary }, () => { this.close(code, reason); });
  }

  close(code: number, reason: string): void {
    if (this.isOpen()) this.#ws.close(code, reason);
  }

  /** Drops the TCP connection without a close handshake (what a network failure looks like). */
  terminate(): void {
    this.#ws.terminate();
  }
}
