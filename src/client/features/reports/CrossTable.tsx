import { useTranslation } from 'react-i18next';
import { ScrollArea } from '../../ui/ScrollArea';
import { dimensions, dimensionValueLabel, sexLabel } from '../../../shared/dimensions';
import { useText } from '../../app/i18n';
import { cellTable } from './reportModel';
import './registerMessages';

const order = {
  sex: dimensions.sex.values.map((v) => v.id),
  ageBand: dimensions.ageBand.values.map((v) => v.id),
  group: [...dimensions.group.values, ...dimensions.sphere.values].map((v) => v.id),
};

/** Sex × age band rows against group (or sphere) columns, with totals: a counts grid a person can read. */
export function CrossTable({
  caption,
  cells,
  column = 'group',
}: {
  caption: string;
  cells: { sex: string; ageBand: string; group: string; value: number }[];
  column?: 'group' | 'sphere';
}) {
  const { t } = useTranslation();
  const text = useText();
  const table = cellTable(cells, order);
  if (table.total === 0) return null;
  return (
    <ScrollArea label={caption}>
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.sexAge')}</th>
            {table.groups.map((g) => (
              <th scope="col" key={g}>
                {text(dimensionValueLabel(column, g))}
              </th>
            ))}
            <th scope="col">{t('reports.total')}</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={`${row.sex}|${row.ageBand}`}>
              <th scope="row">
                {text(sexLabel(row.sex, row.ageBand))}, {text(dimensionValueLabel('ageBand', row.ageBand))}
              </th>
              {table.groups.map((g) => (
                <td key={g}>{row.values[g] ?? 0}</td>
              ))}
              <td className="total">{row.total}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.total')}</th>
            {table.groups.map((g) => (
              <td key={g} className="total">
                {table.columnTotals[g] ?? 0}
              </td>
            ))}
            <td className="total">{table.total}</td>
          </tr>
        </tfoot>
      </table>
    </ScrollArea>
  );
}
