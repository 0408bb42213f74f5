import { useEffect, useMemo, useState } from 'react';
import { useCurrentSession } from '../app/sessionContext';
import { useDeviceTeamIds } from '../data';
import type { DataSource } from './dataSource';
import { whoAmI } from './loggedIn';

export interface TeamChoice {
  id: string;
  name: string;
}

/**
 * The teams this user may pick (review and report filters): the server's list when it answers,
 * else the session's team and those on the device's records.
 */
export function useTeams(source: DataSource): TeamChoice[] {
  const session = useCurrentSession();
  // the teams of the device's records, from an index: no record is decoded for a filter list
  const local = useDeviceTeamIds();
  const [server, setServer] = useState<TeamChoice[] | null>(null);
  useEffect(() => {
    if (source.kind !== 'server') return;
    let live = true;
    void whoAmI()
      .then((me) => live && setServer(me.teams))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [source.kind]);
  return useMemo(() => {
    const teams = new Map<string, string>();
    for (const team of server ?? session?.teams ?? []) teams.set(team.id, team.name);
    if (session && !teams.has(session.teamId)) teams.set(session.teamId, session.teamName);
    if (source.kind === 'server' && server) return [...teams.entries()].map(([id, name]) => ({ id, name }));
    for (const id of local ?? []) if (!teams.has(id)) teams.set(id, id);
    return [...teams.entries()].map(([id, name]) => ({ id, name }));
  }, [source.kind, server, session, local]);
}
