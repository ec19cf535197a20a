import { isCountryCode, isLocale, TRAINEE_NAME_MAX_LENGTH } from '@skillbridge/contracts';
import { DEMO_INSTITUTIONS } from './institutions.demo';
import { DEMO_PROGRAMS } from './programs.demo';
import { DEMO_ENROLMENT_PLANS, DEMO_TRAINEES, type DemoEnrolmentPlan, type DemoTrainee } from './trainees.demo';

function plan(programCode: string): DemoEnrolmentPlan {
  const found = DEMO_ENROLMENT_PLANS.find((candidate) => candidate.programCode === programCode);
  if (!found) throw new Error(`no enrolment plan for ${programCode}`);
  return found;
}

function countBy<T>(items: readonly T[], key: (item: T) => string | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const value = String(key(item));
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}

function byNationality(trainees: readonly DemoTrainee[], nationality: string): DemoTrainee[] {
  return trainees.filter((trainee) => trainee.nationality === nationality);
}

const A = plan('TRPC-TH-ONLINE-2024');
const B = plan('YOUTH-SHOW-2024');
const C = plan('LMC-CERT-YGN-2024');
const D = plan('CN-BN-HYBRID-RICE-2024');
const ALL = DEMO_ENROLMENT_PLANS.flatMap((candidate) => candidate.trainees);

const THAI = /^[\p{Script=Thai} ]+$/u;
const MYANMAR = /^\p{Script=Myanmar}+$/u;
const LAO = /^[\p{Script=Lao} ]+$/u;
const KHMER = /^[\p{Script=Khmer} ]+$/u;
/** Latin letters, spaces, hyphens, apostrophes and dots; starting with a letter. */
const LATIN_ONLY = /^\p{Script=Latin}[\p{Script=Latin} .'-]*$/u;

describe('demo trainees', () => {
  it('has one plan per scenario, each for a demo program, enrolled the way the scenario says', () => {
    const programCodes = new Set(DEMO_PROGRAMS.map((program) => program.code));
    for (const candidate of DEMO_ENROLMENT_PLANS) expect(programCodes.has(candidate.programCode)).toBe(true);
    expect(DEMO_ENROLMENT_PLANS.map((candidate) => [candidate.programCode, candidate.mode])).toEqual([
      ['TRPC-TH-ONLINE-2024', 'partner-approved'],
      ['YOUTH-SHOW-2024', 'self-registered'],
      ['LMC-CERT-YGN-2024', 'admin'],
      ['CN-BN-HYBRID-RICE-2024', 'admin'],
    ]);
  });

  it('is deterministic', () => {
    expect(A.trainees[0]).toEqual({
      fullName: 'สมชาย วงศ์สวัสดิ์',
      fullNameLatin: 'Somchai Wongsawat',
      email: 'somchai.wongsawat.001@rmutt.example',
      nationality: 'TH',
      institutionCode: 'RMUTT',
      preferredLocale: 'th',
    });
    expect(A.trainees[160].email).toBe(
      `${A.trainees[160].fullNameLatin.toLowerCase().replace(' ', '.')}.001@sut.example`,
    );
  });

  describe('scenario A', () => {
    it('has 292 Thai trainees split between RMUTT and SUT', () => {
      expect(A.trainees).toHaveLength(292);
      expect(countBy(A.trainees, (trainee) => trainee.institutionCode)).toEqual({ RMUTT: 160, SUT: 132 });
      for (const trainee of A.trainees) {
        expect(trainee.nationality).toBe('TH');
        expect(trainee.preferredLocale).toBe('th');
        expect(trainee.fullName).toMatch(THAI);
        expect(trainee.fullName.split(' ')).toHaveLength(2);
        expect(trainee.fullNameLatin.split(' ')).toHaveLength(2);
        expect(trainee.email).toMatch(/^[a-z]+\.[a-z]+\.\d{3}@(rmutt|sut)\.example$/);
        expect(trainee.email.endsWith(`@${trainee.institutionCode?.toLowerCase()}.example`)).toBe(true);
      }
    });

    it('spells each Thai name part always the same way in Latin letters', () => {
      const spellings = new Map<string, Set<string>>();
      for (const trainee of ALL.filter((candidate) => THAI.test(candidate.fullName))) {
        const native = trainee.fullName.split(' ');
        const latin = trainee.fullNameLatin.split(' ');
        native.forEach((part, index) => spellings.set(part, (spellings.get(part) ?? new Set()).add(latin[index])));
      }
      expect(spellings.size).toBeGreaterThan(50);
      for (const [part, latin] of spellings) expect([part, [...latin]]).toEqual([part, [expect.any(String)]]);
      expect([...(spellings.get('สมชาย') ?? [])]).toEqual(['Somchai']);
    });

    it('gives every Thai trainee a different name', () => {
      expect(new Set(A.trainees.map((trainee) => trainee.fullName)).size).toBe(292);
    });

    it('fits the course', () => {
      const course = DEMO_PROGRAMS.find((program) => program.code === A.programCode);
      expect(A.trainees.length).toBeLessThanOrEqual(course?.capacity ?? 0);
      expect(new Set(A.trainees.map((trainee) => trainee.institutionCode))).toEqual(new Set(course?.partnerCodes));
    });
  });

  describe('scenario B', () => {
    it('has self-registered people from 13 countries, Malaysia among them', () => {
      const nationalities = new Set(B.trainees.map((trainee) => trainee.nationality));
      expect(nationalities.size).toBe(13);
      expect(nationalities.has('MY')).toBe(true);
    });

    it('has about 20% more people than the camp has places, so a wait-list forms', () => {
      const camp = DEMO_PROGRAMS.find((program) => program.code === B.programCode);
      const capacity = camp?.capacity ?? 0;
      expect(capacity).toBeGreaterThan(0);
      expect(B.trainees.length).toBeGreaterThan(capacity);
      expect(B.trainees.length).toBeGreaterThanOrEqual(Math.round(capacity * 1.15));
      expect(B.trainees.length).toBeLessThanOrEqual(Math.round(capacity * 1.25));
    });

    it('links only the LMVU international students to an institution', () => {
      for (const trainee of B.trainees) {
        const international = ['PK', 'BD', 'NP'].includes(trainee.nationality);
        expect(trainee.institutionCode).toBe(international ? 'LMVU' : null);
      }
    });

    it('writes names in each country’s script', () => {
      const scripts: Record<string, RegExp> = {
        TH: THAI,
        LA: LAO,
        KH: KHMER,
        MM: MYANMAR,
        PK: /^[\p{Script=Arabic} ]+$/u,
        BD: /^[\p{Script=Bengali} ]+$/u,
        NP: /^[\p{Script=Devanagari} ]+$/u,
        VN: /^\p{Script=Latin}[\p{Script=Latin} ]*$/u,
      };
      for (const [nationality, script] of Object.entries(scripts)) {
        const trainees = byNationality(B.trainees, nationality);
        expect(trainees.length).toBeGreaterThan(0);
        for (const trainee of trainees) expect(trainee.fullName).toMatch(script);
      }
      expect(byNationality(B.trainees, 'VN').every((trainee) => trainee.fullName !== trainee.fullNameLatin)).toBe(true);
      for (const nationality of ['ID', 'PH', 'BN']) {
        for (const trainee of byNationality(B.trainees, nationality))
          expect(trainee.fullName).toBe(trainee.fullNameLatin);
      }
    });

    it('lets Malaysians and Bruneians read Malay, Thais Thai, Malaysian Chinese Chinese, and the rest English', () => {
      const malaysianChinese = B.trainees.filter(
        (trainee) => trainee.nationality === 'MY' && /\p{Script=Han}/u.test(trainee.fullName),
      );
      expect(malaysianChinese.length).toBeGreaterThanOrEqual(2);
      for (const trainee of B.trainees) {
        const expected = malaysianChinese.includes(trainee)
          ? 'zh'
          : ['MY', 'BN'].includes(trainee.nationality)
            ? 'ms'
            : trainee.nationality === 'TH'
              ? 'th'
              : 'en';
        expect([trainee.fullNameLatin, trainee.preferredLocale]).toEqual([trainee.fullNameLatin, expected]);
      }
    });
  });

  describe('scenario C', () => {
    it('has 30 trainees, 10 each from Myanmar, Laos and Cambodia, in their own scripts', () => {
      expect(C.trainees).toHaveLength(30);
      expect(countBy(C.trainees, (trainee) => trainee.nationality)).toEqual({ MM: 10, LA: 10, KH: 10 });
      const scripts: Record<string, RegExp> = { MM: MYANMAR, LA: LAO, KH: KHMER };
      for (const trainee of C.trainees) {
        expect(trainee.fullName).toMatch(scripts[trainee.nationality]);
        expect(trainee.preferredLocale).toBe('en');
      }
    });

    it('links each official to a partner institution of the course in their own country', () => {
      const course = DEMO_PROGRAMS.find((program) => program.code === C.programCode);
      for (const trainee of C.trainees) {
        expect(course?.partnerCodes).toContain(trainee.institutionCode);
        const institution = DEMO_INSTITUTIONS.find((candidate) => candidate.code === trainee.institutionCode);
        expect(institution?.country).toBe(trainee.nationality);
      }
    });
  });

  describe('scenario D', () => {
    it('has about 20 Bruneians with Malay names who read Malay', () => {
      expect(D.trainees.length).toBeGreaterThanOrEqual(18);
      expect(D.trainees.length).toBeLessThanOrEqual(22);
      for (const trainee of D.trainees) {
        expect(trainee.nationality).toBe('BN');
        expect(trainee.preferredLocale).toBe('ms');
        expect(trainee.fullName).toBe(trainee.fullNameLatin);
        expect(trainee.fullName).toMatch(/ bin(ti)? /);
        expect([null, 'BN-DAA']).toContain(trainee.institutionCode);
      }
    });
  });

  describe('all trainees', () => {
    it('lists every trainee of the plans once', () => {
      expect(DEMO_TRAINEES).toHaveLength(ALL.length);
      expect(DEMO_TRAINEES).toHaveLength(292 + B.trainees.length + 30 + D.trainees.length);
    });

    it('has unique, lowercase e-mails on .example domains', () => {
      const emails = ALL.map((trainee) => trainee.email);
      expect(new Set(emails).size).toBe(emails.length);
      for (const email of emails) expect(email).toMatch(/^[a-z0-9]+(\.[a-z0-9]+)*@[a-z0-9-]+(\.[a-z0-9-]+)*\.example$/);
    });

    it('has valid nationalities and locales', () => {
      for (const trainee of ALL) {
        expect(isCountryCode(trainee.nationality)).toBe(true);
        expect(isLocale(trainee.preferredLocale)).toBe(true);
      }
    });

    it('links trainees only to partner institutions of the demo data', () => {
      const partners = new Set(
        DEMO_INSTITUTIONS.filter((institution) => institution.kind === 'partner').map(
          (institution) => institution.code,
        ),
      );
      for (const trainee of ALL) {
        if (trainee.institutionCode !== null) expect(partners.has(trainee.institutionCode)).toBe(true);
      }
    });

    it('has names within the limit, in NFC, with a Latin-only spelling', () => {
      for (const trainee of ALL) {
        for (const name of [trainee.fullName, trainee.fullNameLatin]) {
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(TRAINEE_NAME_MAX_LENGTH);
          expect(name).toBe(name.normalize('NFC'));
          expect(name).toBe(name.trim());
          expect(name).not.toMatch(/\s{2}/);
        }
        expect(trainee.fullNameLatin).toMatch(LATIN_ONLY);
      }
    });

    it('gives every person a different name', () => {
      expect(new Set(ALL.map((trainee) => trainee.fullNameLatin)).size).toBe(ALL.length);
    });
  });
});
