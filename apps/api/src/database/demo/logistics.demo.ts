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
 * Camp logistics of scenario B (issue 20): the YOUTH SHOW week in Tongren
 * collects travel, passport, dietary needs, an emergency contact and a room
 * from its confirmed participants. Most have sent everything and sleep in the
 * college's guest house; a few have not finished (no passport yet, no
 * departure booked, no emergency contact, nothing booked at all), two have
 * not started, and one passport runs out within six months of the camp, so
 * each state of the logistics screens has someone to show. Fixed data: every
 * run seals the same details (with fresh nonces) and assigns the same rooms.
 */

export const DEMO_LOGISTICS_PROGRAM_CODE = 'YOUTH-SHOW-2024';

export const DEMO_ARRIVAL_POINTS = {
  airport: 'Tongren Fenghuang Airport (TEN)',
  station: 'Tongren South Railway Station',
  guiyang: 'Guiyang Longdongbao International Airport (KWE)',
} as const;

/** Settings' due date: this many days before the camp opens. */
export const DEMO_LOGISTICS_DUE_DAYS_BEFORE = 7;

/** The guest house of Tongren Polytechnic College: women on the second floor, men on the third. */
export const DEMO_ROOMS: readonly { name: string; capacity: number; gender: RoomGender }[] = [
  { name: 'Guest house 101', capacity: 2, gender: 'any' },
  { name: 'Guest house 201', capacity: 3, gender: 'female' },
  { name: 'Guest house 202', capacity: 3, gender: 'female' },
  { name: 'Guest house 203', capacity: 3, gender: 'female' },
  { name: 'Guest house 204', capacity: 2, gender: 'female' },
  { name: 'Guest house 205', capacity: 3, gender: 'female' },
  { name: 'Guest house 206', capacity: 2, gender: 'female' },
  { name: 'Guest house 207', capacity: 2, gender: 'female' },
  { name: 'Guest house 208', capacity: 3, gender: 'female' },
  { name: 'Guest house 301', capacity: 3, gender: 'male' },
  { name: 'Guest house 302', capacity: 3, gender: 'male' },
  { name: 'Guest house 303', capacity: 2, gender: 'male' },
  { name: 'Guest house 304', capacity: 3, gender: 'male' },
  { name: 'Guest house 305', capacity: 2, gender: 'male' },
  { name: 'Guest house 306', capacity: 3, gender: 'male' },
  { name: 'Guest house 307', capacity: 2, gender: 'male' },
  { name: 'Guest house 308', capacity: 2, gender: 'male' },
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

export interface DemoCampLogistics {
  /** The trainee's `fullNameLatin` (the passport prints it in capitals). */
  latin: string;
  nationality: CountryCode;
  gender: 'female' | 'male';
  /** Absent: not sent yet. */
  passport?: { number: string; dateOfBirth: string; expiresOn: string };
  arrival?: DemoLeg;
  departure?: DemoLeg;
  dietary: DietaryDetails;
  emergencyContact?: { name: string; relationship: string; phone: string };
  /** How the consents to the passport and dietary notices reached the college. */
  consent: ConsentCollection;
  /** Name of a DEMO_ROOMS room; absent: not assigned yet. */
  room?: string;
}

// The groups' usual last legs (most fly in through Guangzhou or Kunming).
const { airport, station, guiyang } = DEMO_ARRIVAL_POINTS;
const CZ_IN: DemoLeg = { day: -1, time: '16:35', carrier: 'China Southern Airlines', number: 'CZ3675', point: airport };
const CZ_OUT: DemoLeg = { day: 1, time: '10:20', carrier: 'China Southern Airlines', number: 'CZ3676', point: airport };
const KUNMING_IN: DemoLeg = { day: -2, time: '20:16', carrier: 'China Railway', number: 'G1374', point: station };
const KUNMING_OUT: DemoLeg = { day: 1, time: '08:42', carrier: 'China Railway', number: 'G1373', point: station };
const BKK_IN: DemoLeg = { day: -1, time: '13:05', carrier: 'Thai AirAsia', number: 'FD542', point: guiyang };
const BKK_OUT: DemoLeg = { day: 1, time: '14:05', carrier: 'Thai AirAsia', number: 'FD543', point: guiyang };
const GZ_TRAIN_IN: DemoLeg = { day: -1, time: '18:42', carrier: 'China Railway', number: 'G2982', point: station };
const GZ_TRAIN_OUT: DemoLeg = { day: 1, time: '09:15', carrier: 'China Railway', number: 'G2981', point: station };
const PNH_IN: DemoLeg = {
  day: -1,
  time: '11:40',
  carrier: 'China Southern Airlines',
  number: 'CZ8452',
  point: guiyang,
};
const PNH_OUT: DemoLeg = {
  day: 1,
  time: '12:55',
  carrier: 'China Southern Airlines',
  number: 'CZ8451',
  point: guiyang,
};
const SIN_IN: DemoLeg = { day: -1, time: '11:50', carrier: 'Scoot', number: 'TR110', point: guiyang };
const SIN_OUT: DemoLeg = { day: 0, time: '19:40', carrier: 'Scoot', number: 'TR111', point: guiyang };

const NONE: DietaryDetails = { needs: [] };
const HALAL: DietaryDetails = { needs: ['halal'] };

/** Scenario B's confirmed participants (the first 40 of its 48), in the order they registered. */
export const DEMO_CAMP_LOGISTICS: readonly DemoCampLogistics[] = [
  // Malaysia (Sarawak)
  {
    latin: 'Nur Aisyah binti Hamdan',
    nationality: 'MY',
    gender: 'female',
    passport: { number: 'K48213907', dateOfBirth: '2003-04-17', expiresOn: '2029-03-02' },
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
    passport: { number: 'K51820346', dateOfBirth: '2002-11-05', expiresOn: '2028-07-19' },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: HALAL,
    emergencyContact: { name: 'Razali bin Ahmad', relationship: 'Father', phone: '+60138457721' },
    consent: 'self',
    room: 'Guest house 301',
  },
  {
    latin: 'Melissa anak Linggi',
    nationality: 'MY',
    gender: 'female',
    passport: { number: 'K39027415', dateOfBirth: '2004-01-28', expiresOn: '2029-08-11' },
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
    latin: 'Lim Mei Ling',
    nationality: 'MY',
    gender: 'female',
    passport: { number: 'K60318254', dateOfBirth: '2001-09-30', expiresOn: '2027-12-08' },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: { needs: ['no-beef'] },
    emergencyContact: { name: 'Lim Chee Keong', relationship: 'Father', phone: '+60128806613' },
    consent: 'self',
    room: 'Guest house 201',
  },
  {
    latin: 'Tan Wei Jie',
    nationality: 'MY',
    gender: 'male',
    passport: { number: 'K47720931', dateOfBirth: '2000-06-14', expiresOn: '2028-02-25' },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Wong Siew Lan', relationship: 'Mother', phone: '+60178842390' },
    consent: 'self',
    room: 'Guest house 301',
  },
  // Thailand
  {
    latin: 'Mali Siprasoet',
    nationality: 'TH',
    gender: 'female',
    passport: { number: 'AC3318204', dateOfBirth: '2002-03-09', expiresOn: '2031-05-16' },
    arrival: BKK_IN,
    departure: BKK_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Somsri Siprasoet', relationship: 'Mother', phone: '+66812403391' },
    consent: 'self',
    room: 'Guest house 202',
  },
  {
    latin: 'Wanphen Thanasan',
    nationality: 'TH',
    gender: 'female',
    passport: { number: 'AC4902715', dateOfBirth: '2003-12-21', expiresOn: '2032-01-07' },
    arrival: BKK_IN,
    departure: BKK_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Prasit Thanasan', relationship: 'Father', phone: '+66894417720' },
    consent: 'self',
    room: 'Guest house 202',
  },
  {
    latin: 'Kanchana Onsi',
    nationality: 'TH',
    gender: 'female',
    passport: { number: 'AA9127463', dateOfBirth: '2001-07-02', expiresOn: '2028-10-23' },
    arrival: BKK_IN,
    departure: BKK_OUT,
    dietary: { needs: ['no-beef'] },
    emergencyContact: { name: 'Suda Onsi', relationship: 'Mother', phone: '+66861235548' },
    consent: 'self',
    room: 'Guest house 202',
  },
  {
    latin: 'Naphatson Bunprasoet',
    nationality: 'TH',
    gender: 'female',
    passport: { number: 'AC5570182', dateOfBirth: '2004-05-26', expiresOn: '2033-06-30' },
    arrival: BKK_IN,
    departure: BKK_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Anan Bunprasoet', relationship: 'Brother', phone: '+66957781204' },
    consent: 'self',
    room: 'Guest house 203',
  },
  // Viet Nam
  {
    latin: 'Nguyen Van An',
    nationality: 'VN',
    gender: 'male',
    passport: { number: 'C4182093', dateOfBirth: '2000-02-11', expiresOn: '2030-04-04' },
    arrival: GZ_TRAIN_IN,
    departure: GZ_TRAIN_OUT,
    dietary: { needs: [], allergies: 'Shellfish (shrimp, crab)' },
    emergencyContact: { name: 'Nguyen Thi Lan', relationship: 'Mother', phone: '+84912458367' },
    consent: 'self',
    room: 'Guest house 302',
  },
  {
    // Complete, with a warning: the passport runs out four months after the camp.
    latin: 'Tran Thi Thu Ha',
    nationality: 'VN',
    gender: 'female',
    passport: { number: 'B8321047', dateOfBirth: '1999-10-19', expiresOn: '2025-01-14' },
    arrival: GZ_TRAIN_IN,
    departure: GZ_TRAIN_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Tran Van Hung', relationship: 'Father', phone: '+84983217745' },
    consent: 'self',
    room: 'Guest house 203',
  },
  {
    // Incomplete: no return ticket booked yet.
    latin: 'Le Minh Duc',
    nationality: 'VN',
    gender: 'male',
    passport: { number: 'C6602918', dateOfBirth: '2002-08-03', expiresOn: '2031-11-27' },
    arrival: GZ_TRAIN_IN,
    dietary: NONE,
    emergencyContact: { name: 'Le Thi Hoa', relationship: 'Mother', phone: '+84903664182' },
    consent: 'self',
    room: 'Guest house 302',
  },
  {
    latin: 'Pham Thi Ngoc Anh',
    nationality: 'VN',
    gender: 'female',
    passport: { number: 'C5140376', dateOfBirth: '2003-01-15', expiresOn: '2032-09-09' },
    arrival: GZ_TRAIN_IN,
    departure: GZ_TRAIN_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Pham Quoc Tuan', relationship: 'Father', phone: '+84936502871' },
    consent: 'self',
    room: 'Guest house 203',
  },
  // Indonesia
  {
    latin: 'Rizky Pratama',
    nationality: 'ID',
    gender: 'male',
    passport: { number: 'E1837264', dateOfBirth: '2001-12-02', expiresOn: '2033-03-18' },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: HALAL,
    emergencyContact: { name: 'Siti Rahayu', relationship: 'Mother', phone: '+6281234870921' },
    consent: 'self',
    room: 'Guest house 302',
  },
  {
    latin: 'Putri Ayu Wulandari',
    nationality: 'ID',
    gender: 'female',
    passport: { number: 'C9024183', dateOfBirth: '2002-06-24', expiresOn: '2029-01-30' },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: HALAL,
    emergencyContact: { name: 'Agus Santoso', relationship: 'Father', phone: '+6281398452210' },
    consent: 'self',
    room: 'Guest house 204',
  },
  {
    latin: 'Bagus Setiawan',
    nationality: 'ID',
    gender: 'male',
    passport: { number: 'E2291705', dateOfBirth: '2000-09-08', expiresOn: '2034-02-12' },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Dewi Lestari', relationship: 'Sister', phone: '+6285711846023' },
    consent: 'self',
    room: 'Guest house 303',
  },
  {
    latin: 'Nur Indah Sari',
    nationality: 'ID',
    gender: 'female',
    passport: { number: 'E3365018', dateOfBirth: '2004-03-13', expiresOn: '2034-05-21' },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: HALAL,
    emergencyContact: { name: 'Bambang Hartono', relationship: 'Father', phone: '+6282140937715' },
    consent: 'self',
    room: 'Guest house 204',
  },
  // Laos: by the Laos–China railway to Kunming, then the high-speed train.
  {
    latin: 'Somphone Inthavong',
    nationality: 'LA',
    gender: 'male',
    passport: { number: 'P1839402', dateOfBirth: '2001-04-01', expiresOn: '2028-12-14' },
    arrival: KUNMING_IN,
    departure: KUNMING_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Bouasone Inthavong', relationship: 'Father', phone: '+8562055841276' },
    consent: 'self',
    room: 'Guest house 304',
  },
  {
    latin: 'Bounmy Chanthavong',
    nationality: 'LA',
    gender: 'male',
    passport: { number: 'P2274019', dateOfBirth: '2003-08-20', expiresOn: '2029-06-05' },
    arrival: KUNMING_IN,
    departure: KUNMING_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Vanhsy Chanthavong', relationship: 'Mother', phone: '+8562096623410' },
    consent: 'self',
    room: 'Guest house 304',
  },
  {
    // Incomplete: travel not booked yet, so no room either.
    latin: 'Khamphone Xayavong',
    nationality: 'LA',
    gender: 'male',
    passport: { number: 'P1968235', dateOfBirth: '2002-02-27', expiresOn: '2028-09-01' },
    dietary: NONE,
    emergencyContact: { name: 'Phonesavanh Xayavong', relationship: 'Sister', phone: '+8562077019853' },
    consent: 'self',
  },
  {
    latin: 'Souliya Phommasak',
    nationality: 'LA',
    gender: 'female',
    passport: { number: 'P2410776', dateOfBirth: '2004-11-11', expiresOn: '2029-10-17' },
    arrival: KUNMING_IN,
    departure: KUNMING_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Khamla Phommasak', relationship: 'Mother', phone: '+8562058736624' },
    consent: 'self',
    room: 'Guest house 205',
  },
  // Cambodia
  {
    latin: 'Ly Sothea',
    nationality: 'KH',
    gender: 'female',
    passport: { number: 'N02184937', dateOfBirth: '2002-10-07', expiresOn: '2030-03-26' },
    arrival: PNH_IN,
    departure: PNH_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Ly Sokhom', relationship: 'Father', phone: '+85512748391' },
    consent: 'self',
    room: 'Guest house 205',
  },
  {
    // Incomplete: no emergency contact given.
    latin: 'Sok Makara',
    nationality: 'KH',
    gender: 'male',
    passport: { number: 'N01739265', dateOfBirth: '2001-01-19', expiresOn: '2029-11-02' },
    arrival: PNH_IN,
    departure: PNH_OUT,
    dietary: NONE,
    consent: 'self',
    room: 'Guest house 305',
  },
  {
    latin: 'Chan Kosal',
    nationality: 'KH',
    gender: 'male',
    passport: { number: 'N02460318', dateOfBirth: '2003-05-04', expiresOn: '2031-07-13' },
    arrival: PNH_IN,
    departure: PNH_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Chan Sreyneang', relationship: 'Mother', phone: '+85517662418' },
    consent: 'self',
    room: 'Guest house 304',
  },
  {
    latin: 'Kim Sreymom',
    nationality: 'KH',
    gender: 'female',
    passport: { number: 'N01985742', dateOfBirth: '2004-09-16', expiresOn: '2030-12-20' },
    arrival: PNH_IN,
    departure: PNH_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Kim Vuthy', relationship: 'Brother', phone: '+85592335107' },
    consent: 'self',
    room: 'Guest house 205',
  },
  // Myanmar: three sent their consents on paper, through the college's office in Yangon.
  {
    latin: 'Phyo Thet Paing',
    nationality: 'MM',
    gender: 'male',
    passport: { number: 'MH482013', dateOfBirth: '2000-12-29', expiresOn: '2029-04-08' },
    arrival: KUNMING_IN,
    departure: KUNMING_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Daw Khin Myo', relationship: 'Mother', phone: '+959451238760' },
    consent: 'paper',
    room: 'Guest house 305',
  },
  {
    latin: 'May Thant Zin',
    nationality: 'MM',
    gender: 'female',
    passport: { number: 'MH517729', dateOfBirth: '2002-07-18', expiresOn: '2030-08-27' },
    arrival: KUNMING_IN,
    departure: KUNMING_OUT,
    dietary: NONE,
    emergencyContact: { name: 'U Thant Zin', relationship: 'Father', phone: '+959795012384' },
    consent: 'paper',
    room: 'Guest house 206',
  },
  {
    latin: 'Sandar Hlaing',
    nationality: 'MM',
    gender: 'female',
    passport: { number: 'MH390264', dateOfBirth: '2001-03-23', expiresOn: '2028-05-15' },
    arrival: KUNMING_IN,
    departure: KUNMING_OUT,
    dietary: { needs: ['other'], other: 'No very spicy food' },
    emergencyContact: { name: 'Daw Aye Aye Hlaing', relationship: 'Mother', phone: '+959420187365' },
    consent: 'paper',
    room: 'Guest house 206',
  },
  {
    latin: 'Nay Lin Aung',
    nationality: 'MM',
    gender: 'male',
    passport: { number: 'MH624810', dateOfBirth: '2003-10-10', expiresOn: '2031-02-03' },
    arrival: KUNMING_IN,
    departure: KUNMING_OUT,
    dietary: NONE,
    emergencyContact: { name: 'U Tin Aung', relationship: 'Father', phone: '+959260448913' },
    consent: 'self',
    room: 'Guest house 307',
  },
  // The Philippines (Mark Anthony Villanueva has not started).
  {
    latin: 'Juan Miguel dela Cruz',
    nationality: 'PH',
    gender: 'male',
    passport: { number: 'P4827103B', dateOfBirth: '2001-08-12', expiresOn: '2032-04-29' },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: NONE,
    emergencyContact: { name: 'Rosario dela Cruz', relationship: 'Mother', phone: '+639175284461' },
    consent: 'self',
    room: 'Guest house 306',
  },
  {
    latin: 'Maria Angelica Santos',
    nationality: 'PH',
    gender: 'female',
    passport: { number: 'P5519264A', dateOfBirth: '2003-02-06', expiresOn: '2033-01-10' },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: { needs: ['lactose-free'] },
    emergencyContact: { name: 'Roberto Santos', relationship: 'Father', phone: '+639228816503' },
    consent: 'self',
    room: 'Guest house 207',
  },
  // Brunei
  {
    latin: 'Mohammad Syafiq bin Haji Ismail',
    nationality: 'BN',
    gender: 'male',
    passport: { number: 'B00482716', dateOfBirth: '2000-05-31', expiresOn: '2029-09-24' },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: HALAL,
    emergencyContact: { name: 'Haji Ismail bin Haji Md Noor', relationship: 'Father', phone: '+6738712345' },
    consent: 'self',
    room: 'Guest house 306',
  },
  {
    latin: 'Nur Amalina binti Abdul Latif',
    nationality: 'BN',
    gender: 'female',
    passport: { number: 'B00519832', dateOfBirth: '2002-12-15', expiresOn: '2030-06-18' },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: HALAL,
    emergencyContact: { name: 'Hajah Zaitun binti Haji Bakar', relationship: 'Mother', phone: '+6737183396' },
    consent: 'self',
    room: 'Guest house 207',
  },
  {
    latin: 'Awang Khairul Anwar bin Awang Jaafar',
    nationality: 'BN',
    gender: 'male',
    passport: { number: 'B00376241', dateOfBirth: '1999-07-09', expiresOn: '2028-11-06' },
    arrival: CZ_IN,
    departure: CZ_OUT,
    dietary: HALAL,
    emergencyContact: {
      name: 'Dayang Siti Aminah binti Awang Tengah',
      relationship: 'Mother',
      phone: '+6738845120',
    },
    consent: 'self',
    room: 'Guest house 306',
  },
  // Singapore: they fly home on the evening of the last day.
  {
    latin: 'Tan Jia Hui',
    nationality: 'SG',
    gender: 'female',
    passport: { number: 'K2284716P', dateOfBirth: '2001-11-22', expiresOn: '2031-10-05' },
    arrival: SIN_IN,
    departure: SIN_OUT,
    dietary: { needs: [], allergies: 'Peanuts (severe; carries an adrenaline auto-injector)' },
    emergencyContact: { name: 'Tan Boon Huat', relationship: 'Father', phone: '+6591826473' },
    consent: 'self',
    room: 'Guest house 208',
  },
  {
    latin: 'Muhammad Irfan bin Rosli',
    nationality: 'SG',
    gender: 'male',
    passport: { number: 'K3019452M', dateOfBirth: '2000-01-03', expiresOn: '2030-02-14' },
    arrival: SIN_IN,
    departure: SIN_OUT,
    dietary: HALAL,
    emergencyContact: { name: 'Rosli bin Osman', relationship: 'Father', phone: '+6598304152' },
    consent: 'self',
    room: 'Guest house 303',
  },
  {
    latin: 'Priya Ramasamy',
    nationality: 'SG',
    gender: 'female',
    passport: { number: 'K1876304Q', dateOfBirth: '2002-04-28', expiresOn: '2029-07-31' },
    arrival: SIN_IN,
    departure: SIN_OUT,
    dietary: { needs: ['vegetarian'] },
    emergencyContact: { name: 'Lakshmi Ramasamy', relationship: 'Mother', phone: '+6581145290' },
    consent: 'self',
    room: 'Guest house 208',
  },
  // Muhammad Ali Khan (LMVU), who took the last place, has not started.
];

/** `YYYY-MM-DD` plus whole days. */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export interface LogisticsSeedServices {
  /** The box of DATA_ENCRYPTION_KEY (`Secrets`), the one the API opens the details with. */
  secrets: SecretBox;
  logger: Logger;
}

/**
 * Writes scenario B's logistics — settings, rooms, each participant's details
 * (passport and dietary sealed with `secrets`), consents and room assignments —
 * once the camp and its enrolments are there and while it has no logistics yet,
 * in one transaction. Details go to the confirmed enrolment of the trainee
 * whose Latin name the table gives; a name not found is skipped.
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

  let written = 0;
  await dataSource.transaction(async (manager) => {
    await manager.insert(ProgramLogisticsSettings, {
      programId: program.id,
      collect: [...LOGISTICS_ITEMS],
      dueDate: addDays(program.startDate, -DEMO_LOGISTICS_DUE_DAYS_BEFORE),
      arrivalPoints: Object.values(DEMO_ARRIVAL_POINTS),
      // Set up when registration opened.
      updatedAt: instant(addDays(program.startDate, -40), '10:00'),
    });
    const rooms = new Map<string, string>();
    for (const demo of DEMO_ROOMS) {
      const saved = await manager.save(manager.create(Room, { ...demo, programId: program.id }));
      rooms.set(demo.name, saved.id);
    }

    const records: Partial<EnrolmentLogisticsRecord>[] = [];
    const consents: Partial<LogisticsConsentRecord>[] = [];
    const assignments: Partial<RoomAssignment>[] = [];
    DEMO_CAMP_LOGISTICS.forEach((demo, index) => {
      const enrolment = enrolments.get(demo.latin);
      if (!enrolment) return;
      // Sent in the three weeks before the camp (before the due date), in the evening of the camp's zone.
      const sentAt = instant(
        addDays(program.startDate, -21 + (index % 13)),
        `${19 + (index % 4)}:${String((7 * index) % 60).padStart(2, '0')}`,
      );
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
              dateOfBirth: demo.passport.dateOfBirth,
              expiresOn: demo.passport.expiresOn,
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
          assignedAt: addMinutes(sentAt, 60 * 24 * 3),
          assignedBy: admin?.id ?? null,
        });
      }
      written++;
    });
    if (records.length) await manager.insert(EnrolmentLogisticsRecord, records);
    if (consents.length) await manager.insert(LogisticsConsentRecord, consents);
    if (assignments.length) await manager.insert(RoomAssignment, assignments);
  });
  logger.info(
    `Loaded the logistics of ${DEMO_LOGISTICS_PROGRAM_CODE}: ${written} participants' details, ${DEMO_ROOMS.length} rooms.`,
  );
}

function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}
