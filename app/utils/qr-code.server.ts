import QRCode from 'qrcode'

/**
 * A QR code of `text` as an SVG `data:` address, for an `<img src>`: the
 * Content-Security-Policy allows data: images but no inline markup or styles.
 */
export async function qrCodeDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`
}
