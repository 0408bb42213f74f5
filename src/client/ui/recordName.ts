import type { TFunction } from '../app/i18n';
import type { Catalogue, LocalizedText } from '../../shared/plan/catalogue-schema';
import { districtValues } from '../../shared/dimensions/districts';
import type { FieldRecord } from '../../shared/records/schemas';

/** What a record is called in a list: an event by its title, other records by their kind. */
export function recordName(record: FieldRecord, t: TFunction): string {
  return record.kind === 'event' ? record.title : t(`kind.${record.kind}`);
}

/**
 * What tells one card from the next in a long list: the kind, then the service given, the
 * event's title or the indicator reported on.
 */
export function recordSubject(record: FieldRecord, t: TFunction): string {
  switch (record.kind) {
    case 'serviceLog':
      return `${t('kind.serviceLog')}: ${t(`serviceType.${record.serviceType}`)}`;
    case 'event':
      return `${t('kind.event')}: ${record.title}`;
    case 'indicatorReport':
      return `${t('kind.indicatorReport')} ${record.indicatorId}`;
  }
}

/** Where the work was done: the district's name, "online" for an online event, nothing for a report. */
export function recordPlace(record: FieldRecord, catalogue: Catalogue, t: TFunction, text: (l: LocalizedText) => string): string | null {
  const district = record.kind === 'serviceLog' ? record.district : record.kind === 'event' && record.venue.mode === 'in_person' ? record.venue.district : null;
  if (record.kind === 'event' && record.venue.mode === 'online') return t('records.online');
  if (!district) return null;
  const value = districtValues(catalogue).find((d) => d.id === district);
  return value ? text(value.label) : district;
}
