import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../src/shared/plan/catalogue-schema';
import { allMeasures } from '../../../src/shared/plan/catalogue-index';
import { withWithdrawnMeasures } from '../../../src/shared/plan/plan-revisions';
import { validatePlan } from '../../../src/shared/plan/validate-plan';

const v1 = JSON.parse(readFileSync('tests/fixtures/other-territory-plan.json', 'utf8')) as Catalogue;

function revision(version: string, change: (plan: Catalogue) => void): Catalogue {
  const plan = structuredClone(v1);
  plan.version = version;
  change(plan);
  return plan;
}
const task = (plan: Catalogue) => plan.strategicGoals[0]!.operationalGoals[0]!.tasks[0]!;
const ids = (plan: Catalogue) => allMeasures(plan).map((e) => [e.measure.id, e.measure.withdrawnIn ?? null]);

describe('a plan for reports: the current revision with the measures earlier ones had', () => {
  it('puts a removed measure back in its place, marked with the first revision without it', () => {
    const v2 = revision('v2', (p) => void task(p).measures.splice(1, 1));
    const v3 = revision('v3', (p) => {
      task(p).measures.splice(1, 1);
      task(p).measures[0]!.text = { uk: 'Тренінги (нова редакція)', en: 'Trainings (revised)' };
    });
    const merged = withWithdrawnMeasures(v3, [v1, v2, v3]);
    expect(ids(merged)).toEqual([['1.1', null], ['1.2', 'v2'], ['1.3', null]]);
    // the current wording wins for the measures it has; the withdrawn one keeps its last wording
    expect(allMeasures(merged)[0]!.measure.text.uk).toBe('Тренінги (нова редакція)');
    expect(allMeasures(merged)[1]!.measure.text).toEqual(task(v1).measures[1]!.text);
    // the revisions given are not changed
    expect(ids(v3)).toEqual([['1.1', null], ['1.3', null]]);
  });

  it('brings back the goals and task of a removed task, in number order', () => {
    const two = revision('v1b', (p) => {
      const og = p.strategicGoals[0]!.operationalGoals[0]!;
      og.tasks.push({ ...structuredClone(og.tasks[0]!), number: 2, measures: [{ ...structuredClone(og.tasks[0]!.measures[0]!), id: '2.1', number: 1, indicators: null }] });
    });
    const merged = withWithdrawnMeasures(v1, [two, v1]);
    expect(ids(merged)).toEqual([['1.1', null], ['1.2', null], ['1.3', null], ['2.1', v1.version]]);
    expect(merged.strategicGoals[0]!.operationalGoals[0]!.tasks.map((t) => t.number)).toEqual([1, 2]);
  });

  it('a measure removed and then restored is not withdrawn; no earlier revision gives the plan itself', () => {
    const v2 = revision('v2', (p) => void task(p).measures.splice(2, 1));
    const v3 = revision('v3', () => undefined);
    expect(ids(withWithdrawnMeasures(v3, [v1, v2, v3])).every(([, w]) => w === null)).toBe(true);
    expect(withWithdrawnMeasures(v1, [v1])).toBe(v1);
    expect(withWithdrawnMeasures(v1, [])).toBe(v1);
  });

  it('a plan file may not mark a measure withdrawn itself', () => {
    const marked = revision('v2', (p) => void (task(p).measures[0]!.withdrawnIn = 'v1'));
    const check = validatePlan(marked);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problems.map((p) => [p.code, p.path])).toEqual([['withdrawn_in_file', 'strategicGoals[0].operationalGoals[0].tasks[0].measures[0].withdrawnIn']]);
  });
});
