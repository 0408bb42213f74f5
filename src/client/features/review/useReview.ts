import { useEffect, useMemo, useState } from 'react';
import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import type { ReviewItem } from '../../../shared/review/protocol';
import { readDeviceRecords, useDeviceRecords, type StoredRecord } from '../../data';
import type { DataSource } from '../../net/dataSource';
import { failureText, isOffline } from '../../net/failure';
import { deviceReviewItems } from './deviceReview';
import { listForReview, PAGE_SIZE } from './reviewApi';
import { matchesReview, sortForReview, type ReviewFilter } from './reviewFilter';

export interface ReviewListState {
  items: ReviewItem[] | undefined;
  total: number;
  error: LocalizedText | null;
  /** where the list came from: the server, or the device when the server did not answer */
  source: DataSource;
  loadMore: (() => void) | null;
}

function deviceList(records: readonly StoredRecord[], filter: ReviewFilter): ReviewItem[] {
  return sortForReview(deviceReviewItems(records).filter((i) => matchesReview(i, filter)));
}

interface Page {
  items: ReviewItem[];
  total: number;
  source: DataSource;
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
    const items = deviceList(await readDeviceRecords(), filter);
    return { items, total: items.length, source: { kind: 'device', why: 'failed' } };
  }
}

/**
 * The supervisor's list: from the server (a page at a time), or from the records on this device
 * (pulled team records, offline). The screen remounts it when the filter changes.
 */
export function useReviewList(filter: ReviewFilter, source: DataSource, refreshKey: number): ReviewListState {
  const local = useDeviceRecords();
  const [server, setServer] = useState<{ key: string; page?: Page; error?: LocalizedText } | null>(null);
  const [pages, setPages] = useState(1);
  const key = JSON.stringify([filter, source, refreshKey, pages]);

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

  const deviceItems = useMemo(() => (local && source.kind === 'device' ? deviceList(local, filter) : undefined), [local, filter, source.kind]);

  if (source.kind === 'device') return { items: deviceItems, total: deviceItems?.length ?? 0, error: null, source, loadMore: null };
  const current = server?.key === key ? server : null;
  const page = current?.page;
  return {
    items: page?.items ?? (current?.error ? [] : undefined),
    total: page?.total ?? 0,
    error: current?.error ?? null,
    source: page?.source ?? source,
    loadMore: page && page.items.length < page.total ? () => setPages((p) => p + 1) : null,
  };
}
