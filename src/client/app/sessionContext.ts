import { createContext, useContext } from 'react';
import type { SessionRow } from '../data';

/**
 * The session as the gate sees it. Screens read this one value rather than querying on their
 * own, so the gate and a screen never disagree for a moment (e.g. right after "Who am I").
 */
export const SessionContext = createContext<SessionRow | null | undefined>(undefined);

export function useCurrentSession(): SessionRow | null | undefined {
  return useContext(SessionContext);
}
