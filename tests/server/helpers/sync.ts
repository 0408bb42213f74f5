import { SYNC_PROTOCOL_VERSION, uuidv7, type FieldRecord, type PushResponse } from '../../../src/shared';

export function batch(deviceKey: string, records: unknown[], over: Record<string, unknown> = {}) {
  return { protocolVersion: SYNC_PROTOCOL_VERSION, batchId: uuidv7(), deviceId: deviceKey, records, ...over };
}

export function statuses(response: PushResponse): string[] {
  return response.results.map((r) => r.status);
}

/** Pushes over real HTTP (not inject), so parallel requests really overlap on the server. */
export async function httpPush(baseUrl: string, token: string, body: unknown): Promise<{ status: number; json: PushResponse }> {
  const res = await fetch(`${baseUrl}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as PushResponse };
}

export function ids(records: FieldRecord[]): string[] {
  return records.map((r) => r.id).sort();
}
