/**
 * Demo trainees of scenarios A–D (see ../shared/scenarios): invented people
 * with real-looking names in their own script and a passport-style Latin
 * spelling. Everything here is fixed data combined by index, so every run of
 * the seed yields exactly the same people.
 */

export interface DemoTrainee {
  /** The name in the person's own script. */
  fullName: string;
  /** Passport-style Latin spelling of the same name. */
  fullNameLatin: string;
  /** Unique, lowercase, on a `.example` domain. */
  email: string;
  /** ISO 3166-1 alpha-2. */
  nationality: string;
  /** Code of a partner institution of institutions.demo.ts, or null for self-registered independents. */
  institutionCode: string | null;
  preferredLocale: 'en' | 'zh' | 'th' | 'ms';
}

export interface DemoEnrolmentPlan {
  programCode: string;
  trainees: DemoTrainee[];
  /** How they enrol: imported and approved by their partner, registering themselves, or enrolled by an admin. */
  mode: 'partner-approved' | 'self-registered' | 'admin';
}

/** A name part in its own script and in Latin letters. */
type NamePart = readonly [native: string, latin: string];

/** `Nguyễn Văn An` → `nguyen.van.an`: the Latin name as the local part of an e-mail address. */
function emailLocalPart(latin: string): string {
  return latin
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

// ---------------------------------------------------------------------------
// Scenario A — students and teachers of the two Thai partner universities.
// ---------------------------------------------------------------------------

/** Thai given names with their RTGS transliteration. */
const THAI_GIVEN_NAMES: readonly NamePart[] = [
  ['สมชาย', 'Somchai'],
  ['สมศักดิ์', 'Somsak'],
  ['สุรชัย', 'Surachai'],
  ['ประเสริฐ', 'Prasoet'],
  ['วิชัย', 'Wichai'],
  ['อนุชา', 'Anucha'],
  ['ธนากร', 'Thanakon'],
  ['ณัฐพล', 'Natthaphon'],
  ['กิตติพงษ์', 'Kittiphong'],
  ['พงศกร', 'Phongsakon'],
  ['ชัยวัฒน์', 'Chaiwat'],
  ['อภิชาติ', 'Aphichat'],
  ['ธีรวัฒน์', 'Thirawat'],
  ['วรวุฒิ', 'Worawut'],
  ['สุทธิพงษ์', 'Sutthiphong'],
  ['ภานุวัฒน์', 'Phanuwat'],
  ['ธวัชชัย', 'Thawatchai'],
  ['ณัฐวุฒิ', 'Natthawut'],
  ['ธนพล', 'Thanaphon'],
  ['ปิยะ', 'Piya'],
  ['สมหญิง', 'Somying'],
  ['สุภาพร', 'Suphaphon'],
  ['มาลี', 'Mali'],
  ['วันเพ็ญ', 'Wanphen'],
  ['กาญจนา', 'Kanchana'],
  ['นภัสสร', 'Naphatson'],
  ['ปิยะนุช', 'Piyanut'],
  ['ศิริพร', 'Siriphon'],
  ['อรุณี', 'Aruni'],
  ['จันทร์เพ็ญ', 'Chanphen'],
  ['พรทิพย์', 'Phonthip'],
  ['รัตนา', 'Rattana'],
  ['ดวงใจ', 'Duangchai'],
  ['สุนิสา', 'Sunisa'],
  ['อัญชลี', 'Anchali'],
  ['เยาวลักษณ์', 'Yaowalak'],
  ['ชนิดา', 'Chanida'],
  ['กมลวรรณ', 'Kamonwan'],
  ['ธิดารัตน์', 'Thidarat'],
  ['พิมพ์ชนก', 'Phimchanok'],
  ['ชุติมา', 'Chutima'],
  ['ศิริรัตน์', 'Sirirat'],
  ['วิไลวรรณ', 'Wilaiwan'],
  ['ปวีณา', 'Pawina'],
  ['อารีรัตน์', 'Arirat'],
];

/** Thai family names with their RTGS transliteration (38 of them: coprime with the 45 given names). */
const THAI_FAMILY_NAMES: readonly NamePart[] = [
  ['วงศ์สวัสดิ์', 'Wongsawat'],
  ['ชัยสิทธิ์', 'Chaisit'],
  ['ศรีสุข', 'Sisuk'],
  ['บุญมา', 'Bunma'],
  ['แสงทอง', 'Saengthong'],
  ['รัตนพันธ์', 'Rattanaphan'],
  ['สุขสวัสดิ์', 'Suksawat'],
  ['ทองดี', 'Thongdi'],
  ['มีสุข', 'Misuk'],
  ['พรหมมา', 'Phromma'],
  ['ศรีวงศ์', 'Siwong'],
  ['จันทร์แก้ว', 'Chankaeo'],
  ['แก้วมณี', 'Kaeomani'],
  ['บุญเรือง', 'Bunrueang'],
  ['สมบูรณ์', 'Sombun'],
  ['เจริญสุข', 'Charoensuk'],
  ['ทองคำ', 'Thongkham'],
  ['วัฒนสุข', 'Watthanasuk'],
  ['อินทร์แก้ว', 'Inkaeo'],
  ['พึ่งบุญ', 'Phuengbun'],
  ['ศักดิ์ดี', 'Sakdi'],
  ['นาคสวัสดิ์', 'Naksawat'],
  ['สายทอง', 'Saithong'],
  ['คงเจริญ', 'Khongcharoen'],
  ['ปัญญาดี', 'Panyadi'],
  ['ขันทอง', 'Khanthong'],
  ['ศรีประเสริฐ', 'Siprasoet'],
  ['ธนสาร', 'Thanasan'],
  ['อ่อนศรี', 'Onsi'],
  ['บุญประเสริฐ', 'Bunprasoet'],
  ['กาญจนวงศ์', 'Kanchanawong'],
  ['ทองมา', 'Thongma'],
  ['แสงสว่าง', 'Saengsawang'],
  ['อินทร์ทอง', 'Inthong'],
  ['บุญยืน', 'Bunyuen'],
  ['รุ่งเรือง', 'Rungrueang'],
  ['มั่นคง', 'Mankhong'],
  ['ศรีสวัสดิ์', 'Sisawat'],
];

/**
 * The n-th Thai person. Given and family names advance together; as the two
 * list lengths are coprime, the first 45 × 38 = 1,710 people all differ.
 */
function thaiName(n: number): { fullName: string; fullNameLatin: string } {
  const [given, givenLatin] = THAI_GIVEN_NAMES[n % THAI_GIVEN_NAMES.length];
  const [family, familyLatin] = THAI_FAMILY_NAMES[n % THAI_FAMILY_NAMES.length];
  return { fullName: `${given} ${family}`, fullNameLatin: `${givenLatin} ${familyLatin}` };
}

/** Trainees each Thai partner imports for scenario A (160 + 132 = 292). */
const THAI_PARTNER_COHORTS = [
  { institutionCode: 'RMUTT', domain: 'rmutt.example', size: 160 },
  { institutionCode: 'SUT', domain: 'sut.example', size: 132 },
] as const;

/** Thai people 0 … 291 are scenario A's; the youth camp's Thais come after them. */
const SCENARIO_A_SIZE = THAI_PARTNER_COHORTS.reduce((sum, cohort) => sum + cohort.size, 0);

function scenarioATrainees(): DemoTrainee[] {
  const trainees: DemoTrainee[] = [];
  let n = 0;
  for (const { institutionCode, domain, size } of THAI_PARTNER_COHORTS) {
    for (let seq = 1; seq <= size; seq++, n++) {
      const name = thaiName(n);
      trainees.push({
        ...name,
        email: `${emailLocalPart(name.fullNameLatin)}.${pad(seq, 3)}@${domain}`,
        nationality: 'TH',
        institutionCode,
        preferredLocale: 'th',
      });
    }
  }
  return trainees;
}

// ---------------------------------------------------------------------------
// Lao, Khmer and Burmese names (scenarios B and C).
// ---------------------------------------------------------------------------

/** Lao given names with their usual (French-based) Latin spelling. */
const LAO_GIVEN_NAMES: readonly NamePart[] = [
  ['ສົມພອນ', 'Somphone'],
  ['ບຸນມີ', 'Bounmy'],
  ['ຄຳພອນ', 'Khamphone'],
  ['ສຸລິຍາ', 'Souliya'],
  ['ມະນີວອນ', 'Manivone'],
  ['ທອງສະຫວັນ', 'Thongsavanh'],
  ['ວິໄລພອນ', 'Vilayphone'],
  ['ບົວພັນ', 'Bouaphanh'],
  ['ແສງເດືອນ', 'Sengdeuane'],
  ['ນ້ອຍ', 'Noy'],
];

/** Lao family names (7: coprime with the 10 given names). */
const LAO_FAMILY_NAMES: readonly NamePart[] = [
  ['ສີສະຫວາດ', 'Sisavath'],
  ['ວົງສາ', 'Vongsa'],
  ['ແກ້ວມະນີ', 'Keomany'],
  ['ອິນທະວົງ', 'Inthavong'],
  ['ຈັນທະວົງ', 'Chanthavong'],
  ['ໄຊຍະວົງ', 'Xayavong'],
  ['ພົມມະສັກ', 'Phommasak'],
];

/** The n-th Lao person: given name first. */
function laoName(n: number): { fullName: string; fullNameLatin: string } {
  const [given, givenLatin] = LAO_GIVEN_NAMES[n % LAO_GIVEN_NAMES.length];
  const [family, familyLatin] = LAO_FAMILY_NAMES[n % LAO_FAMILY_NAMES.length];
  return { fullName: `${given} ${family}`, fullNameLatin: `${givenLatin} ${familyLatin}` };
}

/** Khmer family names with their usual Latin spelling (11: coprime with the 14 given names). */
const KHMER_FAMILY_NAMES: readonly NamePart[] = [
  ['សុខ', 'Sok'],
  ['ចាន់', 'Chan'],
  ['គីម', 'Kim'],
  ['ហេង', 'Heng'],
  ['មាស', 'Meas'],
  ['ជា', 'Chea'],
  ['កែវ', 'Keo'],
  ['ប្រាក់', 'Prak'],
  ['សេង', 'Seng'],
  ['ពេជ្រ', 'Pich'],
  ['លី', 'Ly'],
];

const KHMER_GIVEN_NAMES: readonly NamePart[] = [
  ['ដារ៉ា', 'Dara'],
  ['សុភាព', 'Sopheap'],
  ['វណ្ណា', 'Vanna'],
  ['សុខា', 'Sokha'],
  ['រិទ្ធី', 'Rithy'],
  ['បុប្ផា', 'Bopha'],
  ['សុភា', 'Sophea'],
  ['ពិសិដ្ឋ', 'Piseth'],
  ['វិសាល', 'Visal'],
  ['ចាន់ណារី', 'Channary'],
  ['សុធា', 'Sothea'],
  ['មករា', 'Makara'],
  ['កុសល', 'Kosal'],
  ['ស្រីមុំ', 'Sreymom'],
];

/** The n-th Cambodian person: family name first, as Khmer names are written. */
function khmerName(n: number): { fullName: string; fullNameLatin: string } {
  const [family, familyLatin] = KHMER_FAMILY_NAMES[n % KHMER_FAMILY_NAMES.length];
  const [given, givenLatin] = KHMER_GIVEN_NAMES[n % KHMER_GIVEN_NAMES.length];
  return { fullName: `${family} ${given}`, fullNameLatin: `${familyLatin} ${givenLatin}` };
}

/** Burmese names (no family names: the whole name is personal), written without spaces. */
const BURMESE_NAMES: readonly NamePart[] = [
  ['အောင်ကျော်မိုး', 'Aung Kyaw Moe'],
  ['ခင်သီတာ', 'Khin Thida'],
  ['ဇော်မင်းထက်', 'Zaw Min Htet'],
  ['နှင်းဝေလွင်', 'Hnin Wai Lwin'],
  ['မြင့်ထွန်းနိုင်', 'Myint Htun Naing'],
  ['သဇင်ဖြူ', 'Thazin Phyu'],
  ['ဟိန်းထက်ဇော်', 'Hein Htet Zaw'],
  ['စုမွန်ကြည်', 'Su Mon Kyi'],
  ['ရဲမင်းအောင်', 'Ye Min Aung'],
  ['နန္ဒာဝင်း', 'Nandar Win'],
  ['ဖြိုးသက်ပိုင်', 'Phyo Thet Paing'],
  ['မေသန့်ဇင်', 'May Thant Zin'],
  ['စန္ဒာလှိုင်', 'Sandar Hlaing'],
  ['နေလင်းအောင်', 'Nay Lin Aung'],
];

function burmeseName(n: number): { fullName: string; fullNameLatin: string } {
  const [fullName, fullNameLatin] = BURMESE_NAMES[n % BURMESE_NAMES.length];
  return { fullName, fullNameLatin };
}

// ---------------------------------------------------------------------------
// Scenario B — the YOUTH SHOW camp: self-registration from 13 countries.
// ---------------------------------------------------------------------------

const INDEPENDENT_DOMAIN = 'inbox.example';

function independent(
  nationality: string,
  name: { fullName: string; fullNameLatin: string },
  preferredLocale: DemoTrainee['preferredLocale'] = 'en',
): DemoTrainee {
  return {
    ...name,
    email: `${emailLocalPart(name.fullNameLatin)}@${INDEPENDENT_DOMAIN}`,
    nationality,
    institutionCode: null,
    preferredLocale,
  };
}

/** A name written in Latin letters only (Malay, Indonesian, Filipino): both fields are the same. */
function latin(fullName: string): { fullName: string; fullNameLatin: string } {
  return { fullName, fullNameLatin: fullName };
}

/** An international student Liming Vocational University brings to the camp. */
function lmvuStudent(nationality: string, fullName: string, fullNameLatin: string): DemoTrainee {
  return {
    fullName,
    fullNameLatin,
    email: `${emailLocalPart(fullNameLatin)}@lmvu.example`,
    nationality,
    institutionCode: 'LMVU',
    preferredLocale: 'en',
  };
}

/**
 * 48 people for the camp's 40 places (20% more, so a wait-list forms):
 * 6 from Malaysia (Sarawak), 4 each from Thailand, Viet Nam, Indonesia, Laos,
 * Cambodia and Myanmar, 3 each from the Philippines, Brunei and Singapore,
 * and 9 LMVU international students from Pakistan, Bangladesh and Nepal.
 */
function scenarioBTrainees(): DemoTrainee[] {
  return [
    // Malaysia (Sarawak): Malay, Iban and two Malaysian Chinese who read Chinese.
    independent('MY', latin('Nur Aisyah binti Hamdan'), 'ms'),
    independent('MY', latin('Muhammad Haziq bin Razali'), 'ms'),
    independent('MY', latin('Melissa anak Linggi'), 'ms'),
    independent('MY', latin('Jonathan anak Sagah'), 'ms'),
    independent('MY', { fullName: '林美玲', fullNameLatin: 'Lim Mei Ling' }, 'zh'),
    independent('MY', { fullName: '陈伟杰', fullNameLatin: 'Tan Wei Jie' }, 'zh'),
    // Thailand: the Thai people after scenario A's.
    ...[0, 1, 2, 3].map((i) => independent('TH', thaiName(SCENARIO_A_SIZE + i), 'th')),
    // Viet Nam: passports spell the name without diacritics.
    independent('VN', { fullName: 'Nguyễn Văn An', fullNameLatin: 'Nguyen Van An' }),
    independent('VN', { fullName: 'Trần Thị Thu Hà', fullNameLatin: 'Tran Thi Thu Ha' }),
    independent('VN', { fullName: 'Lê Minh Đức', fullNameLatin: 'Le Minh Duc' }),
    independent('VN', { fullName: 'Phạm Thị Ngọc Anh', fullNameLatin: 'Pham Thi Ngoc Anh' }),
    // Indonesia
    independent('ID', latin('Rizky Pratama')),
    independent('ID', latin('Putri Ayu Wulandari')),
    independent('ID', latin('Bagus Setiawan')),
    independent('ID', latin('Nur Indah Sari')),
    // Laos, Cambodia, Myanmar: the people after scenario C's ten of each.
    ...[10, 11, 12, 13].map((n) => independent('LA', laoName(n))),
    ...[10, 11, 12, 13].map((n) => independent('KH', khmerName(n))),
    ...[10, 11, 12, 13].map((n) => independent('MM', burmeseName(n))),
    // The Philippines
    independent('PH', latin('Juan Miguel dela Cruz')),
    independent('PH', latin('Maria Angelica Santos')),
    independent('PH', latin('Mark Anthony Villanueva')),
    // Brunei
    independent('BN', latin('Mohammad Syafiq bin Haji Ismail'), 'ms'),
    independent('BN', latin('Nur Amalina binti Abdul Latif'), 'ms'),
    independent('BN', latin('Awang Khairul Anwar bin Awang Jaafar'), 'ms'),
    // Singapore: Chinese, Malay and Tamil Singaporeans.
    independent('SG', { fullName: '陈佳慧', fullNameLatin: 'Tan Jia Hui' }),
    independent('SG', latin('Muhammad Irfan bin Rosli')),
    independent('SG', { fullName: 'பிரியா ராமசாமி', fullNameLatin: 'Priya Ramasamy' }),
    // LMVU international students: Pakistan (Urdu), Bangladesh (Bengali), Nepal (Devanagari).
    lmvuStudent('PK', 'محمد علی خان', 'Muhammad Ali Khan'),
    lmvuStudent('PK', 'عائشہ صدیقی', 'Ayesha Siddiqui'),
    lmvuStudent('PK', 'حمزہ ملک', 'Hamza Malik'),
    lmvuStudent('BD', 'মোহাম্মদ রাকিব হাসান', 'Mohammad Rakib Hasan'),
    lmvuStudent('BD', 'তাসলিমা আক্তার', 'Taslima Akter'),
    lmvuStudent('BD', 'সাকিব আহমেদ', 'Sakib Ahmed'),
    lmvuStudent('NP', 'सुमन श्रेष्ठ', 'Suman Shrestha'),
    lmvuStudent('NP', 'अनिता गुरुङ', 'Anita Gurung'),
    lmvuStudent('NP', 'बिकास तामाङ', 'Bikash Tamang'),
  ];
}

// ---------------------------------------------------------------------------
// Scenario C — certification officials of Myanmar, Laos and Cambodia in Yangon.
// ---------------------------------------------------------------------------

/** Ten officials of each country's certification body, all partners of the course. */
const SCENARIO_C_COHORTS = [
  { nationality: 'MM', institutionCode: 'MM-NSSA', domain: 'mm-nssa.example', name: burmeseName },
  { nationality: 'LA', institutionCode: 'LA-DTVET', domain: 'la-dtvet.example', name: laoName },
  { nationality: 'KH', institutionCode: 'KH-DGTVET', domain: 'kh-dgtvet.example', name: khmerName },
] as const;

const SCENARIO_C_PER_COUNTRY = 10;

function scenarioCTrainees(): DemoTrainee[] {
  return SCENARIO_C_COHORTS.flatMap(({ nationality, institutionCode, domain, name }) =>
    Array.from({ length: SCENARIO_C_PER_COUNTRY }, (_, n): DemoTrainee => {
      const person = name(n);
      return {
        ...person,
        email: `${emailLocalPart(person.fullNameLatin)}@${domain}`,
        nationality,
        institutionCode,
        preferredLocale: 'en',
      };
    }),
  );
}

// ---------------------------------------------------------------------------
// Scenario D — Bruneian agriculture officials, researchers and farmers.
// ---------------------------------------------------------------------------

/** Officials and researchers of the Department of Agriculture and Agrifood (the programme's partner). */
const BRUNEI_DAA_STAFF: readonly string[] = [
  'Awang Haji Ahmad bin Osman',
  'Dayang Hajah Noraini binti Abdul Hamid',
  'Pengiran Muhammad Khairul bin Pengiran Haji Ismail',
  'Siti Rahmah binti Haji Yahya',
  'Mohammad Hafizuddin bin Haji Kamaluddin',
  'Nurul Huda binti Awang Jaludin',
  'Haji Abdul Aziz bin Haji Mahmud',
  'Hajah Rosnah binti Haji Ibrahim',
  'Awang Mohd Zulkifli bin Haji Sulaiman',
  'Dayang Nur Aqilah binti Haji Ramli',
  'Muhammad Amirul Hakim bin Abdullah',
  'Norazizah binti Haji Kassim',
];

/** Farmers, who take part on their own. */
const BRUNEI_FARMERS: readonly string[] = [
  'Pengiran Siti Norhayati binti Pengiran Hassan',
  'Md Shahrul Nizam bin Haji Tahir',
  'Haji Jamaluddin bin Haji Bakar',
  'Hajah Salmah binti Haji Ali',
  'Awang Hairul Azmi bin Awang Salleh',
  'Nor Fadzilah binti Haji Mustapha',
  'Haji Zainal Abidin bin Haji Omar',
  'Mohd Faizal bin Haji Jumat',
];

function bruneian(fullName: string, institutionCode: string | null, domain: string): DemoTrainee {
  return {
    fullName,
    fullNameLatin: fullName,
    email: `${emailLocalPart(fullName)}@${domain}`,
    nationality: 'BN',
    institutionCode,
    preferredLocale: 'ms',
  };
}

function scenarioDTrainees(): DemoTrainee[] {
  return [
    ...BRUNEI_DAA_STAFF.map((name) => bruneian(name, 'BN-DAA', 'bn-daa.example')),
    ...BRUNEI_FARMERS.map((name) => bruneian(name, null, INDEPENDENT_DOMAIN)),
  ];
}

// ---------------------------------------------------------------------------

/** Who enrols in which scenario program, and how. */
export const DEMO_ENROLMENT_PLANS: DemoEnrolmentPlan[] = [
  { programCode: 'TRPC-TH-ONLINE-2024', mode: 'partner-approved', trainees: scenarioATrainees() },
  { programCode: 'YOUTH-SHOW-2024', mode: 'self-registered', trainees: scenarioBTrainees() },
  { programCode: 'LMC-CERT-YGN-2024', mode: 'admin', trainees: scenarioCTrainees() },
  { programCode: 'CN-BN-HYBRID-RICE-2024', mode: 'admin', trainees: scenarioDTrainees() },
];

/** Every demo trainee once (by e-mail), in the order of the plans. */
export const DEMO_TRAINEES: DemoTrainee[] = [
  ...new Map(DEMO_ENROLMENT_PLANS.flatMap((plan) => plan.trainees).map((trainee) => [trainee.email, trainee])).values(),
];
