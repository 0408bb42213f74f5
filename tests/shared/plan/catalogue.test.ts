import { readSeed } from './seeds';
import { describe, expect, it } from 'vitest';
import kyivPlanJson from '../../../src/shared/plan/kyiv-1325-2021-2023.json';
import catalogueJsonSchemaFile from '../../../src/shared/plan/catalogue.schema.json';
import otherPlan from '../../fixtures/other-territory-plan.json';
import { allMeasures, catalogueSchema, countedPerOf, defaultCatalogue, loadCatalogue, programmeRefsOf, type LocalizedText } from '../../../src/shared/plan';
import { catalogueJsonSchema } from '../../../src/shared/plan/json-schema';

const catalogue = defaultCatalogue;
const measures = allMeasures(catalogue);
const tasks = catalogue.strategicGoals.flatMap((g) => g.operationalGoals.flatMap((o) => o.tasks));
const indicators = measures.flatMap((m) => m.measure.indicators ?? []);

function texts(value: unknown, path = ''): { path: string; text: LocalizedText }[] {
  if (value === null || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  if (typeof obj.uk === 'string' && typeof obj.en === 'string' && Object.keys(obj).length === 2)
    return [{ path, text: obj as unknown as LocalizedText }];
  return Object.entries(obj).flatMap(([k, v]) => texts(v, `${path}.${k}`));
}

describe('the Kyiv plan catalogue', () => {
  it('fits the catalogue schema', () => {
    const result = catalogueSchema.safeParse(kyivPlanJson);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('ships a JSON Schema that matches the zod schema', () => {
    expect(catalogueJsonSchemaFile).toEqual(JSON.parse(JSON.stringify(catalogueJsonSchema())));
  });

  it('holds 5 strategic goals, their operational goals and tasks 1 to 21 in order', () => {
    expect(catalogue.strategicGoals.map((g) => g.number)).toEqual(['1', '2', '3', '4', '5']);
    expect(catalogue.strategicGoals.flatMap((g) => g.operationalGoals.map((o) => o.number))).toEqual([
      '1.1', '1.2', '1.3', '2.1', '2.2', '3.2', '4.2', '4.3', '4.4', '5.1', '5.2',
    ]);
    expect(tasks.map((t) => t.number)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    for (const g of catalogue.strategicGoals)
      for (const o of g.operationalGoals) expect(o.number.startsWith(`${g.number}.`)).toBe(true);
  });

  it('numbers measures from 1 within each task, with ids task.measure', () => {
    for (const task of tasks) {
      expect(task.measures.map((m) => m.number)).toEqual(task.measures.map((_, i) => i + 1));
      for (const m of task.measures) expect(m.id).toBe(`${task.number}.${m.number}`);
    }
  });

  it('has unique ids everywhere', () => {
    const unique = (ids: string[]) => expect(new Set(ids).size).toBe(ids.length);
    unique(measures.map((m) => m.measure.id));
    unique(indicators.map((i) => i.id));
    unique(catalogue.executors.map((e) => e.id));
    unique(catalogue.programmes.map((p) => p.id));
    unique(catalogue.districts.map((d) => d.id));
  });

  it('links indicators, executors and programmes to what exists', () => {
    const executorIds = new Set(catalogue.executors.map((e) => e.id));
    const programmeIds = new Set(catalogue.programmes.map((p) => p.id));
    for (const { measure } of measures) {
      for (const i of measure.indicators ?? []) expect(i.id.startsWith(`${measure.id}.i`)).toBe(true);
      for (const e of measure.executors ?? []) expect(executorIds, `${measure.id} → ${e.id}`).toContain(e.id);
      for (const { id } of programmeRefsOf(measure)) expect(programmeIds, `${measure.id} → ${id}`).toContain(id);
    }
    const used = new Set(measures.flatMap((m) => (m.measure.executors ?? []).map((e) => e.id)));
    expect(catalogue.executors.filter((e) => !used.has(e.id)).map((e) => e.id)).toEqual([]);
  });

  it('gives every measure executors and indicators, or an explicit null', () => {
    const raw = (kyivPlanJson as { strategicGoals: { operationalGoals: { tasks: { measures: Record<string, unknown>[] }[] }[] }[] })
      .strategicGoals.flatMap((g) => g.operationalGoals.flatMap((o) => o.tasks.flatMap((t) => t.measures)));
    for (const m of raw) {
      expect(m, String(m.id)).toHaveProperty('executors');
      expect(m, String(m.id)).toHaveProperty('indicators');
      expect(m, String(m.id)).toHaveProperty('period');
      if (m.executors !== null) expect((m.executors as unknown[]).length).toBeGreaterThan(0);
      if (m.indicators !== null) expect((m.indicators as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it('has every text in Ukrainian and in English, cleaned of PDF artefacts', () => {
    const all = texts(kyivPlanJson);
    expect(all.length).toBeGreaterThan(200);
    for (const { path, text } of all) {
      expect(text.uk, path).toMatch(/[а-яіїєґ]/i);
      expect(text.en, path).not.toMatch(/[а-яіїєґ]{3,}/i);
      expect(text.uk, path).not.toMatch(/<\/?p>|\t|1 2 3 4 5/);
      expect(text.uk.trim(), path).toBe(text.uk);
    }
  });

  it('gives a machine-readable target wherever an indicator states "не менше N"', () => {
    for (const { measure } of measures) {
      const stated = [...(measure.indicatorText?.uk ?? '').matchAll(/не менше (\d+)/g)].map((m) => Number(m[1]));
      const targets = (measure.indicators ?? []).flatMap((i) => (i.kind === 'count' && i.target ? [i.target.min] : []));
      expect(targets.sort(), measure.id).toEqual(stated.sort());
    }
  });

  it('counts per year exactly the indicators whose text says "на рік", with or without a number', () => {
    const yearly = indicators.filter((i) => i.kind === 'count' && countedPerOf(i) === 'year').map((i) => i.id);
    const saysPerYear = indicators.filter((i) => i.kind === 'count' && /на рік/.test(i.text.uk)).map((i) => i.id);
    expect(yearly).toEqual(saysPerYear);
    // 4.3 and 6.1 say "Кількість проведених заходів на рік" without a number: yearly, no target.
    for (const id of ['4.3.i1', '6.1.i1']) {
      const i = indicators.find((x) => x.id === id)!;
      expect(i.kind === 'count' && i.target === null && countedPerOf(i) === 'year', id).toBe(true);
    }
  });

  it('says what the source says of programmes and approval: a draft programme, an undated approval block', () => {
    const source = readSeed('000_fca0d791e246e4f6.txt');
    const refs = (id: string) => programmeRefsOf(measures.find((m) => m.measure.id === id)!.measure);
    // 1.2: "(Заходи включено до проекту МЦП «Турбота. Назустріч киянам» на 2022-2024 роки»)"
    expect(refs('1.2')).toEqual([{ id: 'mcp-turbota-2022-2024', draft: true }]);
    // 12.3: "Заходи включено до МЦП «Гурбота. Назустріч киянам»"
    expect(refs('12.3')).toEqual([{ id: 'mcp-turbota-2022-2024', draft: false }]);
    expect(measures.flatMap((m) => programmeRefsOf(m.measure)).filter((r) => r.draft)).toHaveLength(1);
    expect(source.match(/проекту МЦП/g)).toHaveLength(1);
    // "ЗАТВЕРДЖУЮ / Київський міський голова / В. КЛИЧКО / « ____ » _____ 2021 р."
    expect(catalogue.approval).toMatchObject({ date: null, source: '« ____ » _____ 2021 р.' });
    expect(source).toContain(catalogue.approval!.source);
    expect(catalogue).not.toHaveProperty('approvedBy');
  });

  it('keeps deliverables apart from counts', () => {
    expect(indicators.some((i) => i.kind === 'deliverable')).toBe(true);
    expect(indicators.filter((i) => i.kind === 'count' && i.unit === 'persons').length).toBeGreaterThan(10);
  });

  it('takes every measure text and period verbatim from the source', () => {
    const source = readSeed('000_fca0d791e246e4f6.txt');
    const words = source.replace(/<\/?p>/g, ' ').split(/\s+/).filter(Boolean);
    for (const { measure } of measures) {
      const text = measure.text.uk.split(/\s+/);
      expect(isCloseSubsequence(text, words), `${measure.id}: ${measure.text.uk.slice(0, 60)}`).toBe(true);
      if (measure.period) expect(source.includes(measure.period.source), `${measure.id} period`).toBe(true);
    }
  });
});

/**
 * The words of `text`, in order, within a short stretch of the source: a cell split across a
 * page break has other columns' words in between, but never far more than its own length.
 */
function isCloseSubsequence(text: string[], source: string[]): boolean {
  const slack = text.length * 3 + 120;
  for (let start = 0; start < source.length; start++) {
    if (!source[start]!.endsWith(text[0]!)) continue;
    let j = 1;
    for (let k = start + 1; j < text.length && k < source.length && k - start <= slack; k++) if (source[k] === text[j]) j++;
    if (j === text.length) return true;
  }
  return false;
}

describe('a plan of another territory', () => {
  it('loads without code changes', () => {
    const plan = loadCatalogue(otherPlan);
    expect(allMeasures(plan).map((m) => m.measure.id)).toEqual(['1.1', '1.2', '1.3']);
    expect(plan.districts.map((d) => d.id)).toEqual(['lvivskyi', 'stryiskyi']);
  });
  it('reads an indicator without "per" as counted per its target, or over the period', () => {
    const plan = loadCatalogue(otherPlan);
    const [first, second] = allMeasures(plan)[0]!.measure.indicators!;
    expect(first!.kind === 'count' && countedPerOf(first!)).toBe('year');
    expect(second!.kind === 'count' && countedPerOf(second!)).toBe('period');
  });
  it('still reads "approvedBy" and bare programme ids, as files written before "approval" and drafts have them', () => {
    const plan = loadCatalogue({ ...otherPlan, approvedBy: { uk: 'Голова ОДА', en: 'Head of the oblast administration' } });
    expect(plan.approvedBy?.en).toBe('Head of the oblast administration');
    expect(programmeRefsOf(allMeasures(plan)[0]!.measure)).toEqual([{ id: 'care', draft: false }]);
  });
  it('refuses "per" that contradicts the target', () => {
    const broken = structuredClone(otherPlan) as unknown as { strategicGoals: { operationalGoals: { tasks: { measures: { indicators: Record<string, unknown>[] }[] }[] }[] }[] };
    broken.strategicGoals[0]!.operationalGoals[0]!.tasks[0]!.measures[0]!.indicators[0]!.per = 'period';
    expect(() => loadCatalogue(broken)).toThrow(/per/);
  });
  it('is refused with the path of what does not fit', () => {
    const broken = structuredClone(otherPlan) as { strategicGoals: { title: { en?: string } }[] };
    delete broken.strategicGoals[0]!.title.en;
    expect(() => loadCatalogue(broken)).toThrow(/strategicGoals/);
  });
});
