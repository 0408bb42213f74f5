import { useSyncExternalStore, type ReactNode } from 'react';
import type { Lang } from '../../shared/messages/lang';
import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import { uk } from '../locales/uk';
import { interpolate, textIn, type MessageKey, type MessageTree, type TFunction, type Values } from './translate';

export type { MessageKey, TFunction, Values } from './translate';

/**
 * The app's translations: the current language and its texts, in a store React reads with
 * useSyncExternalStore. Ukrainian is in the entry (the first language, and every text's fallback);
 * English is a chunk of its own, loaded when it is chosen (or before the first render, when it was
 * chosen before), so a Ukrainian start never downloads it. The service worker precaches it with
 * the shell, so switching works offline.
 */

const STORAGE_KEY = 'kyiv1325.lang';

/** Texts that come with a lazily loaded screen (the reports): Ukrainian at once, English on demand. */
interface LazyBundle {
  load: () => Promise<MessageTree>;
  loaded: Promise<void> | null;
}

const ukTables: MessageTree[] = [uk];
const enTables: MessageTree[] = [];
const enMain: LazyBundle = { load: () => import('../locales/en').then((m) => m.en), loaded: null };
/** Each table's English, by its Ukrainian table. */
const enBundles = new Map<MessageTree, LazyBundle>([[uk, enMain]]);

let lang: Lang = 'uk';
/** Bumped by the latest setLanguage, so an earlier choice whose English arrives late does not win. */
let choice = 0;
const listeners = new Set<() => void>();

function translate(current: Lang): TFunction {
  return (key, values) => {
    const text = (current === 'en' ? textIn(enTables, 'en', key, values) : undefined) ?? textIn(ukTables, 'uk', key, values) ?? key;
    return interpolate(text, values);
  };
}

interface Snapshot {
  t: TFunction;
  i18n: { language: Lang };
}

/** A new object on every change (language or texts), the same one between changes: what useSyncExternalStore compares. */
let snapshot: Snapshot = { t: translate(lang), i18n: { language: lang } };

function changed(): void {
  snapshot = { t: translate(lang), i18n: { language: lang } };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const getSnapshot = () => snapshot;

/** One bundle's English, loaded once; a failed load (offline, chunk not cached) may be tried again. */
function loadEnglish(bundle: LazyBundle): Promise<void> {
  bundle.loaded ??= bundle.load().then(
    (table) => void enTables.push(table),
    (error: unknown) => {
      bundle.loaded = null;
      throw error;
    },
  );
  return bundle.loaded;
}

/** Every registered English text; resolves once the main file is in (a report bundle that fails falls back to Ukrainian). */
async function loadAllEnglish(): Promise<void> {
  const [main] = await Promise.allSettled([...enBundles.values()].map(loadEnglish));
  if (main?.status === 'rejected') throw main.reason;
}

function savedLanguage(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'uk';
  } catch {
    return 'uk';
  }
}

function apply(next: Lang): void {
  lang = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  changed();
}

/**
 * Starts in the saved language; main.tsx renders once this resolves, so an English device never
 * shows Ukrainian screens first. If English cannot load, the app starts in Ukrainian.
 */
export async function initI18n(start: Lang = savedLanguage()): Promise<void> {
  if (start === 'en') {
    try {
      await loadAllEnglish();
    } catch {
      start = 'uk';
    }
  }
  apply(start);
}

/**
 * Switches the language (English first loads, from the precache when offline) and remembers the
 * choice on this device. Resolves false if English could not load: the app stays as it was.
 */
export async function setLanguage(next: Lang): Promise<boolean> {
  const mine = ++choice;
  if (next === 'en') {
    try {
      await loadAllEnglish();
    } catch {
      return false;
    }
  }
  if (mine !== choice) return false;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode without storage: the choice lasts for this visit.
  }
  apply(next);
  return true;
}

/**
 * Adds Ukrainian texts that come with the screens after Today (app/screenTexts.ts), once, as
 * their chunk loads: nothing has shown them yet, so nothing renders again. Their English is in
 * the main English file.
 */
export function addUkrainian(table: MessageTree): void {
  if (!ukTables.includes(table)) ukTables.push(table);
}

/**
 * Adds the texts of a lazily loaded screen, once. Resolves when they are in, in the current
 * language: the screen renders after that (lazyScreen awaits its `ready`), so in English it never
 * shows Ukrainian first; in Ukrainian nothing is fetched.
 */
export async function registerMessages(ukTable: MessageTree, loadEn: () => Promise<MessageTree>): Promise<void> {
  let bundle = enBundles.get(ukTable);
  if (!bundle) {
    // No screen has shown these keys yet (they come with it): nothing to render again.
    ukTables.push(ukTable);
    enBundles.set(ukTable, (bundle = { load: loadEn, loaded: null }));
  }
  // English chosen, or being loaded by a setLanguage('en') that listed the bundles before this one.
  if (lang === 'en' || enMain.loaded) {
    // Its English missing (offline, not cached), the screen shows Ukrainian rather than nothing.
    const loaded = await loadEnglish(bundle).then(
      () => true,
      () => false,
    );
    if (loaded && lang === 'en') changed();
  }
}

/** The current language and its `t`; the calling component renders again when either changes. */
export function useTranslation(): Snapshot {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** `t` for a class component (the error boundary), as a render prop. */
export function Translation({ children }: { children: (t: TFunction) => ReactNode }): ReactNode {
  return children(useTranslation().t);
}

export function useLang(): Lang {
  return useTranslation().i18n.language;
}

/** The current language's half of a catalogue or message text. */
export function useText(): (text: LocalizedText | null | undefined) => string {
  const lang = useLang();
  return (text) => (text ? text[lang] : '');
}

/** Outside React (tests, plain functions): the current language and a `t` for it. */
export function currentLanguage(): Lang {
  return lang;
}

export function t(key: MessageKey, values?: Values): string {
  return snapshot.t(key, values);
}

/** For tests: subscribes to changes of language or texts. */
export { subscribe as onLanguageChange };
