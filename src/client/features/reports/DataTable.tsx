import type { ReactNode } from 'react';
import { ScrollArea } from '../../ui/ScrollArea';

export interface TableRow {
  key: string;
  /** the row's header cell (what the row is about) */
  head: ReactNode;
  cells: ReactNode[];
  /** a last cell set apart as the row's total */
  total?: ReactNode;
}

interface Props {
  caption: string;
  /** the caption is for screen readers only (a heading or a figure caption already shows it) */
  hiddenCaption?: boolean;
  /** column headers, the row headers' column first */
  columns: ReactNode[];
  rows: TableRow[];
  /** a totals line beneath */
  foot?: { head: ReactNode; cells: ReactNode[] };
  /** wide tables scroll sideways on a phone */
  scroll?: boolean;
}

/** A table of figures as the reports show them: a caption, column and row headers, totals. */
export function DataTable({ caption, hiddenCaption = false, columns, rows, foot, scroll = false }: Props) {
  const table = (
    <table className="data">
      <caption className={hiddenCaption ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th scope="col" key={i}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.head}</th>
            {r.cells.map((c, i) => (
              <td key={i}>{c}</td>
            ))}
            {r.total !== undefined && <td className="total">{r.total}</td>}
          </tr>
        ))}
      </tbody>
      {foot && (
        <tfoot>
          <tr>
            <th scope="row">{foot.head}</th>
            {foot.cells.map((c, i) => (
              <td key={i} className="total">
                {c}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
  return scroll ? <ScrollArea label={caption}>{table}</ScrollArea> : table;
}
