import type { ReviewStatus } from '../sync/protocol';
import { countsInReport, type Fact, type FactSource } from './facts';
import type { ReportPeriod } from './protocol';

export type { ReportFilter, ReportPeriod } from './protocol';

/** Extra keys a report can group by, besides measure, source, indicator, sex and age band. */
export type Breakdown = 'group' | 'district' | 'teamId' | 'month' | 'sphere';

export interface AggregateRequest {
  /** the plan whose records count (measure ids are a plan's own) */
  planId: string;
  from: string;
  to: string;
  /** null: every measure */
  measureIds: readonly string[] | null;
  district?: string | undefined;
  teamId?: string | undefined;
  includePending: boolean;
  by: readonly Breakdown[];
}

export interface AggregateRow {
  measureId: string;
  source: FactSource;
  indicatorId: string | null;
  sex: string;
  ageBand: string;
  group?: string;
  district?: string;
  teamId?: string;
  /** YYYY-MM */
  month?: string;
  sphere?: string;
  documentRef: string | null;
  value: number;
}

/**
 * Sums of facts grouped by the requested keys. The device answers it in memory; the server answers
 * the same question with one SQL GROUP BY. Both must agree: tests run one fixture through both.
 */
export type FactQuery = (request: AggregateRequest) => Promise<AggregateRow[]>;

export function periodRange(year: number, period: ReportPeriod): { from: string; to: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  switch (period.kind) {
    case 'year':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'quarter': {
      const first = (period.quarter - 1) * 3 + 1;
      return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDay(first + 2))}` };
    }
    case 'month':
      return { from: `${year}-${pad(period.month)}-01`, to: `${year}-${pad(period.month)}-${pad(lastDay(period.month))}` };
  }
}

export type StatusedFact = Fact & { status: ReviewStatus };

function rowKey(fact: StatusedFact, by: readonly Breakdown[]): string {
  const parts = [fact.measureId, fact.source, fact.indicatorId ?? '', fact.sex, fact.ageBand, fact.documentRef ?? ''];
  for (const b of by) parts.push(b === 'month' ? fact.date.slice(0, 7) : fact[b]);
  return parts.join('\u0000');
}

/** The in-memory FactQuery: the device's offline reports, and the reference the server is tested against. */
export function memoryFactQuery(facts: readonly StatusedFact[]): FactQuery {
  return async (req) => {
    const measures = req.measureIds ? new Set(req.measureIds) : null;
    const rows = new Map<string, AggregateRow>();
    for (const f of facts) {
      if (f.planId !== req.planId || f.date < req.from || f.date > req.to) continue;
      if (!countsInReport(f.status, req.includePending)) continue;
      if (measures && !measures.has(f.measureId)) continue;
      if (req.district && f.district !== req.district) continue;
      if (req.teamId && f.teamId !== req.teamId) continue;
      const key = rowKey(f, req.by);
      const row = rows.get(key);
      if (row) {
        row.value += f.value;
        continue;
      }
      const fresh: AggregateRow = {
        measureId: f.measureId, source: f.source, indicatorId: f.indicatorId, sex: f.sex, ageBand: f.ageBand,
        documentRef: f.documentRef, value: f.value,
      };
      for (const b of req.by) {
        if (b === 'month') fresh.month = f.date.slice(0, 7);
        else fresh[b] = f[b];
      }
      rows.set(key, fresh);
    }
    return [...rows.values()];
  };
}
