import { describe, expect, it } from 'vitest';
import { validationMessages } from '../../../src/shared/messages/validation';
import otherPlan from '../../fixtures/other-territory-plan.json';
import { loadCatalogue } from '../../../src/shared/plan';
import {
  canonicalJson,
  contentHashOf,
  contentSchemaFor,
  createRecord,
  reviseRecord,
  validateRecord,
  type FieldIssue,
  type RecordContent,
  type ValidationContext,
} from '../../../src/shared/records';

const catalogue = loadCatalogue(otherPlan);
const ctx: ValidationContext = { catalogue, today: '2023-06-30' };
const author = { authorId: 'user-1', deviceId: 'device-1', teamId: 'team-1' };

const serviceLog = (over: Partial<Extract<RecordContent, { kind: 'serviceLog' }>> = {}): RecordContent => ({
  kind: 'serviceLog',
  measureId: '1.2',
  indicatorId: '1.2.i1',
  date: '2023-05-10',
  district: 'lvivskyi',
  serviceType: 'psychosocial_consultation',
  served: {
    cells: [
      { sex: 'female', ageBand: '35-59', group: 'idp', count: 3 },
      { sex: 'male', ageBand: '18-34', group: 'combatant_veteran', count: 1 },
    ],
    total: 4,
  },
  ...over,
});

const event = (over: Partial<Extract<RecordContent, { kind: 'event' }>> = {}): RecordContent => ({
  kind: 'event',
  measureId: '1.1',
  title: 'Тренінг щодо резолюції 1325',
  format: 'training',
  startDate: '2023-03-01',
  endDate: '2023-03-02',
  venue: { mode: 'in_person', place: 'Бібліотека', district: 'stryiskyi' },
  organiser: 'Департамент соціального захисту',
  attendance: { cells: [{ sex: 'female', group: 'educator', count: 12 }, { sex: 'male', group: 'not_stated', count: 5 }], total: 17 },
  materials: { produced: 1, distributed: 30 },
  ...over,
});

function check(content: RecordContent) {
  return validateRecord(createRecord(content, author, new Date('2023-06-01T10:00:00Z')), ctx);
}

function fields(result: ReturnType<typeof check>): string[] {
  return result.ok ? [] : result.issues.map((i) => i.field);
}

function issue(result: ReturnType<typeof check>, field: string): FieldIssue | undefined {
  return result.ok ? undefined : result.issues.find((i) => i.field === field);
}

describe('valid records', () => {
  it('accepts a service log, an event and indicator reports of a plan from another territory', () => {
    expect(check(serviceLog())).toEqual(expect.objectContaining({ ok: true }));
    expect(check(event())).toEqual(expect.objectContaining({ ok: true }));
    const count: RecordContent = {
      kind: 'indicatorReport', measureId: '1.1', indicatorId: '1.1.i2', periodStart: '2023-01-01', periodEnd: '2023-03-31',
      value: { type: 'count', table: { cells: [{ sex: 'female', group: 'idp', count: 2 }], total: 2 } },
    };
    const deliverable: RecordContent = {
      kind: 'indicatorReport', measureId: '1.3', indicatorId: '1.3.i1', periodStart: '2023-01-01', periodEnd: '2023-01-31',
      value: { type: 'deliverable', done: true, documentRef: 'Наказ № 12 від 20.01.2023' },
    };
    expect(check(count).ok).toBe(true);
    expect(check(deliverable).ok).toBe(true);
  });

  it('keeps id, author and creation time across revisions and re-hashes the content', () => {
    const first = createRecord(serviceLog(), author, new Date('2023-06-01T10:00:00Z'));
    const second = reviseRecord(first, { content: serviceLog({ date: '2023-05-11' }) }, new Date('2023-06-02T10:00:00Z'));
    expect(second).toMatchObject({ id: first.id, revision: 2, createdAt: first.createdAt, deleted: false });
    expect(second.contentHash).not.toBe(first.contentHash);
    const tombstone = reviseRecord(second, { deleted: true }, new Date('2023-06-03T10:00:00Z'));
    expect(tombstone).toMatchObject({ revision: 3, deleted: true, date: '2023-05-11' });
    expect(validateRecord(tombstone, ctx).ok).toBe(true);
  });
});

describe('counts', () => {
  it('rejects negative and fractional counts, naming the cell', () => {
    const negative = check(serviceLog({ served: { cells: [{ sex: 'female', ageBand: '60+', group: 'idp', count: -1 }], total: -1 } }));
    expect(fields(negative)).toContain('served.cells.0.count');
    expect(issue(negative, 'served.cells.0.count')?.message).toEqual(validationMessages.count_non_negative);
    const fraction = check(serviceLog({ served: { cells: [{ sex: 'female', ageBand: '60+', group: 'idp', count: 1.5 }], total: 1.5 } }));
    expect(issue(fraction, 'served.cells.0.count')?.code).toBe('count_integer');
  });

  it('rejects a total that is not the sum of its parts', () => {
    const result = check(serviceLog({ served: { cells: [{ sex: 'female', ageBand: '60+', group: 'idp', count: 2 }], total: 3 } }));
    expect(issue(result, 'served.total')?.code).toBe('total_mismatch');
    expect(issue(result, 'served.total')?.message.uk).toMatch(/сумі складових/);
  });

  it('rejects the same combination twice', () => {
    const cell = { sex: 'female', ageBand: '60+', group: 'idp', count: 1 };
    expect(issue(check(serviceLog({ served: { cells: [cell, cell], total: 2 } })), 'served.cells.1')?.code).toBe('duplicate_cell');
  });
});

describe('dimensions match the indicator', () => {
  it('requires every dimension the indicator asks for', () => {
    const result = check(serviceLog({ served: { cells: [{ ageBand: '60+', group: 'idp', count: 1 }], total: 1 } }));
    expect(issue(result, 'served.cells.0.sex')?.code).toBe('dimension_missing');
  });
  it('rejects values that are not in the dimension', () => {
    const result = check(event({ attendance: { cells: [{ sex: 'female', group: 'astronaut', count: 1 }], total: 1 } }));
    expect(issue(result, 'attendance.cells.0.group')?.code).toBe('dimension_value');
  });
  it('accepts the age bands offered now (18–35, 36–59) and the old ones records were made with (18–34, 35–59)', () => {
    const cells = [
      { sex: 'female', ageBand: '18-35', group: 'idp', count: 2 },
      { sex: 'female', ageBand: '36-59', group: 'idp', count: 1 },
      { sex: 'male', ageBand: '18-34', group: 'idp', count: 4 },
      { sex: 'male', ageBand: '35-59', group: 'idp', count: 3 },
    ];
    expect(check(serviceLog({ served: { cells, total: 10 } })).ok).toBe(true);
  });
  it('accepts "not stated" in every dimension', () => {
    const cells = [{ sex: 'not_stated', ageBand: 'not_stated', group: 'not_stated', count: 7 }];
    expect(check(serviceLog({ served: { cells, total: 7 }, district: 'not_stated' })).ok).toBe(true);
  });
  it('rejects a district of another territory', () => {
    expect(issue(check(serviceLog({ district: 'podilskyi' })), 'district')?.code).toBe('district_unknown');
  });
});

describe('dates', () => {
  it('rejects a date in the future', () => {
    expect(issue(check(serviceLog({ date: '2023-07-01' })), 'date')?.code).toBe('date_future');
  });
  it("rejects a date outside the measure's period", () => {
    expect(issue(check(event({ startDate: '2021-12-31', endDate: '2022-01-01' })), 'startDate')?.code).toBe('date_outside_period');
  });
  it('treats an ongoing measure as running through the plan years', () => {
    expect(issue(check(serviceLog({ date: '2021-12-31' })), 'date')?.code).toBe('date_outside_period');
    expect(check(serviceLog({ date: '2022-01-01' })).ok).toBe(true);
  });
  it('rejects an end before the start and impossible dates', () => {
    expect(issue(check(event({ startDate: '2023-03-02', endDate: '2023-03-01' })), 'endDate')?.code).toBe('date_order');
    expect(issue(check(serviceLog({ date: '2023-02-30' })), 'date')?.code).toBe('date_format');
  });
});

describe('the plan', () => {
  it('rejects an unknown measure and an indicator of another measure', () => {
    expect(issue(check(serviceLog({ measureId: '9.9' })), 'measureId')?.code).toBe('measure_unknown');
    expect(issue(check(serviceLog({ indicatorId: '1.1.i2' })), 'indicatorId')?.code).toBe('indicator_unknown');
  });
  it('rejects a service log against an indicator that does not count services, and an event for a measure without events', () => {
    expect(issue(check(serviceLog({ measureId: '1.1', indicatorId: '1.1.i2' })), 'indicatorId')?.code).toBe('indicator_not_services');
    expect(issue(check(event({ measureId: '1.2' })), 'measureId')?.code).toBe('measure_no_events');
  });
  it('requires a document for a done deliverable and the right kind of value', () => {
    const done: RecordContent = {
      kind: 'indicatorReport', measureId: '1.3', indicatorId: '1.3.i1', periodStart: '2023-01-01', periodEnd: '2023-01-31',
      value: { type: 'deliverable', done: true, documentRef: '' },
    };
    expect(issue(check(done), 'value.documentRef')?.code).toBe('document_required');
    const wrongKind: RecordContent = { ...done, value: { type: 'count', table: { cells: [], total: 0 } } };
    expect(issue(check(wrongKind), 'value.type')?.code).toBe('value_kind');
  });
});

describe('no personal data', () => {
  it('rejects any field for names or contacts of the people served, naming it', () => {
    const withName = { ...createRecord(serviceLog(), author), clientName: 'Олена' };
    const result = validateRecord(withName, ctx);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toContainEqual(expect.objectContaining({ field: 'clientName', code: 'unknown_field' }));
    const inCell = serviceLog({ served: { cells: [{ sex: 'female', ageBand: '60+', group: 'idp', count: 1, phone: '+380' } as never], total: 1 } });
    expect(fields(check(inCell))).toContain('served.cells.0.phone');
  });
  it('has no record field whose name suggests a person', () => {
    const record = createRecord(event(), author);
    const keys = JSON.stringify(record).match(/"[a-zA-Z]+":/g) ?? [];
    expect(keys.filter((k) => /name|phone|email|address|contact|birth|passport/i.test(k))).toEqual([]);
  });
});

describe('envelope', () => {
  it('rejects a tampered record whose hash no longer matches', () => {
    const record = { ...createRecord(serviceLog(), author), date: '2023-05-09' };
    expect(fields(validateRecord(record, ctx))).toContain('contentHash');
  });
  it('requires a v7 uuid and a positive revision', () => {
    const record = createRecord(serviceLog(), author);
    const result = validateRecord({ ...record, id: '123e4567-e89b-12d3-a456-426614174000', revision: 0 }, ctx);
    expect(fields(result)).toEqual(expect.arrayContaining(['id', 'revision']));
  });
  it('names missing fields as required, in both languages', () => {
    const { measureId: _m, ...rest } = createRecord(serviceLog(), author) as Record<string, unknown>;
    const result = validateRecord(rest, ctx);
    const found = result.ok ? undefined : result.issues.find((i) => i.field === 'measureId');
    expect(found?.code).toBe('required');
    expect(found?.message.uk.length).toBeGreaterThan(0);
    expect(found?.message.en.length).toBeGreaterThan(0);
  });
});

describe('form schema', () => {
  it('applies the same plan rules to a form\'s content', () => {
    const result = contentSchemaFor(ctx).safeParse(serviceLog({ date: '2030-01-01' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['date'], message: 'date_future' });
  });
});

describe('contacts and persons on a service log', () => {
  const cells = (contacts: number | undefined) => [
    { sex: 'female', ageBand: '35-59', group: 'idp', count: 3, ...(contacts === undefined ? {} : { contacts }) },
    { sex: 'male', ageBand: '18-34', group: 'combatant_veteran', count: 1 },
  ];

  it('accepts more contacts than persons in a cell, and as many', () => {
    expect(check(serviceLog({ served: { cells: cells(5), total: 4 } })).ok).toBe(true);
    expect(check(serviceLog({ served: { cells: cells(3), total: 4 } })).ok).toBe(true);
  });

  it('refuses fewer contacts than persons, naming the cell, in both languages', () => {
    const result = check(serviceLog({ served: { cells: cells(2), total: 4 } }));
    expect(fields(result)).toEqual(['served.cells.0.contacts']);
    expect(issue(result, 'served.cells.0.contacts')).toEqual({
      field: 'served.cells.0.contacts', code: 'contacts_below_persons', message: validationMessages.contacts_below_persons,
    });
    expect(validationMessages.contacts_below_persons.uk).toMatch(/менше, ніж осіб/);
    expect(validationMessages.contacts_below_persons.en).toMatch(/fewer contacts .* than persons/);
  });

  it('refuses contacts that are not a count, and contacts anywhere but a service log', () => {
    expect(issue(check(serviceLog({ served: { cells: cells(-1), total: 4 } })), 'served.cells.0.contacts')?.code).toBe('count_non_negative');
    expect(issue(check(serviceLog({ served: { cells: cells(2.5), total: 4 } })), 'served.cells.0.contacts')?.code).toBe('count_integer');
    const attendance = { cells: [{ sex: 'female', group: 'educator', count: 2, contacts: 3 } as never], total: 2 };
    expect(fields(check(event({ attendance })))).toContain('attendance.cells.0.contacts');
  });

  it('keeps a record stored before contacts were counted valid, byte for byte: no key added, its hash the same', () => {
    // As a device stored it before this change: no `contacts` anywhere.
    const old = {
      kind: 'serviceLog', measureId: '1.2', indicatorId: '1.2.i1', date: '2023-05-10', district: 'lvivskyi', serviceType: 'psychosocial_consultation',
      served: { cells: [{ sex: 'female', ageBand: '35-59', group: 'idp', count: 3 }, { sex: 'male', ageBand: '18-34', group: 'combatant_veteran', count: 1 }], total: 4 },
      id: '01889a3c-7a00-7000-8000-000000000001', authorId: 'user-1', deviceId: 'device-1', teamId: 'team-1',
      createdAt: '2023-06-01T10:00:00.000Z', updatedAt: '2023-06-01T10:00:00.000Z', revision: 1, deleted: false,
      // what the hash was then (src/shared/records/hash.ts is unchanged since)
      contentHash: '5fbfaeb959dfb4113900e8fead67a4770bbcba9eddc04282d03c832360e6cb4c',
    };
    const result = validateRecord(old, ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(canonicalJson(result.value)).toBe(canonicalJson(old));
    expect(contentHashOf(result.value)).toBe(old.contentHash);
    expect(JSON.stringify(result.value)).not.toMatch(/contacts/);
  });
});
