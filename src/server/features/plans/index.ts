export { checkPlanCommand, isPlanCheck, PLAN_CHECK_USAGE } from './check-cli';
export { planForReport } from './report-plan';
