import { DataTable } from './DataTable';
import { dimensions, dimensionValueLabel, sexLabel } from '../../../shared/dimensions';
import { useText, useTranslation } from '../../app/i18n';
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
    <DataTable
      caption={caption}
      scroll
      columns={[t('reports.sexAge'), ...table.groups.map((g) => text(dimensionValueLabel(column, g))), t('reports.total')]}
      rows={table.rows.map((row) => ({
        key: `${row.sex}|${row.ageBand}`,
        head: `${text(sexLabel(row.sex, row.ageBand))}, ${text(dimensionValueLabel('ageBand', row.ageBand))}`,
        cells: table.groups.map((g) => row.values[g] ?? 0),
        total: row.total,
      }))}
      foot={{ head: t('reports.total'), cells: [...table.groups.map((g) => table.columnTotals[g] ?? 0), table.total] }}
    />
  );
}
