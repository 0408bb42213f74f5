/** The status feature as other features see it: the storage panel on the Today screen. */
export { StorageStatus } from './StorageStatus';
