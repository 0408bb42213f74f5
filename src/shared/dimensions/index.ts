import { z } from 'zod';
import { localizedText, type LocalizedText } from '../plan/catalogue-schema';
import dimensionsData from './dimensions.json';

import { NOT_STATED } from './ids';

export { NOT_STATED };
export { districtLabel, districtValues } from './districts';

const dimensionValue = z.object({
  id: z.string().min(1),
  label: localizedText,
  /** sex only: the label used for people under 18 (girls / boys) */
  childLabel: localizedText.optional(),
  /** a narrow column's heading (the tally on a phone); screen readers still hear `label` */
  shortLabel: localizedText.optional(),
  /** ageBand only: band lies under 18 */
  minor: z.boolean().optional(),
  /**
   * ageBand only: whether the band's people are youth under Ukrainian law (14–35 years): "yes"
   * (all of them), "no" (none) or "partly" (some: the band straddles 35). See docs/counting-model.md.
   */
  youth: z.enum(['yes', 'no', 'partly']).optional(),
  /**
   * Still a valid value (records made with it keep their meaning) but no longer offered for new
   * counts: the age bands 18–34 and 35–59, replaced by 18–35 and 36–59.
   */
  deprecated: z.boolean().optional(),
});
export type DimensionValue = z.infer<typeof dimensionValue>;

const dimension = z.object({
  label: localizedText,
  values: z.array(dimensionValue).refine((v) => v.some((x) => x.id === NOT_STATED), {
    message: `every dimension needs a "${NOT_STATED}" value`,
  }),
});
export type Dimension = z.infer<typeof dimension>;

export const dimensionsFileSchema = z.object({
  sex: dimension,
  ageBand: dimension,
  group: dimension,
  sphere: dimension,
});

/** Dimensions that do not depend on the territory. District values come from the plan catalogue. */
export const dimensions = dimensionsFileSchema.parse(dimensionsData);

export type CellDimension = 'sex' | 'ageBand' | 'group' | 'sphere';
export const CELL_DIMENSIONS: readonly CellDimension[] = ['sex', 'ageBand', 'group', 'sphere'];

/** Every valid value, deprecated ones included: what a stored record may hold. */
export function valueIds(dim: CellDimension): string[] {
  return dimensions[dim].values.map((v) => v.id);
}

/** The values a form offers for new counts: the valid ones less the deprecated. */
export function offeredValueIds(dim: CellDimension): string[] {
  return dimensions[dim].values.filter((v) => !v.deprecated).map((v) => v.id);
}

/** Whether an age band's people are youth (14–35); undefined for "not stated" and unknown bands. */
export function youthOfAgeBand(ageBand: string): 'yes' | 'no' | 'partly' | undefined {
  return dimensions.ageBand.values.find((v) => v.id === ageBand)?.youth;
}

export function isMinorAgeBand(ageBand: string): boolean {
  return dimensions.ageBand.values.find((v) => v.id === ageBand)?.minor === true;
}

/** "Women" / "Girls" depending on age band: the plan counts girls and boys separately from adults. */
export function sexLabel(sex: string, ageBand: string | undefined): LocalizedText {
  const value = dimensions.sex.values.find((v) => v.id === sex);
  if (!value) return { uk: sex, en: sex };
  return ageBand && isMinorAgeBand(ageBand) && value.childLabel ? value.childLabel : value.label;
}

export function dimensionValueLabel(dim: CellDimension, id: string): LocalizedText {
  return dimensions[dim].values.find((v) => v.id === id)?.label ?? { uk: id, en: id };
}
