import { HttpErrorResponse } from '@angular/common/http';
import { fieldErrors, problemOf, problemOfDownload } from './problem';

describe('problemOf', () => {
  it('returns the API problem document of an error response', () => {
    const body = {
      type: 'urn:x',
      title: 'Invalid input',
      status: 400,
      detail: 'd',
      code: 'VALIDATION_FAILED',
      errors: [],
    };
    expect(problemOf(new HttpErrorResponse({ status: 400, error: body }))).toBe(body);
  });

  it('names network failures NETWORK and other failures by status', () => {
    expect(problemOf(new HttpErrorResponse({ status: 0 })).code).toBe('NETWORK');
    expect(problemOf(new HttpErrorResponse({ status: 502, error: '<html>' })).code).toBe('INTERNAL_ERROR');
  });

  it('keeps the first error per field', () => {
    const errors = fieldErrors({
      type: '',
      title: '',
      status: 400,
      detail: '',
      code: 'VALIDATION_FAILED',
      errors: [
        { field: 'password', code: 'PASSWORD_LENGTH', message: 'first' },
        { field: 'password', code: 'PASSWORD_NOT_COMMON', message: 'second' },
        { field: 'email', code: 'IS_EMAIL', message: 'email' },
      ],
    });
    expect(errors['password'].message).toBe('first');
    expect(Object.keys(errors)).toEqual(['password', 'email']);
  });
});

describe('problemOfDownload', () => {
  it('reads the problem document out of a failed blob download', async () => {
    const body = { type: '', title: '', status: 404, detail: '', code: 'NOT_FOUND' };
    const blob = new Blob([JSON.stringify(body)], { type: 'application/problem+json' });
    expect((await problemOfDownload(new HttpErrorResponse({ status: 404, error: blob }))).code).toBe('NOT_FOUND');
    const html = new Blob(['<html>'], { type: 'text/html' });
    expect((await problemOfDownload(new HttpErrorResponse({ status: 502, error: html }))).code).toBe('INTERNAL_ERROR');
  });
});
