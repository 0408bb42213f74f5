import { NavLink } from './router';
import { usePopover } from '../ui/usePopover';
import type { Role } from '../../shared/sync/protocol';
import { useSession } from '../data';
import { useTranslation, type MessageKey } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';

interface Item {
  to: string;
  key: MessageKey;
  end?: boolean;
}

const ITEM = {
  review: { to: '/review', key: 'nav.review' },
  today: { to: '/', key: 'nav.today', end: true },
  consultations: { to: '/consultations', key: 'nav.consultations' },
  events: { to: '/events', key: 'nav.events' },
  indicators: { to: '/indicators', key: 'nav.indicators' },
  records: { to: '/records', key: 'nav.records' },
  plan: { to: '/plan', key: 'nav.plan' },
  reports: { to: '/reports', key: 'nav.reports' },
  sync: { to: '/sync', key: 'nav.sync' },
  setup: { to: '/setup', key: 'nav.setup' },
  admin: { to: '/admin', key: 'nav.admin' },
} satisfies Record<string, Item>;

type Name = keyof typeof ITEM;

/**
 * Each role's sections: the few it uses all day in the bar, one tap away, the rest under "More".
 * Supervisors review first, administrators run the programme (teams, users, devices) first;
 * field workers record services first, trainers events.
 */
const BY_ROLE: Record<Role | 'local', { bar: Name[]; more: Name[] }> = {
  field_worker: { bar: ['today', 'consultations', 'events', 'records'], more: ['indicators', 'plan', 'reports', 'sync', 'setup'] },
  local: { bar: ['today', 'consultations', 'events', 'records'], more: ['indicators', 'plan', 'reports', 'sync', 'setup'] },
  trainer: { bar: ['today', 'events', 'consultations', 'records'], more: ['indicators', 'plan', 'reports', 'sync', 'setup'] },
  supervisor: { bar: ['review', 'today', 'reports', 'records'], more: ['consultations', 'events', 'indicators', 'plan', 'sync', 'setup'] },
  admin: { bar: ['admin', 'review', 'today', 'reports'], more: ['records', 'consultations', 'events', 'indicators', 'plan', 'sync', 'setup'] },
};

export function sectionsFor(role: Role | null | undefined): { bar: Item[]; more: Item[] } {
  const names = BY_ROLE[role ?? 'local'];
  return { bar: names.bar.map((n) => ITEM[n]), more: names.more.map((n) => ITEM[n]) };
}

/**
 * The app's sections as a bar at the bottom of the screen (in reach of a thumb, never scrolled
 * sideways): the role's everyday sections, and "More" with the rest and the language. Loaded with
 * the device database, since the role is read from it.
 */
export default function AppNav() {
  const { t } = useTranslation();
  const session = useSession();
  const { open, setOpen, root, trigger: moreButton, location } = usePopover<HTMLElement, HTMLButtonElement>();
  const role = session?.source === 'server' ? session.role : null;
  const { bar, more } = sectionsFor(role);
  const inMore = more.some((item) => item.to === location.pathname || location.pathname.startsWith(`${item.to}/`));

  if (session === undefined) return null;
  return (
    <nav className="bottom-nav" aria-label={t('nav.label')} ref={root} data-testid="app-nav">
      <div className="more-sheet" id="more-menu" hidden={!open}>
        <ul className="more-list">
          {more.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end ?? false}>
                {t(item.key)}
              </NavLink>
            </li>
          ))}
        </ul>
        <div className="more-language">
          <LanguageSwitch />
        </div>
      </div>
      <ul className="bar">
        {bar.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end ?? false}>
              {t(item.key)}
            </NavLink>
          </li>
        ))}
        <li>
          <button
            ref={moreButton}
            type="button"
            className={inMore ? 'more-button active' : 'more-button'}
            aria-expanded={open}
            aria-controls="more-menu"
            onClick={() => setOpen((o) => !o)}
          >
            {t('nav.more')}
          </button>
        </li>
      </ul>
    </nav>
  );
}
