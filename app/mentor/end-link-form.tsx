import { ConfirmForm } from '~/components/forms'

/** Ends a mentor's link with a trainee, from either side, once `question` is answered yes. */
export function EndLinkForm({
  question,
  fields,
  name,
}: {
  question: string
  /** Which link: the other side's id. */
  fields: Record<string, number>
  /** Who is on the other side, for screen readers. */
  name: string
}) {
  return (
    <ConfirmForm question={question} fields={fields} intent="end" buttonClassName="secondary" pendingText="Ending…">
      End link<span className="visually-hidden"> with {name}</span>
    </ConfirmForm>
  )
}
