/**
 * The CRC-32 of two byte strings one after the other, from each one's CRC-32 and the second one's length: zlib's
 * `crc32_combine` (x^(8·len2) mod p, by squaring), which Node does not expose. It lets a page kept in pieces be
 * sent with its gzip trailer without reading every byte of it again.
 */
const POLY = 0xedb88320

/** a·b modulo the CRC polynomial, both as bit-reflected polynomials. */
function multiplyModP(a: number, b: number): number {
  let m = 0x80000000
  let p = 0
  for (;;) {
    if (a & m) {
      p ^= b
      if ((a & (m - 1)) === 0) break
    }
    m >>>= 1
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1
  }
  return p >>> 0
}

/** x^(2^k) modulo p, for k from 0 to 31. */
const X_TO_2_TO_THE = (() => {
  const table: number[] = []
  let p = 0x40000000 // x^1
  table.push(p)
  for (let k = 1; k < 32; k++) table.push((p = multiplyModP(p, p)))
  return table
})()

/** x^(n·2^k) modulo p. */
function xToTheNModP(n: number, k: number): number {
  let p = 0x80000000 // x^0
  while (n > 0) {
    if (n % 2 === 1) p = multiplyModP(X_TO_2_TO_THE[k & 31]!, p)
    n = Math.floor(n / 2)
    k++
  }
  return p
}

export function crc32Combine(crc1: number, crc2: number, length2: number): number {
  return (multiplyModP(xToTheNModP(length2, 3), crc1 >>> 0) ^ (crc2 >>> 0)) >>> 0
}
