import { ProblemException } from '../problem/problem.exception';
import { decodeCursor, encodeCursor, type KeyType } from './keyset';

const ID = '0b6f3c2e-4f7a-4c1e-9a52-7d3e8f1b2c4d';
const base64url = (json: string) => Buffer.from(json, 'utf8').toString('base64url');

/** The problem decodeCursor throws, as the filter would render its field list. */
function refusal(cursor: string, types: KeyType[]): unknown {
  try {
    decodeCursor(cursor, types);
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return { status: error.status, code: error.code, errors: error.options.errors };
  }
  return 'accepted';
}

const INVALID_CURSOR = {
  status: 400,
  code: 'VALIDATION_FAILED',
  errors: [{ field: 'cursor', code: 'INVALID_CURSOR', messageKey: 'validation.cursor' }],
};

describe('decodeCursor', () => {
  it.each<[string, string[], KeyType[]]>([
    ['a timestamp and an id', ['2024-09-03T01:02:03.456Z', ID], ['timestamp', 'uuid']],
    ['a calendar date and an id', ['2024-02-29', ID], ['date', 'uuid']],
    ['text in any script', ['SB-วิทยาลัย 学院 👩🏽‍🔧', ID], ['text', 'uuid']],
    [
      'the first and last instants PostgreSQL and the cursor both write',
      ['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'],
      ['timestamp', 'timestamp'],
    ],
  ])('gives back what encodeCursor wrote: %s', (_name, values, types) => {
    expect(decodeCursor(encodeCursor(values), types)).toEqual(values);
  });

  it('refuses the cursor the fuzzer found: ["\\u0000", 1e999] (a NUL byte and a number JSON reads as Infinity)', () => {
    const cursor = 'WyJcdTAwMDAiLDFlOTk5XQ';
    expect(Buffer.from(cursor, 'base64url').toString()).toBe('["\\u0000",1e999]');
    for (const types of [
      ['timestamp', 'uuid'],
      ['text', 'text'],
      ['text', 'uuid'],
    ] as KeyType[][])
      expect(refusal(cursor, types)).toEqual(INVALID_CURSOR);
  });

  it.each([
    ['not base64url JSON', 'garbage!'],
    ['empty', ''],
    ['JSON that is not an array', base64url('{"id":"x","at":"2024-09-03T01:02:03.456Z"}')],
    ['too few values', base64url('["2024-09-03T01:02:03.456Z"]')],
    ['too many values', base64url(`["2024-09-03T01:02:03.456Z","${ID}","x"]`)],
    ['null', base64url('null')],
    ['a nested array', base64url(`[["2024-09-03T01:02:03.456Z"],"${ID}"]`)],
    ['null for a value', base64url(`[null,"${ID}"]`)],
    ['a finite number', base64url(`[1725325323456,"${ID}"]`)],
    ['a number JSON reads as Infinity', base64url(`["2024-09-03T01:02:03.456Z",1e999]`)],
    ['a number JSON reads as -Infinity', base64url(`[-1e999,"${ID}"]`)],
  ])('refuses a cursor of the wrong shape: %s', (_name, cursor) => {
    expect(refusal(cursor, ['timestamp', 'uuid'])).toEqual(INVALID_CURSOR);
    expect(refusal(cursor, ['text', 'text'])).toEqual(INVALID_CURSOR);
  });

  it.each([
    ['a NUL byte', 'a\u0000b'],
    ['a lone high surrogate', 'x\ud800'],
    ['a lone low surrogate', '\udfffx'],
  ])('refuses text PostgreSQL cannot read: %s', (_name, text) => {
    expect(refusal(encodeCursor([text, ID]), ['text', 'uuid'])).toEqual(INVALID_CURSOR);
  });

  it.each<[string, KeyType]>([
    ['not-a-date', 'timestamp'],
    ['2024-09-03', 'timestamp'],
    ['2024-09-03T01:02:03Z', 'timestamp'],
    ['2024-09-03T01:02:03.456+07:00', 'timestamp'],
    ['2024-02-30T00:00:00.000Z', 'timestamp'],
    ['0000-01-01T00:00:00.000Z', 'timestamp'],
    ['+275760-09-13T00:00:00.000Z', 'timestamp'],
    [ID, 'timestamp'],
    ['not-a-date', 'date'],
    ['2024-02-30', 'date'],
    ['2024-09-03T00:00:00.000Z', 'date'],
    ['99999-01-01', 'date'],
    ['x', 'uuid'],
    [`${ID}x`, 'uuid'],
    ['2024-09-03T01:02:03.456Z', 'uuid'],
  ])('refuses %j for a %s key', (value, type) => {
    expect(refusal(encodeCursor([value, ID]), [type, 'uuid'])).toEqual(INVALID_CURSOR);
  });
});
