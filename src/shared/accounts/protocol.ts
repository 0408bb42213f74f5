import { z } from 'zod';
import { idRef, isoDateTime } from '../records/fields';
import { plainText } from '../records/text';
import { roles, teamRef } from '../sync/protocol';

/** Request and answer shapes of the admin API (/api/v1/admin/...), shared by the server and admin screens. */

export const teamKinds = ['mobile_brigade', 'district_service', 'training_centre', 'department'] as const;
export type TeamKind = (typeof teamKinds)[number];

export const MIN_PASSWORD_LENGTH = 10;

const password = plainText('one').min(MIN_PASSWORD_LENGTH, { error: 'too_short' }).max(500, { error: 'too_long' });

const teamName = plainText('one').trim().min(1, { error: 'required' }).max(200, { error: 'too_long' });
/** a district id of the plan (the server checks it against its catalogue); null: the whole city */
const teamDistrict = idRef.nullable();

export const createTeamRequest = z.strictObject({
  name: teamName,
  kind: z.enum(teamKinds, { error: 'invalid_value' }),
  district: teamDistrict.optional(),
});
export type CreateTeamRequest = z.input<typeof createTeamRequest>;

/** An admin renames a team, or changes its kind or district: at least one of them. */
export const updateTeamRequest = z
  .strictObject({
    name: teamName.optional(),
    kind: z.enum(teamKinds, { error: 'invalid_value' }).optional(),
    district: teamDistrict.optional(),
  })
  .refine((v) => v.name !== undefined || v.kind !== undefined || v.district !== undefined, { error: 'required', path: ['name'] });
export type UpdateTeamRequest = z.infer<typeof updateTeamRequest>;

export const createUserRequest = z.strictObject({
  email: plainText('one').trim().toLowerCase().email({ error: 'invalid_value' }).max(200, { error: 'too_long' }),
  displayName: plainText('one').trim().min(1, { error: 'required' }).max(200, { error: 'too_long' }),
  role: z.enum(roles, { error: 'invalid_value' }),
  teamIds: z.array(idRef).max(50).default([]),
  /** omitted: the server generates one and returns it once */
  password: password.optional(),
});
export type CreateUserRequest = z.input<typeof createUserRequest>;

export const resetPasswordRequest = z.strictObject({ password: password.optional() });
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequest>;

/**
 * An admin's change to a user: role, the exact set of teams, active or not. Each of these that
 * takes a right away (any role change, leaving a team, deactivation) ends all the user's sessions.
 */
export const updateUserRequest = z
  .strictObject({
    role: z.enum(roles, { error: 'invalid_value' }).optional(),
    teamIds: z.array(idRef).max(50).optional(),
    active: z.boolean({ error: 'invalid_type' }).optional(),
  })
  .refine((v) => v.role !== undefined || v.teamIds !== undefined || v.active !== undefined, { error: 'required', path: ['role'] });
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;

export const team = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(teamKinds),
  /** the plan's district id the team works in; null: the whole city */
  district: z.string().nullable(),
  createdAt: isoDateTime,
});
export type TeamDto = z.infer<typeof team>;
export const teamList = z.object({ teams: z.array(team) });

export const user = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  teams: z.array(teamRef),
  createdAt: isoDateTime,
  /** set while the account is deactivated: it cannot log in */
  deactivatedAt: isoDateTime.nullable(),
});
export type UserDto = z.infer<typeof user>;
export const userList = z.object({ users: z.array(user) });

/** The user after a change, and how many of their sessions it ended. */
export const userChange = z.object({ user, sessionsRevoked: z.number().int().min(0) });
export type UpdateUserResponse = z.infer<typeof userChange>;

/** A generated password is shown once, in this answer, and never stored in clear. */
export const userWithPassword = z.object({ user, generatedPassword: z.string().nullable() });
export type UserWithPasswordDto = z.infer<typeof userWithPassword>;

/** A password reset: the generated password (when none was given) and the sessions it ended. */
export const passwordReset = z.object({ generatedPassword: z.string().nullable(), sessionsRevoked: z.number().int().min(0) });
export type PasswordResetDto = z.infer<typeof passwordReset>;

export const device = z.object({
  id: z.string(),
  deviceKey: z.string(),
  name: z.string().nullable(),
  createdAt: isoDateTime,
  lastSeenAt: isoDateTime,
  revokedAt: isoDateTime.nullable(),
  /** what the device reported at its last sync (all null until its first report) */
  appVersion: z.string().nullable(),
  unsyncedCount: z.number().int().min(0).nullable(),
  oldestUnsyncedAt: isoDateTime.nullable(),
  statusReportedAt: isoDateTime.nullable(),
});
export type DeviceDto = z.infer<typeof device>;
export const deviceList = z.object({ devices: z.array(device) });

/** How many sessions an admin's request ended. */
export const revokedCount = z.object({ revoked: z.number().int().min(0) });
