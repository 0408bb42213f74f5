/**
 * The client's data module: the only code that talks to the device database. UI reaches data
 * through these functions and hooks, never through Dexie directly.
 */
export type { DraftRow, Encoded, LocalStatus, OutboxRow, RecordRow, ReviewNote, ServerRecordRow, SessionRow, StatusReason } from './rows';
export { localStatuses } from './rows';
export { StorageFullError, WriteConflictError, errorText, isQuotaError } from './errors';
export { BadAnswerError, checkedAnswer } from './answers';
export { getDeviceId, getMeta, setMeta, META } from './meta';
export {
  getSession,
  saveLocalIdentity,
  saveServerSession,
  currentAuthor,
  newLocalTeamId,
  finishLogin,
  chooseTeam,
  markSessionRefused,
  hasLoggedInBefore,
  countLocalRecords,
  type LocalIdentity,
} from './session';
export { unsyncedSummary, syncInfo, noteSyncOutcome, type UnsyncedSummary, type SyncInfo, type SyncErrorNote } from './status';
export { requestPersistence, storageState, type StorageState } from './storage';
export { withLock, tryLock } from './locks';
export {
  useSession,
  useUnsynced,
  useSyncInfo,
  useStorageState,
  useRecordsOn,
  useRecentRecords,
  useDeviceBuckets,
  useDeviceTeamIds,
  useMeasureCounts,
  useRecordsPage,
  type RecordsPage,
  type RecentRecords,
  useStoredRecord,
  useSetAside,
  useServerRecordsPage,
  useDeviceCompleteness,
} from './hooks';
export { cacheServerCompleteness, cachedServerCompleteness, deviceCompleteness, type CachedCompleteness, type DeviceCompleteness } from './completenessOnDevice';
export { getRecord, listRecords, type StoredRecord } from './recordRead';
export { deviceReviewStatus, mergeDeviceRecords } from './deviceRecords';
export { deviceBuckets, deviceFacts, rebuildAggregates, type FactBucket, type OwnFact, type ReviewTally } from './aggregates';
export { deviceReviewCount, deviceReviewPage, type DeviceReviewPage, type DeviceReviewQuery } from './deviceReviewList';
export { noteLayerChosen, readLayerChoices, togglePinned, useLayerChoices, type ChoiceDimension, type LayerChoices } from './groupChoices';
