import { QueryFailedError } from 'typeorm';
import { loggable } from './problem-details.filter';

describe('what a failed request logs', () => {
  it('keeps a failed query’s statement start and code, never its parameters', () => {
    const driverError = Object.assign(new Error('bind message has 90009 parameter formats'), { code: '08P01' });
    const query = `INSERT INTO trainees (email) VALUES ${Array.from({ length: 200 }, (_, i) => `($${i + 1})`).join(', ')}`;
    const error = new QueryFailedError(query, ['somchai@example.ac.th', 'malee@example.ac.th'], driverError);
    const logged = loggable(error) as Record<string, unknown>;
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '08P01' });
    expect(String(logged['query']).length).toBeLessThanOrEqual(301);
    expect(JSON.stringify(logged)).not.toContain('somchai@example.ac.th');
  });

  it('passes any other error through as it is', () => {
    const error = new Error('boom');
    expect(loggable(error)).toBe(error);
  });
});
