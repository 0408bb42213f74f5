import { useTranslation } from '../../app/i18n';
import { DataTable } from './DataTable';

/** A one-dimension breakdown (by district, by team) as a table, largest first, with its total. */
export function ValueTable({ caption, head, values, name }: { caption: string; head: string; values: Record<string, number>; name: (id: string) => string }) {
  const { t } = useTranslation();
  const rows = Object.entries(values)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return null;
  return (
    <DataTable
      caption={caption}
      scroll
      columns={[head, t('reports.value')]}
      rows={rows.map(([id, v]) => ({ key: id, head: name(id), cells: [v] }))}
      foot={{ head: t('reports.total'), cells: [rows.reduce((s, [, v]) => s + v, 0)] }}
    />
  );
}
