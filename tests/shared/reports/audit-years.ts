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
 * so the linked tables of a family are audited too. 13.2 has two indicators over the same facts.
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
const FAMILY_MEASURES: Record<string, StatusedFact['source']> = { '1.1': 'eventAttendance', '13.2': 'servicePersons', '4.1': 'eventAttendance', '10.2': 'eventAttendance' };
export const families: FamilyDef[] = familiesOfCatalogue(catalogue).filter((f) => f.measureId in FAMILY_MEASURES);

let serial = 0;
const fact = fc
  .record({
    measureId: fc.constantFrom(...Object.keys(FAMILY_MEASURES)),
    sex: fc.constantFrom('female', 'male', 'not_stated'),
    ageBand: fc.constantFrom('0-13', '14-17', '18-34', '35-59'),
    group: fc.constantFrom('idp', 'gbv_survivor', 'not_stated'),
    district: fc.constantFrom('podilskyi', 'obolonskyi', 'not_stated'),
    value: fc.integer({ min: 1, max: 6 }),
  })
  .map((f): Omit<StatusedFact, 'recordId'> => ({
    ...f,
    source: FAMILY_MEASURES[f.measureId]!,
    indicatorId: null,
    date: `${YEAR}-05-10`,
    teamId: 'team',
    sphere: 'not_stated',
    documentRef: null,
    status: 'approved',
  }));

/** Snapshot after snapshot: facts added, and now and then one taken away (a month unlocked and corrected). */
export const year = fc.record({
  first: fc.array(fact, { maxLength: 14 }),
  later: fc.array(fc.record({ added: fc.array(fact, { maxLength: 6 }), removed: fc.option(fc.nat(), { nil: null }) }), { maxLength: 3 }),
});

type YearInput = typeof year extends fc.Arbitrary<infer T> ? T : never;

async function reportOf(facts: readonly StatusedFact[]): Promise<ProgressReport> {
  return buildProgressReport(catalogue, memoryFactQuery(facts), { year: YEAR, period: { kind: 'year' }, includePending: false }, {
    asOf: `${YEAR + 1}-02-01`,
    breakdowns: ['group', 'district'],
  });
}

export async function publishYear(input: YearInput) {
  const withIds = (fs: Omit<StatusedFact, 'recordId'>[]) => fs.map((f) => ({ ...f, recordId: `r${++serial}` }));
  let facts: StatusedFact[] = withIds(input.first);
  const steps = [facts];
  for (const step of input.later) {
    facts = [...facts];
    if (step.removed !== null && facts.length) facts.splice(step.removed % facts.length, 1);
    facts.push(...withIds(step.added));
    steps.push(facts);
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

