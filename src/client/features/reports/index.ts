/**
 * The reports feature as other features see it. The review and annual-report screens share its
 * texts and styles: importing this module registers them.
 */
export { messagesReady } from './registerMessages';
import './reports.css';

export { CrossTable } from './CrossTable';
export { useProgressReport, type ReportState } from './useReport';
