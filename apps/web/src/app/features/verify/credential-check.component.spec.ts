import { TestBed } from '@angular/core/testing';
import type { Locale } from '@skillbridge/contracts';
import type { CredentialVerification } from '@skillbridge/credentials';
import { CREDENTIAL, SITE } from '../../../testing/open-badge-credential';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { CredentialCheckComponent } from './credential-check.component';
import { CredentialVerifier } from './credential-verifier';

const KEY = CREDENTIAL.proof.verificationMethod;
const PASSED: CredentialVerification = {
  verified: true,
  signature: { ok: true, verificationMethod: KEY },
  status: { ok: true, revoked: false },
  validity: { ok: true, validFrom: CREDENTIAL.validFrom, validUntil: CREDENTIAL.validUntil },
};

/** The check with the verifier stubbed: what the library said is given, the page's reading of it is tested. */
async function render(result: CredentialVerification | Error, locale: Locale = 'en', supported = true) {
  const verify = jest.fn(async () => {
    if (result instanceof Error) throw result;
    return result;
  });
  TestBed.configureTestingModule({
    imports: [CredentialCheckComponent],
    providers: [
      provideTestTranslations(),
      { provide: CredentialVerifier, useValue: { trustedPrefix: SITE, supported, verify } },
    ],
  });
  await TestBed.inject(LanguageService).use(locale);
  const fixture = TestBed.createComponent(CredentialCheckComponent);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  const byId = (id: string) => element.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim();
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
      fixture.detectChanges();
    }
  };
  const paste = async (json: string) => {
    (byId('credential-text') as HTMLTextAreaElement).value = json;
    byId('credential-submit')?.click();
    await settle();
  };
  const upload = async (file: File) => {
    const input = byId('credential-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await settle();
  };
  return { verify, element, byId, text, paste, upload };
}

describe('CredentialCheckComponent', () => {
  it('says a credential that passes every check is valid, and what was checked, with the key', async () => {
    const { verify, byId, text, paste } = await render(PASSED);
    await paste(JSON.stringify(CREDENTIAL));
    expect(verify).toHaveBeenCalledWith(CREDENTIAL);
    expect(byId('credential-result')?.dataset['verdict']).toBe('valid');
    expect(text('credential-verdict')).toBe('This credential is valid');
    for (const check of ['signature', 'status', 'validity']) {
      expect(byId(`credential-check-${check}`)?.dataset['outcome']).toBe('passed');
    }
    expect(text('credential-check-signature')).toContain(
      'Signed by Tongren Polytechnic College with a key it publishes on this site',
    );
    expect(text('credential-key')).toBe('z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
    expect(byId('credential-key')?.title).toBe(KEY);
    expect(text('credential-check-status')).toContain('Revocation: not revoked');
    expect(text('credential-validity')).toBe('Valid from Mar 6, 2026 until Mar 7, 2099.');
    // What it states.
    expect([...(byId('credential-holder')?.querySelectorAll('.holder') ?? [])].map((name) => name.textContent)).toEqual(
      ['สมศรี มีสุข', 'Somsri Meesuk'],
    );
    expect(text('credential-achievement')).toBe('Smart agriculture camp (TRPC-TH-2026-03)');
    expect(text('credential-issuer')).toBe('Tongren Polytechnic College');
    expect(text('credential-valid-from')).toBe('Mar 6, 2026');
    expect(text('credential-valid-until')).toBe('Mar 7, 2099');
    expect(text('credential-hours')).toBe('31.5');
    expect(byId('credential-unconfirmed')).toBeNull();
  });

  it('says a revoked credential was revoked, its signature still genuine', async () => {
    const { byId, text, paste } = await render({ ...PASSED, verified: false, status: { ok: false, revoked: true } });
    await paste(JSON.stringify(CREDENTIAL));
    expect(byId('credential-result')?.dataset['verdict']).toBe('revoked');
    expect(text('credential-verdict')).toBe('This credential has been revoked');
    expect(byId('credential-check-signature')?.dataset['outcome']).toBe('passed');
    expect(byId('credential-check-status')?.dataset['outcome']).toBe('failed');
    expect(text('credential-check-status')).toContain('Revocation: revoked');
  });

  it('says a changed file does not verify, and that what it states is not confirmed', async () => {
    const { byId, text, paste } = await render({
      ...PASSED,
      verified: false,
      signature: { ok: false, verificationMethod: KEY, error: 'Invalid signature.' },
    });
    await paste(JSON.stringify(CREDENTIAL));
    expect(byId('credential-result')?.dataset['verdict']).toBe('invalid');
    expect(text('credential-verdict')).toBe('This credential does not verify');
    expect(byId('credential-check-signature')?.dataset['outcome']).toBe('failed');
    expect(text('credential-check-signature')).toContain('The signature does not match this file');
    expect(text('credential-unconfirmed')).toMatch(/^Not confirmed/);
  });

  it('says when the status list could not be read, and when the credential has expired', async () => {
    const unread = await render({ ...PASSED, verified: false, status: { ok: false, error: 'offline' } });
    await unread.paste(JSON.stringify(CREDENTIAL));
    expect(unread.byId('credential-result')?.dataset['verdict']).toBe('status-unknown');
    expect(unread.byId('credential-check-status')?.dataset['outcome']).toBe('unknown');
    TestBed.resetTestingModule();
    const expired = await render({
      ...PASSED,
      verified: false,
      validity: { ok: false, error: 'expired', validFrom: CREDENTIAL.validFrom, validUntil: '2026-09-30T15:59:00Z' },
    });
    await expired.paste(JSON.stringify(CREDENTIAL));
    expect(expired.text('credential-verdict')).toBe('This credential has expired');
    expect(expired.text('credential-validity')).toBe('Expired: it was valid until Sep 30, 2026.');
  });

  it('speaks Thai, with dates in the Buddhist era, and names the achievement in Chinese for a Chinese reader', async () => {
    const thai = await render(PASSED, 'th');
    await thai.paste(JSON.stringify(CREDENTIAL));
    expect(thai.text('credential-verdict')).toBe('ข้อมูลรับรองนี้ใช้ได้');
    expect(thai.text('credential-valid-from')).toContain('2569');
    expect(thai.text('credential-validity')).toContain('2642');
    TestBed.resetTestingModule();
    const chinese = await render(PASSED, 'zh');
    await chinese.paste(JSON.stringify(CREDENTIAL));
    expect(chinese.text('credential-achievement')).toBe('智慧农业训练营 (TRPC-TH-2026-03)');
    expect(chinese.text('credential-hours')).toBe('31.5');
  });

  it('checks an uploaded file, and says plainly when a file is no credential', async () => {
    const { verify, byId, text, upload } = await render(PASSED);
    await upload(new File([JSON.stringify(CREDENTIAL)], 'SB-2026-000170.json', { type: 'application/json' }));
    expect(text('credential-source')).toBe('File: SB-2026-000170.json');
    expect(byId('credential-result')?.dataset['verdict']).toBe('valid');

    await upload(new File(['%PDF-1.7 …'], 'certificate.pdf', { type: 'application/pdf' }));
    expect(text('credential-malformed')).toBe('This is not a credential file: its contents are not valid JSON.');
    expect(byId('credential-result')).toBeNull();
    await upload(new File(['{"name": "a badge"}'], 'other.json'));
    expect(text('credential-malformed')).toBe(
      'This JSON is not a verifiable credential: it has no credential type, subject or proof.',
    );
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('asks for something to check when nothing was pasted', async () => {
    const { verify, text, paste } = await render(PASSED);
    await paste('   ');
    expect(text('credential-malformed')).toBe('Choose a file or paste a credential first.');
    expect(verify).not.toHaveBeenCalled();
  });

  it('does not check a credential of another issuer, and says so', async () => {
    const { verify, text, paste } = await render(PASSED);
    await paste(
      JSON.stringify({ ...CREDENTIAL, issuer: { id: 'https://badges.elsewhere.example/issuer/1', type: ['Profile'] } }),
    );
    expect(text('credential-foreign')).toBe(
      'This credential names another issuer (https://badges.elsewhere.example/issuer/1), so it cannot be checked here.',
    );
    expect(verify).not.toHaveBeenCalled();
  });

  it('says so when the checker itself cannot be loaded', async () => {
    const { text, paste } = await render(new Error('Failed to fetch dynamically imported module'));
    await paste(JSON.stringify(CREDENTIAL));
    expect(text('credential-failed')).toBe('The checker could not be loaded. Check your connection and try again.');
  });

  it('says why nothing can be checked on a page without WebCrypto (not HTTPS), rather than calling it forged', async () => {
    const { verify, byId, text, paste } = await render(PASSED, 'en', false);
    await paste(JSON.stringify(CREDENTIAL));
    expect(text('credential-insecure')).toMatch(/^This page is not served over HTTPS/);
    expect(byId('credential-result')).toBeNull();
    expect(verify).not.toHaveBeenCalled();
  });

  it('tells on the page that only this site’s credentials can be checked', async () => {
    const { text } = await render(PASSED);
    expect(text('credential-scope')).toContain(`Only credentials issued through Skillbridge at ${location.host}`);
    expect(text('credential-scope')).toContain('A credential from another issuer cannot be checked on this page');
  });
});
