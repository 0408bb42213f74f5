import type { Catalogue, Measure, OperationalGoal, StrategicGoal, Task } from './catalogue-schema';

/**
 * The plan a report is made with: a plan's current revision, plus each measure an earlier
 * revision had and the current one removed, marked `withdrawnIn` (the first revision without
 * it). Records keep the measure they were made for, so a revision that drops a measure must
 * not drop its records from the figures (issue 13). A withdrawn measure goes back under its
 * task, operational and strategic goal, added from the revision that last had them when the
 * current revision has none of that number. `revisions` is every revision, oldest first.
 */
export function withWithdrawnMeasures(current: Catalogue, revisions: readonly Catalogue[]): Catalogue {
  const order = revisions.filter((r) => r.id === current.id && r.version !== current.version);
  if (order.length === 0) return current;
  const present = new Set(measureIds(current));
  const out = structuredClone(current);
  const sequence = [...order, current];
  const idsOf = sequence.map((c) => new Set(measureIds(c)));
  // Newest earlier revision first: a measure removed twice keeps its last wording.
  for (let i = order.length - 1; i >= 0; i--) {
    const earlier = order[i]!;
    for (const sg of earlier.strategicGoals)
      for (const og of sg.operationalGoals)
        for (const task of og.tasks)
          for (const m of task.measures) {
            if (present.has(m.id)) continue;
            present.add(m.id);
            placeMeasure(out, sg, og, task, { ...m, withdrawnIn: firstWithout(m.id, sequence, idsOf, i) });
          }
  }
  return out;
}

function measureIds(c: Catalogue): string[] {
  return c.strategicGoals.flatMap((sg) => sg.operationalGoals.flatMap((og) => og.tasks.flatMap((t) => t.measures.map((m) => m.id))));
}

/** The version of the first revision after `from` that lacks the measure. */
function firstWithout(id: string, sequence: readonly Catalogue[], idsOf: readonly Set<string>[], from: number): string {
  for (let i = from + 1; i < sequence.length; i++) if (!idsOf[i]!.has(id)) return sequence[i]!.version;
  return sequence[sequence.length - 1]!.version;
}

function placeMeasure(out: Catalogue, sg: StrategicGoal, og: OperationalGoal, task: Task, measure: Measure): void {
  const goal = findOrAdd(out.strategicGoals, (g) => g.number === sg.number, () => ({ ...sg, operationalGoals: [] }), (a, b) => Number(a.number) - Number(b.number));
  const operational = findOrAdd(goal.operationalGoals, (g) => g.number === og.number, () => ({ ...og, tasks: [] }), (a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
  const home = findOrAdd(operational.tasks, (t) => t.number === task.number, () => ({ ...task, measures: [] }), (a, b) => a.number - b.number);
  home.measures.push(measure);
  home.measures.sort((a, b) => a.number - b.number);
}

function findOrAdd<T>(list: T[], match: (item: T) => boolean, make: () => T, order: (a: T, b: T) => number): T {
  const found = list.find(match);
  if (found) return found;
  const made = make();
  list.push(made);
  list.sort(order);
  return made;
}
