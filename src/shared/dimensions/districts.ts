import type { Catalogue, LocalizedText } from '../plan/catalogue-schema';
import type { DimensionValue } from './index';
import { NOT_STATED } from './ids';

/**
 * The district dimension, apart from index.ts: its values come from the plan catalogue, not from
 * the dimension file whose zod parse index.ts runs, so a record card on Today (its place) names
 * the district without loading zod before the first screen.
 */

/** District dimension for a plan: its districts plus "not stated". */
export function districtValues(catalogue: Catalogue): DimensionValue[] {
  return [
    ...catalogue.districts.map((d) => ({ id: d.id, label: d.name })),
    { id: NOT_STATED, label: { uk: 'Не зазначено', en: 'Not stated' } },
  ];
}

export const districtLabel: LocalizedText = { uk: 'Район', en: 'District' };
