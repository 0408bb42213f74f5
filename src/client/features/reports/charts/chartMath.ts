import { monthsBetween } from '../period';

/** Share of a target reached, in percent: exact for the table, capped at 100 for the bar. */
export function progressPercent(value: number, target: number | null): { exact: number | null; bar: number } {
  if (target === null || target <= 0) return { exact: null, bar: value > 0 ? 100 : 0 };
  const exact = Math.round((value / target) * 1000) / 10;
  return { exact, bar: Math.min(100, exact) };
}

/** A month-by-month series over the report's period, months without data as zero. */
export function monthlySeries(byMonth: Record<string, number>, from: string, to: string): { month: string; value: number }[] {
  return monthsBetween(from, to).map((month) => ({ month, value: byMonth[month] ?? 0 }));
}

/** A round axis maximum at or above the largest value: 1, 2, 5 × 10^n. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export interface Part {
  id: string;
  value: number;
  /** percent of the whole, one decimal */
  share: number;
  /** where the part starts along the bar, 0..100 */
  offset: number;
}

/** Parts of a whole in the given order (others after), with shares and offsets for a stacked bar. */
export function stackedParts(values: Record<string, number>, order: readonly string[]): Part[] {
  const ids = [...order.filter((id) => (values[id] ?? 0) > 0), ...Object.keys(values).filter((id) => !order.includes(id) && values[id]! > 0)];
  const total = ids.reduce((s, id) => s + values[id]!, 0);
  let offset = 0;
  return ids.map((id) => {
    const value = values[id]!;
    const share = total > 0 ? Math.round((value / total) * 1000) / 10 : 0;
    const part = { id, value, share, offset };
    offset += total > 0 ? (value / total) * 100 : 0;
    return part;
  });
}

export interface AxisLabels {
  /** labels turned 45° (when side by side they would touch) */
  rotate: boolean;
  /** every how many slots a label is written (1: all) */
  every: number;
  /** room the labels need below the axis, px */
  height: number;
}

/**
 * How a chart's labels along its axis fit without touching: side by side when each fits its slot
 * (estimated at 0.62 em a letter, with a 4 px gap), else turned 45°, and when even turned they
 * would overlap, only every second (third…) one written.
 */
export function axisLabels(labels: readonly string[], slot: number, fontPx = 10): AxisLabels {
  const widest = Math.max(0, ...labels.map((l) => l.length * fontPx * 0.62));
  if (widest + 4 <= slot) return { rotate: false, every: 1, height: fontPx + 8 };
  // Turned 45°, neighbours are a slot apart along the axis: they clear when the slot exceeds the text's height × √2.
  const needed = fontPx * 1.45;
  const every = Math.max(1, Math.ceil(needed / slot));
  return { rotate: true, every, height: Math.ceil(widest * Math.SQRT1_2 + fontPx + 6) };
}
