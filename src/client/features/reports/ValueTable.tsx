import { useTranslation } from 'react-i18next';
import { ScrollArea } from '../../ui/ScrollArea';

/** A one-dimension breakdown (by district, by team) as a table, largest first, with its total. */
export function ValueTable({ caption, head, values, name }: { caption: string; head: string; values: Record<string, number>; name: (id: string) => string }) {
  const { t } = useTranslation();
  const rows = Object.entries(values)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return null;
  return (
    <ScrollArea label={caption}>
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t('reports.value')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([id, v]) => (
            <tr key={id}>
              <th scope="row">{name(id)}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.total')}</th>
            <td className="total">{rows.reduce((s, [, v]) => s + v, 0)}</td>
          </tr>
        </tfoot>
      </table>
    </ScrollArea>
  );
}
