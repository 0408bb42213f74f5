import { useEffect, useState } from 'react';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import type { ReviewItem } from '../../../shared/review/protocol';
import { deviceBuckets, deviceReviewPage, useDeviceBuckets, type DeviceReviewQuery, type FactBucket, type StoredRecord } from '../../data';
import type { DataSource } from '../../net/dataSource';
import { failureText, isOffline } from '../../net/failure';
import { deviceReviewItems } from './deviceReview';
import { listForReview, PAGE_SIZE } from './reviewApi';
import { isMonth, matchesReview, type ReviewFilter } from './reviewFilter';

export interface ReviewListState {
  items: ReviewItem[] | undefined;
  total: number;
  error: LocalizedText | null;
  /** where the list came from: the server, or the device when the server did not answer */
  source: DataSource;
  loadMore: (() => void) | null;
}

/** Records per page when the list is made on the device, which decrypts each one it shows. */
export const DEVICE_PAGE_SIZE = 50;

interface Page {
  items: ReviewItem[];
  total: number;
  source: DataSource;
}

/** The filter as the device's indexes narrow it (a month that is not one yet filters nothing, as in matchesReview). */
function deviceQuery(filter: ReviewFilter): DeviceReviewQuery {
  return { teamId: filter.teamId, status: filter.status, measureId: filter.measureId, month: isMonth(filter.month) ? filter.month : '' };
}

/** The first `pages` pages of the list from the records on this device, sorted as sortForReview sorts. */
export async function deviceList(filter: ReviewFilter, pages: number, buckets: readonly FactBucket[], source: DataSource): Promise<Page> {
  const accept = (stored: StoredRecord) => deviceReviewItems([stored]).some((item) => matchesReview(item, filter));
  const page = await deviceReviewPage(deviceQuery(filter), accept, pages * DEVICE_PAGE_SIZE, buckets);
  return { items: deviceReviewItems(page.records), total: page.total, source };
}

async function serverList(filter: ReviewFilter, pages: number, source: DataSource): Promise<Page> {
  try {
    const items: ReviewItem[] = [];
    let total = 0;
    for (let page = 0; page < pages; page++) {
      const answer = await listForReview(filter, page * PAGE_SIZE);
      items.push(...answer.items);
      total = answer.total;
      if (items.length >= total) break;
    }
    return { items, total, source };
  } catch (error) {
    if (!isOffline(error)) throw error;
    return deviceList(filter, pages, await deviceBuckets(), { kind: 'device', why: 'failed' });
  }
}

/** The list made on the device, live: its aggregates change with every write, and the page is read again. */
function useDeviceList(key: string, on: boolean): Page | undefined {
  const buckets = useDeviceBuckets(on);
  const [page, setPage] = useState<Page>();
  useEffect(() => {
    const [f, s, , n] = JSON.parse(key) as [ReviewFilter, DataSource, number, number];
    if (s.kind !== 'device' || !buckets) return;
    let live = true;
    // A failure (the app locked meanwhile) keeps the page shown: the locked app shows no screen.
    void deviceList(f, n, buckets, s).then(
      (next) => live && setPage(next),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [key, buckets]);
  return on ? page : undefined;
}

/**
 * The supervisor's list, a page at a time: from the server, or from the records on this device
 * (pulled team records, offline). The screen remounts it when the filter changes.
 */
export function useReviewList(filter: ReviewFilter, source: DataSource, refreshKey: number): ReviewListState {
  const [server, setServer] = useState<{ key: string; page?: Page; error?: LocalizedText } | null>(null);
  const [pages, setPages] = useState(1);
  const key = JSON.stringify([filter, source, refreshKey, pages]);
  const device = useDeviceList(key, source.kind === 'device');
  const more = () => setPages((p) => p + 1);

  useEffect(() => {
    const [f, s, , n] = JSON.parse(key) as [ReviewFilter, DataSource, number, number];
    if (s.kind !== 'server') return;
    let live = true;
    void serverList(f, n, s).then(
      (page) => live && setServer({ key, page }),
      (error: unknown) => live && setServer({ key, error: failureText(error) }),
    );
    return () => {
      live = false;
    };
  }, [key]);

  // The page shown stays while the next one (another page, a newer write) is read.
  if (source.kind === 'device') return { items: device?.items, total: device?.total ?? 0, error: null, source, loadMore: device && device.items.length < device.total ? more : null };
  const current = server?.key === key ? server : null;
  const page = current?.page;
  return {
    items: page?.items ?? (current?.error ? [] : undefined),
    total: page?.total ?? 0,
    error: current?.error ?? null,
    source: page?.source ?? source,
    loadMore: page && page.items.length < page.total ? more : null,
  };
}
