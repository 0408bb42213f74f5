import type { uk as handedUk } from './handed/uk';
import type { uk as adminUk } from './admin/uk';
import type { uk as reportsUk } from './reports/uk';
import type { uk } from './uk';
import type { uk as screensUk } from './uk-screens';
import type { uk as sessionUk } from './uk-session';

/**
 * Ukrainian has four plural forms (`_one`, `_few`, `_many`, `_other`), English two (`_one`,
 * `_other`): a text's `_few` and `_many`, beside its `_one`, are Ukrainian's own.
 */
type UkrainianOnly<K, All> = K extends `${infer Base}_${'few' | 'many'}` ? (`${Base}_one` extends All ? K : never) : never;

/** The same keys (less Ukrainian's extra plural forms), every text a string: what the English file must match. */
type Shape<T> = { [K in Exclude<keyof T, UkrainianOnly<keyof T, keyof T>>]: T[K] extends string ? string : Shape<T[K]> };

/** The main English file: the first screen's texts and those of the screens after it (uk-screens.ts, uk-session.ts). */
export type Messages = Shape<typeof uk & typeof screensUk & typeof sessionUk>;
export type ReportMessages = Shape<typeof reportsUk>;
export type HandedMessages = Shape<typeof handedUk>;
export type AdminMessages = Shape<typeof adminUk>;

/** Every text the client has: the first screen's and the lazily loaded report and admin screens'. */
export type AllMessages = Messages & ReportMessages & AdminMessages;
