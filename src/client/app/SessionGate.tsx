import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../data';
import { Loading } from '../ui/Loading';
import { SessionContext } from './sessionContext';

/** Sends a device without an identity to "Who am I" first: records need an author and a team. */
export default function SessionGate({ children }: { children: ReactNode }) {
  const location = useLocation();
  const session = useSession();
  if (session === undefined) return <Loading />;
  if (session === null && location.pathname !== '/setup') return <Navigate to="/setup" replace />;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
