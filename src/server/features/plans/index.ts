export { checkPlanCommand, isPlanCheck, PLAN_CHECK_USAGE } from './check-cli';
export { planForReport } from './report-plan';
export { readTemplate } from './template-read';
export { catalogueToTemplate } from './template-write';
