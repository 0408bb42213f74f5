/** The plan feature as other features see it: the year a progress view opens on. */
export { defaultYear } from './progress';
