import { useMemo, useState } from 'react';
import type { Measure } from '../../../shared/plan/catalogue-schema';
import type { RecordKind } from '../../../shared/records/schemas';
import { useAllRecords } from '../../data';
import { useCurrentSession } from '../../app/sessionContext';
import { usualFirst } from '../../catalogue/measures';

/** How often the team recorded each measure on this device: its usual measures come first. */
export function useMeasureUsage(kind: RecordKind): ReadonlyMap<string, number> {
  const records = useAllRecords();
  const session = useCurrentSession();
  return useMemo(() => {
    const usage = new Map<string, number>();
    for (const { record } of records ?? []) {
      if (record.kind !== kind || (session && record.teamId !== session.teamId)) continue;
      usage.set(record.measureId, (usage.get(record.measureId) ?? 0) + 1);
    }
    return usage;
  }, [records, session, kind]);
}

/** The measures a form offers, the team's usual ones first; the order is fixed when the form opens, so options do not jump while someone is choosing. */
export function useUsualMeasures(kind: RecordKind, measures: () => Measure[]): Measure[] {
  const usage = useMeasureUsage(kind);
  const [ordered] = useState(() => usualFirst(measures(), usage));
  return ordered;
}
