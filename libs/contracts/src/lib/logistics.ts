import type { CountryCode } from './countries';
import type { LocalizedText } from './localized-text';

/**
 * Camp logistics (issue 20): what the international office collects from each
 * trainee of an on-site camp, per program. Contract: API.md, "Camp logistics".
 */
export const LOGISTICS_ITEMS = ['travel', 'passport', 'dietary', 'emergencyContact', 'accommodation'] as const;
export type LogisticsItem = (typeof LOGISTICS_ITEMS)[number];

/** The purposes that need the person's separate, specific consent before the data is taken. */
export const SENSITIVE_PURPOSES = ['passport', 'dietary'] as const;
export type SensitivePurpose = (typeof SENSITIVE_PURPOSES)[number];

/**
 * The version of the notice a consent was given to: the words of
 * `logistics.consent.<purpose>.notice` in the four catalogs. Raise it whenever
 * those words change; consents to an older version stay on record as given.
 */
export const LOGISTICS_NOTICE_VERSION = '2026-12';

/** How a consent reached us: in the app by the person, or on paper (recorded by their partner or an admin). */
export const CONSENT_COLLECTION = ['self', 'paper'] as const;
export type ConsentCollection = (typeof CONSENT_COLLECTION)[number];

/** The fixed list of dietary needs; `other` asks for a text. */
export const DIETARY_NEEDS = [
  'halal',
  'vegetarian',
  'vegan',
  'no-pork',
  'no-beef',
  'gluten-free',
  'lactose-free',
  'other',
] as const;
export type DietaryNeed = (typeof DIETARY_NEEDS)[number];

export const LOGISTICS_GENDERS = ['female', 'male', 'unspecified'] as const;
export type LogisticsGender = (typeof LOGISTICS_GENDERS)[number];

export const ROOM_GENDERS = ['female', 'male', 'any'] as const;
export type RoomGender = (typeof ROOM_GENDERS)[number];

/** A warning beside complete data: the passport expires within six months of the program's end. */
export const PASSPORT_VALIDITY_MONTHS = 6;

export const LOGISTICS_TEXT_MAX_LENGTH = 200;
export const ARRIVAL_POINTS_MAX = 20;
export const ROOM_CAPACITY_MAX = 50;

/** `PUT /programs/:id/logistics-settings`; `GET` answers the same shape. */
export interface LogisticsSettings {
  /** What this program collects; empty: no logistics. */
  collect: LogisticsItem[];
  /** `YYYY-MM-DD`: reminders go a week before and on it. */
  dueDate?: string;
  /** Airports and stations offered for arrival and departure (in the program's time zone). */
  arrivalPoints: string[];
}

/** An arrival or a departure: `at` is an instant (ISO 8601 with offset); shown in the program's zone. */
export interface TravelLeg {
  at: string;
  carrier?: string;
  number?: string;
  point?: string;
}

export interface PassportDetails {
  number: string;
  /** Exactly as printed in the passport (machine-readable zone letters). */
  fullNameAsInPassport: string;
  nationality: CountryCode;
  /** `YYYY-MM-DD` */
  dateOfBirth: string;
  /** `YYYY-MM-DD` */
  expiresOn: string;
}

export interface DietaryDetails {
  needs: DietaryNeed[];
  /** Required when `needs` holds `other`. */
  other?: string;
  allergies?: string;
}

export interface EmergencyContact {
  name: string;
  relationship: string;
  /** E.164, e.g. `+66812345678`. */
  phone: string;
}

export interface LogisticsConsentInput {
  purpose: SensitivePurpose;
  noticeVersion: string;
  collected: ConsentCollection;
}

/** A consent on record. */
export interface LogisticsConsent extends LogisticsConsentInput {
  givenAt: string;
  /** The account that recorded it (the person themselves for `self`). */
  recordedBy: string;
}

/**
 * `PUT /enrolments/:id/logistics`. Each top-level section is replaced when
 * present, cleared when `null`, kept when absent, so a phone form may save one
 * section at a time. Consents are added to those on record.
 */
export interface UpdateEnrolmentLogisticsRequest {
  arrival?: TravelLeg | null;
  departure?: TravelLeg | null;
  passport?: PassportDetails | null;
  dietary?: DietaryDetails | null;
  gender?: LogisticsGender | null;
  emergencyContact?: EmergencyContact | null;
  consents?: LogisticsConsentInput[];
}

export type LogisticsWarning = 'PASSPORT_EXPIRES_SOON';

/** `GET /enrolments/:id/logistics` */
export interface EnrolmentLogistics {
  enrolmentId: string;
  programId: string;
  traineeId: string;
  /** What the program asks for, its due date and arrival points, so a form knows what to show. */
  settings: LogisticsSettings;
  /** The program's time zone: arrival and departure times are entered and shown in it. */
  timeZone: string;
  arrival?: TravelLeg;
  departure?: TravelLeg;
  passport?: PassportDetails;
  dietary?: DietaryDetails;
  gender?: LogisticsGender;
  emergencyContact?: EmergencyContact;
  consents: LogisticsConsent[];
  room?: { id: string; name: string };
  complete: boolean;
  missing: LogisticsItem[];
  warnings: LogisticsWarning[];
  /** When passport data was deleted after the program (retention). */
  passportDeletedAt?: string;
  updatedAt?: string;
}

/** A line of `GET /programs/:id/logistics` (keyset list). */
export interface LogisticsStatusEntry {
  enrolmentId: string;
  traineeId: string;
  fullName: string;
  fullNameLatin?: string;
  institutionId?: string;
  complete: boolean;
  missing: LogisticsItem[];
  warnings: LogisticsWarning[];
  gender?: LogisticsGender;
  arrivalAt?: string;
  roomId?: string;
}

export interface LogisticsStatusQuery {
  complete?: boolean;
  /** Only those missing this item. */
  missing?: LogisticsItem;
  institutionId?: string;
  limit?: number;
  cursor?: string;
}

export interface Room {
  id: string;
  programId: string;
  name: string;
  capacity: number;
  gender: RoomGender;
  /** Enrolments assigned to it. */
  occupants: { enrolmentId: string; traineeId: string; fullName: string; gender?: LogisticsGender }[];
}

export interface CreateRoomRequest {
  name: string;
  capacity: number;
  gender?: RoomGender;
}

export type UpdateRoomRequest = Partial<CreateRoomRequest>;

export interface AssignRoomRequest {
  roomId: string | null;
}

/** `GET /verify/letters/:reference`: what a letter's reference proves, without passport data. */
export interface InvitationLetterVerification {
  reference: string;
  issuedAt: string;
  /** Superseded by a newer letter (the passport data changed). */
  supersededAt?: string;
  holderName: string;
  programTitle: LocalizedText;
  startDate: string;
  endDate: string;
  hostInstitution: LocalizedText;
}

/**
 * `GET /me/logistics`: for each of the trainee's own applications (pending or
 * confirmed) to a program that collects logistics and has not ended, what is
 * still needed — for "My programs".
 */
export interface MyLogisticsEntry {
  enrolmentId: string;
  programId: string;
  missing: LogisticsItem[];
  complete: boolean;
  /** `YYYY-MM-DD` */
  dueDate?: string;
}
