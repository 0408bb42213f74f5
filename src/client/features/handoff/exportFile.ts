import { sealHandoff } from '../../../shared/sync/handoff';
import { getDeviceId } from '../../data';
import { recordsForHandoff } from '../../data/handoff';

export interface ExportedFile {
  name: string;
  text: string;
  count: number;
}

/** Seals the records the server does not have yet into a passphrase-encrypted hand-off file. */
export async function exportHandoff(passphrase: string, iterations?: number): Promise<ExportedFile> {
  const [records, deviceId] = await Promise.all([recordsForHandoff(), getDeviceId()]);
  const exportedAt = new Date().toISOString();
  const text = await sealHandoff({ deviceId, exportedAt, records }, passphrase, iterations);
  const stamp = exportedAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return { name: `kyiv1325-handoff-${stamp}-${deviceId.slice(-6)}.json`, text, count: records.length };
}

/** Hands a file to the browser's downloads. */
export function downloadFile(file: { name: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download a moment to start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
