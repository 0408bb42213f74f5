import type { PlanProblem } from '../../../shared/plan/plan-errors';
import { problem, type ReadSheet, type SheetRow } from './template-cells';
import { marks } from './template-layout';
import { listItems, localized, parseYears, withMark, yearsProblem, type CellMap } from './template-values';

type Obj = Record<string, unknown>;
interface TaskObj extends Obj { measures: Obj[] }
interface OpGoal extends Obj { tasks: TaskObj[] }
interface Goal extends Obj { operationalGoals: OpGoal[] }

const trimmed = (row: SheetRow, key: string) => row.get(key).trim();

/** Records which cell each of a measure's values came from. */
function mapMeasureCells(cells: CellMap, p: string, row: SheetRow): void {
  const pairs: [string, string][] = [
    ['', 'measure'], ['.id', 'measure'], ['.number', 'measure'], ['.text.uk', 'text.uk'], ['.text.en', 'text.en'],
    ['.period', 'period.years'], ['.period.source', 'period.source'], ['.indicatorText.uk', 'indicatorText.uk'],
    ['.indicatorText.en', 'indicatorText.en'], ['.executors', 'executors'], ['.programmes', 'programmes'], ['.indicators', 'measure'],
  ];
  for (const [suffix, key] of pairs) cells.set(p + suffix, row.at(key));
}

function period(row: SheetRow, problems: PlanProblem[]): unknown {
  const yearsText = trimmed(row, 'period.years');
  const source = row.get('period.source');
  const written = source || yearsText;
  if (!yearsText && !source) return null;
  const text = yearsText || source.trim();
  if (marks.ongoing.some((m) => text.toLowerCase().startsWith(m))) return { kind: 'ongoing', source: written };
  const years = parseYears(text);
  if (!years) {
    problems.push(yearsProblem(row.at(yearsText ? 'period.years' : 'period.source'), text));
    return { kind: 'years', years: [], source: written };
  }
  return { kind: 'years', years, source: written };
}

function measureOf(row: SheetRow, problems: PlanProblem[]): Obj {
  const id = trimmed(row, 'measure');
  const number = /^\d+\.\d+$/.test(id) ? Number(id.split('.')[1]) : undefined;
  const executorsText = row.get('executors');
  const indicatorText = localized(row.get('indicatorText.uk'), row.get('indicatorText.en'));
  return {
    id,
    number,
    text: localized(row.get('text.uk'), row.get('text.en')),
    period: period(row, problems),
    indicatorText: Object.keys(indicatorText).length ? indicatorText : null,
    indicators: null,
    executors: executorsText.trim()
      ? listItems(executorsText).map((item) => {
          const { id: exec, marked } = withMark(item, marks.byConsent);
          return { id: exec, byConsent: marked };
        })
      : null,
    programmes: listItems(row.get('programmes')).map((item) => {
      const { id: prog, marked } = withMark(item, marks.draft);
      return marked ? { id: prog, draft: true } : prog;
    }),
  };
}

/** A goal's or task's title: given on its first row; a later row may repeat it but not change it. */
function sameTitle(holder: Obj, row: SheetRow, prefix: string, label: { uk: string; en: string }, problems: PlanProblem[], cells: CellMap, path: string): void {
  const title = holder.title as Obj;
  for (const lang of ['uk', 'en'] as const) {
    const text = row.get(`${prefix}.${lang}`);
    if (!text) continue;
    if (title[lang] === undefined) {
      title[lang] = text;
      cells.set(`${path}.title.${lang}`, row.at(`${prefix}.${lang}`));
    } else if (String(title[lang]).trim() !== text.trim())
      problems.push(
        problem('title_differs', row.at(`${prefix}.${lang}`), `${label.uk}: назва відрізняється від указаної вище («${String(title[lang])}»)`, `${label.en}: the title differs from the one given above ("${String(title[lang])}")`),
      );
  }
}

interface Tree {
  goals: Goal[];
  byMeasureId: Map<string, { measure: Obj; path: string }>;
}

/** The Measures sheet: one row per measure, goals and tasks grouped by their numbers in row order. */
export function readMeasures(sheet: ReadSheet, problems: PlanProblem[], cells: CellMap): Tree {
  const goals: Goal[] = [];
  const goalAt = new Map<string, number>();
  const opAt = new Map<string, [number, number]>();
  const taskAt = new Map<string, { og: string; index: [number, number, number] }>();
  const byMeasureId = new Map<string, { measure: Obj; path: string }>();
  cells.set('strategicGoals', { sheet: sheet.name });
  for (const row of sheet.rows) {
    const sgNo = trimmed(row, 'sg');
    const ogNo = trimmed(row, 'og');
    const taskNo = trimmed(row, 'task');
    if (!goalAt.has(sgNo)) {
      const s = goals.length;
      goals.push({ number: sgNo, title: localized(row.get('sg.uk'), row.get('sg.en')), operationalGoals: [] });
      goalAt.set(sgNo, s);
      for (const [suffix, key] of [['', 'sg'], ['.number', 'sg'], ['.title.uk', 'sg.uk'], ['.title.en', 'sg.en'], ['.operationalGoals', 'og']] as const)
        cells.set(`strategicGoals[${s}]${suffix}`, row.at(key));
    } else sameTitle(goals[goalAt.get(sgNo)!]!, row, 'sg', { uk: `Стратегічна ціль ${sgNo}`, en: `Strategic goal ${sgNo}` }, problems, cells, `strategicGoals[${goalAt.get(sgNo)}]`);
    const s = goalAt.get(sgNo)!;
    if (ogNo && sgNo && !ogNo.startsWith(`${sgNo}.`))
      problems.push(problem('goal_not_under_strategic_goal', row.at('og'), `Оперативна ціль ${ogNo} не належить до стратегічної цілі ${sgNo}: її номер має починатися з «${sgNo}.»`, `Operational goal ${ogNo} is not under strategic goal ${sgNo}: its number must start with "${sgNo}."`));
    const ogKey = `${sgNo}|${ogNo}`;
    if (!opAt.has(ogKey)) {
      const ops = goals[s]!.operationalGoals;
      opAt.set(ogKey, [s, ops.length]);
      const p = `strategicGoals[${s}].operationalGoals[${ops.length}]`;
      ops.push({ number: ogNo, title: localized(row.get('og.uk'), row.get('og.en')), tasks: [] });
      for (const [suffix, key] of [['', 'og'], ['.number', 'og'], ['.title.uk', 'og.uk'], ['.title.en', 'og.en'], ['.tasks', 'task']] as const) cells.set(p + suffix, row.at(key));
    } else {
      const [gs, go] = opAt.get(ogKey)!;
      sameTitle(goals[gs]!.operationalGoals[go]!, row, 'og', { uk: `Оперативна ціль ${ogNo}`, en: `Operational goal ${ogNo}` }, problems, cells, `strategicGoals[${gs}].operationalGoals[${go}]`);
    }
    const [os, oo] = opAt.get(ogKey)!;
    const known = taskAt.get(taskNo);
    if (known && known.og !== ogKey)
      problems.push(problem('task_in_two_goals', row.at('task'), `Завдання ${taskNo} уже є під іншою оперативною ціллю: завдання нумеруються наскрізно`, `Task ${taskNo} is already under another operational goal: tasks are numbered across the plan`));
    let index = known?.og === ogKey ? known.index : undefined;
    if (!index) {
      const tasks = goals[os]!.operationalGoals[oo]!.tasks;
      index = [os, oo, tasks.length];
      const p = `strategicGoals[${os}].operationalGoals[${oo}].tasks[${tasks.length}]`;
      tasks.push({ number: /^\d+$/.test(taskNo) ? Number(taskNo) : taskNo || undefined, title: localized(row.get('task.uk'), row.get('task.en')), measures: [] });
      for (const [suffix, key] of [['', 'task'], ['.number', 'task'], ['.title.uk', 'task.uk'], ['.title.en', 'task.en'], ['.measures', 'measure']] as const) cells.set(p + suffix, row.at(key));
      if (!known) taskAt.set(taskNo, { og: ogKey, index });
    } else {
      const [a, b, c] = index;
      sameTitle(goals[a]!.operationalGoals[b]!.tasks[c]!, row, 'task', { uk: `Завдання ${taskNo}`, en: `Task ${taskNo}` }, problems, cells, `strategicGoals[${a}].operationalGoals[${b}].tasks[${c}]`);
    }
    const [ts, to, tt] = index;
    const task = goals[ts]!.operationalGoals[to]!.tasks[tt]!;
    const p = `strategicGoals[${ts}].operationalGoals[${to}].tasks[${tt}].measures[${task.measures.length}]`;
    const measure = measureOf(row, problems);
    task.measures.push(measure);
    mapMeasureCells(cells, p, row);
    const id = String(measure.id);
    if (!byMeasureId.has(id)) byMeasureId.set(id, { measure, path: p });
  }
  return { goals, byMeasureId };
}

function target(row: SheetRow, problems: PlanProblem[]): unknown {
  const raw = row.raw('target.min');
  const minText = trimmed(row, 'target.min');
  const per = trimmed(row, 'target.per');
  const source = row.get('target.source');
  if (!minText && !per && !source) return null;
  let min: unknown = typeof raw === 'number' ? raw : minText ? Number(minText) : undefined;
  if (minText && (typeof min !== 'number' || !Number.isFinite(min))) {
    problems.push(problem('target_not_number', row.at('target.min'), `Ціль «${minText}» має бути цілим числом`, `The target "${minText}" must be a whole number`));
    min = minText;
  }
  return { min, ...(per ? { per } : {}), ...(source ? { source } : {}) };
}

function indicatorOf(row: SheetRow, problems: PlanProblem[]): Obj {
  const kind = trimmed(row, 'kind').toLowerCase() || 'count';
  const base = { id: trimmed(row, 'id'), kind, text: localized(row.get('text.uk'), row.get('text.en')) };
  if (kind === 'deliverable') return base;
  const optional = (key: string) => (trimmed(row, key) ? { [key]: trimmed(row, key) } : {});
  return {
    ...base,
    ...optional('unit'),
    ...optional('population'),
    dimensions: listItems(row.get('dimensions')),
    target: target(row, problems),
    ...optional('per'),
    ...optional('source'),
  };
}

/** The Indicators sheet: each row joins the measure its first column names, in row order. */
export function readIndicators(sheet: ReadSheet, tree: Tree, problems: PlanProblem[], cells: CellMap): void {
  for (const row of sheet.rows) {
    const measureId = trimmed(row, 'measure');
    const owner = tree.byMeasureId.get(measureId);
    if (!owner) {
      problems.push(problem('unknown_measure', row.at('measure'), `Показник ${trimmed(row, 'id')}: заходу «${measureId}» немає на аркуші «Заходи»`, `Indicator ${trimmed(row, 'id')}: measure "${measureId}" is not on the Measures sheet`));
      continue;
    }
    const list = (owner.measure.indicators ??= []) as Obj[];
    const p = `${owner.path}.indicators[${list.length}]`;
    list.push(indicatorOf(row, problems));
    const pairs: [string, string][] = [
      ['', 'id'], ['.id', 'id'], ['.kind', 'kind'], ['.text.uk', 'text.uk'], ['.text.en', 'text.en'], ['.unit', 'unit'], ['.population', 'population'],
      ['.dimensions', 'dimensions'], ['.target', 'target.min'], ['.target.min', 'target.min'], ['.target.per', 'target.per'], ['.target.source', 'target.source'],
      ['.per', 'per'], ['.source', 'source'],
    ];
    for (const [suffix, key] of pairs) cells.set(p + suffix, row.at(key));
  }
}
