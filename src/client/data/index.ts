/**
 * The client's data module: the only code that talks to the device database. UI reaches data
 * through these functions and hooks, never through Dexie directly.
 */
export type { DraftRow, Encoded, LocalStatus, OutboxRow, RecordRow, SessionRow, StatusReason } from './rows';
export { localStatuses } from './rows';
export { StorageFullError, WriteConflictError, errorText, isQuotaError } from './errors';
export { getDeviceId, getMeta, setMeta, META } from './meta';
export { getSession, saveLocalIdentity, saveServerSession, currentAuthor, teamIdFor, type LocalIdentity } from './session';
export { unsyncedSummary, syncInfo, type UnsyncedSummary, type SyncInfo } from './status';
export { requestPersistence, storageState, type StorageState } from './storage';
export { withLock } from './locks';
export { useSession, useUnsynced, useSyncInfo, useStorageState, useAllRecords, useRecordsOn, useRecordsCreatedSince, useStoredRecord } from './hooks';
export { getRecord, listRecords, type StoredRecord } from './recordRead';
