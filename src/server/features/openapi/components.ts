import { z } from 'zod';
import {
  fieldIssue,
  fieldRecord,
  loginResponse,
  progressReportJson,
  publicProgress,
  publishedSnapshot,
  pullResponse,
  reportTeams,
  pushResponse,
  pushResult,
  reviewVerdict,
  sessionUser,
  snapshotList,
  snapshotSummary,
} from '../../../shared';
import { auditEntry, auditPage } from '../../../shared/accounts/audit';
import { completenessReport } from '../../../shared/review/completeness';
import { device, deviceList, passwordReset, revokedCount, team, teamList, user, userChange, userList, userWithPassword } from '../../../shared/accounts/protocol';
import { apiError, health } from '../../../shared/api/protocol';
import { catalogueSchema } from '../../../shared/plan/catalogue-schema';
import { planList, planListing, planProblem, planUploadResult, pulledPlan } from '../../../shared/plan/plan-protocol';
import { monthLock, monthLockList, openRecord, reviewItem, reviewList } from '../../../shared/review/protocol';

/** JSON Schema of a zod schema, as OpenAPI 3.1 embeds it (no $schema key). */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** This document itself: the one answer not described in src/shared. */
export const openApiDocument = z.record(z.string(), z.unknown());

/**
 * Every answer's schema, under the name the document gives it. They are the zod schemas in
 * src/shared that the answer types are inferred from and that the device checks answers with, so
 * the document cannot say other than the code. A route names its answer by the schema itself
 * (`doc.response`); one not listed here fails the document's build.
 */
export const answerSchemas = {
  ApiError: apiError,
  FieldIssue: fieldIssue,
  Health: health,
  SessionUser: sessionUser,
  LoginResponse: loginResponse,
  FieldRecord: fieldRecord,
  PushResult: pushResult,
  PushResponse: pushResponse,
  ReviewVerdict: reviewVerdict,
  PullResponse: pullResponse,
  CompletenessReport: completenessReport,
  Team: team,
  TeamList: teamList,
  User: user,
  UserChange: userChange,
  UserList: userList,
  UserWithPassword: userWithPassword,
  PasswordReset: passwordReset,
  Device: device,
  DeviceList: deviceList,
  RevokedCount: revokedCount,
  AuditEntry: auditEntry,
  AuditPage: auditPage,
  OpenApiDocument: openApiDocument,
  ReviewItem: reviewItem,
  ReviewList: reviewList,
  MonthLock: monthLock,
  MonthLockList: monthLockList,
  OpenRecord: openRecord,
  ProgressReport: progressReportJson,
  ReportTeams: reportTeams,
  PublicProgress: publicProgress,
  SnapshotSummary: snapshotSummary,
  SnapshotList: snapshotList,
  PublishedSnapshot: publishedSnapshot,
  Plan: catalogueSchema,
  PlanListing: planListing,
  PlanList: planList,
  PlanProblem: planProblem,
  PlanUploadResult: planUploadResult,
  PulledPlan: pulledPlan,
} satisfies Record<string, z.ZodType>;

const names = new Map<z.ZodType, string>(Object.entries(answerSchemas).map(([name, schema]) => [schema, name]));

/** `#/components/schemas/<name>` of an answer schema; throws for one not in `answerSchemas`. */
export function answerRef(schema: z.ZodType): { $ref: string } {
  const name = names.get(schema);
  if (!name) throw new Error('An answer schema is not listed in answerSchemas (features/openapi/components.ts)');
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * The answers' JSON Schemas, generated from the zod schemas as they validate output: an object
 * lists every field it has (`additionalProperties: false`), so an answer with a field the schema
 * does not know fails the contract test. A named schema used inside another becomes a $ref.
 */
export function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(answerSchemas)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io: 'output', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...rest }]) => [id, rest]),
  );
}
