/**
 * Every dimension offers this value, so a count never has to be forced into a wrong cell.
 * Apart from index.ts so that code on the first screen's path (report facts, the device's
 * aggregates) can name it without loading zod, which the dimension file's parse needs.
 */
export const NOT_STATED = 'not_stated';
