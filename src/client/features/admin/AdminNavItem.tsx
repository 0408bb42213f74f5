import { useTranslation } from '../../app/i18n';
import { NavLink } from 'react-router';
import { useSession } from '../../data';

/** The administration section in the navigation, for administrators only. */
export default function AdminNavItem() {
  const { t } = useTranslation();
  const session = useSession();
  if (session?.role !== 'admin') return null;
  return (
    <li>
      <NavLink to="/admin">{t('nav.admin')}</NavLink>
    </li>
  );
}
