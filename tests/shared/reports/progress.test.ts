import { describe, expect, it } from 'vitest';
import { defaultCatalogue as catalogue } from '../../../src/shared/plan';
import {
  annualRows,
  annualTable,
  buildAnnualReport,
  buildProgressReport,
  factsOfRecord,
  memoryFactQuery,
  periodRange,
  type ProgressReport,
  type ReportFilter,
} from '../../../src/shared/reports';
import { createRecord, validateRecord } from '../../../src/shared/records';
import { beforeContacts, contactsFixture, reportFixture } from './fixtures';

const facts = reportFixture().flatMap(({ record, status }) => factsOfRecord(record).map((f) => ({ ...f, status })));
const query = memoryFactQuery(facts);

function progress(report: ProgressReport, indicatorId: string) {
  const found = report.measures.flatMap((m) => m.indicators).find((i) => i.indicatorId === indicatorId);
  if (!found) throw new Error(`no ${indicatorId}`);
  return found;
}

const year2023: ReportFilter = { year: 2023, period: { kind: 'year' }, includePending: false };
const after = { asOf: '2024-03-01' };

describe('periods', () => {
  it('cover whole days at year, quarter and month edges', () => {
    expect(periodRange(2023, { kind: 'year' })).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(periodRange(2023, { kind: 'quarter', quarter: 1 })).toEqual({ from: '2023-01-01', to: '2023-03-31' });
    expect(periodRange(2024, { kind: 'month', month: 2 })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
});

describe('progress against targets', () => {
  it('counts approved records only: not pending, returned, rejected or deleted ones', async () => {
    const report = await buildProgressReport(catalogue, query, year2023, after);
    expect(progress(report, '1.1.i1')).toMatchObject({ value: 2, target: 4, status: 'behind' });
    expect(progress(report, '1.1.i2')).toMatchObject({ value: 9, bySex: { female: 7, male: 2 } });
  });

  it('adds pending records when asked', async () => {
    const report = await buildProgressReport(catalogue, query, { ...year2023, includePending: true }, after);
    expect(progress(report, '1.1.i1').value).toBe(3);
    expect(progress(report, '1.1.i2').value).toBe(14);
  });

  it('puts 31 December and 1 January in different years', async () => {
    const y2022 = await buildProgressReport(catalogue, query, { ...year2023, year: 2022 }, after);
    expect(progress(y2022, '1.1.i1').value).toBe(1);
    expect(progress(y2022, '1.1.i2').value).toBe(16);
  });

  it('puts 31 March in the first quarter and 1 April in the second, with the target scaled', async () => {
    const q1 = await buildProgressReport(catalogue, query, { ...year2023, period: { kind: 'quarter', quarter: 1 } }, after);
    expect(progress(q1, '1.1.i1')).toMatchObject({ value: 2, target: 0.99, status: 'met' });
    const q2 = await buildProgressReport(catalogue, query, { ...year2023, includePending: true, period: { kind: 'quarter', quarter: 2 } }, after);
    expect(progress(q2, '1.1.i1').value).toBe(1);
    expect(progress(q2, '1.1.i2').value).toBe(5);
  });

  it('is on track mid-year when the share of the target due so far is reached', async () => {
    const report = await buildProgressReport(catalogue, query, year2023, { asOf: '2023-06-30' });
    expect(progress(report, '1.1.i1').status).toBe('on_track');
    const early = await buildProgressReport(catalogue, query, year2023, { asOf: '2023-02-01' });
    expect(progress(early, '1.1.i1').status).toBe('on_track');
  });

  it('counts women only, or girls and boys only, where the indicator says so', async () => {
    const report = await buildProgressReport(catalogue, query, year2023, after);
    expect(progress(report, '4.1.i1').value).toBe(7);
    expect(progress(report, '4.1.i2').value).toBe(1);
    expect(progress(report, '10.2.i2')).toMatchObject({ value: 10, bySex: { female: 6, male: 4 } });
  });

  it('breaks people served down by district, month, team and sex × age × group', async () => {
    const report = await buildProgressReport(catalogue, query, year2023, { ...after, breakdowns: ['district', 'month', 'teamId', 'group'] });
    const served = progress(report, '7.3.i1');
    expect(served).toMatchObject({
      value: 8, status: 'no_target',
      byDistrict: { podilskyi: 3, obolonskyi: 5 }, byMonth: { '2023-02': 3, '2023-12': 5 }, byTeam: { 'team-a': 3, 'team-b': 5 },
    });
    expect(served.cells).toEqual(expect.arrayContaining([{ sex: 'female', ageBand: '35-59', group: 'gbv_survivor', value: 2 }]));
  });

  it('filters by district, team, executor and strategic goal', async () => {
    const byDistrict = await buildProgressReport(catalogue, query, { ...year2023, district: 'obolonskyi' }, after);
    expect(progress(byDistrict, '7.3.i1').value).toBe(5);
    expect(progress(byDistrict, '1.1.i1').value).toBe(0);
    const byTeam = await buildProgressReport(catalogue, query, { ...year2023, teamId: 'team-b' }, after);
    expect(progress(byTeam, '1.1.i1').value).toBe(1);
    const sg2 = await buildProgressReport(catalogue, query, { ...year2023, strategicGoal: '2' }, after);
    expect(sg2.measures.every((m) => m.entry.strategicGoal.number === '2')).toBe(true);
    expect(progress(sg2, '10.2.i2').value).toBe(10);
    const kmcAto = await buildProgressReport(catalogue, query, { ...year2023, executorId: 'kmc-ato' }, after);
    expect(kmcAto.measures.map((m) => m.entry.measure.id)).toContain('7.3');
    expect(kmcAto.measures.map((m) => m.entry.measure.id)).not.toContain('1.1');
  });

  it('shows no data, and measures not scheduled in the year', async () => {
    const report = await buildProgressReport(catalogue, query, year2023, after);
    expect(progress(report, '1.2.i1')).toMatchObject({ value: 0, target: 2, status: 'no_data' });
    // 3.1 was planned for 2021 only, and done then: later years show it done, not "not scheduled" (issue 12).
    expect(progress(report, '3.1.i1')).toMatchObject({ value: 0, status: 'met', doneBefore: { month: '2021-06', documents: ['Наказ № 1'] } });
    expect(progress(report, '8.2.i1').status).toBe('not_scheduled');
    const y2021 = await buildProgressReport(catalogue, query, { ...year2023, year: 2021 }, after);
    expect(progress(y2021, '3.1.i1')).toMatchObject({ status: 'met', documents: ['Наказ № 1'] });
    expect(progress(y2021, '1.2.i1').status).toBe('not_scheduled');
  });

  it('counts "per year" indicators without a number per year, with no target to meet', async () => {
    // 6.1: "Кількість проведених заходів на рік" states no number.
    const online = createRecord({
      kind: 'event', measureId: '6.1', title: 'Онлайн-курс', format: 'training', startDate: '2023-04-04', endDate: '2023-04-04',
      venue: { mode: 'online', platform: 'Zoom' }, organiser: 'Департамент соціальної політики',
      attendance: { cells: [{ sex: 'female', ageBand: '18-35', group: 'not_stated', count: 3 }], total: 3 },
      materials: { produced: 0, distributed: 0 },
    }, { authorId: 'user-1', deviceId: 'device-1', teamId: 'team-a' }, new Date('2024-01-15T10:00:00Z'));
    const withOnline = memoryFactQuery([...facts, ...factsOfRecord(online).map((f) => ({ ...f, status: 'approved' as const }))]);
    const report = await buildProgressReport(catalogue, withOnline, year2023, after);
    expect(progress(report, '6.1.i1')).toMatchObject({ per: 'year', target: null, value: 1, status: 'no_target' });
    expect(progress(report, '4.3.i1')).toMatchObject({ per: 'year', target: null, value: 0, status: 'no_data' });
    // A stated yearly target is per year too; other counts run over the measure's period; deliverables have neither.
    expect(progress(report, '1.1.i1')).toMatchObject({ per: 'year', target: 4 });
    expect(progress(report, '4.1.i2')).toMatchObject({ per: 'period', target: null });
    expect(progress(report, '3.1.i1').per).toBeNull();
    // The next year starts from nothing: a yearly figure is the year's own.
    const y2022 = await buildProgressReport(catalogue, withOnline, { ...year2023, year: 2022 }, after);
    expect(progress(y2022, '6.1.i1')).toMatchObject({ per: 'year', value: 0, status: 'no_data' });
  });

  it('puts events held next to people reached', async () => {
    const report = await buildProgressReport(catalogue, query, year2023, after);
    const m11 = report.measures.find((m) => m.entry.measure.id === '1.1')!;
    expect(m11).toMatchObject({ eventsHeld: 2, peopleReached: 9 });
  });
});

describe('the annual report', () => {
  it('follows the plan: strategic goal → operational goal → task → measure → indicator', async () => {
    const report = await buildAnnualReport(catalogue, query, { year: 2023, asOf: '2024-03-01', includePending: false });
    const rows = annualRows(catalogue, report, 'uk');
    expect(rows[0]).toMatchObject({ level: 'strategicGoal', number: '1' });
    expect(rows.filter((r) => r.level === 'measure')).toHaveLength(52);
    const i12 = rows.find((r) => r.number === '1.1.i2')!;
    expect(i12).toMatchObject({ achieved: 9, women: 7, men: 2, sexNotStated: 0 });
    expect(i12.byGroup).toBe('Внутрішньо переміщені особи: 4; Педагогічні працівники: 3; Не зазначено: 2');
    expect(rows.find((r) => r.number === '1.1.i1')).toMatchObject({ target: 4, achieved: 2, status: 'Відставання', note: 'Досягнуто 2 з 4 запланованих' });
    const table = annualTable(annualRows(catalogue, report, 'en'), 'en');
    expect(table[0]).toContain('Note on shortcomings');
    expect(table.length).toBe(rows.length + 1);
  });
});

describe('contacts and persons (13.2, 16.2, 17.3)', () => {
  const fixture = contactsFixture();
  const contactFacts = fixture.flatMap(({ record, status }) => factsOfRecord(record).map((f) => ({ ...f, status })));
  const withContacts = memoryFactQuery(contactFacts);
  const pairs = [['13.2.i1', '13.2.i2', 10, 6], ['16.2.i1', '16.2.i2', 6, 3], ['17.3.i1', '17.3.i2', 7, 5]] as const;

  it('are valid records of the plan, the old ones (no contacts, or against the contacts indicator) too', () => {
    for (const { record } of fixture) expect(validateRecord(record, { catalogue, today: '2024-01-15' })).toMatchObject({ ok: true });
  });

  it.each(pairs)('give %s (contacts) and %s (persons) figures of their own: %i and %i', async (contactsId, personsId, contacts, persons) => {
    const report = await buildProgressReport(catalogue, withContacts, year2023, { ...after, breakdowns: ['district', 'group'] });
    expect(progress(report, contactsId).value).toBe(contacts);
    expect(progress(report, personsId).value).toBe(persons);
  });

  it('break contacts down as persons are, and count pending ones when asked', async () => {
    const report = await buildProgressReport(catalogue, withContacts, year2023, { ...after, breakdowns: ['district', 'group'] });
    expect(progress(report, '13.2.i1')).toMatchObject({ bySex: { female: 9, male: 1 }, byDistrict: { podilskyi: 2, obolonskyi: 8 } });
    expect(progress(report, '13.2.i2')).toMatchObject({ bySex: { female: 5, male: 1 }, byDistrict: { podilskyi: 2, obolonskyi: 4 } });
    const pending = await buildProgressReport(catalogue, withContacts, { ...year2023, includePending: true }, after);
    expect([progress(pending, '17.3.i1').value, progress(pending, '17.3.i2').value]).toEqual([16, 7]);
  });

  it('count contacts nowhere as people reached', async () => {
    const report = await buildProgressReport(catalogue, withContacts, year2023, after);
    expect(report.measures.find((m) => m.entry.measure.id === '16.2')).toMatchObject({ peopleReached: 3 });
  });

  it('leave every figure of records made before contacts as it was: the contacts indicators read the persons then', async () => {
    const old = fixture.filter(({ record }) => record.kind === 'serviceLog' && record.served.cells.every((c) => !('contacts' in c)));
    expect(old).toHaveLength(2);
    const oldFacts = old.flatMap(({ record, status }) => factsOfRecord(record).map((f) => ({ ...f, status })));
    // as the code before computed them: persons facts only, the plan's contacts indicators reading them
    const before = await buildProgressReport(beforeContacts(catalogue), memoryFactQuery(oldFacts.filter((f) => f.source !== 'serviceContacts')), year2023, {
      ...after, breakdowns: ['district', 'group', 'month'],
    });
    const now = await buildProgressReport(catalogue, memoryFactQuery(oldFacts), year2023, { ...after, breakdowns: ['district', 'group', 'month'] });
    expect(now.measures.map((m) => m.indicators)).toEqual(before.measures.map((m) => m.indicators));
    expect(progress(now, '13.2.i1').value).toBe(2);
    expect(progress(now, '16.2.i1').value).toBe(1);
  });
});

describe('deliverables across the plan’s years', () => {
  const author = { authorId: 'u-9', deviceId: 'd-9', teamId: 'team-a' };
  const order = createRecord(
    {
      kind: 'indicatorReport', measureId: '7.1', indicatorId: '7.1.i1', periodStart: '2022-01-01', periodEnd: '2022-06-30',
      value: { type: 'deliverable', done: true, documentRef: 'Наказ ДСП № 5 від 30.06.2022' },
    },
    author,
    new Date('2022-07-01T10:00:00Z'),
  );
  const withOrder = memoryFactQuery([...facts, ...factsOfRecord(order).map((f) => ({ ...f, status: 'approved' as const }))]);
  const year = (y: number): ReportFilter => ({ year: y, period: { kind: 'year' }, includePending: false });

  it('count in the year they were done, with their document', async () => {
    const p = progress(await buildProgressReport(catalogue, withOrder, year(2022), after), '7.1.i1');
    expect(p).toMatchObject({ value: 1, status: 'met', documents: ['Наказ ДСП № 5 від 30.06.2022'] });
    expect(p.doneBefore).toBeUndefined();
  });

  it('stand done in later years without counting again, saying when and by which document', async () => {
    const p = progress(await buildProgressReport(catalogue, withOrder, year(2023), after), '7.1.i1');
    expect(p).toMatchObject({ value: 0, status: 'met', documents: [], doneBefore: { month: '2022-06', documents: ['Наказ ДСП № 5 від 30.06.2022'] } });
    // The annual report says it too, instead of "not done".
    const rows = annualRows(catalogue, await buildAnnualReport(catalogue, withOrder, { year: 2023, asOf: '2024-03-01', includePending: false }), 'uk');
    const row = rows.find((r) => r.number === '7.1.i1')!;
    expect(row.status).toBe('Виконано у 2022 р. (Наказ ДСП № 5 від 30.06.2022)');
    expect(row.note).toBe('');
  });

  it('are not done before they were: 2021 knows nothing of 2022', async () => {
    const p = progress(await buildProgressReport(catalogue, withOrder, year(2021), after), '7.1.i1');
    expect(p).toMatchObject({ value: 0, status: 'behind' });
    expect(p.doneBefore).toBeUndefined();
  });

  it('stay not done when nothing was recorded (the fixture’s 2023 without the order)', async () => {
    expect(progress(await buildProgressReport(catalogue, query, year(2023), after), '7.1.i1')).toMatchObject({ value: 0, status: 'behind' });
  });
});

describe('the annual table’s person columns', () => {
  it('are empty for counts of events, studies or trainings: an event has no sex', async () => {
    const rows = annualRows(catalogue, await buildAnnualReport(catalogue, query, { year: 2023, asOf: '2024-03-01', includePending: false }), 'uk');
    // 4.1.i2 "кількість заходів": one training, whose facts carry no sex ("not stated"); 4.1.i1 counts its women.
    expect(rows.find((r) => r.number === '4.1.i2')).toMatchObject({ achieved: 1, women: null, men: null, sexNotStated: null, byGroup: '' });
    expect(rows.find((r) => r.number === '4.1.i1')).toMatchObject({ achieved: 7, women: 7, men: 0 });
  });
});
