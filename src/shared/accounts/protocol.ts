import { z } from 'zod';
import { idRef } from '../records/fields';
import { plainText } from '../records/text';
import { roles, type Role } from '../sync/protocol';

/** Request and answer shapes of the admin API (/api/v1/admin/...), shared by the server and admin screens. */

export const teamKinds = ['mobile_brigade', 'district_service', 'training_centre', 'department'] as const;
export type TeamKind = (typeof teamKinds)[number];

export const MIN_PASSWORD_LENGTH = 10;

const password = plainText('one').min(MIN_PASSWORD_LENGTH, { error: 'too_short' }).max(500, { error: 'too_long' });

export const createTeamRequest = z.strictObject({
  name: plainText('one').trim().min(1, { error: 'required' }).max(200, { error: 'too_long' }),
  kind: z.enum(teamKinds, { error: 'invalid_value' }),
});
export type CreateTeamRequest = z.infer<typeof createTeamRequest>;

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

export interface TeamDto {
  id: string;
  name: string;
  kind: TeamKind;
  createdAt: string;
}

export interface UserDto {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  teams: { id: string; name: string }[];
  createdAt: string;
  /** set while the account is deactivated: it cannot log in */
  deactivatedAt: string | null;
}

/** The user after a change, and how many of their sessions it ended. */
export interface UpdateUserResponse {
  user: UserDto;
  sessionsRevoked: number;
}

/** A generated password is shown once, in this answer, and never stored in clear. */
export interface UserWithPasswordDto {
  user: UserDto;
  generatedPassword: string | null;
}

/** A password reset: the generated password (when none was given) and the sessions it ended. */
export interface PasswordResetDto {
  generatedPassword: string | null;
  sessionsRevoked: number;
}

export interface DeviceDto {
  id: string;
  deviceKey: string;
  name: string | null;
  createdAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
}
