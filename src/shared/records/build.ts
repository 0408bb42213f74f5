import type { Envelope, FieldRecord, RecordContent } from './schemas';
import { uuidv7 } from './uuid';
import { sealRecord } from './hash';
import type { PlanRef } from '../plan/plan-ref';

export interface Author {
  authorId: string;
  deviceId: string;
  teamId: string;
  /** the active plan's revision, which a new record is made under */
  plan?: PlanRef | undefined;
}

/** A new record, revision 1 (its id made now, or one made earlier with its draft). Hashed once. */
export function createRecord(content: RecordContent, author: Author, now: Date = new Date(), id: string = uuidv7(now.getTime())): FieldRecord {
  const at = now.toISOString();
  const { plan, ...who } = author;
  const envelope: Omit<Envelope, 'contentHash'> = {
    id,
    ...who,
    ...(plan ? { plan } : {}),
    createdAt: at,
    updatedAt: at,
    revision: 1,
    deleted: false,
  };
  return sealRecord({ ...content, ...envelope });
}

/**
 * The next revision: new content (or a tombstone), same id, same author and creation time.
 * `inPlace`: the same revision changed instead, for one the server cannot have seen yet. Hashed once.
 */
export function reviseRecord(
  previous: FieldRecord,
  change: { content?: RecordContent; deleted?: boolean },
  now: Date = new Date(),
  options: { inPlace?: boolean } = {},
): FieldRecord {
  const { contentHash: _old, ...rest } = previous;
  const content = change.content ?? contentOf(previous);
  return sealRecord({
    ...content,
    id: rest.id,
    authorId: rest.authorId,
    deviceId: rest.deviceId,
    teamId: rest.teamId,
    createdAt: rest.createdAt,
    updatedAt: now.toISOString() > rest.updatedAt ? now.toISOString() : rest.updatedAt,
    revision: options.inPlace ? rest.revision : rest.revision + 1,
    deleted: change.deleted ?? rest.deleted,
    // a record stays under the plan it was made under
    ...(rest.plan ? { plan: rest.plan } : {}),
  });
}

const envelopeKeys = ['id', 'authorId', 'deviceId', 'teamId', 'createdAt', 'updatedAt', 'revision', 'deleted', 'contentHash', 'plan'] as const;

/** The part of a record a person edits. */
export function contentOf(record: FieldRecord): RecordContent {
  const copy: Record<string, unknown> = { ...record };
  for (const key of envelopeKeys) delete copy[key];
  return copy as RecordContent;
}
