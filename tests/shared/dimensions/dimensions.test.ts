import { describe, expect, it } from 'vitest';
import { CELL_DIMENSIONS, dimensions, districtValues, NOT_STATED, sexLabel } from '../../../src/shared/dimensions';
import { defaultCatalogue } from '../../../src/shared/plan';

describe('dimensions', () => {
  it('offer "not stated" in every dimension, districts included', () => {
    for (const dim of CELL_DIMENSIONS) expect(dimensions[dim].values.map((v) => v.id)).toContain(NOT_STATED);
    expect(districtValues(defaultCatalogue).map((v) => v.id)).toContain(NOT_STATED);
  });

  it("list Kyiv's ten districts", () => {
    expect(defaultCatalogue.districts).toHaveLength(10);
  });

  it('label every value in Ukrainian and English, with unique ids', () => {
    for (const dim of CELL_DIMENSIONS) {
      const ids = dimensions[dim].values.map((v) => v.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const v of dimensions[dim].values) {
        expect(v.label.uk).toMatch(/[а-яіїє]/i);
        expect(v.label.en).toMatch(/^[\x20-\x7e–]+$/);
      }
    }
  });

  it('name the groups the plan serves', () => {
    const groups = dimensions.group.values.map((v) => v.id);
    for (const g of ['gbv_survivor', 'domestic_violence_survivor', 'crsv_survivor', 'conflict_affected', 'disability',
      'war_disability', 'unemployed', 'older_person', 'combatant_veteran', 'idp', 'trafficking_survivor',
      'security_sector_woman', 'educator', 'student']) expect(groups).toContain(g);
  });

  it('call people under 18 girls and boys', () => {
    expect(sexLabel('female', '14-17').en).toBe('Girls');
    expect(sexLabel('male', '0-13').uk).toBe('Хлопці');
    expect(sexLabel('female', '35-59').en).toBe('Women');
  });
});
