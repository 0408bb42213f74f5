import type { PlanProblem } from '../../../shared/plan/plan-errors';
import { problem, type CellRef } from './template-cells';

/** Paths (in validatePlan's form, `strategicGoals[0].title.uk`) to the cells their values came from. */
export type CellMap = Map<string, CellRef>;

/** `{uk, en}` from two cells; a blank side stays absent so the plan check names it. */
export function localized(uk: string, en: string): { uk?: string; en?: string } {
  return { ...(uk.trim() ? { uk } : {}), ...(en.trim() ? { en } : {}) };
}

const YEAR_WORDS = /\b(роки|року|рік|рр\.?|р\.|years?)/giu;

/**
 * "2021, 2022, 2023", "2021-2023", "2024", "2022–2023 роки": the years, ascending as written;
 * null when a part is not a year or a range of years.
 */
export function parseYears(text: string): number[] | null {
  const years: number[] = [];
  for (const part of text.replace(YEAR_WORDS, ' ').split(/[,;]/)) {
    const t = part.trim();
    if (!t) continue;
    const range = /^(\d{4})\s*[-–—]\s*(\d{4})$/.exec(t);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to < from || to - from > 50) return null;
      for (let y = from; y <= to; y++) years.push(y);
    } else if (/^\d{4}$/.test(t)) years.push(Number(t));
    else return null;
  }
  return years.length ? years : null;
}

export function yearsProblem(at: CellRef, text: string): PlanProblem {
  return problem(
    'bad_years',
    at,
    `Роки «${text}» не зрозумілі: напишіть, наприклад, «2024, 2025» або «2024-2026»`,
    `The years "${text}" are not understood: write e.g. "2024, 2025" or "2024-2026"`,
  );
}

/** A list cell: "a, b (за згодою)" or one per line; blank parts dropped. */
export function listItems(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "ngos (за згодою)" → { id: "ngos", marked: true } for any of the given marks. */
export function withMark(item: string, marks: readonly string[]): { id: string; marked: boolean } {
  const lower = item.toLowerCase();
  for (const mark of marks) if (lower.endsWith(mark)) return { id: item.slice(0, item.length - mark.length).trim(), marked: true };
  return { id: item, marked: false };
}

/** The cell of the longest part of a problem's path that a cell was read for. */
export function locate(path: string, cells: CellMap): CellRef | undefined {
  let p = path;
  for (;;) {
    const found = cells.get(p);
    if (found) return found;
    if (!p) return undefined;
    const shorter = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    p = shorter === p ? '' : shorter;
  }
}
