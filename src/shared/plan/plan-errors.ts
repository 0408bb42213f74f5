import type { Catalogue } from './catalogue-schema';

/** One thing wrong with an uploaded plan: where it is (sheet/row/column for XLSX, path for JSON) and why, in both languages. */
export interface PlanProblem {
  code: string;
  message: { uk: string; en: string };
  sheet?: string;
  row?: number;
  column?: string;
  path?: string;
}

export type PlanCheck = { ok: true; catalogue: Catalogue } | { ok: false; problems: PlanProblem[] };
