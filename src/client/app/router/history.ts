import type { Path } from './path';
import { createPath } from './path';

/** What the app reads of where it is (react-router's Location). */
export interface Location extends Path {
  /** what the navigation carried (e.g. "saved" after a save); null when none */
  state: unknown;
  /** this history entry's id; "default" for the entry the app was opened on */
  key: string;
}

/**
 * What each history entry holds, in react-router's shape: entries written before the router
 * changed, and the app's own `location.state` readers, keep working.
 */
interface EntryState {
  usr: unknown;
  key: string;
  idx: number;
}

export type Listener = (location: Location) => void;

export interface History {
  location(): Location;
  push(path: Path, state: unknown): void;
  replace(path: Path, state: unknown): void;
  go(delta: number): void;
  /** Calls `listener` after every navigation, back/forward included; returns the unsubscribe. */
  listen(listener: Listener): () => void;
}

const entry = (): Partial<EntryState> | null => window.history.state as Partial<EntryState> | null;

// react-router's key: 8 base-36 characters.
const newKey = () => Math.random().toString(36).substring(2, 10);

function readLocation(): Location {
  const { pathname, search, hash } = window.location;
  const state = entry();
  return { pathname, search, hash, state: state?.usr ?? null, key: state?.key ?? 'default' };
}

/** The browser's history (pushState/popstate), with an index per entry as react-router keeps it. */
export function createBrowserHistory(): History {
  const opened = entry()?.idx;
  let index = opened ?? 0;
  // The entry the app opens on gets its index now, so that later entries count from it.
  if (opened === undefined || opened === null) window.history.replaceState({ ...entry(), idx: index }, '');
  let current = readLocation();
  let listener: Listener | null = null;

  const notify = () => {
    current = readLocation();
    listener?.(current);
  };
  const onPop = () => {
    index = entry()?.idx ?? index;
    notify();
  };
  const write = (method: 'pushState' | 'replaceState', path: Path, state: unknown) => {
    const url = createPath(path);
    const next: EntryState = { usr: state, key: newKey(), idx: method === 'pushState' ? index + 1 : index };
    try {
      window.history[method](next, '', url);
      index = next.idx;
    } catch (error) {
      // A state that cannot be cloned is the caller's bug; anything else (iOS limits pushState
      // to 100 calls in 30 s) falls back to a real navigation, as react-router does.
      if (error instanceof DOMException && error.name === 'DataCloneError') throw error;
      window.location.assign(url);
      return;
    }
    notify();
  };

  return {
    location: () => current,
    push: (path, state) => write('pushState', path, state),
    replace: (path, state) => write('replaceState', path, state),
    go: (delta) => window.history.go(delta),
    listen(next) {
      if (listener) throw new Error('router: one listener per history');
      listener = next;
      window.addEventListener('popstate', onPop);
      return () => {
        listener = null;
        window.removeEventListener('popstate', onPop);
      };
    },
  };
}
