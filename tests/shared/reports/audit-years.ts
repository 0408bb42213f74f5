import fc from 'fast-check';
import { defaultCatalogue, type Catalogue } from '../../../src/shared/plan';
import {
  buildProgressReport,
  buildPublicSnapshot,
  memoryFactQuery,
  type ProgressReport,
  type PublicProgress,
  type SnapshotTruth,
  type StatusedFact,
} from '../../../src/shared/reports';
import { familiesOfCatalogue, type FamilyDef } from './intruder';

/** Generated years for the disclosure auditor: small counts, published as a run of snapshots. */

export const YEAR = 2023;

/**
 * The plan, plus a measure whose one source feeds three populations (everyone, women, children),
 * so the linked tables of a family are audited too. 13.2 has two indicators over one service log's
 * cells: its calls (contacts) and its persons, linked (a person made at least one call).
 */
function auditCatalogue(): Catalogue {
  const catalogue = structuredClone(defaultCatalogue);
  const m11 = catalogue.strategicGoals.flatMap((s) => s.operationalGoals.flatMap((o) => o.tasks.flatMap((t) => t.measures))).find((m) => m.id === '1.1')!;
  const base = m11.indicators!.find((i) => i.id === '1.1.i2')!;
  m11.indicators!.push(
    { ...base, id: '1.1.i8', population: 'women', text: { uk: 'жінки', en: 'women' } } as typeof base,
    { ...base, id: '1.1.i9', population: 'children', text: { uk: 'діти', en: 'children' } } as typeof base,
  );
  return catalogue;
}

export const catalogue = auditCatalogue();
/** The sources each measure's generated records feed: 13.2's service logs feed its persons and its contacts (calls). */
const FAMILY_MEASURES: Record<string, StatusedFact['source'][]> = {
  '1.1': ['eventAttendance'], '13.2': ['servicePersons', 'serviceContacts'], '4.1': ['eventAttendance'], '10.2': ['eventAttendance'],
};
export const families: FamilyDef[] = familiesOfCatalogue(catalogue).filter((f) => f.measureId in FAMILY_MEASURES);

/** The families audited together: a measure's persons with their contacts (persons ≤ contacts, cell by cell); the others alone. */
export const auditGroups: { defs: FamilyDef[]; links: [number, number][] }[] = families.flatMap((f) => {
  if (f.source === 'serviceContacts') return [];
  const contacts = families.find((c) => c.measureId === f.measureId && c.source === 'serviceContacts');
  return f.source === 'servicePersons' && contacts ? [{ defs: [f, contacts], links: [[0, 1]] }] : [{ defs: [f], links: [] }];
});

let serial = 0;
/** One record's facts: one cell; a service log's persons and, with repeat calls, its contacts. */
const record = fc
  .record({
    measureId: fc.constantFrom(...Object.keys(FAMILY_MEASURES)),
    sex: fc.constantFrom('female', 'male', 'not_stated'),
    ageBand: fc.constantFrom('0-13', '14-17', '18-34', '35-59'),
    group: fc.constantFrom('idp', 'gbv_survivor', 'not_stated'),
    district: fc.constantFrom('podilskyi', 'obolonskyi', 'not_stated'),
    value: fc.integer({ min: 1, max: 6 }),
    repeats: fc.constantFrom(0, 0, 1, 2, 4),
  })
  .map(({ repeats, ...f }): Omit<StatusedFact, 'recordId'>[] =>
    FAMILY_MEASURES[f.measureId]!.map((source) => ({
      ...f,
      planId: defaultCatalogue.id,
      source,
      value: source === 'serviceContacts' ? f.value + repeats : f.value,
      indicatorId: null,
      date: `${YEAR}-05-10`,
      teamId: 'team',
      sphere: 'not_stated',
      documentRef: null,
      status: 'approved',
    })),
  );

/** Snapshot after snapshot: records added, and now and then one taken away (a month unlocked and corrected). */
export const year = fc.record({
  first: fc.array(record, { maxLength: 14 }),
  later: fc.array(fc.record({ added: fc.array(record, { maxLength: 6 }), removed: fc.option(fc.nat(), { nil: null }) }), { maxLength: 3 }),
});

type YearInput = typeof year extends fc.Arbitrary<infer T> ? T : never;

async function reportOf(facts: readonly StatusedFact[]): Promise<ProgressReport> {
  return buildProgressReport(catalogue, memoryFactQuery(facts), { year: YEAR, period: { kind: 'year' }, includePending: false }, {
    asOf: `${YEAR + 1}-02-01`,
    breakdowns: ['group', 'district'],
  });
}

export async function publishYear(input: YearInput) {
  const withIds = (records: Omit<StatusedFact, 'recordId'>[][]) =>
    records.map((facts) => {
      const recordId = `r${++serial}`;
      return facts.map((f) => ({ ...f, recordId }));
    });
  let records: StatusedFact[][] = withIds(input.first);
  const steps = [records.flat()];
  for (const step of input.later) {
    records = [...records];
    if (step.removed !== null && records.length) records.splice(step.removed % records.length, 1);
    records.push(...withIds(step.added));
    steps.push(records.flat());
  }
  const truths: SnapshotTruth[] = [];
  const snapshots: { progress: PublicProgress; report: ProgressReport }[] = [];
  for (const [i, stepFacts] of steps.entries()) {
    const report = await reportOf(stepFacts);
    const snap = buildPublicSnapshot(catalogue, report, truths, { version: i + 1, publishedAt: `${YEAR + 1}-02-0${i + 1}T10:00:00Z` });
    truths.push(snap.truth);
    snapshots.push({ progress: JSON.parse(JSON.stringify(snap.progress)) as PublicProgress, report });
  }
  return snapshots;
}

