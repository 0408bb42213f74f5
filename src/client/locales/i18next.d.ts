import 'i18next';
import type { uk as reports } from './reports/uk';
import type { uk } from './uk';

/**
 * Translation keys are typed: `t('no.such.key')` does not compile. The Ukrainian files are the
 * source of the keys; the English ones are checked against them (types.ts).
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof uk & typeof reports };
  }
}
