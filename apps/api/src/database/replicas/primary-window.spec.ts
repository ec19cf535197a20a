import { SecretBox } from '../../common/crypto/secret-box';
import { PRIMARY_WINDOW_PURPOSE, readPrimaryUntil, signPrimaryUntil } from './primary-window';

const box = new SecretBox('a-test-key-of-thirty-two-characters-or-more');
const mac = (message: string) => box.mac(message, PRIMARY_WINDOW_PURPOSE);
const WINDOW = 2_000;
const now = 1_800_000_000_000;

describe('the read-after-write cookie', () => {
  it('carries its end to any process with the same key', () => {
    const cookie = signPrimaryUntil(now + WINDOW, mac);
    const otherProcess = new SecretBox('a-test-key-of-thirty-two-characters-or-more');
    expect(readPrimaryUntil(cookie, (m) => otherProcess.mac(m, PRIMARY_WINDOW_PURPOSE), now, WINDOW)).toBe(
      now + WINDOW,
    );
  });

  it('is ignored once it has expired', () => {
    const cookie = signPrimaryUntil(now + WINDOW, mac);
    expect(readPrimaryUntil(cookie, mac, now + WINDOW, WINDOW)).toBeNull();
    expect(readPrimaryUntil(cookie, mac, now + WINDOW - 1, WINDOW)).toBe(now + WINDOW);
  });

  it('is ignored when forged: another key, another purpose, a changed end, a mangled MAC', () => {
    const cookie = signPrimaryUntil(now + WINDOW, mac);
    const [until, signature] = cookie.split('.');
    const otherKey = new SecretBox('another-key-of-thirty-two-characters-or-more');
    expect(readPrimaryUntil(cookie, (m) => otherKey.mac(m, PRIMARY_WINDOW_PURPOSE), now, WINDOW)).toBeNull();
    expect(readPrimaryUntil(cookie, (m) => box.mac(m, 'account-link'), now, WINDOW)).toBeNull();
    expect(readPrimaryUntil(`${Number(until) + 1}.${signature}`, mac, now, WINDOW)).toBeNull();
    expect(readPrimaryUntil(`${until}.${signature.slice(0, -2)}AA`, mac, now, WINDOW)).toBeNull();
    for (const junk of [undefined, '', 'x', `${until}`, `${until}.`, `-1.${signature}`, `${until}.${signature}.x`]) {
      expect(readPrimaryUntil(junk, mac, now, WINDOW)).toBeNull();
    }
  });

  it('is ignored when it reaches further than any window this server issues', () => {
    const far = signPrimaryUntil(now + 60 * 60_000, mac);
    expect(readPrimaryUntil(far, mac, now, WINDOW)).toBeNull();
  });
});
