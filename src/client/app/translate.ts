import type { Lang } from '../../shared/messages/lang';
import type { uk as adminUk } from '../locales/admin/uk';
import type { uk as reportsUk } from '../locales/reports/uk';
import type { uk } from '../locales/uk';
import type { uk as screensUk } from '../locales/uk-screens';
import type { uk as sessionUk } from '../locales/uk-session';

/**
 * The lookup behind `t`, without React or any state, so the data layer (locales/bilingual.ts)
 * uses the very same rules as the screens: dotted keys, `{{name}}` values put in as they are (no
 * escaping: React escapes what it renders), and plural forms chosen by the language's own rules.
 */

/** A locale file: texts, in sections nested to any depth. */
export interface MessageTree {
  readonly [key: string]: string | MessageTree;
}

/** The suffixes of a text's plural forms (i18next's convention, CLDR's categories). */
type PluralSuffix = Intl.LDMLPluralRule;

/**
 * Every dotted key of a locale file. A text given in plural forms (`shown_one`, `shown_few`, …) is
 * named by its base key as well (`shown`), which is how screens ask for it, with a `count`.
 */
export type KeysOf<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${P}${K}` | (K extends `${infer Base}_${PluralSuffix}` ? `${P}${Base}` : never)
    : KeysOf<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A key of any text the client has: the first screen's and the report and admin screens' (loaded with them). */
export type MessageKey = KeysOf<typeof uk & typeof screensUk & typeof sessionUk & typeof reportsUk & typeof adminUk>;

/** What a text's `{{placeholders}}` are filled with; a numeric `count` also picks the plural form. */
export type Values = Readonly<Record<string, string | number>>;

export type TFunction = (key: MessageKey, values?: Values) => string;

/** The text at a dotted key, if the table has one there. */
export function lookup(table: MessageTree | undefined, key: string): string | undefined {
  let node: string | MessageTree | undefined = table;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string' || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const rules = new Map<Lang, Intl.PluralRules>();

/** CLDR's plural category of a number in a language: uk 1 → one, 2 → few, 5 → many; en 1 → one, 2 → other. */
export function pluralCategory(lang: Lang, count: number): Intl.LDMLPluralRule {
  let rule = rules.get(lang);
  if (!rule) rules.set(lang, (rule = new Intl.PluralRules(lang)));
  return rule.select(count);
}

/** A key's text in one language's tables: with a numeric `count`, its plural form first, then `_other`, then the key itself. */
export function textIn(tables: readonly MessageTree[], lang: Lang, key: string, values?: Values): string | undefined {
  const count = values?.count;
  const forms = typeof count === 'number' ? [`${key}_${pluralCategory(lang, count)}`, `${key}_other`, key] : [key];
  for (const form of forms) {
    for (const table of tables) {
      const text = lookup(table, form);
      if (text !== undefined) return text;
    }
  }
  return undefined;
}

/**
 * Puts the values in, once: a value that itself holds `{{x}}` (a supervisor's comment) stays as it
 * is. A placeholder without a value stays visible, as i18next left it.
 */
export function interpolate(text: string, values?: Values): string {
  if (!values) return text;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
