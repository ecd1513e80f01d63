import { describe, expect, it } from 'vitest'
import { idParam, requireIdParam } from '../../app/utils/params'
import { notFound } from '../../app/utils/responses'

function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('requireIdParam', () => {
  it('reads an id of up to 12 digits', () => {
    expect(requireIdParam('1')).toBe(1)
    expect(requireIdParam('000042')).toBe(42)
    expect(requireIdParam('999999999999')).toBe(999_999_999_999)
  })

  it.each([undefined, '', '-1', '+1', '1.5', '1e3', '0x10', ' 1', '1 ', 'abc', '1234567890123'])(
    'answers 404 for %j',
    async (raw) => {
      const error = thrown(() => requireIdParam(raw))
      expect(error).toBeInstanceOf(Response)
      expect((error as Response).status).toBe(404)
      expect(await (error as Response).text()).toBe('Not found')
    },
  )

  it('is a zod schema too, for params parsed with others', () => {
    expect(idParam.safeParse('7')).toEqual({ success: true, data: 7 })
    expect(idParam.safeParse('7a').success).toBe(false)
  })
})

describe('notFound', () => {
  it('is a plain 404 that names nothing', async () => {
    const response = notFound()
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('Not found')
    expect([...response.headers.keys()]).toEqual(['content-type'])
    expect(response.headers.get('Content-Type')).toBe('text/plain;charset=UTF-8')
  })

  it('is a new response each time, so a body is never read twice', () => {
    expect(notFound()).not.toBe(notFound())
  })
})
