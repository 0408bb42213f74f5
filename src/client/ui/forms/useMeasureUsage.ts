import { useState } from 'react';
import type { Measure } from '../../../shared/plan/catalogue-schema';
import type { RecordKind } from '../../../shared/records/schemas';
import { useMeasureCounts } from '../../data';
import { useCurrentSession } from '../../app/sessionContext';
import { usualFirst } from '../../catalogue/measures';

/**
 * How often the team recorded each of a form's measures on this device: its usual measures come
 * first. Counted from an index (no record is read), so opening a form costs the same with a
 * year's records. A form's measures belong to its kind, so the kind needs no count of its own.
 */
export function useMeasureUsage(_kind: RecordKind, measures: readonly Measure[]): ReadonlyMap<string, number> {
  const session = useCurrentSession();
  const [ids] = useState(() => measures.map((m) => m.id));
  return useMeasureCounts(ids, session ? session.teamId : null) ?? new Map<string, number>();
}

/** The measures a form offers, the team's usual ones first; the order is fixed when the form opens, so options do not jump while someone is choosing. */
export function useUsualMeasures(kind: RecordKind, measures: () => Measure[]): Measure[] {
  const [all] = useState(measures);
  const usage = useMeasureUsage(kind, all);
  const [ordered] = useState(() => usualFirst(all, usage));
  return ordered;
}
