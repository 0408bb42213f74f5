import type { Catalogue, Measure } from '../../../shared/plan/catalogue-schema';
import type { CountTable } from '../../../shared/records/counts';
import { contentOf } from '../../../shared/records/build';
import type { EventContent, EventFormat, EventRecord } from '../../../shared/records/schemas';
import { defaultDateFor } from '../../catalogue/measures';
import { emptyTally, fromTable, type TallyState } from '../../ui/tally/tally';
import type { TallyMode } from '../../ui/tally/TallyGrid';

/** The event form holds both venue kinds' fields, so switching back and forth loses nothing. */
export interface EventFormValues {
  kind: 'event';
  measureId: string;
  title: string;
  format: EventFormat | '';
  startDate: string;
  endDate: string;
  venue: { mode: 'in_person' | 'online'; place: string; district: string; platform: string };
  organiser: string;
  attendance: CountTable;
  materials: { produced: number; distributed: number };
}

export interface EventDraft {
  values: EventFormValues;
  tally: TallyState;
  mode: TallyMode;
}

/** Record content from the form: only the chosen venue kind's fields. */
export function eventContentOf(values: EventFormValues): unknown {
  const { venue, ...rest } = values;
  const platform = venue.platform.trim();
  return {
    ...rest,
    venue:
      venue.mode === 'in_person'
        ? { mode: 'in_person', place: venue.place, district: venue.district }
        : { mode: 'online', ...(platform ? { platform } : {}) },
  };
}

/**
 * "Save and add another": the next session of a series, run by the same organiser at the same
 * venue for the same measure; its title, dates, attendance and materials are its own.
 */
export function nextEventDraft(saved: EventFormValues, catalogue: Catalogue, today: string): EventDraft {
  const fresh = freshEventDraft(undefined, catalogue, today);
  const { measureId, format, venue, organiser } = saved;
  return { ...fresh, values: { ...fresh.values, measureId, format, venue, organiser } };
}

export function freshEventDraft(measure: Measure | undefined, catalogue: Catalogue, today: string): EventDraft {
  const date = defaultDateFor(measure, catalogue, today);
  return {
    values: {
      kind: 'event',
      measureId: measure?.id ?? '',
      title: '',
      format: '',
      startDate: date,
      endDate: date,
      venue: { mode: 'in_person', place: '', district: '', platform: '' },
      organiser: '',
      attendance: { cells: [], total: 0 },
      materials: { produced: 0, distributed: 0 },
    },
    tally: emptyTally(),
    mode: 'type',
  };
}

export function eventDraftFrom(record: EventRecord): EventDraft {
  const content = contentOf(record) as EventContent;
  const venue =
    content.venue.mode === 'in_person'
      ? { mode: 'in_person' as const, place: content.venue.place, district: content.venue.district, platform: '' }
      : { mode: 'online' as const, place: '', district: '', platform: content.venue.platform ?? '' };
  return { values: { ...content, venue }, tally: fromTable(content.attendance), mode: 'type' };
}
