/** The lock feature as other features see it: the lock settings on "Who am I". */
export { LockSettings } from './LockSettings';
