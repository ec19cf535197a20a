import {
  LOGISTICS_ITEMS,
  LOGISTICS_NOTICE_VERSION,
  wallTimeToInstant,
  type ConsentCollection,
  type CountryCode,
  type DietaryDetails,
  type RoomGender,
} from '@skillbridge/contracts';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { SecretBox } from '../../common/crypto/secret-box';
import { EnrolmentLogisticsRecord } from '../../modules/logistics/enrolment-logistics.entity';
import { LogisticsConsentRecord } from '../../modules/logistics/logistics-consent.entity';
import { ProgramLogisticsSettings } from '../../modules/logistics/logistics-settings.entity';
import { RoomAssignment } from '../../modules/logistics/room-assignment.entity';
import { Room } from '../../modules/logistics/room.entity';
import { sealDietary, sealPassport } from '../../modules/logistics/sealed-details';

/**
 * Camp logistics of scenario B's next edition (issue 20): the coming YOUTH
 * SHOW week in Tongren collects travel, passport, dietary needs, an emergency
 * contact and a room from its eight confirmed participants before they come.
 * Its due date is ahead, so most have sent everything and have a bed in the
 * college's guest house while a few have not finished (the passport being
 * renewed, no return ticket, no emergency contact) and one has not started;
 * one passport runs out within six months of the camp, so the warning shows.
 * Every date follows the edition's own dates (it is set up relative to the
 * day the demo is loaded), so passports stay valid and the invitation letters
 * can be issued; the 2024 camp, long over, has no logistics (its passport data
 * would be gone after the retention period anyway).
 */

export const DEMO_LOGISTICS_PROGRAM_CODE = 'YOUTH-SHOW-NEXT';

export const DEMO_ARRIVAL_POINTS = {
  airport: 'Tongren Fenghuang Airport (TEN)',
  station: 'Tongren South Railway Station',
  guiyang: 'Guiyang Longdongbao International Airport (KWE)',
} as const;

/** Settings' due date: this many days before the camp opens (still ahead when the demo is loaded). */
export const DEMO_LOGISTICS_DUE_DAYS_BEFORE = 10;

/**
 * The guest house of Tongren Polytechnic College, sized to the confirmed eight
 * (five women on the second floor, three men on the third) plus one spare room.
 */
export const DEMO_ROOMS: readonly { name: string; capacity: number; gender: RoomGender }[] = [
  { name: 'Guest house 201', capacity: 3, gender: 'female' },
  { name: 'Guest house 202', capacity: 2, gender: 'female' },
  { name: 'Guest house 301', capacity: 3, gender: 'male' },
  { name: 'Guest house 101', capacity: 2, gender: 'any' },
];

/**
 * A journey's last leg: `day` counts from the camp's first day (arrivals) or
 * its last day (departures), `time` is the wall time in the camp's zone.
 */
export interface DemoLeg {
  day: number;
  time: string;
  carrier: string;
  number: string;
  point: string;
}

/**
 * A passport, dated from the camp: born `born.years` years before the camp's
 * year on `born.monthDay` (`MM-DD`), valid until `expires.months` months and
 * `expires.days` days after the camp's last day.
 */
export interface DemoPassport {
  number: string;
  born: { years: number; monthDay: string };
  expires: { months: number; days: number };
}

export interface DemoCampLogistics {
  /** The trainee's `fullNameLatin` (the passport prints it in capitals). */
  latin: string;
  nationality: CountryCode;
  gender: 'female' | 'male';
  /** Absent: not sent yet. */
  passport?: DemoPassport;
  arrival?: DemoLeg;
  departure?: DemoLeg;
  dietary: DietaryDetails;
  emergencyContact?: { name: string; relationship: string; phone: string };
  /** How the consents to the passport and dietary notices reached the college. */
  consent: ConsentCollection;
  /** Name of a DEMO_ROOMS room; absent: not assigned yet. */
  room?: string;
}

// The groups' usual last legs: in the day before the opening, out the day after the closing.
const { airport, guiyang } = DEMO_ARRIVAL_POINTS;
const CZ_IN: DemoLeg = { day: -1, time: '16:35', carrier: 'China Southern Airlines', number: 'CZ3675', point: airport };
const CZ_OUT: DemoLeg = { day: 1, time: '10:20', carrier: 'China Southern Airlines', number: 'CZ3676', point: airport };
const BKK_IN: DemoLeg = { day: -1, time: '13:05', carrier: 'Thai AirAsia', number: 'FD542', point: guiyang };
const BKK_OUT: DemoLeg = { day: 1, time: '14:05', carrier: 'Thai AirAsia', number: 'FD543', point: guiyang };

const NONE: DietaryDetails = { needs: [] };
const HALAL: DietaryDetails = { needs: ['halal'] };

/**
 * The next edition's participants: the first eight who registered for
 * scenario B (seed.ts gives them the edition's eight seats), in that order.
 */
export const DEMO_CAMP_LOGISTICS: readonly DemoCampLogistics[] = [
  // Malaysia (Sarawak)
  {
    latin: 'Nur Aisyah binti Hamdan',
    nationality: 'MY',
    gender: 'female',
    passport: { number: 'K48213907', born: { years: 22, monthDay: '04-17' }, expires: { months: 50, days: 12 } },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: HALAL,
    emergencyContact: { name: 'Hamdan bin Yusof', relationship: 'Father', phone: '+60198234517' },
    consent: 'self',
    room: 'Guest house 201',
  },
  {
    latin: 'Muhammad Haziq bin Razali',
    nationality: 'MY',
    gender: 'male',
    passport: { number: 'K51820346', born: { years: 23, monthDay: '11-05' }, expires: { months: 31, days: 3 } },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: HALAL,
    emergencyContact: { name: 'Razali bin Ahmad', relationship: 'Father', phone: '+60138457721' },
    consent: 'self',
    room: 'Guest house 301',
  },
  {
    // Complete, with a warning: the passport runs out four months after the camp.
    latin: 'Melissa anak Linggi',
    nationality: 'MY',
    gender: 'female',
    passport: { number: 'K39027415', born: { years: 21, monthDay: '01-28' }, expires: { months: 4, days: 9 } },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Linggi anak Jawa', relationship: 'Father', phone: '+60168823904' },
    consent: 'self',
    room: 'Guest house 201',
  },
  {
    // Incomplete: the renewed passport has not come back yet.
    latin: 'Jonathan anak Sagah',
    nationality: 'MY',
    gender: 'male',
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Sagah anak Empaling', relationship: 'Father', phone: '+60109834562' },
    consent: 'self',
    room: 'Guest house 301',
  },
  {
    // Incomplete: no return ticket booked yet.
    latin: 'Lim Mei Ling',
    nationality: 'MY',
    gender: 'female',
    passport: { number: 'K60318254', born: { years: 25, monthDay: '09-30' }, expires: { months: 38, days: 20 } },
    arrival: CZ_IN,
    dietary: { needs: ['no-beef'] },
    emergencyContact: { name: 'Lim Chee Keong', relationship: 'Father', phone: '+60128806613' },
    consent: 'self',
    room: 'Guest house 201',
  },
  {
    latin: 'Tan Wei Jie',
    nationality: 'MY',
    gender: 'male',
    passport: { number: 'K47720931', born: { years: 26, monthDay: '06-14' }, expires: { months: 27, days: 15 } },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: { needs: [], allergies: 'Shellfish (shrimp, crab)' },
    emergencyContact: { name: 'Wong Siew Lan', relationship: 'Mother', phone: '+60178842390' },
    consent: 'self',
    room: 'Guest house 301',
  },
  // Thailand: one signed her consents on paper, which the college's international office recorded.
  {
    // Incomplete: no emergency contact given.
    latin: 'Mali Siprasoet',
    nationality: 'TH',
    gender: 'female',
    passport: { number: 'AC3318204', born: { years: 24, monthDay: '03-09' }, expires: { months: 64, days: 7 } },
    arrival: BKK_IN,
    departure: BKK_OUT,
    dietary: { needs: ['vegetarian'] },
    consent: 'paper',
    room: 'Guest house 202',
  },
  // Wanphen Thanasan, who took the last seat, has not started.
];

/** `YYYY-MM-DD` plus whole days. */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` plus whole months (the 31st of a shorter month runs into the next). */
function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1 + months, day)).toISOString().slice(0, 10);
}

/** A demo passport's dates for a camp running from `startDate` to `endDate` (`YYYY-MM-DD`). */
export function demoPassportDates(
  passport: DemoPassport,
  startDate: string,
  endDate: string,
): { dateOfBirth: string; expiresOn: string } {
  return {
    dateOfBirth: `${Number(startDate.slice(0, 4)) - passport.born.years}-${passport.born.monthDay}`,
    expiresOn: addDays(addMonths(endDate, passport.expires.months), passport.expires.days),
  };
}

export interface LogisticsSeedServices {
  /** The box of DATA_ENCRYPTION_KEY (`Secrets`), the one the API opens the details with. */
  secrets: SecretBox;
  logger: Logger;
}

/**
 * Writes the logistics of scenario B's next edition — settings, rooms, each
 * participant's details (passport and dietary sealed with `secrets`), consents
 * and room assignments — once the camp and its enrolments are there and while
 * it has no logistics yet, in one transaction. Every date is taken from the
 * camp's start and end dates in the database, wall times in its time zone.
 * Details go to the confirmed enrolment of the trainee whose Latin name the
 * table gives; a name not found is skipped. What was sent is dated at loading.
 */
export async function loadDemoLogistics(
  dataSource: DataSource,
  { secrets, logger }: LogisticsSeedServices,
): Promise<void> {
  const [program] = (await dataSource.query(
    `SELECT id, timezone, to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate"
       FROM programs WHERE code = $1`,
    [DEMO_LOGISTICS_PROGRAM_CODE],
  )) as { id: string; timezone: string; startDate: string; endDate: string }[];
  if (!program) return;
  // Once: not when the camp has any logistics already (say, settings removed later, rooms kept).
  const [{ present }] = (await dataSource.query(
    `SELECT EXISTS (SELECT 1 FROM program_logistics_settings WHERE program_id = $1)
         OR EXISTS (SELECT 1 FROM rooms WHERE program_id = $1)
         OR EXISTS (SELECT 1 FROM enrolment_logistics l JOIN enrolments e ON e.id = l.enrolment_id
                     WHERE e.program_id = $1) AS present`,
    [program.id],
  )) as { present: boolean }[];
  if (present) return;
  const enrolments = new Map(
    (
      (await dataSource.query(
        `SELECT t.full_name_latin AS latin, e.id, t.user_id AS "userId"
           FROM enrolments e JOIN trainees t ON t.id = e.trainee_id
          WHERE e.program_id = $1 AND e.status = 'confirmed'`,
        [program.id],
      )) as { latin: string; id: string; userId: string | null }[]
    ).map((row) => [row.latin, row]),
  );
  if (enrolments.size === 0) return;
  const [admin] = (await dataSource.query(`SELECT id FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1`)) as {
    id: string;
  }[];

  const instant = (date: string, time: string) => wallTimeToInstant(date, time, program.timezone);
  const leg = (from: string, demo: DemoLeg | undefined) =>
    demo
      ? {
          at: instant(addDays(from, demo.day), demo.time),
          carrier: demo.carrier,
          number: demo.number,
          point: demo.point,
        }
      : null;

  // Sent after the enrolments were decided (they were seeded moments ago), so dated now.
  const sentAt = new Date();
  let written = 0;
  await dataSource.transaction(async (manager) => {
    await manager.insert(ProgramLogisticsSettings, {
      programId: program.id,
      collect: [...LOGISTICS_ITEMS],
      dueDate: addDays(program.startDate, -DEMO_LOGISTICS_DUE_DAYS_BEFORE),
      arrivalPoints: Object.values(DEMO_ARRIVAL_POINTS),
      updatedAt: sentAt,
    });
    const rooms = new Map<string, string>();
    for (const demo of DEMO_ROOMS) {
      const saved = await manager.save(manager.create(Room, { ...demo, programId: program.id }));
      rooms.set(demo.name, saved.id);
    }

    const records: Partial<EnrolmentLogisticsRecord>[] = [];
    const consents: Partial<LogisticsConsentRecord>[] = [];
    const assignments: Partial<RoomAssignment>[] = [];
    for (const demo of DEMO_CAMP_LOGISTICS) {
      const enrolment = enrolments.get(demo.latin);
      if (!enrolment) continue;
      const arrival = leg(program.startDate, demo.arrival);
      const departure = leg(program.endDate, demo.departure);
      records.push({
        enrolmentId: enrolment.id,
        gender: demo.gender,
        arrivalAt: arrival?.at ?? null,
        arrivalCarrier: arrival?.carrier ?? null,
        arrivalNumber: arrival?.number ?? null,
        arrivalPoint: arrival?.point ?? null,
        departureAt: departure?.at ?? null,
        departureCarrier: departure?.carrier ?? null,
        departureNumber: departure?.number ?? null,
        departurePoint: departure?.point ?? null,
        emergencyName: demo.emergencyContact?.name ?? null,
        emergencyRelationship: demo.emergencyContact?.relationship ?? null,
        emergencyPhone: demo.emergencyContact?.phone ?? null,
        passportSealed: demo.passport
          ? sealPassport(secrets, {
              number: demo.passport.number,
              fullNameAsInPassport: demo.latin.toUpperCase(),
              nationality: demo.nationality,
              ...demoPassportDates(demo.passport, program.startDate, program.endDate),
            })
          : null,
        dietarySealed: sealDietary(secrets, demo.dietary),
        createdAt: sentAt,
        updatedAt: sentAt,
        updatedBy: demo.consent === 'paper' ? (admin?.id ?? null) : enrolment.userId,
      });
      // Paper consents are recorded by the international office; in the app, by the person (no account: none).
      const recordedBy = demo.consent === 'paper' ? (admin?.id ?? null) : enrolment.userId;
      for (const purpose of demo.passport ? (['passport', 'dietary'] as const) : (['dietary'] as const)) {
        consents.push({
          enrolmentId: enrolment.id,
          purpose,
          noticeVersion: LOGISTICS_NOTICE_VERSION,
          collected: demo.consent,
          givenAt: sentAt,
          recordedBy,
        });
      }
      if (demo.room) {
        assignments.push({
          enrolmentId: enrolment.id,
          roomId: rooms.get(demo.room) as string,
          assignedAt: sentAt,
          assignedBy: admin?.id ?? null,
        });
      }
      written++;
    }
    if (records.length) await manager.insert(EnrolmentLogisticsRecord, records);
    if (consents.length) await manager.insert(LogisticsConsentRecord, consents);
    if (assignments.length) await manager.insert(RoomAssignment, assignments);
  });
  logger.info(
    `Loaded the logistics of ${DEMO_LOGISTICS_PROGRAM_CODE}: ${written} participants' details, ${DEMO_ROOMS.length} rooms.`,
  );
}
