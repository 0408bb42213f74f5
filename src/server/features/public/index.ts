/** Public snapshots as other features see them: publishing and listing (the CLI). */
export { listSnapshots, publishSnapshot } from './snapshots';
