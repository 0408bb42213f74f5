/**
 * The hand-off feature as other features see it: the export panel (logout, access ended, the
 * Sync screen), loaded in its own chunk since it brings the file encryption.
 */
export const loadExportHandoff = () => import('./ExportHandoff');
