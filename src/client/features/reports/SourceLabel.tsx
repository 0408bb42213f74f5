import { useTranslation } from '../../app/i18n';
import type { DataSource } from '../../net/dataSource';

/** Says plainly whose data a report shows: the city's (server) or this device's. */
export function SourceLabel({ source }: { source: DataSource }) {
  const { t } = useTranslation();
  if (source.kind === 'server') return <p className="source-label source-server">{t('reports.sourceServer')}</p>;
  return <p className="source-label source-device">{t('reports.sourceDevice', { why: t(`reports.why.${source.why}`) })}</p>;
}
