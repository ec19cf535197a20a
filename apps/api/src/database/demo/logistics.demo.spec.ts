import {
  DIETARY_NEEDS,
  isCountryCode,
  LOGISTICS_ITEMS,
  PASSPORT_VALIDITY_MONTHS,
  wallTimeToInstant,
} from '@skillbridge/contracts';
import {
  DEMO_ARRIVAL_POINTS,
  DEMO_CAMP_LOGISTICS,
  DEMO_LOGISTICS_DUE_DAYS_BEFORE,
  DEMO_LOGISTICS_PROGRAM_CODE,
  DEMO_ROOMS,
  demoPassportDates,
  type DemoCampLogistics,
} from './logistics.demo';
import { DEMO_ACCOUNTS } from './accounts.demo';
import { upcomingDemoPrograms } from './programs.demo';
import { DEMO_ENROLMENT_PLANS } from './trainees.demo';

/** The edition as a demo loaded today would date it (seed.ts passes the day it loads). */
const today = new Date();
const camp = upcomingDemoPrograms(today).find((program) => program.code === DEMO_LOGISTICS_PROGRAM_CODE);
const plan = DEMO_ENROLMENT_PLANS.find((candidate) => candidate.programCode === 'YOUTH-SHOW-2024');
/** seed.ts enrols the first eight of scenario B in registration order: seats go first come, first served. */
const registered = plan ? plan.trainees.slice(0, 8) : [];
const confirmed = camp ? registered.slice(0, camp.capacity) : [];

/** Country calling code and the national number's length of the emergency phones. */
const PHONES: Record<string, RegExp> = {
  MY: /^\+601\d{8,9}$/,
  TH: /^\+66[689]\d{8}$/,
  VN: /^\+84[35789]\d{8}$/,
  ID: /^\+628\d{9,11}$/,
  LA: /^\+85620\d{8}$/,
  KH: /^\+855\d{8,9}$/,
  MM: /^\+959\d{7,9}$/,
  PH: /^\+639\d{9}$/,
  BN: /^\+673[78]\d{6}$/,
  SG: /^\+65[89]\d{7}$/,
};

/** Passport numbers in each country's usual shape. */
const PASSPORTS: Record<string, RegExp> = {
  MY: /^[AHK]\d{8}$/,
  TH: /^[A-Z]{2}\d{7}$/,
  VN: /^[BCN]\d{7}$/,
  ID: /^[A-Z]\d{7}$/,
  LA: /^P\d{7}$/,
  KH: /^N\d{8}$/,
  MM: /^M[A-Z]\d{6}$/,
  PH: /^P\d{7}[A-Z]$/,
  BN: /^B\d{8}$/,
  SG: /^K\d{7}[A-Z]$/,
};

function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1 + months, day)).toISOString().slice(0, 10);
}

/** What a participant has not sent (the rooms count: accommodation is collected too). */
function missing(entry: DemoCampLogistics): string[] {
  return [
    ...(entry.arrival && entry.departure ? [] : ['travel']),
    ...(entry.passport ? [] : ['passport']),
    ...(entry.emergencyContact ? [] : ['emergencyContact']),
    ...(entry.room ? [] : ['accommodation']),
  ];
}

/** A passport's dates in this edition. */
function dates(entry: DemoCampLogistics) {
  if (!camp || !entry.passport) throw new Error('no camp or no passport');
  return demoPassportDates(entry.passport, camp.startDate, camp.endDate);
}

describe('demo camp logistics (scenario B’s next edition)', () => {
  it('belongs to the upcoming on-site camp whose eight seats are all taken', () => {
    expect(camp).toMatchObject({ kind: 'camp', deliveryMode: 'onsite', timezone: 'Asia/Shanghai', capacity: 8 });
    expect(confirmed).toHaveLength(8);
    expect(camp && camp.startDate > today.toISOString().slice(0, 10)).toBe(true);
  });

  it('is due a week or two before the camp, still ahead, and collects everything', () => {
    if (!camp) throw new Error('no camp');
    expect(DEMO_LOGISTICS_DUE_DAYS_BEFORE).toBeGreaterThanOrEqual(7);
    expect(DEMO_LOGISTICS_DUE_DAYS_BEFORE).toBeLessThanOrEqual(14);
    const due = new Date(Date.parse(`${camp.startDate}T00:00:00Z`) - DEMO_LOGISTICS_DUE_DAYS_BEFORE * 86_400_000);
    expect(due.getTime()).toBeGreaterThan(today.getTime());
    expect(LOGISTICS_ITEMS).toContain('passport');
  });

  it('has no demo login among the participants (the demo trainee took part in scenario A only)', () => {
    const logins = new Set(DEMO_ACCOUNTS.map((account) => account.fullNameLatin).filter(Boolean));
    expect(confirmed.filter((trainee) => logins.has(trainee.fullNameLatin))).toEqual([]);
  });

  it('covers all confirmed participants but one, each once, in order, with their nationality', () => {
    expect(DEMO_CAMP_LOGISTICS.map((entry) => entry.latin)).toEqual(
      confirmed.slice(0, DEMO_CAMP_LOGISTICS.length).map((trainee) => trainee.fullNameLatin),
    );
    for (const entry of DEMO_CAMP_LOGISTICS) {
      expect({ latin: entry.latin, nationality: entry.nationality }).toEqual({
        latin: entry.latin,
        nationality: confirmed.find((trainee) => trainee.fullNameLatin === entry.latin)?.nationality,
      });
      expect(isCountryCode(entry.nationality)).toBe(true);
    }
    expect(DEMO_CAMP_LOGISTICS).toHaveLength(confirmed.length - 1);
  });

  it('leaves a few participants with something missing, each a different gap, and most complete', () => {
    const incomplete = DEMO_CAMP_LOGISTICS.filter((entry) => missing(entry).length > 0);
    expect(incomplete).toHaveLength(3);
    const gaps = incomplete.map((entry) => ({
      passport: !entry.passport,
      departure: !entry.departure,
      emergencyContact: !entry.emergencyContact,
    }));
    expect(gaps).toContainEqual(expect.objectContaining({ passport: true }));
    expect(gaps).toContainEqual(expect.objectContaining({ departure: true }));
    expect(gaps).toContainEqual(expect.objectContaining({ emergencyContact: true }));
    for (const entry of incomplete) expect(missing(entry)).toHaveLength(1);
  });

  it('has rooms for each gender sized to the confirmed participants, plus one spare', () => {
    const genders = new Map([
      ...DEMO_CAMP_LOGISTICS.map((entry) => [entry.latin, entry.gender] as const),
      // The one who has not started yet is a woman (Wanphen).
      ...confirmed
        .filter((trainee) => !DEMO_CAMP_LOGISTICS.some((entry) => entry.latin === trainee.fullNameLatin))
        .map((trainee) => [trainee.fullNameLatin, 'female'] as const),
    ]);
    const beds = (gender: string) =>
      DEMO_ROOMS.filter((room) => room.gender === gender).reduce((sum, room) => sum + room.capacity, 0);
    const people = (gender: string) => [...genders.values()].filter((candidate) => candidate === gender).length;
    expect(beds('female')).toBe(people('female'));
    expect(beds('male')).toBe(people('male'));
    expect(DEMO_ROOMS.filter((room) => room.gender === 'any')).toHaveLength(1);
    expect(new Set(DEMO_ROOMS.map((room) => room.name)).size).toBe(DEMO_ROOMS.length);
  });

  it('seats everyone assigned in a room of their gender, within its capacity, the spare room empty', () => {
    const rooms = new Map(DEMO_ROOMS.map((room) => [room.name, room]));
    const occupants = new Map<string, number>();
    for (const entry of DEMO_CAMP_LOGISTICS.filter((candidate) => candidate.room)) {
      const room = rooms.get(entry.room as string);
      expect({ latin: entry.latin, room: entry.room, found: Boolean(room) }).toEqual({
        latin: entry.latin,
        room: entry.room,
        found: true,
      });
      expect(room?.gender).toBe(entry.gender);
      occupants.set(entry.room as string, (occupants.get(entry.room as string) ?? 0) + 1);
    }
    for (const [name, count] of occupants) expect(count).toBeLessThanOrEqual(rooms.get(name)?.capacity ?? 0);
    expect(DEMO_CAMP_LOGISTICS.every((entry) => entry.room)).toBe(true);
  });

  it('travels to the offered points, arriving the day before the opening and leaving after the last session', () => {
    if (!camp) throw new Error('no camp');
    const opening = wallTimeToInstant(camp.startDate, camp.sessions[0].from, camp.timezone);
    const last = camp.sessions[camp.sessions.length - 1];
    const closing = wallTimeToInstant(last.date, last.to, camp.timezone);
    const at = (from: string, day: number, time: string) => {
      const [y, m, d] = from.split('-').map(Number);
      const date = new Date(Date.UTC(y, m - 1, d + day)).toISOString().slice(0, 10);
      return wallTimeToInstant(date, time, camp.timezone);
    };
    const points: string[] = Object.values(DEMO_ARRIVAL_POINTS);
    for (const entry of DEMO_CAMP_LOGISTICS) {
      if (entry.arrival) {
        expect(points).toContain(entry.arrival.point);
        expect(entry.arrival.day).toBe(-1);
        const arrival = at(camp.startDate, entry.arrival.day, entry.arrival.time);
        expect(arrival.getTime()).toBeLessThan(opening.getTime());
        expect(entry.arrival.number).toMatch(/^([A-Z0-9]{2}\d{2,4}|[GD]\d{1,4})$/);
      }
      if (entry.departure) {
        expect(points).toContain(entry.departure.point);
        expect(entry.departure.day).toBeGreaterThanOrEqual(0);
        const departure = at(camp.endDate, entry.departure.day, entry.departure.time);
        expect(departure.getTime()).toBeGreaterThan(closing.getTime());
        expect(departure.getTime()).toBeLessThan(closing.getTime() + 2 * 86_400_000);
      }
    }
  });

  it('has real-looking passports and phones of each person’s country', () => {
    for (const entry of DEMO_CAMP_LOGISTICS) {
      if (entry.passport) expect(entry.passport.number).toMatch(PASSPORTS[entry.nationality]);
      if (entry.emergencyContact) expect(entry.emergencyContact.phone).toMatch(PHONES[entry.nationality]);
      // Latin capitals only (the passport prints the name in the machine-readable letters).
      expect(entry.latin.toUpperCase()).toMatch(/^[A-Z][A-Z .'-]*$/);
    }
    const numbers = DEMO_CAMP_LOGISTICS.flatMap((entry) => (entry.passport ? [entry.passport.number] : []));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('has participants aged 18–30 whose passports outlast the camp, one by less than six months', () => {
    if (!camp) throw new Error('no camp');
    const warnBefore = addMonths(camp.endDate, PASSPORT_VALIDITY_MONTHS);
    const withPassport = DEMO_CAMP_LOGISTICS.filter((entry) => entry.passport);
    const soon = withPassport.filter((entry) => dates(entry).expiresOn < warnBefore);
    expect(soon.map((entry) => entry.latin)).toHaveLength(1);
    for (const entry of withPassport) {
      const { dateOfBirth, expiresOn } = dates(entry);
      // A real calendar day in every year (no 29 February).
      expect(new Date(`${dateOfBirth}T00:00:00Z`).toISOString().slice(0, 10)).toBe(dateOfBirth);
      expect(dateOfBirth.slice(5)).not.toBe('02-29');
      expect(expiresOn > camp.endDate).toBe(true);
      expect(dateOfBirth < addMonths(camp.startDate, -18 * 12)).toBe(true);
      expect(dateOfBirth > addMonths(camp.startDate, -30 * 12)).toBe(true);
    }
  });

  it('dates passports from the edition: a camp a year later gets passports a year later', () => {
    if (!camp) throw new Error('no camp');
    const entry = DEMO_CAMP_LOGISTICS.find((candidate) => candidate.passport) as DemoCampLogistics;
    const now = dates(entry);
    const later = demoPassportDates(
      entry.passport as NonNullable<DemoCampLogistics['passport']>,
      addMonths(camp.startDate, 12),
      addMonths(camp.endDate, 12),
    );
    expect(later.dateOfBirth).toBe(addMonths(now.dateOfBirth, 12));
    expect(later.expiresOn.slice(0, 4)).toBe(String(Number(now.expiresOn.slice(0, 4)) + 1));
  });

  it('caters for halal, vegetarian, an allergy and another need', () => {
    for (const entry of DEMO_CAMP_LOGISTICS) {
      for (const need of entry.dietary.needs) expect(DIETARY_NEEDS).toContain(need);
      expect(entry.dietary.needs.includes('other')).toBe(Boolean(entry.dietary.other));
    }
    expect(DEMO_CAMP_LOGISTICS.filter((entry) => entry.dietary.needs.includes('halal')).length).toBeGreaterThan(1);
    expect(DEMO_CAMP_LOGISTICS.some((entry) => entry.dietary.needs.includes('vegetarian'))).toBe(true);
    expect(DEMO_CAMP_LOGISTICS.some((entry) => entry.dietary.needs.includes('no-beef'))).toBe(true);
    expect(DEMO_CAMP_LOGISTICS.some((entry) => entry.dietary.allergies)).toBe(true);
  });

  it('has consents mostly given in the app, one on paper', () => {
    expect(DEMO_CAMP_LOGISTICS.filter((entry) => entry.consent === 'paper')).toHaveLength(1);
  });
});
