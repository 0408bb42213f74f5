import { useEffect, useMemo, useState } from 'react';
import { useCurrentSession } from '../app/sessionContext';
import type { ReportTeams } from '../../shared/reports/protocol';
import { getMeta, META, setMeta, useDeviceTeamIds } from '../data';
import type { DataSource } from './dataSource';
import { getJson, whoAmI } from './loggedIn';

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

/**
 * The teams a report may name, with their names: from the server (every team for a supervisor
 * or an admin, in a team or not; kept on the device), else the names kept from its last answer,
 * the session's teams and those of the device's records. An id no list names is shown as itself.
 */
export function useReportTeams(source: DataSource): TeamChoice[] {
  const session = useCurrentSession();
  const local = useDeviceTeamIds();
  const [known, setKnown] = useState<TeamChoice[] | null>(null);
  useEffect(() => {
    let live = true;
    void getMeta<TeamChoice[]>(META.reportTeams).then((kept) => live && kept && setKnown((now) => now ?? kept));
    if (source.kind === 'server') {
      void getJson<ReportTeams>('/reports/teams')
        .then(async ({ teams }) => {
          if (live) setKnown(teams);
          await setMeta(META.reportTeams, teams);
        })
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [source.kind]);
  return useMemo(() => {
    const teams = new Map<string, string>();
    for (const team of known ?? []) teams.set(team.id, team.name);
    for (const team of session?.teams ?? []) if (!teams.has(team.id)) teams.set(team.id, team.name);
    // An admin in no team has no team name: nothing to offer then.
    if (session?.teamName && !teams.has(session.teamId)) teams.set(session.teamId, session.teamName);
    if (source.kind !== 'server') for (const id of local ?? []) if (!teams.has(id)) teams.set(id, id);
    return [...teams.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'uk'));
  }, [source.kind, known, session, local]);
}
