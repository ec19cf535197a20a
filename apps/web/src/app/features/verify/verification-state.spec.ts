import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { codeFromInput, stateOfError } from './verification-state';

describe('codeFromInput', () => {
  it('takes the code as typed, or out of a pasted verification link', () => {
    expect(codeFromInput('  Zx8_k2-Qm4a9Lr0Tb7YwEg ')).toBe('Zx8_k2-Qm4a9Lr0Tb7YwEg');
    expect(codeFromInput('https://skillbridge.example/verify/Zx8_k2-Qm4a9Lr0Tb7YwEg')).toBe('Zx8_k2-Qm4a9Lr0Tb7YwEg');
    expect(codeFromInput('skillbridge.example/verify/Zx8_k2-Qm4a9Lr0Tb7YwEg?utm=qr#top')).toBe(
      'Zx8_k2-Qm4a9Lr0Tb7YwEg',
    );
    expect(codeFromInput('   ')).toBeNull();
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
