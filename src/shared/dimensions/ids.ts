/**
 * Every dimension offers this value, so a count never has to be forced into a wrong cell.
 * Apart from index.ts so that code on the first screen's path (report facts, the device's
 * aggregates) can name it without loading zod, which the dimension file's parse needs.
 */
export const NOT_STATED = 'not_stated';
/**
 * "Whatever the value": only in breakdowns that count one thing in several cells (an event's
 * audience, docs/counting-model.md), for the cell that holds it once across a dimension.
 */
export const ANY = '*';
