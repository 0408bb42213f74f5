import { useEffect, useMemo, useState } from 'react';
import type { Catalogue, LocalizedText } from '../../../shared/plan/catalogue-schema';
import type { ProgressReport } from '../../../shared/reports/progress';
import type { Breakdown, ReportFilter } from '../../../shared/reports/query';
import { localToday } from '../../catalogue/measures';
import { deviceBuckets, useDeviceBuckets, type FactBucket } from '../../data';
import type { DataSource } from '../../net/dataSource';
import { failureText, isOffline } from '../../net/failure';
import { getJson } from '../../net/loggedIn';
import { bucketsReport, hydrateReport, progressQueryString, SCREEN_BREAKDOWNS, type ProgressReportJson } from './reportModel';

export interface ReportState {
  report: ProgressReport | undefined;
  error: LocalizedText | null;
  /** where the report shown came from: the server, or the device when the server did not answer */
  source: DataSource;
}

interface Answer {
  report: ProgressReport;
  source: DataSource;
}

async function fromServer(catalogue: Catalogue, filter: ReportFilter, breakdowns: Breakdown[], source: DataSource): Promise<Answer> {
  try {
    const json = await getJson<ProgressReportJson>(`/reports/progress${progressQueryString(filter, breakdowns)}`);
    return { report: hydrateReport(catalogue, json), source };
  } catch (error) {
    if (!isOffline(error)) throw error;
    // No answer: the device's own records still make a report, labelled as such.
    return { report: await reportFromDevice(catalogue, filter, localToday(), breakdowns), source: { kind: 'device', why: 'failed' } };
  }
}

/**
 * The report made on this device from the records it holds (offline, or when the server did not
 * answer): from the aggregates kept per measure × month, never from every record decoded.
 */
export async function reportFromDevice(
  catalogue: Catalogue,
  filter: ReportFilter,
  asOf: string,
  breakdowns: readonly Breakdown[] = SCREEN_BREAKDOWNS,
): Promise<ProgressReport> {
  return bucketsReport(catalogue, await deviceBuckets(), filter, asOf, breakdowns);
}

/** The progress report for a filter: from the server, or made here from the device's records. */
export function useProgressReport(
  catalogue: Catalogue,
  filter: ReportFilter,
  source: DataSource,
  breakdowns: readonly Breakdown[] = SCREEN_BREAKDOWNS,
): ReportState {
  const onServer = source.kind === 'server';
  // Only a device report depends on the device's records: a server report must not refetch on every local write.
  const local = useDeviceBuckets();
  const [state, setState] = useState<{ key: string; answer?: Answer; error?: LocalizedText } | null>(null);
  const key = JSON.stringify([filter, source, breakdowns]);
  const buckets = useMemo<FactBucket[] | undefined>(() => (onServer ? undefined : local), [local, onServer]);

  useEffect(() => {
    let live = true;
    // The key carries the filter, source and breakdowns as plain data, so a re-created object does not refetch.
    const [f, s, b] = JSON.parse(key) as [ReportFilter, DataSource, Breakdown[]];
    const run = async (): Promise<Answer | null> => {
      if (s.kind === 'server') return fromServer(catalogue, f, b, s);
      if (!buckets) return null;
      return { report: await bucketsReport(catalogue, buckets, f, localToday(), b), source: s };
    };
    void run().then(
      (answer) => live && answer && setState({ key, answer }),
      (error: unknown) => live && setState({ key, error: failureText(error) }),
    );
    return () => {
      live = false;
    };
  }, [catalogue, buckets, key]);

  const current = state?.key === key ? state : null;
  return { report: current?.answer?.report, error: current?.error ?? null, source: current?.answer?.source ?? source };
}
