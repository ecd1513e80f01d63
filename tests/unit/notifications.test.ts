import { describe, expect, it } from 'vitest'
import { composeEmailText, oneLine } from '../../app/notifications/email'
import { isSitePath } from '../../app/notifications/links'
import { createMailer } from '../../app/notifications/mailer.server'

describe('isSitePath', () => {
  it.each(['/', '/evidence/12', '/evidence/12?tab=review#claim-Sci1', '/mentor/trainees/3'])('accepts %j', (link) => {
    expect(isSitePath(link)).toBe(true)
  })

  it.each([
    '',
    'evidence/12',
    'https://evil.example/',
    'http:/evil.example',
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/a b',
    '/a\nb',
    'javascript:alert(1)',
    ` /evidence`,
    `/${'a'.repeat(2001)}`,
    null,
    undefined,
    42,
  ])('refuses %j', (link) => {
    expect(isSitePath(link)).toBe(false)
  })
})

describe('composeEmailText', () => {
  it('puts the text first, then the full link', () => {
    const text = composeEmailText({
      title: 'T',
      body: 'Your mentor verified Sci1.',
      link: '/evidence/3',
      publicUrl: 'https://attain.example.org',
    })
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Your mentor verified Sci1.',
      '',
      'https://attain.example.org/evidence/3',
    ])
    expect(text).toContain('https://attain.example.org/settings/notifications')
  })

  it('prefers the e-mail text, falls back to the title, and names the path without a site address', () => {
    expect(composeEmailText({ title: 'T', body: 'B', emailText: 'E', link: '/x', publicUrl: null })).toMatch(
      /^E\n\nOpen Attain and go to \/x\n/,
    )
    expect(composeEmailText({ title: 'Only a title', link: '/x', publicUrl: null })).toMatch(/^Only a title\n/)
  })
})

describe('oneLine', () => {
  it('flattens line breaks and control characters and shortens long text', () => {
    expect(oneLine('a\r\nb\tc\u0000d')).toBe('a b c d')
    expect(oneLine('x'.repeat(300))).toHaveLength(200)
  })
})

describe('createMailer', () => {
  it('is null without an SMTP address', () => {
    expect(createMailer({ smtpUrl: null, from: 'Attain <a@b.example>' })).toBeNull()
  })

  it('gives a mailer that reports failures without the password', async () => {
    // Nothing listens on port 1: the connection is refused at once.
    const mailer = createMailer({ smtpUrl: 'smtp://mailer:p%40ss-s3cret@127.0.0.1:1', from: 'Attain <a@b.example>' })
    expect(mailer).not.toBeNull()
    const failure = await mailer!
      .send({ from: 'Attain <a@b.example>', to: 'someone@example.org', subject: 'S', text: 'T' })
      .then(
        () => null,
        (error: unknown) => error,
      )
    expect(failure).toBeInstanceOf(Error)
    expect((failure as Error).message).toMatch(/ECONNREFUSED|ECONNECTION|connect/i)
    expect((failure as Error).message).not.toMatch(/s3cret/)
  })
})
