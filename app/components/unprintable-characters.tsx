import { Link } from '@remix-run/react'
import { codePointLabel } from '~/submission/glyphs'

export interface UnprintablePlace {
  where: string
  to: string
  characters: string[]
}

/**
 * Where the portfolio's text holds characters the PDF's fonts cannot draw
 * (the PDF shows each as a box naming its code point), so the trainee can
 * change them before an assessor sees the boxes. Nothing when there are none.
 */
export function UnprintableCharacters({ places }: { places: UnprintablePlace[] }) {
  if (places.length === 0) return null
  return (
    <div className="notice" data-testid="unprintable-characters">
      <h3 id="unprintable-title">Characters the PDF cannot print</h3>
      <p>
        The PDF an assessor reads prints Latin, Greek and scientific writing — accents, super- and subscripts, maths
        symbols and arrows — but these characters are not in its fonts. Each would appear as a box naming it (such as
        “U+674E”). Replace them with words or characters it prints, or leave them if the box is acceptable:
      </p>
      <ul>
        {places.map((place) => (
          <li key={place.where}>
            <Link to={place.to}>{place.where}</Link>:{' '}
            {place.characters.map((char, i) => (
              <span key={char}>
                {i > 0 ? ', ' : ''}
                <span lang="und">{char}</span> ({codePointLabel(char)})
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  )
}
