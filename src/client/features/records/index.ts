/** The records feature as other features see it: how a record is summed up and where it is edited. */
export { recordTotal, routeFor } from './recordSummary';
