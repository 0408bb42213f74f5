/**
 * Reports as other features see them: the facts kept in step with pushes and verdicts, the query
 * parameters the public pages share, and the report day.
 */
export { latestRevisionsChanged, reviewStatusChanged } from './facts-store';
export { assertPlanYear, publicPageParams, publicPageQuery, publicQuery, publishRequest, snapshotListQuery } from './params';
export { today } from './scope';
