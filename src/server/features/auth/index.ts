/** Authentication as other features see it: who calls (from the bearer token), and role checks. */
export { authenticate, requireRole, type AuthContext } from './sessions';
