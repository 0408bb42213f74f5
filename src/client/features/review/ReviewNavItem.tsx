import { useTranslation } from '../../app/i18n';
import { NavLink } from 'react-router';
import { useSession } from '../../data';

/** The review section in the navigation, for supervisors and administrators only. */
export default function ReviewNavItem() {
  const { t } = useTranslation();
  const session = useSession();
  if (session?.role !== 'supervisor' && session?.role !== 'admin') return null;
  return (
    <li>
      <NavLink to="/review">{t('nav.review')}</NavLink>
    </li>
  );
}
