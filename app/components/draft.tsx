import { useEffect, useState, type RefObject } from 'react'

interface Draft {
  savedAt: number
  values: Record<string, string>
}

const MAX_AGE_MS = 12 * 60 * 60 * 1000
const storageKey = (key: string) => `attain:draft:${key}`

function read(key: string): Draft | null {
  try {
    const raw = window.sessionStorage.getItem(storageKey(key))
    if (!raw) return null
    const draft = JSON.parse(raw) as Draft
    return Date.now() - draft.savedAt < MAX_AGE_MS ? draft : null
  } catch {
    return null
  }
}

function fieldsOf(form: HTMLFormElement) {
  return [...form.elements].filter(
    (el): el is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement =>
      (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) &&
      el.name !== '' &&
      !['password', 'file', 'hidden', 'submit'].includes(el.type),
  )
}

/**
 * Keeps what is typed into a form in this tab's session storage until the
 * form is sent and accepted. If the session expired meanwhile, sending leads
 * to the sign-in page; signing in brings the user back to the form, which
 * then fills itself in again. Passwords and files are never stored.
 */
export function useFormDraft(
  formRef: RefObject<HTMLFormElement | null>,
  key: string,
  { saved = false }: { saved?: boolean } = {},
) {
  const [restored, setRestored] = useState(false)

  // The action accepted the form: the draft has done its job.
  useEffect(() => {
    if (saved) {
      clearFormDraft(key)
      setRestored(false)
    }
  }, [saved, key])

  useEffect(() => {
    const form = formRef.current
    if (!form) return
    const draft = read(key)
    if (draft) {
      for (const field of fieldsOf(form)) {
        const value = draft.values[field.name]
        if (value === undefined) continue
        if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) {
          field.checked = value === field.value
        } else {
          field.value = value
        }
        field.dispatchEvent(new Event('input', { bubbles: true }))
      }
      setRestored(true)
    }
    let submitted = false
    const save = () => {
      const values: Record<string, string> = {}
      for (const field of fieldsOf(form)) {
        if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) {
          if (field.checked) values[field.name] = field.value
        } else {
          values[field.name] = field.value
        }
      }
      try {
        window.sessionStorage.setItem(storageKey(key), JSON.stringify({ savedAt: Date.now(), values }))
      } catch {
        // Storage full or disabled: the form still works, only without this safety net.
      }
    }
    const onSubmit = () => {
      save()
      submitted = true
    }
    form.addEventListener('input', save)
    form.addEventListener('change', save)
    form.addEventListener('submit', onSubmit)
    return () => {
      form.removeEventListener('input', save)
      form.removeEventListener('change', save)
      form.removeEventListener('submit', onSubmit)
      // Left after sending: keep the draft only if sending led to the sign-in page.
      if (submitted && !window.location.pathname.startsWith('/login')) clearFormDraft(key)
    }
  }, [formRef, key])

  return {
    restored,
    discard() {
      clearFormDraft(key)
      setRestored(false)
    },
  }
}

export function clearFormDraft(key: string) {
  try {
    window.sessionStorage.removeItem(storageKey(key))
  } catch {
    // Nothing to clear.
  }
}

export function DraftNotice({ restored, onDiscard }: { restored: boolean; onDiscard: () => void }) {
  if (!restored) return null
  return (
    <div className="notice" role="status">
      We kept what you typed before you were asked to sign in again. Check it and send the form once more.{' '}
      <button type="button" className="link-button" onClick={onDiscard}>
        Discard it
      </button>
    </div>
  )
}
