/**
 * Forms that hold input not yet saved as a record. The app never reloads under them by itself,
 * and before an update it asks each of them to write its draft first.
 */
const forms = new Map<string, () => Promise<void>>();

export function markUnsaved(key: string, flush: () => Promise<void>): void {
  forms.set(key, flush);
}

export function markSaved(key: string): void {
  forms.delete(key);
}

export function hasUnsavedInput(): boolean {
  return forms.size > 0;
}

export async function flushUnsaved(): Promise<void> {
  await Promise.all([...forms.values()].map((flush) => flush()));
}
