import { useMemo } from 'react';
import type { RecordKind } from '../../../shared/records/schemas';
import { useAllRecords } from '../../data';
import { useCurrentSession } from '../../app/sessionContext';

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
