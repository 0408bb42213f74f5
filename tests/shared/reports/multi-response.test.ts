import { describe, expect, it } from 'vitest';
import { defaultCatalogue as catalogue } from '../../../src/shared/plan';
import { createRecord, validateRecord, type RecordContent } from '../../../src/shared/records';
import {
  buildProgressReport,
  factsOfRecord,
  memoryFactQuery,
  sexByLifeStage,
  sexLifeStageLabel,
  type ProgressReport,
  type ReportFilter,
} from '../../../src/shared/reports';

/**
 * What a count of one cell per person cannot say (docs/counting-model.md): sex with adult or child
 * (15.2.i2), an event count's audience by group and sex (16.3.i1), and people in several groups.
 */

const author = { authorId: 'u-1', deviceId: 'd-1', teamId: 'team-a' };
const at = new Date('2024-01-15T10:00:00Z');
const year2023: ReportFilter = { year: 2023, period: { kind: 'year' }, includePending: false };

type Cell = { sex?: string; ageBand?: string; group?: string; count: number };
type AlsoIn = { sex?: string; ageBand?: string; group: string; count: number }[];
const sum = (cells: Cell[]) => cells.reduce((s, c) => s + c.count, 0);

function event(measureId: string, date: string, cells: Cell[], alsoIn?: AlsoIn): RecordContent {
  return {
    kind: 'event', measureId, title: `Захід ${date}`, format: 'seminar', startDate: date, endDate: date,
    venue: { mode: 'in_person', place: 'Лікарня', district: 'podilskyi' }, organiser: 'ДОЗ',
    attendance: { cells, total: sum(cells), ...(alsoIn ? { alsoIn } : {}) }, materials: { produced: 0, distributed: 0 },
  };
}

function services(measureId: string, indicatorId: string, cells: Required<Cell>[], alsoIn?: AlsoIn): RecordContent {
  return {
    kind: 'serviceLog', measureId, indicatorId, date: '2023-05-10', district: 'podilskyi', serviceType: 'social_service',
    served: { cells, total: sum(cells), ...(alsoIn ? { alsoIn } : {}) },
  };
}

async function report(contents: RecordContent[]): Promise<ProgressReport> {
  const facts = contents.flatMap((c) => {
    const checked = validateRecord(createRecord(c, author, at), { catalogue, today: '2024-01-15' });
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    return factsOfRecord(checked.value).map((f) => ({ ...f, status: 'approved' as const }));
  });
  return buildProgressReport(catalogue, memoryFactQuery(facts), year2023, { asOf: '2024-03-01', breakdowns: ['group'] });
}

const indicator = (r: ProgressReport, id: string) => r.measures.flatMap((m) => m.indicators).find((i) => i.indicatorId === id)!;
const at2 = (values: { sex: string; group: string; value: number }[] | undefined, sex: string, group: string) =>
  values?.find((v) => v.sex === sex && v.group === group)?.value ?? 0;

describe('15.2.i2: persons as women/girls and men/boys', () => {
  it('asks for sex and age band, and splits by sex and adult/child through the age bands', async () => {
    const i = catalogue.strategicGoals.flatMap((g) => g.operationalGoals.flatMap((o) => o.tasks.flatMap((t) => t.measures)))
      .find((m) => m.id === '15.2')!.indicators!.find((x) => x.id === '15.2.i2')!;
    expect(i.kind === 'count' && i.dimensions).toEqual(['sex', 'ageBand']);
    const r = await report([
      services('15.2', '15.2.i2', [
        { sex: 'female', ageBand: '18-35', group: 'domestic_violence_survivor', count: 3 },
        { sex: 'female', ageBand: '14-17', group: 'domestic_violence_survivor', count: 2 },
        { sex: 'female', ageBand: '35-59', group: 'gbv_survivor', count: 1 },
        { sex: 'male', ageBand: '0-13', group: 'child', count: 4 },
        { sex: 'male', ageBand: 'not_stated', group: 'not_stated', count: 1 },
        { sex: 'not_stated', ageBand: '60+', group: 'not_stated', count: 1 },
      ]),
    ]);
    const rows = sexByLifeStage(indicator(r, '15.2.i2').cells);
    expect(rows.map((x) => [sexLifeStageLabel(x).uk, x.value])).toEqual([
      ['Жінки', 4],
      ['Дівчата', 2],
      ['Хлопці', 4],
      ['Чоловіки (вік не зазначено)', 1],
      ['Стать не зазначено, дорослі', 1],
    ]);
    expect(rows.map((x) => sexLifeStageLabel(x).en)).toEqual(['Women', 'Girls', 'Boys', 'Men (age not stated)', 'Sex not stated, adults']);
    expect(rows.reduce((s, x) => s + x.value, 0)).toBe(indicator(r, '15.2.i2').value);
  });

  it('refuses a new 15.2.i2 count without an age band, naming the cell', () => {
    const content = services('15.2', '15.2.i2', [{ sex: 'female', ageBand: '18-35', group: 'idp', count: 1 }]);
    if (content.kind !== 'serviceLog') throw new Error('kind');
    const { ageBand: _ageBand, ...noAge } = content.served.cells[0]!;
    const checked = validateRecord(createRecord({ ...content, served: { cells: [noAge], total: 1 } }, author, at), { catalogue, today: '2024-01-15' });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues).toContainEqual(expect.objectContaining({ field: 'served.cells.0.ageBand' }));
  });
});

describe('16.3.i1: events by their audience, by social group and sex', () => {
  it('counts each event once in the total and in every group and sex its attendance holds', async () => {
    const r = await report([
      event('16.3', '2023-03-01', [
        { sex: 'female', ageBand: '36-59', group: 'parent', count: 12 },
        { sex: 'male', ageBand: '36-59', group: 'parent', count: 3 },
        { sex: 'female', ageBand: '0-13', group: 'child', count: 9 },
      ]),
      event('16.3', '2023-04-01', [{ sex: 'female', ageBand: '36-59', group: 'parent', count: 20 }]),
      event('16.3', '2023-05-01', [{ sex: 'male', ageBand: '0-13', group: 'child', count: 7 }]),
      event('16.3', '2023-06-01', []),
    ]);
    const i = indicator(r, '16.3.i1');
    expect(i.value).toBe(4);
    const a = i.audience;
    expect(at2(a, '*', '*')).toBe(3); // three events have their participants recorded
    expect(at2(a, '*', 'parent')).toBe(2);
    expect(at2(a, '*', 'child')).toBe(2);
    expect(at2(a, 'female', '*')).toBe(2);
    expect(at2(a, 'male', '*')).toBe(2);
    expect(at2(a, 'female', 'parent')).toBe(2);
    expect(at2(a, 'male', 'parent')).toBe(1);
    expect(at2(a, 'female', 'child')).toBe(1);
    expect(at2(a, 'male', 'child')).toBe(1);
    // multi-response: the groups' events add up to more than the events
    expect(at2(a, '*', 'parent') + at2(a, '*', 'child')).toBeGreaterThan(at2(a, '*', '*'));
    // and the event count itself still has no person breakdown of its own
    expect(r.measures.find((m) => m.entry.measure.id === '16.3')!.eventsHeld).toBe(4);
  });

  it('leaves a person count without an audience', async () => {
    const r = await report([event('16.3', '2023-03-01', [{ sex: 'female', ageBand: '36-59', group: 'parent', count: 1 }])]);
    const people = r.measures.flatMap((m) => m.indicators).filter((x) => x.indicatorId !== '16.3.i1');
    expect(people.every((x) => x.audience === undefined)).toBe(true);
  });
});

describe('people in several groups', () => {
  const cells = [
    { sex: 'female', ageBand: '36-59', group: 'idp', count: 2 },
    { sex: 'female', ageBand: '18-35', group: 'domestic_violence_survivor', count: 1 },
    { sex: 'male', ageBand: '36-59', group: 'combatant_veteran', count: 1 },
  ];

  it('keeps the total, and counts each person in every group they belong to', async () => {
    const r = await report([
      services('7.3', '7.3.i1', cells, [
        { sex: 'female', group: 'domestic_violence_survivor', count: 2 },
        { sex: 'male', group: 'idp', count: 1 },
        { sex: 'female', group: 'disability', count: 1 },
      ]),
    ]);
    const i = indicator(r, '7.3.i1');
    expect(i.value).toBe(4);
    expect(i.cells.reduce((s, c) => s + c.value, 0)).toBe(4);
    const m = i.groupMemberships;
    expect(at2(m, 'female', 'domestic_violence_survivor')).toBe(3);
    expect(at2(m, 'female', 'idp')).toBe(2);
    expect(at2(m, 'male', 'idp')).toBe(1);
    expect(at2(m, 'male', 'combatant_veteran')).toBe(1);
    expect(at2(m, 'female', 'disability')).toBe(1);
    expect(m!.reduce((s, x) => s + x.value, 0)).toBe(8);
    expect(r.measures.find((x) => x.entry.measure.id === '7.3')!.peopleReached).toBe(4);
  });

  it('has no multi-response breakdown when nobody was marked as in another group', async () => {
    const r = await report([services('7.3', '7.3.i1', cells)]);
    expect(indicator(r, '7.3.i1').groupMemberships).toBeUndefined();
  });

  it('refuses counting anyone twice in one group, naming the entry', () => {
    const check = (alsoIn: AlsoIn) =>
      validateRecord(createRecord(services('7.3', '7.3.i1', cells, alsoIn), author, at), { catalogue, today: '2024-01-15' });
    // two women are IDPs already: only the one whose group is another can also be an IDP
    const twice = check([{ sex: 'female', group: 'idp', count: 2 }]);
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.issues).toContainEqual(expect.objectContaining({ field: 'served.alsoIn.0.count', code: 'also_in_exceeds_persons' }));
    expect(check([{ sex: 'female', group: 'idp', count: 1 }]).ok).toBe(true);
    const unknown = check([{ sex: 'female', group: 'martians', count: 1 }]);
    if (!unknown.ok) expect(unknown.issues).toContainEqual(expect.objectContaining({ field: 'served.alsoIn.0.group', code: 'dimension_value' }));
    expect(unknown.ok).toBe(false);
    const duplicate = check([{ sex: 'male', group: 'idp', count: 1 }, { sex: 'male', group: 'idp', count: 0 }]);
    expect(duplicate.ok).toBe(false);
  });

  it('carries memberships of an event audience into it, and into attendance by group', async () => {
    const r = await report([
      event('16.3', '2023-03-01', [{ sex: 'female', ageBand: '36-59', group: 'parent', count: 3 }], [{ sex: 'female', group: 'idp', count: 1 }]),
    ]);
    expect(at2(indicator(r, '16.3.i1').audience, '*', 'idp')).toBe(1);
  });

  it('keeps a stored record without memberships exactly as it was: no field added, same hash', () => {
    const record = createRecord(services('7.3', '7.3.i1', cells), author, at);
    expect('alsoIn' in (record as { served: object }).served).toBe(false);
    const again = validateRecord(JSON.parse(JSON.stringify(record)), { catalogue, today: '2024-01-15' });
    expect(again.ok && again.value.contentHash).toBe(record.contentHash);
  });
});
