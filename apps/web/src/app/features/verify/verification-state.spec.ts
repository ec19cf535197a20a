import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import type { Verification } from '@skillbridge/contracts';
import { codeFromInput, isSerial, printedCode, stateOf, stateOfError } from './verification-state';

const CODE = '7KQ4M9TX2WHPCV3RBN8DGZ6E';

describe('codeFromInput', () => {
  it('takes an old code as typed (case matters in those), or out of a pasted verification link', () => {
    expect(codeFromInput('  Zx8_k2-Qm4a9Lr0Tb7YwEg ')).toBe('Zx8_k2-Qm4a9Lr0Tb7YwEg');
    expect(codeFromInput('https://skillbridge.example/verify/Zx8_k2-Qm4a9Lr0Tb7YwEg')).toBe('Zx8_k2-Qm4a9Lr0Tb7YwEg');
    expect(codeFromInput('skillbridge.example/verify/Zx8_k2-Qm4a9Lr0Tb7YwEg?utm=qr#top')).toBe(
      'Zx8_k2-Qm4a9Lr0Tb7YwEg',
    );
    expect(codeFromInput('   ')).toBeNull();
  });

  it('reads a printed code in any case, with or without dashes or spaces, as the QR link carries it', () => {
    expect(codeFromInput('7KQ4-M9TX-2WHP-CV3R-BN8D-GZ6E')).toBe(CODE);
    expect(codeFromInput(' 7kq4-m9tx-2whp-cv3r-bn8d-gz6e ')).toBe(CODE);
    expect(codeFromInput('7KQ4 M9TX 2WHP CV3R BN8D GZ6E')).toBe(CODE);
    expect(codeFromInput(`https://skillbridge.example/verify/${CODE}`)).toBe(CODE);
    // Look-alikes typed for digits still find the code (O for 0, I or L for 1).
    expect(codeFromInput('1000-0000-0000-0000-0000-0000'.replace(/0/g, 'o').replace('1', 'l'))).toBe(
      '100000000000000000000000',
    );
  });

  it('reads the serial printed on the certificate, however it was typed', () => {
    expect(codeFromInput('SB-2026-000164')).toBe('SB-2026-000164');
    expect(codeFromInput(' sb-2026-000164 ')).toBe('SB-2026-000164');
    expect(codeFromInput('SB 2026 000164')).toBe('SB-2026-000164');
    expect(codeFromInput('sb2026000164')).toBe('SB-2026-000164');
  });

  it('leaves anything else as typed, for the API to answer that no certificate has it', () => {
    expect(codeFromInput('not-a-code')).toBe('not-a-code');
  });
});

describe('isSerial and printedCode', () => {
  it('tells a serial from a code, and prints a new code in groups of four', () => {
    expect(isSerial('SB-2026-000164')).toBe(true);
    expect(isSerial(CODE)).toBe(false);
    expect(printedCode(CODE)).toBe('7KQ4-M9TX-2WHP-CV3R-BN8D-GZ6E');
    expect(printedCode('7kq4m9tx2whpcv3rbn8dgz6e')).toBe('7KQ4-M9TX-2WHP-CV3R-BN8D-GZ6E');
    expect(printedCode('Zx8_k2-Qm4a9Lr0Tb7YwEg')).toBe('Zx8_k2-Qm4a9Lr0Tb7YwEg');
    expect(printedCode('SB-2026-000164')).toBe('SB-2026-000164');
  });
});

describe('stateOf', () => {
  const verification: Verification = {
    status: 'issued',
    serial: 'SB-2026-000164',
    holderName: 'Somsri Meesuk',
    programTitle: { en: 'Smart agriculture camp' },
    startDate: '2026-03-02',
    endDate: '2026-03-06',
    timeZone: 'Asia/Shanghai',
    hours: 24,
    issuedAt: '2026-03-06T09:00:00Z',
    issuer: { en: 'Tongren Polytechnic College' },
  };

  it('is valid while issued, through its last valid day in the program’s zone', () => {
    const withEnd = { ...verification, validUntil: '2028-03-06' };
    expect(stateOf(verification, new Date('2099-01-01T00:00:00Z')).kind).toBe('valid');
    expect(stateOf(withEnd, new Date('2028-03-06T15:59:00Z')).kind).toBe('valid');
    expect(stateOf(withEnd, new Date('2028-03-06T16:00:00Z')).kind).toBe('expired');
  });

  it('tells a revoked certificate from a replaced one, which names its replacement', () => {
    const revoked: Verification = { ...verification, status: 'revoked', revokedReason: 'Issued in error.' };
    expect(stateOf(revoked).kind).toBe('revoked');
    expect(stateOf({ ...revoked, replacedBy: { serial: 'SB-2026-000170' } })).toEqual({
      kind: 'replaced',
      verification: { ...revoked, replacedBy: { serial: 'SB-2026-000170' } },
      replacedBy: 'SB-2026-000170',
    });
    // Revoked beats expired: the stronger reason to distrust it is the one shown.
    expect(stateOf({ ...revoked, validUntil: '2026-04-01' }, new Date('2027-01-01T00:00:00Z')).kind).toBe('revoked');
  });
});

describe('stateOfError', () => {
  it('reads 404 as unknown and 429 as rate-limited, with the wait the API asks for', () => {
    expect(stateOfError(new HttpErrorResponse({ status: 404 }))).toEqual({ kind: 'unknown' });
    expect(
      stateOfError(new HttpErrorResponse({ status: 429, headers: new HttpHeaders({ 'Retry-After': '42' }) })),
    ).toEqual({ kind: 'rate-limited', retryAfterSeconds: 42 });
    expect(stateOfError(new HttpErrorResponse({ status: 429 }))).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: null,
    });
    expect(stateOfError(new HttpErrorResponse({ status: 0 }))).toEqual({ kind: 'error', code: 'NETWORK' });
  });
});
