import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultCatalogue } from '../../../shared/plan';
import { validatePlan } from '../../../shared/plan/validate-plan';
import type { PlanCheck, PlanProblem } from '../../../shared/plan/plan-errors';
import { looksLikeXlsx, readTemplate } from './template-read';
import { catalogueToTemplate } from './template-write';

type Print = (line: string) => void;

export const PLAN_CHECK_USAGE = `plan check --file <plan.json | plan.xlsx>       (checks a plan in the JSON format or the XLSX template; exits 1 on problems, no database)
  plan export-template --file <out.xlsx> [--plan <plan.json>]   (writes the built-in plan, or the given one, as the XLSX template to fill in)`;

/** `plan check` and `plan export-template` need no database, so they are answered before the server's configuration is read. */
export function isPlanCheck(argv: readonly string[]): boolean {
  return argv[0] === 'plan' && (argv[1] === 'check' || argv[1] === 'export-template');
}

/** "Заходи Measures, рядок 5, стовпець K" / "Заходи Measures, row 5, column K", or the JSON path. */
function whereOf(p: PlanProblem): { uk: string; en: string } | null {
  if (!p.sheet) return p.path ? { uk: p.path, en: p.path } : null;
  const row = p.row ? { uk: `, рядок ${p.row}`, en: `, row ${p.row}` } : { uk: '', en: '' };
  const column = p.column ? { uk: `, стовпець ${p.column}`, en: `, column ${p.column}` } : { uk: '', en: '' };
  return { uk: `аркуш «${p.sheet}»${row.uk}${column.uk}`, en: `sheet "${p.sheet}"${row.en}${column.en}` };
}

function problemLines(p: PlanProblem): string[] {
  const where = whereOf(p);
  return [`- ${where ? `${where.uk}: ` : ''}${p.message.uk}`, `  ${where && p.sheet ? `${where.en}: ` : ''}${p.message.en} [${p.code}]`];
}

type Read = { ok: true; bytes: Buffer } | { ok: false; error: string };

function readBytes(file: string): Read {
  try {
    return { ok: true, bytes: readFileSync(file) };
  } catch (error) {
    return { ok: false, error: `Не вдалося прочитати файл / Cannot read the file: ${(error as Error).message}` };
  }
}

/** A plan file, JSON or the XLSX template (by its extension or its zip signature), checked. */
export async function checkPlanFile(file: string): Promise<PlanCheck | { error: string }> {
  const read = readBytes(file);
  if (!read.ok) return { error: read.error };
  if (file.toLowerCase().endsWith('.xlsx') || looksLikeXlsx(read.bytes)) return readTemplate(read.bytes);
  try {
    return validatePlan(JSON.parse(read.bytes.toString('utf8')) as unknown);
  } catch (error) {
    return { error: `Файл не є JSON / The file is not JSON: ${(error as Error).message}` };
  }
}

function fileArg(argv: readonly string[]): { file?: string; plan?: string } {
  const { values } = parseArgs({ args: [...argv.slice(2)], options: { file: { type: 'string' }, plan: { type: 'string' } }, strict: false });
  return { file: typeof values.file === 'string' ? values.file : undefined, plan: typeof values.plan === 'string' ? values.plan : undefined };
}

async function exportTemplate(argv: readonly string[], print: Print, printError: Print): Promise<number> {
  const { file, plan } = fileArg(argv);
  if (!file) {
    printError(`missing --file\nUsage: npm run admin -- ${PLAN_CHECK_USAGE}`);
    return 2;
  }
  let source = validatePlan(defaultCatalogue);
  if (plan) {
    const checked = await checkPlanFile(plan);
    if ('error' in checked) return printError(checked.error), 1;
    source = checked;
  }
  if (!source.ok) {
    printError(`План має ${source.problems.length} проблем(и) / The plan has ${source.problems.length} problem(s):`);
    for (const p of source.problems) problemLines(p).forEach((l) => printError(l));
    return 1;
  }
  writeFileSync(file, await catalogueToTemplate(source.catalogue));
  print(`Шаблон записано / Template written: ${file} (${source.catalogue.id} ${source.catalogue.version})`);
  return 0;
}

/** `plan check` prints whether the file fits the format (0 valid, 1 problems, 2 usage); `plan export-template` writes the template. */
export async function checkPlanCommand(argv: readonly string[], print: Print, printError: Print): Promise<number> {
  if (argv[1] === 'export-template') return exportTemplate(argv, print, printError);
  const { file } = fileArg(argv);
  if (!file) {
    printError(`missing --file\nUsage: npm run admin -- ${PLAN_CHECK_USAGE}`);
    return 2;
  }
  const check = await checkPlanFile(file);
  if ('error' in check) {
    printError(check.error);
    return 1;
  }
  if (check.ok) {
    const c = check.catalogue;
    print(`План придатний / The plan is valid: ${c.id} ${c.version}, ${c.years.join(', ')} — ${c.title.uk}`);
    return 0;
  }
  printError(`План має ${check.problems.length} проблем(и) / The plan has ${check.problems.length} problem(s):`);
  for (const p of check.problems) problemLines(p).forEach((l) => printError(l));
  return 1;
}
