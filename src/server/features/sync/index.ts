/** Sync as other features see it: the calendar rules records are checked against. */
export { latestDateOnEarth, monthsBetween } from './record-facts';
