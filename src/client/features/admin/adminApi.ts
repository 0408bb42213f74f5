import type {
  CreateTeamRequest,
  CreateUserRequest,
  DeviceDto,
  PasswordResetDto,
  TeamDto,
  UpdateTeamRequest,
  UpdateUserRequest,
  UpdateUserResponse,
  UserDto,
  UserWithPasswordDto,
} from '../../../shared/accounts/protocol';
import { XLSX_TYPE, type PlanList, type PlanListing, type PlanUploadResult } from '../../../shared/plan/plan-protocol';
import { getFile, getJson, patchJson, postFile, postJson } from '../../net/loggedIn';

/** The admin API (/api/v1/admin, docs/server.md): teams, users and their devices. Online only. */

export async function listTeams(): Promise<TeamDto[]> {
  return (await getJson<{ teams: TeamDto[] }>('/admin/teams')).teams;
}

export function createTeam(request: CreateTeamRequest): Promise<TeamDto> {
  return postJson<TeamDto>('/admin/teams', request);
}

export function updateTeam(id: string, request: UpdateTeamRequest): Promise<TeamDto> {
  return patchJson<TeamDto>(`/admin/teams/${encodeURIComponent(id)}`, request);
}

export async function listUsers(): Promise<UserDto[]> {
  return (await getJson<{ users: UserDto[] }>('/admin/users')).users;
}

export function createUser(request: CreateUserRequest): Promise<UserWithPasswordDto> {
  return postJson<UserWithPasswordDto>('/admin/users', request);
}

export function updateUser(id: string, request: UpdateUserRequest): Promise<UpdateUserResponse> {
  return patchJson<UpdateUserResponse>(`/admin/users/${encodeURIComponent(id)}`, request);
}

/** A generated password, returned once. */
export function resetPassword(id: string): Promise<PasswordResetDto> {
  return postJson<PasswordResetDto>(`/admin/users/${encodeURIComponent(id)}/password`, {});
}

export async function listDevices(userId: string): Promise<DeviceDto[]> {
  return (await getJson<{ devices: DeviceDto[] }>(`/admin/users/${encodeURIComponent(userId)}/devices`)).devices;
}

export function revokeDevice(id: string): Promise<DeviceDto> {
  return postJson<DeviceDto>(`/admin/devices/${encodeURIComponent(id)}/revoke`, {});
}

/** The plans on the server (/api/v1/plans): each one's current revision, and which is active. */
export async function listPlans(): Promise<PlanListing[]> {
  return (await getJson<PlanList>('/plans')).plans;
}

/** Uploads a plan in the JSON format or as the XLSX template (checked by the server: a refused one lists its problems). */
export function uploadPlan(plan: { json: unknown } | { xlsx: Blob }): Promise<PlanUploadResult> {
  if ('xlsx' in plan) return postFile<PlanUploadResult>('/plans', { bytes: plan.xlsx, type: XLSX_TYPE });
  return postJson<PlanUploadResult>('/plans', plan.json);
}

/** A plan's current revision as the XLSX template, to fill in for its next revision. */
export function planTemplate(id: string): Promise<{ blob: Blob; name: string }> {
  return getFile(`/plans/${encodeURIComponent(id)}/template.xlsx`, `${id}.xlsx`);
}

export function activatePlan(id: string): Promise<PlanListing> {
  return postJson<PlanListing>(`/plans/${encodeURIComponent(id)}/activate`, {});
}
