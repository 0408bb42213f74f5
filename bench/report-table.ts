/**
 * One row of the benchmark table: the product's figure beside its limit measured in the same
 * run, and the ratio product / limit against its goal (lower is better unless `higherIsBetter`).
 */
export interface BenchRow {
  measure: string;
  product: string;
  limit: string;
  ratio: number;
  /** the ratio must not exceed this (or, with higherIsBetter, fall below it) */
  goal: number;
  higherIsBetter?: boolean;
  /** why a goal cannot be met here, when it cannot; or what else missed */
  note?: string;
  /** missed a goal the ratio does not express (an absolute limit) */
  failed?: boolean;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const meets = (row: BenchRow): boolean => !row.failed && (row.higherIsBetter ? row.ratio >= row.goal : row.ratio <= row.goal);

export function markdownTable(rows: readonly BenchRow[]): string {
  const head = '| measure | product | limit in the same run | ratio | goal | met |\n|---|---|---|---|---|---|';
  const body = rows.map(
    (r) =>
      `| ${r.measure} | ${r.product} | ${r.limit} | ${r.ratio.toFixed(2)}× | ${r.higherIsBetter ? '≥' : '≤'} ${r.goal}× | ${meets(r) ? 'yes' : 'no'}${r.note ? ` (${r.note})` : ''} |`,
  );
  return [head, ...body].join('\n');
}
