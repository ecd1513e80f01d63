/** A column heading only screen readers hear, over a column of links or buttons that name themselves. */
export function HiddenColumnHeader({ children }: { children: string }) {
  return (
    <th scope="col">
      <span className="visually-hidden">{children}</span>
    </th>
  )
}

/** A table's head: a row of column names, and last, if given, a column heading only screen readers hear. */
export function TableHead({ columns, hidden }: { columns: string[]; hidden?: string }) {
  return (
    <thead>
      <tr>
        {columns.map((name) => (
          <th scope="col" key={name}>
            {name}
          </th>
        ))}
        {hidden ? <HiddenColumnHeader>{hidden}</HiddenColumnHeader> : null}
      </tr>
    </thead>
  )
}
