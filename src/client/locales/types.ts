import type { uk as handedUk } from './handed/uk';
import type { uk as reportsUk } from './reports/uk';
import type { uk } from './uk';

/** The same keys, every text a string: what the English file must match. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export type Messages = Shape<typeof uk>;
export type ReportMessages = Shape<typeof reportsUk>;
export type HandedMessages = Shape<typeof handedUk>;

/** Every text the client has: the first screen's and the lazily loaded report screens'. */
export type AllMessages = Messages & ReportMessages;
