import { uuidv7 } from '../shared';

/** Server-made ids: time-ordered UUID v7, like the devices' record ids. */
export function newId(now: Date = new Date()): string {
  return uuidv7(now.getTime());
}
