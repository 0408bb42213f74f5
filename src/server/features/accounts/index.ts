/** Accounts as other features see it: the user a session belongs to, found by email, and their teams. */
export { findUserByEmail, sessionUser, teamIdsOf } from './users';
export { listTeams } from './teams';
