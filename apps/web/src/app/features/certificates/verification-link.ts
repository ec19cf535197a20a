/**
 * The public address of a certificate's verification page — the same one
 * its PDF's QR code carries (`<PUBLIC_URL>/verify/<code>`); the web app is
 * served from that origin.
 */
export function verificationUrl(code: string, origin: string): string {
  return `${origin.replace(/\/+$/, '')}/verify/${encodeURIComponent(code)}`;
}
