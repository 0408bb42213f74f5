import { describe, expect, it } from 'vitest';
import { findMeasure } from '../../../../src/client/catalogue/measures';
import { contactIssues, freshServiceDraft, serviceDraftFrom } from '../../../../src/client/features/consultations/serviceForm';
import { contentResolver } from '../../../../src/client/ui/forms/contentResolver';
import { emptyTally, repeatContact, setContacts, setCount, tap, toTable, type Cell } from '../../../../src/client/ui/tally/tally';
import { defaultCatalogue } from '../../../../src/shared/plan';
import { createRecord } from '../../../../src/shared/records/build';
import type { ServiceLogContent, ServiceLogRecord } from '../../../../src/shared/records/schemas';

/** The consultation form's checks, through the resolver the form uses: contacts and persons per cell. */

const today = '2023-12-31';
const woman: Cell = { sex: 'female', ageBand: '35-59', group: 'gbv_survivor' };
const man: Cell = { sex: 'male', ageBand: '18-34', group: 'idp' };

function values(tally: ReturnType<typeof emptyTally>): ServiceLogContent {
  const draft = freshServiceDraft(findMeasure(defaultCatalogue, '16.2'), defaultCatalogue, today);
  return { ...draft.values, district: 'podilskyi', served: toTable(tally) };
}

async function check(content: ServiceLogContent) {
  const resolver = contentResolver<ServiceLogContent>(defaultCatalogue, today, (v) => v);
  return resolver(content, undefined, { fields: {}, shouldUseNativeValidation: false });
}

describe('the consultation form', () => {
  it('offers both indicators of 16.2 and saves persons with their repeat contacts', async () => {
    const draft = freshServiceDraft(findMeasure(defaultCatalogue, '16.2'), defaultCatalogue, today);
    expect(draft.values).toMatchObject({ measureId: '16.2', indicatorId: '16.2.i1', serviceType: 'crisis_counselling' });
    const tally = repeatContact(tap(tap(emptyTally(), woman), man), woman);
    const result = await check(values(tally));
    expect(result.errors).toEqual({});
    expect((result.values as ServiceLogContent).served.cells).toEqual([
      { ...woman, count: 1, contacts: 2 },
      { ...man, count: 1 },
    ]);
  });

  it('refuses fewer contacts than persons and names the cell it is in', async () => {
    const tally = setContacts(setCount(setCount(emptyTally(), man, 1), woman, 3), woman, 2);
    const content = values(tally);
    const result = await check(content);
    expect(Object.keys(result.errors)).toEqual(['served']);
    expect(contactIssues(result.errors.served, content.served)).toEqual([{ cell: woman, message: 'contacts_below_persons' }]);
  });

  it('opens a stored record with repeat contacts, and one stored before contacts, as they were', () => {
    const author = { authorId: 'u-1', deviceId: 'd-1', teamId: 't-1' };
    const content = values(repeatContact(tap(emptyTally(), woman), woman));
    const withContacts = serviceDraftFrom(createRecord(content, author) as ServiceLogRecord);
    expect(toTable(withContacts.tally)).toEqual(content.served);
    const old = values(setCount(emptyTally(), man, 2));
    const before = serviceDraftFrom(createRecord(old, author) as ServiceLogRecord);
    expect(before.tally).toEqual({ counts: { [`male|18-34|idp|`]: 2 }, history: [] });
    expect(toTable(before.tally)).toEqual(old.served);
  });
});
