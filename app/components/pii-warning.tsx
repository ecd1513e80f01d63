import { useMemo } from 'react'
import { scanText, type PiiFinding } from '~/privacy/pii'

/** What looks like patient-identifiable information in the text being typed, announced as it is found. */
export function LiveFindings({ text }: { text: string }) {
  const findings = useMemo<PiiFinding[]>(() => (text ? scanText(text) : []), [text])
  if (findings.length === 0) return null
  return (
    <div className="pii-warning" role="status">
      <strong>Possible patient-identifiable information:</strong>
      <ul>
        {findings.map((f) => (
          <li key={`${f.fingerprint}-${f.start}`}>{f.reason}</li>
        ))}
      </ul>
    </div>
  )
}
