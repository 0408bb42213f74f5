import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../../src/shared/plan';
import { validatePlan } from '../../../src/shared/plan/validate-plan';
import fixture from '../../fixtures/other-territory-plan.json';

type Plan = typeof defaultCatalogue;
const copy = (p: unknown = defaultCatalogue): Plan => structuredClone(p) as Plan;
const m0 = (p: Plan) => p.strategicGoals[0]!.operationalGoals[0]!.tasks[0]!;
const M = 'strategicGoals[0].operationalGoals[0].tasks[0].measures';

function problemsOf(p: unknown) {
  const r = validatePlan(p);
  if (r.ok) throw new Error('expected problems');
  for (const x of r.problems) {
    expect(x.message.uk.length).toBeGreaterThan(0);
    expect(x.message.en.length).toBeGreaterThan(0);
  }
  return r.problems;
}

describe('validatePlan', () => {
  it('passes the built-in and the fixture plan', () => {
    expect(validatePlan(defaultCatalogue)).toEqual({ ok: true, catalogue: defaultCatalogue });
    expect(validatePlan(fixture).ok).toBe(true);
  });

  const cases: [string, (p: Plan) => void, string][] = [
    ['too_small', (p) => { const i = m0(p).measures[0]!.indicators!.find((x) => x.kind === 'count' && x.target)!; if (i.kind === 'count') i.target!.min = 0; }, `${M}[0].indicators[`],
    ['required', (p) => { delete (m0(p).measures[0] as Partial<Plan['strategicGoals'][0]['operationalGoals'][0]['tasks'][0]['measures'][0]>).period; }, `${M}[0].period`],
    ['not_allowed_value', (p) => { const i = m0(p).measures[0]!.indicators!.find((x) => x.kind === 'count')!; (i as { unit: string }).unit = 'bananas'; }, `${M}[0].indicators[`],
    ['bad_format', (p) => { p.executors[0]!.id = 'Bad Id'; }, 'executors[0].id'],
    ['not_whole_number', (p) => { m0(p).measures[0]!.number = 1.5; }, `${M}[0].number`],
    ['measure_id_mismatch', (p) => { m0(p).measures[0]!.id = '99.1'; }, `${M}[0].id`],
    ['indicator_id_mismatch', (p) => { m0(p).measures[0]!.indicators![0]!.id = '9.9.i1'; }, `${M}[0].indicators[0].id`],
    ['duplicate_indicator_id', (p) => { const ind = m0(p).measures[0]!.indicators!; ind[1]!.id = ind[0]!.id; }, `${M}[0].indicators[1].id`],
    ['duplicate_measure_id', (p) => { const t = m0(p); t.measures[1]!.id = t.measures[0]!.id; t.measures[1]!.number = t.measures[0]!.number; }, `${M}[1].id`],
    ['duplicate_district_id', (p) => { p.districts[1]!.id = p.districts[0]!.id; }, 'districts[1].id'],
    ['duplicate_executor_id', (p) => { p.executors[1]!.id = p.executors[0]!.id; }, 'executors[1].id'],
    ['duplicate_programme_id', (p) => { p.programmes[1]!.id = p.programmes[0]!.id; }, 'programmes[1].id'],
    ['unknown_executor', (p) => { m0(p).measures[0]!.executors![0]!.id = 'nobody'; }, `${M}[0].executors[0].id`],
    ['unknown_programme', (p) => { m0(p).measures[0]!.programmes = ['no-such-programme']; }, `${M}[0].programmes[0]`],
    ['period_outside_years', (p) => { m0(p).measures[0]!.period = { kind: 'years', years: [2030], source: '2030' }; }, `${M}[0].period`],
    ['years_not_sorted', (p) => { p.years = [2022, 2021, 2023]; }, 'years'],
    ['version_empty', (p) => { p.version = '  '; }, 'version'],
  ];
  for (const [code, breakIt, path] of cases)
    it(`finds ${code} and names the path`, () => {
      const p = copy();
      breakIt(p);
      const found = problemsOf(p).filter((x) => x.code === code);
      expect(found.length, JSON.stringify(problemsOf(p))).toBeGreaterThan(0);
      expect(found[0]!.path!.startsWith(path)).toBe(true);
    });

  it('says which indicator and why, in both languages', () => {
    const p = copy(fixture);
    const ind = m0(p).measures[0]!.indicators![0]!;
    if (ind.kind === 'count') ind.target!.min = -1;
    const [x] = problemsOf(p);
    expect(x!.message.uk).toBe('Показник 1.1.i1: ціль має бути додатним цілим числом');
    expect(x!.message.en).toBe('Indicator 1.1.i1: target must be a positive whole number');
  });
});
