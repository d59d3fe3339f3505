// Market events → Alpaca market-data stream messages (PROTOCOL §5.3), and frame encoding: msgpack binary
// frames with `t` as the msgpack timestamp extension (type −1, what the SDK's decoder expects), or JSON text
// frames with RFC-3339 `t`. Top level is always an array. Must never: send a bare object.
import { encode } from '@msgpack/msgpack';
import type { ExchangeBar, MarketEvent } from '../contracts.js';

export type MdCodec = 'msgpack' | 'json';

/** The stream channel a market event belongs to, and the symbol it is about. */
export function channelOf(event: MarketEvent): { channel: 'bars' | 'updatedBars' | 'dailyBars' | 'trades' | 'quotes'; symbol: string } {
  switch (event.kind) {
    case 'bar': return { channel: 'bars', symbol: event.bar.symbol };
    case 'updatedBar': return { channel: 'updatedBars', symbol: event.bar.symbol };
    case 'dailyBar': return { channel: 'dailyBars', symbol: event.bar.symbol };
    case 'trade': return { channel: 'trades', symbol: event.symbol };
    case 'quote': return { channel: 'quotes', symbol: event.symbol };
  }
}

/** The virtual time a market event is stamped with (epoch ms). */
export function timeOf(event: MarketEvent): number {
  return event.kind === 'trade' || event.kind === 'quote' ? event.t : event.bar.t;
}

/** Builds the wire message; `t` is a Date here and becomes ext −1 (msgpack) or RFC-3339 (JSON) when encoded. */
export function toWire(event: MarketEvent): Record<string, unknown> {
  switch (event.kind) {
    case 'bar': return barWire('b', event.bar);
    case 'updatedBar': return barWire('u', event.bar);
    case 'dailyBar': return barWire('d', event.bar);
    case 'trade':
      return { T: 't', S: event.symbol, i: event.id, x: 'V', p: event.price, s: event.size, c: ['@'], t: new Date(event.t), z: 'C' };
    case 'quote':
      return {
        T: 'q', S: event.symbol, bx: 'V', bp: event.bid, bs: event.bidSize, ax: 'V', ap: event.ask, as: event.askSize,
        c: ['R'], t: new Date(event.t), z: 'C',
      };
  }
}

function barWire(type: 'b' | 'u' | 'd', bar: ExchangeBar): Record<string, unknown> {
  return { T: type, S: bar.symbol, o: bar.o, h: bar.h, l: bar.l, c: bar.c, v: bar.v, t: new Date(bar.t), n: bar.n, vw: bar.vw };
}

/** Encodes an array of messages for the connection's codec. */
export function encodeFrame(messages: readonly Record<string, unknown>[], codec: MdCodec): { data: Buffer | string; binary: boolean } {
  if (codec === 'msgpack') {
    const bytes = encode(messages);
    return { data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), binary: true };
  }
  return { data: JSON.stringify(messages), binary: false };
}

/** A frame no decoder accepts (fault injection): 0xc1 is never used in msgpack; the text is cut-off JSON. */
export function malformedFrame(codec: MdCodec): { data: Buffer | string; binary: boolean } {
  return codec === 'msgpack' ? { data: Buffer.from([0x91, 0xc1]), binary: true } : { data: '[{"T":"b","S":', binary: false };
}
