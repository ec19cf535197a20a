import { SecretBox } from '../../common/crypto/secret-box';
import { calendarFeedId, calendarFeedToken, tokenHash } from './calendar-feed-token';

describe('calendar feed tokens', () => {
  const box = new SecretBox('a-test-key-of-more-than-thirty-two-characters');
  const id = '0f8e6c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6';

  it('are the id and a URL-safe MAC of it, the same every time and different per key', () => {
    const token = calendarFeedToken(box, id);
    expect(token).toMatch(/^0f8e6c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6\.[A-Za-z0-9_-]{43}$/);
    expect(calendarFeedToken(box, id)).toBe(token);
    expect(calendarFeedToken(new SecretBox('another-key-of-more-than-thirty-two-chars'), id)).not.toBe(token);
    // Not the MAC an e-mailed link of the same id would carry.
    expect(token.split('.')[1]).not.toBe(box.mac(id, 'account-token').toString('base64url'));
    expect(tokenHash(token)).toHaveLength(32);
  });

  it('name their id only when well formed', () => {
    const token = calendarFeedToken(box, id);
    expect(calendarFeedId(token)).toBe(id);
    for (const bad of ['', id, `${id}.`, `${token}.ics`, `not-a-uuid.${token.split('.')[1]}`, `${id}.short`]) {
      expect(calendarFeedId(bad)).toBeNull();
    }
  });
});
