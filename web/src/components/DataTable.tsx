// A list of records as a table: a named scroll region (TableRegion), a header cell a column, and
// each cell labelled with its column's header (data-label: the narrow layout of styles.css shows
// it before the value, as the table stacks into cards on a phone).
import type { ComponentChildren, Ref } from 'preact';
import { TableRegion } from './TableRegion';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
  /** "num" for counts and durations (right-aligned). */
  class?: string;
}

interface RowProps {
  class?: string | undefined;
  onClick?: () => void;
}

interface DataTableProps<Row> {
  /** The region's name (what the table lists). */
  name: string;
  /** A column left out is `false`, so a role's extra column can be written in place. */
  columns: (Column<Row> | false)[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** The id of the heading that names the table, or a caption. */
  labelledBy?: string;
  caption?: string;
  rowProps?: (row: Row) => RowProps;
  tableRef?: Ref<HTMLTableElement>;
}

export function DataTable<Row>({ name, columns, rows, rowKey, labelledBy, caption, rowProps, tableRef }: DataTableProps<Row>) {
  const shown = columns.filter((c): c is Column<Row> => c !== false);
  return (
    <TableRegion name={name}>
      <table ref={tableRef} class="contacts" aria-labelledby={labelledBy}>
        {caption !== undefined && <caption>{caption}</caption>}
        <thead>
          <tr>
            {shown.map((c) => (
              <th key={c.header} scope="col" class={c.class}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {shown.map((c) => (
                <td key={c.header} data-label={c.header} class={c.class}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
