import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const SEALED_PREFIX = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Keys derived from one master secret, one per purpose (HKDF-SHA256), for
 * what the database keeps that must stay useless to someone who reads only
 * the database: values sealed with AES-256-GCM and MACs. The purpose is bound
 * into each key and, for sealed values, into the authenticated data, so a
 * value sealed for one use never opens for another. `Secrets` is the box of
 * DATA_ENCRYPTION_KEY; the credential signing keys have one of their own
 * (CREDENTIAL_KEY_SECRET), so the two secrets can be kept and rotated apart.
 */
export class SecretBox {
  private readonly master: Buffer;
  private readonly keys = new Map<string, Buffer>();

  constructor(master: string) {
    this.master = Buffer.from(master, 'utf8');
  }

  private key(purpose: string): Buffer {
    let key = this.keys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.master, Buffer.alloc(0), `skillbridge/${purpose}`, 32));
      this.keys.set(purpose, key);
    }
    return key;
  }

  seal(plaintext: string, purpose: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(purpose), iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return SEALED_PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The plaintext of a sealed value; throws when it was sealed with another key or purpose, or altered. */
  open(sealed: string, purpose: string): string {
    if (!sealed.startsWith(SEALED_PREFIX)) throw new Error('not a sealed value');
    const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key(purpose), bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }

  mac(message: string, purpose: string): Buffer {
    return createHmac('sha256', this.key(purpose)).update(message).digest();
  }
}
