/** A column heading only screen readers hear, over a column of links or buttons that name themselves. */
export function HiddenColumnHeader({ children }: { children: string }) {
  return (
    <th scope="col">
      <span className="visually-hidden">{children}</span>
    </th>
  )
}
