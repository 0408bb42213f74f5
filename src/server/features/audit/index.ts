/** The audit log as other features see it: writing an entry, and reading the log (the CLI). */
export { audit, type AuditEvent, type LoginFailure, type SessionEndCause } from './log';
export { listAudit } from './list';
