/** Sync as other features see it: the calendar rules records are checked against, and a verdict as pulls send it. */
export { latestDateOnEarth, monthsBetween } from './record-facts';
export { verdictDto } from './verdict-dto';
