import { v7 } from 'uuid';

/**
 * Time-ordered UUID v7 (RFC 9562): made on the device, offline, and sortable by creation time,
 * so ids never collide across devices and indexes stay append-mostly. The byte layout is the
 * `uuid` package's; the only thing kept here is the clock, because callers pass their own (the
 * server's injectable clock, a record's creation time).
 */
export const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The last timestamp used and the 32-bit counter within it (RFC 9562 method 1, as `uuid` keeps it). */
export interface V7State {
  msecs: number;
  seq: number;
}

/**
 * Ids from one generator never go backwards: within one millisecond (or when the clock steps
 * back) the counter counts up from a random start, and when it wraps the timestamp moves on by one.
 */
export function uuidv7Generator(state: V7State = { msecs: -Infinity, seq: 0 }): (now?: number) => string {
  return (now = Date.now()) => {
    const random = globalThis.crypto.getRandomValues(new Uint8Array(16));
    if (now > state.msecs) {
      state.msecs = now;
      // 31 random bits: room to count up before the counter wraps
      state.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    } else {
      state.seq = (state.seq + 1) | 0;
      if (state.seq === 0) state.msecs += 1;
    }
    return v7({ msecs: state.msecs, seq: state.seq, random });
  };
}

export const uuidv7: (now?: number) => string = uuidv7Generator();

/** Milliseconds since the epoch encoded in a v7 id. */
export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
