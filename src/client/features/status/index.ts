/** The status feature as other features see it: the storage panel and the sync summary on the Today screen. */
export { StorageStatus } from './StorageStatus';
export { useSyncSummary } from './summary';
