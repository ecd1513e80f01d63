import { Link } from '@remix-run/react'
import { pageTitle } from '~/utils/meta'

export const meta = pageTitle('Check your e-mail')

/** Where every sign-up lands, new address or not: the e-mail says which it was. */
export default function SignupSent() {
  return (
    <div className="page narrow">
      <h1>Check your e-mail</h1>
      <p className="lede">
        We have sent a message to the address you gave. Open the link in it to finish creating your account.
      </p>
      <p>
        The link works for 24 hours. If nothing arrives within a few minutes, look in your junk folder, or sign up
        again.
      </p>
      <p className="muted">
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </div>
  )
}
