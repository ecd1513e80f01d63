import { createContext, useContext } from 'react'

/** The request's CSP nonce while rendering on the server; empty in the browser, which never needs it. */
export const NonceContext = createContext('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
