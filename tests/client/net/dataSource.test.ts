import { describe, expect, it } from 'vitest';
import { dataSourceFor } from '../../../src/client/net/dataSource';

const server = { source: 'server' as const, token: 't', role: 'supervisor' as const, refused: null };

describe('where review and report screens take their data from', () => {
  it('asks the server for a logged-in supervisor or administrator who is online', () => {
    expect(dataSourceFor(true, server)).toEqual({ kind: 'server' });
    expect(dataSourceFor(true, { ...server, role: 'admin' })).toEqual({ kind: 'server' });
  });

  it('uses the device offline, without a server login, after a refused token, or for field roles', () => {
    expect(dataSourceFor(false, server)).toEqual({ kind: 'device', why: 'offline' });
    expect(dataSourceFor(true, { ...server, source: 'local', token: null })).toEqual({ kind: 'device', why: 'login' });
    expect(dataSourceFor(true, { ...server, refused: 'token_expired' })).toEqual({ kind: 'device', why: 'login' });
    expect(dataSourceFor(true, null)).toEqual({ kind: 'device', why: 'login' });
    expect(dataSourceFor(true, { ...server, role: 'field_worker' })).toEqual({ kind: 'device', why: 'role' });
    expect(dataSourceFor(true, { ...server, role: 'trainer' })).toEqual({ kind: 'device', why: 'role' });
  });
});
