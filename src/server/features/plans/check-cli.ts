import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { validatePlan } from '../../../shared/plan/validate-plan';
import type { PlanProblem } from '../../../shared/plan/plan-errors';

type Print = (line: string) => void;

export const PLAN_CHECK_USAGE = 'plan check --file <plan.json>       (checks a plan in the documented format; exits 1 on problems, no database)';

/** `plan check`: needs no database, so it is answered before the server's configuration is read. */
export function isPlanCheck(argv: readonly string[]): boolean {
  return argv[0] === 'plan' && argv[1] === 'check';
}

function problemLines(p: PlanProblem): string[] {
  const where = p.path ? `${p.path}: ` : '';
  return [`- ${where}${p.message.uk}`, `  ${p.message.en} [${p.code}]`];
}

function readJson(file: string): { ok: true; data: unknown } | { ok: false; error: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, error: `Не вдалося прочитати файл / Cannot read the file: ${(error as Error).message}` };
  }
  try {
    return { ok: true, data: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: `Файл не є JSON / The file is not JSON: ${(error as Error).message}` };
  }
}

/** Prints whether the plan file fits the format; 0 valid, 1 problems, 2 usage. */
export function checkPlanCommand(argv: readonly string[], print: Print, printError: Print): number {
  const { values } = parseArgs({ args: [...argv.slice(2)], options: { file: { type: 'string' } }, strict: false });
  const file = typeof values.file === 'string' ? values.file : undefined;
  if (!file) {
    printError(`missing --file\nUsage: npm run admin -- ${PLAN_CHECK_USAGE}`);
    return 2;
  }
  const read = readJson(file);
  if (!read.ok) {
    printError(read.error);
    return 1;
  }
  const check = validatePlan(read.data);
  if (check.ok) {
    const c = check.catalogue;
    print(`План придатний / The plan is valid: ${c.id} ${c.version}, ${c.years.join(', ')} — ${c.title.uk}`);
    return 0;
  }
  printError(`План має ${check.problems.length} проблем(и) / The plan has ${check.problems.length} problem(s):`);
  for (const p of check.problems) problemLines(p).forEach((l) => printError(l));
  return 1;
}
