import { lazy, useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from './router';
import { useSession } from '../data';
import { cacheRoleScreens } from '../pwa/roleScreens';
import { Loading } from '../ui/Loading';
import { SessionContext } from './sessionContext';

const AccessEnded = lazy(() => import('../features/session/AccessEnded'));

/**
 * Sends a device without an identity to "Who am I" first: records need an author and a team.
 * A device the server cut off (revoked) shows only what to do about it; after a revoked login
 * (not device), "Who am I" stays open to log in again.
 */
export default function SessionGate({ children }: { children: ReactNode }) {
  const location = useLocation();
  const session = useSession();
  const role = session && !session.refused ? session.role : null;
  // The screens of this role beyond the field shell, cached once it is known (see roleScreens.ts).
  useEffect(() => {
    if (role) void cacheRoleScreens(role);
  }, [role]);
  if (session === undefined) return <Loading />;
  if (session === null && location.pathname !== '/setup') return <Navigate to="/setup" replace />;
  if (session?.refused === 'device_revoked' || (session?.refused === 'token_revoked' && location.pathname !== '/setup'))
    return <AccessEnded reason={session.refused} />;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
