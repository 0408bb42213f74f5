import type { TFunction } from '../app/i18n';
import type { FieldRecord } from '../../shared/records/schemas';

/** What a record is called in a list: an event by its title, other records by their kind. */
export function recordName(record: FieldRecord, t: TFunction): string {
  return record.kind === 'event' ? record.title : t(`kind.${record.kind}`);
}
