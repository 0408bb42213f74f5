import type { Catalogue, Measure } from '../../../shared/plan/catalogue-schema';
import { contentOf } from '../../../shared/records/build';
import type { ServiceTable } from '../../../shared/records/counts';
import { serviceTypes, type ServiceLogContent, type ServiceLogRecord, type ServiceType } from '../../../shared/records/schemas';
import type { CellDimension } from '../../../shared/dimensions';
import { defaultDateFor, serviceIndicators } from '../../catalogue/measures';
import { emptyTally, fromTable, type Cell, type TallyState } from '../../ui/tally/tally';
import type { TallyMode } from '../../ui/tally/TallyGrid';

export interface ServiceDraft {
  values: ServiceLogContent;
  tally: TallyState;
  mode: TallyMode;
}

/** A likely service type from the measure's wording; the person can change it. */
export function guessServiceType(measure: Measure | undefined): ServiceType | '' {
  const text = measure?.text.uk.toLowerCase() ?? '';
  if (text.includes('кризов')) return 'crisis_counselling';
  if (text.includes('реабілітац')) return 'psychological_rehabilitation';
  if (text.includes('правов')) return 'legal_aid';
  if (text.includes('психологічн') && text.includes('консульт')) return 'psychosocial_consultation';
  if (text.includes('консульт')) return 'information_consultation';
  return '';
}

export function freshServiceDraft(measure: Measure | undefined, catalogue: Catalogue, today: string): ServiceDraft {
  return {
    values: {
      kind: 'serviceLog',
      measureId: measure?.id ?? '',
      indicatorId: measure ? (serviceIndicators(measure)[0]?.id ?? '') : '',
      date: defaultDateFor(measure, catalogue, today),
      district: '',
      serviceType: guessServiceType(measure) as ServiceType,
      served: { cells: [], total: 0 },
    },
    tally: emptyTally(),
    mode: 'tap',
  };
}

/**
 * "Save and add another": a brigade logs one consultation after another on the same day, in the
 * same district, for the same measure and service; only the people are new.
 */
export function nextServiceDraft(saved: ServiceLogContent): ServiceDraft {
  return { values: { ...saved, served: { cells: [], total: 0 } }, tally: emptyTally(), mode: 'tap' };
}

/** The form for a stored record: its content only (the envelope is the data layer's). */
export function serviceDraftFrom(record: ServiceLogRecord): ServiceDraft {
  const content = contentOf(record) as ServiceLogContent;
  return { values: content, tally: fromTable(content.served), mode: 'tap' };
}

/** People served are always counted by sex × age band × group, whatever else the indicator asks. */
export function serviceDimensions(measure: Measure | undefined, indicatorId: string): CellDimension[] {
  const indicator = measure ? serviceIndicators(measure).find((i) => i.id === indicatorId) : undefined;
  const asked = (indicator?.dimensions ?? []).filter((d): d is CellDimension => d !== 'district');
  return [...new Set<CellDimension>(['sex', 'ageBand', 'group', ...asked])];
}

/**
 * The cells the form's errors say have fewer contacts than persons, with the message key: the
 * errors name a cell by its place in the table the tally made (`served.cells.3.contacts`).
 */
export function contactIssues(servedErrors: unknown, table: ServiceTable): { cell: Cell; message: string }[] {
  const cells = (servedErrors as { cells?: unknown } | undefined)?.cells;
  if (!cells || typeof cells !== 'object') return [];
  return Object.entries(cells).flatMap(([index, errors]) => {
    const message = (errors as { contacts?: { message?: unknown } } | undefined)?.contacts?.message;
    const stored = table.cells[Number(index)];
    if (typeof message !== 'string' || !message || !stored) return [];
    const { count: _persons, contacts: _contacts, ...cell } = stored;
    return [{ cell, message }];
  });
}

export { serviceTypes };
