import { catalogueSchema, type Catalogue } from './catalogue-schema';
import type { PlanCheck, PlanProblem } from './plan-errors';

type Seg = string | number;

/** `strategicGoals[0].operationalGoals[1].tasks[0]` from zod's path segments. */
export function planPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : `${out ? '.' : ''}${String(s)}`;
  return out;
}

/** Walks the raw data along a path (for naming the item a problem is in). */
function at(data: unknown, segments: readonly Seg[]): unknown {
  let v: unknown = data;
  for (const s of segments) v = v && typeof v === 'object' ? (v as Record<Seg, unknown>)[s] : undefined;
  return v;
}

/** "Показник 1.1.i2" / "Indicator 1.1.i2": the innermost named item on the path. */
function subject(data: unknown, segments: readonly Seg[]): { uk: string; en: string; rest: Seg[] } {
  const names: Record<string, [string, string, string]> = {
    indicators: ['Показник', 'Indicator', 'id'],
    measures: ['Захід', 'Measure', 'id'],
    tasks: ['Завдання', 'Task', 'number'],
    operationalGoals: ['Оперативна ціль', 'Operational goal', 'number'],
    strategicGoals: ['Стратегічна ціль', 'Strategic goal', 'number'],
    executors: ['Виконавець', 'Executor', 'id'],
    programmes: ['Програма', 'Programme', 'id'],
    districts: ['Район', 'District', 'id'],
  };
  for (let i = segments.length - 2; i >= 0; i--) {
    const key = segments[i];
    const name = typeof key === 'string' ? names[key] : undefined;
    if (!name || typeof segments[i + 1] !== 'number') continue;
    // a measure's `executors`/`programmes` are references, not registry entries
    if ((key === 'executors' || key === 'programmes') && i > 0) {
      const label = key === 'executors' ? ['виконавець', 'executor'] : ['програма', 'programme'];
      const m = subject(data, segments.slice(0, i));
      return { uk: `${m.uk}, ${label[0]} №${Number(segments[i + 1]) + 1}`, en: `${m.en}, ${label[1]} #${Number(segments[i + 1]) + 1}`, rest: segments.slice(i + 2) };
    }
    const item = at(data, segments.slice(0, i + 2));
    const id = item && typeof item === 'object' ? (item as Record<string, unknown>)[name[2]] : undefined;
    const tag = id === undefined || id === null || id === '' ? `№${Number(segments[i + 1]) + 1}` : String(id);
    return { uk: `${name[0]} ${tag}`, en: `${name[1]} ${tag}`, rest: segments.slice(i + 2) };
  }
  return { uk: 'План', en: 'Plan', rest: [...segments] };
}

const FIELD: Record<string, [string, string]> = {
  id: ['ідентифікатор', 'id'], version: ['версія', 'version'], title: ['назва', 'title'], territory: ['територія', 'territory'],
  years: ['роки', 'years'], number: ['номер', 'number'], text: ['текст', 'text'], period: ['період', 'period'],
  indicatorText: ['текст показників', 'indicator text'], unit: ['одиниця', 'unit'], population: ['кого рахує', 'population'],
  dimensions: ['розрізи', 'dimensions'], target: ['ціль', 'target'], min: ['', ''], per: ['рахується за', 'counted per'],
  source: ['джерело', 'source'], kind: ['вид', 'kind'], name: ['назва', 'name'], short: ['коротка назва', 'short name'],
  aliases: ['інші написання', 'aliases'], byConsent: ['«за згодою»', 'by consent'], draft: ['проект', 'draft'],
  approval: ['затвердження', 'approval'], by: ['ким', 'by'], date: ['дата', 'date'], uk: ['українською', 'in Ukrainian'], en: ['англійською', 'in English'],
};

function fieldName(rest: readonly Seg[]): { uk: string; en: string } {
  const parts = rest.filter((s): s is string => typeof s === 'string').map((s) => FIELD[s] ?? [s, s]).filter((p) => p[0] !== '');
  if (parts.length === 0) return { uk: 'запис', en: 'entry' };
  return { uk: parts.map((p) => p[0]).join(' '), en: parts.map((p) => p[1]).join(' ') };
}

interface ZodIssueLike { code: string; path: PropertyKey[]; message: string; input?: unknown; minimum?: unknown; origin?: string; values?: unknown[]; format?: string; expected?: string }

function zodProblem(data: unknown, issue: ZodIssueLike): PlanProblem {
  const segments = issue.path.filter((s): s is Seg => typeof s === 'string' || typeof s === 'number');
  const who = subject(data, segments);
  const field = fieldName(who.rest);
  const value = at(data, segments);
  let code = 'invalid';
  let why: [string, string];
  if (issue.code === 'invalid_type' && value === undefined) {
    code = 'required';
    why = ['обов\'язкове поле, його немає', 'is required and missing'];
  } else if (issue.code === 'invalid_type' && issue.expected === 'int') {
    code = 'not_whole_number';
    why = ['має бути цілим числом', 'must be a whole number'];
  } else if (issue.code === 'invalid_type') {
    code = 'wrong_type';
    why = [`має бути ${issue.expected === 'number' ? 'числом' : issue.expected === 'string' ? 'текстом' : issue.expected === 'array' ? 'списком' : issue.expected}`, `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`];
  } else if (issue.code === 'too_small' && issue.origin === 'number') {
    code = 'too_small';
    why = Number(issue.minimum) === 0 ? ['має бути додатним цілим числом', 'must be a positive whole number'] : [`має бути не менше ${String(issue.minimum)}`, `must be at least ${String(issue.minimum)}`];
  } else if (issue.code === 'too_small') {
    code = 'empty';
    why = ['не може бути порожнім', 'must not be empty'];
  } else if (issue.code === 'too_big') {
    code = 'too_big';
    why = ['завелике значення', 'is too large'];
  } else if (issue.code === 'invalid_value' || issue.code === 'invalid_union' && Array.isArray(issue.values)) {
    code = 'not_allowed_value';
    const vals = (issue.values ?? []).map(String).join(', ');
    why = [`має бути одним із: ${vals}`, `must be one of: ${vals}`];
  } else if (issue.code === 'invalid_format') {
    code = 'bad_format';
    why = [`має неправильний вигляд («${String(value)}»)`, `has the wrong form ("${String(value)}")`];
  } else if (issue.code === 'invalid_union') {
    code = 'wrong_type';
    why = ['має неправильний вигляд', 'has the wrong form'];
  } else {
    why = [issue.message, issue.message];
  }
  return { code, path: planPath(segments), message: { uk: `${who.uk}: ${field.uk} ${why[0]}`, en: `${who.en}: ${field.en} ${why[1]}` } };
}

/** Consistency that zod cannot express; `catalogue` has passed the schema. */
function consistency(c: Catalogue): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (code: string, path: string, uk: string, en: string) => problems.push({ code, path, message: { uk, en } });
  if (!c.version.trim()) add('version_empty', 'version', 'План: версія не може бути порожньою', 'Plan: version must not be empty');
  if (c.years.some((y, i) => i > 0 && y <= c.years[i - 1]!))
    add('years_not_sorted', 'years', `План: роки мають іти за зростанням без повторів (${c.years.join(', ')})`, `Plan: years must be in ascending order without repeats (${c.years.join(', ')})`);
  const registry = (key: 'districts' | 'executors' | 'programmes', uk: string, en: string) => {
    const seen = new Set<string>();
    c[key].forEach((item, i) => {
      if (seen.has(item.id)) add(`duplicate_${key.slice(0, -1)}_id`, `${key}[${i}].id`, `${uk} ${item.id}: такий ідентифікатор уже є`, `${en} ${item.id}: this id is already used`);
      seen.add(item.id);
    });
    return seen;
  };
  registry('districts', 'Район', 'District');
  const executors = registry('executors', 'Виконавець', 'Executor');
  const programmes = registry('programmes', 'Програма', 'Programme');
  const measureIds = new Set<string>();
  const indicatorIds = new Set<string>();
  c.strategicGoals.forEach((sg, s) => sg.operationalGoals.forEach((og, o) => og.tasks.forEach((task, t) => task.measures.forEach((m, k) => {
    const p = `strategicGoals[${s}].operationalGoals[${o}].tasks[${t}].measures[${k}]`;
    const expected = `${task.number}.${m.number}`;
    if (m.id !== expected) add('measure_id_mismatch', `${p}.id`, `Захід ${m.id}: ідентифікатор має бути ${expected} (завдання ${task.number}, захід ${m.number})`, `Measure ${m.id}: id must be ${expected} (task ${task.number}, measure ${m.number})`);
    if (m.withdrawnIn !== undefined) add('withdrawn_in_file', `${p}.withdrawnIn`, `Захід ${m.id}: поле withdrawnIn ставить застосунок, не файл плану; щоб вилучити захід, просто приберіть його з нової редакції`, `Measure ${m.id}: withdrawnIn is set by the app, not by a plan file; to withdraw a measure, leave it out of the new revision`);
    if (measureIds.has(m.id)) add('duplicate_measure_id', `${p}.id`, `Захід ${m.id}: такий ідентифікатор уже є`, `Measure ${m.id}: this id is already used`);
    measureIds.add(m.id);
    (m.indicators ?? []).forEach((ind, i) => {
      if (!ind.id.startsWith(`${m.id}.i`)) add('indicator_id_mismatch', `${p}.indicators[${i}].id`, `Показник ${ind.id}: ідентифікатор має починатися з ${m.id}.i`, `Indicator ${ind.id}: id must start with ${m.id}.i`);
      if (indicatorIds.has(ind.id)) add('duplicate_indicator_id', `${p}.indicators[${i}].id`, `Показник ${ind.id}: такий ідентифікатор уже є`, `Indicator ${ind.id}: this id is already used`);
      indicatorIds.add(ind.id);
    });
    (m.executors ?? []).forEach((e, i) => {
      if (!executors.has(e.id)) add('unknown_executor', `${p}.executors[${i}].id`, `Захід ${m.id}: виконавця «${e.id}» немає в переліку виконавців`, `Measure ${m.id}: executor "${e.id}" is not in the executors list`);
    });
    m.programmes.forEach((r, i) => {
      const id = typeof r === 'string' ? r : r.id;
      if (!programmes.has(id)) add('unknown_programme', `${p}.programmes[${i}]`, `Захід ${m.id}: програми «${id}» немає в переліку програм`, `Measure ${m.id}: programme "${id}" is not in the programmes list`);
    });
    if (m.period?.kind === 'years') {
      const outside = m.period.years.filter((y) => !c.years.includes(y));
      if (outside.length) add('period_outside_years', `${p}.period`, `Захід ${m.id}: період (${outside.join(', ')}) виходить за роки плану (${c.years.join(', ')})`, `Measure ${m.id}: period (${outside.join(', ')}) is outside the plan's years (${c.years.join(', ')})`);
    }
  }))));
  return problems;
}

/** Checks a plan file: the format (zod) and the consistency rules; every problem names its path in both languages. */
export function validatePlan(data: unknown): PlanCheck {
  const parsed = catalogueSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => zodProblem(data, i as unknown as ZodIssueLike)) };
  const problems = consistency(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, catalogue: parsed.data };
}
