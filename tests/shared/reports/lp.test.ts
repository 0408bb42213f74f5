import fc from 'fast-check';
import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Polytope, type LinearRow } from '../../../src/shared/reports/lp';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** The same LP in CPLEX LP text for HiGHS: the reference the small simplex is checked against. */
function highsRange(variables: number, rows: LinearRow[], target: number): [number, number] | null {
  const lp = (sense: string) => {
    const lines = [sense, ` obj: x${target}`, 'Subject To'];
    rows.forEach((r, i) => lines.push(` r${i}: ${r.terms.map(([j, c]) => `${c >= 0 ? '+' : '-'} ${Math.abs(c)} x${j}`).join(' ') || '0 x0'} = ${r.rhs}`));
    lines.push('Bounds', ...Array.from({ length: variables }, (_, j) => ` x${j} >= 0`), 'End');
    return lines.join('\n');
  };
  const value = (sense: string) => {
    const res = highs.solve(lp(sense), { output_flag: false });
    if (res.Status === 'Infeasible') return null;
    if (res.Status === 'Unbounded') return sense === 'Maximize' ? Infinity : -Infinity;
    expect(res.Status).toBe('Optimal');
    return res.ObjectiveValue;
  };
  const lo = value('Minimize');
  const hi = value('Maximize');
  return lo === null || hi === null ? null : [lo, hi];
}

const problem = fc
  .record({ variables: fc.integer({ min: 1, max: 9 }), rows: fc.integer({ min: 1, max: 7 }) })
  .chain(({ variables, rows }) =>
    fc.record({
      variables: fc.constant(variables),
      rows: fc.array(
        fc.record({
          terms: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: variables - 1 }), fc.constantFrom(-1, 1, 2)), { selector: (t) => t[0], minLength: 1, maxLength: variables }),
          rhs: fc.integer({ min: -6, max: 12 }),
        }),
        { minLength: rows, maxLength: rows },
      ),
      target: fc.integer({ min: 0, max: variables - 1 }),
    }),
  );

describe('the small simplex', () => {
  it('agrees with HiGHS on ranges of random small LPs (feasible, infeasible, unbounded, degenerate)', () => {
    fc.assert(
      fc.property(problem, ({ variables, rows, target }) => {
        const expected = highsRange(variables, rows, target);
        const region = Polytope.of(variables, rows);
        if (expected === null) {
          expect(region).toBeNull();
          return;
        }
        expect(region).not.toBeNull();
        const [lo, hi] = region!.range([[target, 1]]);
        expect(lo).toBeCloseTo(expected[0], 6);
        if (expected[1] === Infinity) expect(hi).toBe(Infinity);
        else expect(hi).toBeCloseTo(expected[1], 6);
      }),
      { seed: 1325, numRuns: 400 },
    );
  });

  it('handles redundant rows and stops early once a value is reached', () => {
    // x0 + x1 = 8 twice, x0 + x1 + x2 = 8: x2 = 0, x0 in [0, 8]
    const rows: LinearRow[] = [
      { terms: [[0, 1], [1, 1]], rhs: 8 },
      { terms: [[0, 1], [1, 1]], rhs: 8 },
      { terms: [[0, 1], [1, 1], [2, 1]], rhs: 8 },
    ];
    const region = Polytope.of(3, rows)!;
    expect(region.range([[0, 1]])).toEqual([0, 8]);
    expect(region.range([[2, 1]])).toEqual([0, 0]);
    expect(region.maximize([[0, 1]], 5)).toBeGreaterThanOrEqual(5);
    expect(Polytope.of(2, [{ terms: [[0, 1], [1, 1]], rhs: -1 }])).toBeNull();
  });
});
