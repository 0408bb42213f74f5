import { use, type ReactNode } from 'react';
import type { PlanRef } from '../../shared/plan/plan-ref';
import { RecordPlanContext, recordCatalogueResource } from './catalogue';

/** The stored record's form, under the plan the record was made under (not the one in use for new records). */
export function RecordPlan({ plan, children }: { plan: PlanRef | undefined; children: ReactNode }) {
  return <RecordPlanContext value={use(recordCatalogueResource(plan))}>{children}</RecordPlanContext>;
}
