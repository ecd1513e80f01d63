/** The codes of the areas an item claims, as a row of chips. */
export function CodeChips({ codes }: { codes: string[] }) {
  if (codes.length === 0) return null
  return (
    <ul className="chips" aria-label="Competences claimed">
      {codes.map((code) => (
        <li key={code} className="chip">
          {code}
        </li>
      ))}
    </ul>
  )
}
