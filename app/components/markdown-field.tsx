import { useState, type ReactNode } from 'react'
import { wordCount } from '~/evidence/form'
import { ErrorList } from '~/components/forms'
import { Markdown } from '~/components/markdown'
import { LiveFindings } from '~/components/pii-warning'

/**
 * A Markdown text box with its running word count, a preview in place of the box, its errors and a live warning
 * about patient-identifiable text. `children` come last, after the warning.
 */
export function MarkdownField({
  id,
  name,
  label,
  hint,
  defaultValue,
  errors,
  rows,
  maxLength,
  words: describeWords = (n) => `${n} words`,
  className = '',
  children,
}: {
  id: string
  name: string
  label: string
  hint: ReactNode
  defaultValue: string
  errors?: string[]
  rows: number
  maxLength?: number
  /** How the count reads. */
  words?: (n: number) => string
  /** Added to the preview and its toggle, to style them apart. */
  className?: string
  children?: ReactNode
}) {
  const [text, setText] = useState(defaultValue)
  const [preview, setPreview] = useState(false)
  const errorId = errors?.length ? `${id}-error` : undefined
  return (
    <div className="field markdown-field">
      <div className="markdown-field__head">
        <label htmlFor={id}>{label}</label>
        <span className="muted" aria-live="polite" id={`${id}-count`}>
          {describeWords(wordCount(text))}
        </span>
      </div>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        hidden={preview}
        maxLength={maxLength}
        onInput={(e) => setText(e.currentTarget.value)}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[`${id}-hint`, `${id}-count`, errorId].filter(Boolean).join(' ')}
      />
      {preview ? (
        <div className={`markdown-preview${className && ` ${className}-preview`}`} aria-label={`${label} preview`}>
          {text.trim() ? <Markdown>{text}</Markdown> : <p className="muted">Nothing written yet.</p>}
        </div>
      ) : null}
      <button
        type="button"
        className={`link-button${className && ` ${className}-preview-toggle`}`}
        aria-pressed={preview}
        onClick={() => setPreview((p) => !p)}
      >
        {preview ? 'Back to writing' : 'Preview'}
      </button>
      <ErrorList id={errorId} errors={errors} />
      <LiveFindings text={text} />
      {children}
    </div>
  )
}
