import { DIETARY_NEEDS, isCountryCode, PASSPORT_VALIDITY_MONTHS, wallTimeToInstant } from '@skillbridge/contracts';
import {
  DEMO_ARRIVAL_POINTS,
  DEMO_CAMP_LOGISTICS,
  DEMO_LOGISTICS_PROGRAM_CODE,
  DEMO_ROOMS,
  type DemoCampLogistics,
} from './logistics.demo';
import { DEMO_PROGRAMS } from './programs.demo';
import { DEMO_ENROLMENT_PLANS } from './trainees.demo';

const camp = DEMO_PROGRAMS.find((program) => program.code === DEMO_LOGISTICS_PROGRAM_CODE);
const plan = DEMO_ENROLMENT_PLANS.find((candidate) => candidate.programCode === DEMO_LOGISTICS_PROGRAM_CODE);
/** Seats go in registration order (seed.ts), so the confirmed are the first `capacity` of the plan. */
const confirmed = plan && camp ? plan.trainees.slice(0, camp.capacity) : [];

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

describe('demo camp logistics (scenario B)', () => {
  it('belongs to the on-site camp with a full roster', () => {
    expect(camp).toMatchObject({ kind: 'camp', deliveryMode: 'onsite', timezone: 'Asia/Shanghai' });
    expect(confirmed).toHaveLength(40);
  });

  it('covers most confirmed participants, each once, with their nationality', () => {
    const byLatin = new Map(confirmed.map((trainee) => [trainee.fullNameLatin, trainee]));
    expect(new Set(DEMO_CAMP_LOGISTICS.map((entry) => entry.latin)).size).toBe(DEMO_CAMP_LOGISTICS.length);
    for (const entry of DEMO_CAMP_LOGISTICS) {
      expect({ latin: entry.latin, nationality: byLatin.get(entry.latin)?.nationality }).toEqual({
        latin: entry.latin,
        nationality: entry.nationality,
      });
      expect(isCountryCode(entry.nationality)).toBe(true);
    }
    expect(DEMO_CAMP_LOGISTICS.length).toBeGreaterThanOrEqual(confirmed.length - 3);
    expect(DEMO_CAMP_LOGISTICS.length).toBeLessThan(confirmed.length);
  });

  it('leaves three or four participants with something missing, each a different gap', () => {
    const incomplete = DEMO_CAMP_LOGISTICS.filter((entry) => missing(entry).length > 0);
    expect(incomplete.length).toBeGreaterThanOrEqual(3);
    expect(incomplete.length).toBeLessThanOrEqual(4);
    const gaps = incomplete.map((entry) => ({
      passport: !entry.passport,
      departure: !entry.departure,
      emergencyContact: !entry.emergencyContact,
    }));
    expect(gaps).toContainEqual(expect.objectContaining({ passport: true }));
    expect(gaps).toContainEqual(expect.objectContaining({ departure: true }));
    expect(gaps).toContainEqual(expect.objectContaining({ emergencyContact: true }));
  });

  it('seats everyone assigned in a room of their gender, within its capacity', () => {
    const rooms = new Map(DEMO_ROOMS.map((room) => [room.name, room]));
    expect(rooms.size).toBe(DEMO_ROOMS.length);
    const occupants = new Map<string, number>();
    for (const entry of DEMO_CAMP_LOGISTICS.filter((candidate) => candidate.room)) {
      const room = rooms.get(entry.room as string);
      expect({ latin: entry.latin, room: entry.room, found: Boolean(room) }).toEqual({
        latin: entry.latin,
        room: entry.room,
        found: true,
      });
      expect(['any', entry.gender]).toContain(room?.gender);
      occupants.set(entry.room as string, (occupants.get(entry.room as string) ?? 0) + 1);
    }
    for (const [name, count] of occupants) expect(count).toBeLessThanOrEqual(rooms.get(name)?.capacity ?? 0);
    for (const room of DEMO_ROOMS) {
      expect(room.capacity).toBeGreaterThanOrEqual(2);
      expect(room.capacity).toBeLessThanOrEqual(3);
    }
    // Most of the roster has a bed.
    expect(occupants.size).toBeGreaterThan(10);
    expect([...occupants.values()].reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(confirmed.length - 5);
  });

  it('travels to the offered points, arriving before the opening and leaving after the last session', () => {
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
        const arrival = at(camp.startDate, entry.arrival.day, entry.arrival.time);
        expect(arrival.getTime()).toBeLessThan(opening.getTime());
        expect(arrival.getTime()).toBeGreaterThan(opening.getTime() - 3 * 86_400_000);
        expect(entry.arrival.number).toMatch(/^([A-Z0-9]{2}\d{2,4}|[GD]\d{1,4})$/);
      }
      if (entry.departure) {
        expect(points).toContain(entry.departure.point);
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
    const soon = DEMO_CAMP_LOGISTICS.filter((entry) => entry.passport && entry.passport.expiresOn < warnBefore);
    expect(soon.map((entry) => entry.latin)).toHaveLength(1);
    for (const entry of DEMO_CAMP_LOGISTICS) {
      if (!entry.passport) continue;
      expect(entry.passport.expiresOn > camp.endDate).toBe(true);
      expect(entry.passport.dateOfBirth < addMonths(camp.startDate, -18 * 12)).toBe(true);
      expect(entry.passport.dateOfBirth > addMonths(camp.startDate, -30 * 12)).toBe(true);
    }
  });

  it('caters for halal, vegetarian, an allergy and a need of its own', () => {
    for (const entry of DEMO_CAMP_LOGISTICS) {
      for (const need of entry.dietary.needs) expect(DIETARY_NEEDS).toContain(need);
      expect(entry.dietary.needs.includes('other')).toBe(Boolean(entry.dietary.other));
    }
    const halal = DEMO_CAMP_LOGISTICS.filter((entry) => entry.dietary.needs.includes('halal'));
    expect(halal.some((entry) => entry.nationality === 'MY')).toBe(true);
    expect(halal.some((entry) => entry.nationality === 'ID')).toBe(true);
    expect(DEMO_CAMP_LOGISTICS.some((entry) => entry.dietary.needs.includes('vegetarian'))).toBe(true);
    expect(DEMO_CAMP_LOGISTICS.some((entry) => entry.dietary.allergies)).toBe(true);
  });

  it('has consents mostly given in the app, a few on paper', () => {
    const paper = DEMO_CAMP_LOGISTICS.filter((entry) => entry.consent === 'paper').length;
    expect(paper).toBeGreaterThanOrEqual(2);
    expect(paper).toBeLessThan(DEMO_CAMP_LOGISTICS.length / 4);
  });
});
