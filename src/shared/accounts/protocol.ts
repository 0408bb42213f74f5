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
}

/** A generated password is shown once, in this answer, and never stored in clear. */
export interface UserWithPasswordDto {
  user: UserDto;
  generatedPassword: string | null;
}

export interface DeviceDto {
  id: string;
  deviceKey: string;
  name: string | null;
  createdAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
}
