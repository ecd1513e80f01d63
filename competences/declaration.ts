import { z } from 'zod'
import data from './declaration.json'

const declarationSchema = z.strictObject({
  version: z.string().min(1),
  title: z.string().min(1),
  text: z.string().min(20),
})

export type Declaration = z.infer<typeof declarationSchema>

/** The words a mentor signs for a portfolio. */
export const MENTOR_DECLARATION: Declaration = declarationSchema.parse(data)
