import { loadConfig } from '../../config';
import { Secrets } from './secrets';

const secrets = (key = 'k'.repeat(16) + 'another-32-char-key!') =>
  new Secrets(loadConfig({ NODE_ENV: 'test', DATA_ENCRYPTION_KEY: key }));

describe('Secrets', () => {
  it('seals and opens a value for the same purpose, never the same ciphertext twice', () => {
    const box = secrets();
    const a = box.seal('JBSWY3DPEHPK3PXP', 'totp');
    const b = box.seal('JBSWY3DPEHPK3PXP', 'totp');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(a, 'totp')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a value sealed for another purpose, under another key, or altered', () => {
    const box = secrets();
    const sealed = box.seal('secret', 'totp');
    expect(() => box.open(sealed, 'other')).toThrow();
    expect(() => secrets('z'.repeat(40)).open(sealed, 'totp')).toThrow();
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[14] ^= 1;
    expect(() => box.open(`v1.${bytes.toString('base64url')}`, 'totp')).toThrow();
    expect(() => box.open('plain', 'totp')).toThrow();
  });

  it('makes MACs that depend on the key, the purpose and the message', () => {
    const box = secrets();
    expect(box.mac('id', 'p')).toEqual(box.mac('id', 'p'));
    expect(box.mac('id', 'p')).not.toEqual(box.mac('id', 'q'));
    expect(box.mac('id', 'p')).not.toEqual(box.mac('id2', 'p'));
    expect(box.mac('id', 'p')).not.toEqual(secrets('z'.repeat(40)).mac('id', 'p'));
  });
});
