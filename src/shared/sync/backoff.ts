/**
 * When to try again after a failed sync: exponential backoff with full jitter, so hundreds of
 * devices that lost the network together do not all come back in the same second.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 15 * 60_000 };

export function retryDelay(failures: number, random: () => number = Math.random, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (failures <= 0) return 0;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(policy.baseMs / 2 + random() * (ceiling - policy.baseMs / 2));
}
