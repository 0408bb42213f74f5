/** The product's languages: Ukrainian first, English second. Every user-facing text has both. */
export const langs = ['uk', 'en'] as const;
export type Lang = (typeof langs)[number];

export function isLang(value: unknown): value is Lang {
  return langs.includes(value as Lang);
}

/** The BCP 47 tag dates and numbers are formatted with in each language. */
export const localeTag: Record<Lang, string> = { uk: 'uk-UA', en: 'en-GB' };
