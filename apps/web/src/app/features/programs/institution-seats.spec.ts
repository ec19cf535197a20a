import { TestBed } from '@angular/core/testing';
import type { Institution, Program } from '@skillbridge/contracts';
import { provideTestTranslations } from '../../../testing/translations';
import { LanguageService } from '../../core/i18n/language.service';
import { InstitutionSeatsComponent } from './institution-seats.component';
import { seatsByInstitution } from './institution-seats';

const RMUTT = { id: 'i-rmutt', code: 'RMUTT', name: { en: 'RMUTT', th: 'มทร.ธัญบุรี' } } as Institution;
const SPU = { id: 'i-spu', code: 'SPU', name: { en: 'Sripatum University' } } as Institution;
const UTM = { id: 'i-utm', code: 'UTM', name: { en: 'Universiti Teknologi Malaysia' } } as Institution;

/** 40 seats: 15 kept for RMUTT, 10 for SPU, 15 open; UTM has people but no quota. */
const ADMIN_VIEW = {
  partnerQuotas: [
    { institutionId: 'i-rmutt', seats: 15 },
    { institutionId: 'i-spu', seats: 10 },
  ],
  seats: {
    capacity: 40,
    available: 18,
    scope: 'program',
    confirmed: 22,
    waitlisted: 3,
    pending: 2,
    nominated: 4,
    byInstitution: [
      { institutionId: 'i-utm', confirmed: 5, waitlisted: 0, pending: 1, nominated: 0 },
      { institutionId: 'i-spu', quota: 10, confirmed: 4, waitlisted: 0, pending: 1, nominated: 3 },
      { institutionId: 'i-rmutt', quota: 15, confirmed: 11, waitlisted: 3, pending: 0, nominated: 1 },
    ],
  },
} as Pick<Program, 'seats' | 'partnerQuotas'>;
const PARTNER_VIEW = {
  partnerQuotas: ADMIN_VIEW.partnerQuotas,
  seats: {
    capacity: 40,
    available: 18,
    scope: 'institution',
    confirmed: 11,
    waitlisted: 3,
    pending: 0,
    nominated: 1,
    byInstitution: [{ institutionId: 'i-rmutt', quota: 15, confirmed: 11, waitlisted: 3, pending: 0, nominated: 1 }],
  },
} as Pick<Program, 'seats' | 'partnerQuotas'>;

describe('seatsByInstitution', () => {
  it('puts institutions with a quota first, with the seats of their quota still free, and the open pool', () => {
    const view = seatsByInstitution(ADMIN_VIEW, [RMUTT, SPU, UTM]);
    expect(view?.lines.map((l) => [l.code, l.quota, l.free])).toEqual([
      ['RMUTT', 15, 4],
      ['SPU', 10, 6],
      ['UTM', undefined, undefined],
    ]);
    // 40 − 25 kept = 15 open; 22 confirmed − 15 in quotas = 7 of them taken (UTM's 5 and 2 without an institution).
    expect(view?.open).toEqual({ seats: 15, confirmed: 7, free: 8 });
    expect(view?.available).toBe(18);
  });

  it('gives a partner its own line and the seats its people can still get, never an open pool it could subtract from', () => {
    const view = seatsByInstitution(PARTNER_VIEW, [RMUTT]);
    expect(view?.lines).toHaveLength(1);
    expect(view?.open).toBeNull();
    expect(view?.available).toBe(18);
  });

  it('has nothing to show without the per-institution counts (lists carry none)', () => {
    expect(seatsByInstitution({ ...ADMIN_VIEW, seats: { ...ADMIN_VIEW.seats, byInstitution: undefined } }, [])).toBe(
      null,
    );
  });

  it('keeps a line whose institution the viewer cannot read, by its id', () => {
    const view = seatsByInstitution(ADMIN_VIEW, [RMUTT, SPU]);
    expect(view?.lines.map((l) => l.name?.en ?? l.institutionId)).toEqual(['RMUTT', 'Sripatum University', 'i-utm']);
  });
});

describe('InstitutionSeatsComponent', () => {
  async function render(program: Pick<Program, 'seats' | 'partnerQuotas'>, locale: 'en' | 'th' = 'en') {
    TestBed.configureTestingModule({ imports: [InstitutionSeatsComponent], providers: [provideTestTranslations()] });
    await TestBed.inject(LanguageService).use(locale);
    const fixture = TestBed.createComponent(InstitutionSeatsComponent);
    fixture.componentRef.setInput('program', program);
    fixture.componentRef.setInput('institutions', [RMUTT, SPU, UTM]);
    fixture.detectChanges();
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').trim();
    const rows = () =>
      [...element.querySelectorAll('[data-testid="institution-seats-row"]')].map((row) =>
        [...row.querySelectorAll('th, td')].map((cell) => text(cell)),
      );
    return { element, text, rows };
  }

  it('shows admins a line per institution and the open pool', async () => {
    const { element, text, rows } = await render(ADMIN_VIEW);
    expect(text(element.querySelector('h2'))).toBe('Seats by institution');
    expect(rows()).toEqual([
      ['RMUTT', '15 4 free', '11', '3', '0', '1'],
      ['Sripatum University', '10 6 free', '4', '0', '1', '3'],
      ['Universiti Teknologi Malaysia', 'Open seats', '5', '0', '1', '0'],
    ]);
    expect(text(element.querySelector('[data-testid="institution-seats-open"]'))).toBe(
      'Open to everyone else: 15 seats, 7 confirmed, 8 free.',
    );
    expect(element.querySelector('[data-testid="institution-seats-free"]')).toBeNull();
  });

  it('shows partner staff their own line and the seats their people can still get, in their language', async () => {
    const { element, text, rows } = await render(PARTNER_VIEW, 'th');
    expect(text(element.querySelector('h2'))).toBe('ที่นั่งของสถาบันของคุณ');
    expect(rows()).toEqual([['มทร.ธัญบุรี', '15 ว่าง 4', '11', '3', '0', '1']]);
    expect(text(element.querySelector('[data-testid="institution-seats-free"]'))).toBe(
      'ที่นั่งที่ผู้เรียนของสถาบันคุณยังได้รับได้ 18',
    );
    expect(element.querySelector('[data-testid="institution-seats-open"]')).toBeNull();
  });
});
