import { catalogueSchema, type Catalogue } from './catalogue-schema';
import kyivPlan from './kyiv-1325-2021-2023.json';

export * from './catalogue-schema';
export * from './catalogue-index';
export * from './sources';

/** Parses a plan file; throws with the offending paths when it does not fit the format. */
export function loadCatalogue(data: unknown): Catalogue {
  return catalogueSchema.parse(data);
}

/** The plan this deployment ships with. Another territory's plan in the same format can replace it. */
export const defaultCatalogue: Catalogue = loadCatalogue(kyivPlan);
