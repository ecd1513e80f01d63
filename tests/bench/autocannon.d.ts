/** The parts of autocannon's programmatic API the load tests use (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  namespace autocannon {
    interface Options {
      url: string
      connections?: number
      /** Seconds. */
      duration?: number
      headers?: Record<string, string>
      title?: string
      /** Seconds a request may take before it counts as a timeout. */
      timeout?: number
      pipelining?: number
    }

    interface Stats {
      average: number
      mean: number
      stddev: number
      min: number
      max: number
      total: number
      p50: number
      p90: number
      p97_5: number
      p99: number
    }

    interface Result {
      title?: string
      url: string
      connections: number
      /** Seconds the run lasted. */
      duration: number
      errors: number
      timeouts: number
      non2xx: number
      '2xx': number
      statusCodeStats: Record<string, { count: number }>
      /** Milliseconds. */
      latency: Stats
      /** Requests per second, sampled each second. */
      requests: Stats & { sent: number }
      /** Bytes per second, sampled each second. */
      throughput: Stats
    }

    /** Emits 'response' (client, statusCode, bytes, milliseconds) for every response. */
    type Instance = EventEmitter & PromiseLike<Result>
  }

  function autocannon(options: autocannon.Options): autocannon.Instance
  export = autocannon
}
