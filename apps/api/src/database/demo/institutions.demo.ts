import type { CountryCode, InstitutionKind, LocalizedText } from '@skillbridge/contracts';

export interface DemoInstitution {
  code: string;
  kind: InstitutionKind;
  country: CountryCode;
  name: LocalizedText;
}

/**
 * The institutions of the scenarios in ../shared/scenarios (real, public
 * names). Enterprises the reports do not name carry descriptive names.
 */
export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  {
    code: 'TRPC',
    kind: 'host',
    country: 'CN',
    name: {
      en: 'Tongren Polytechnic College',
      zh: '铜仁职业技术学院',
      th: 'วิทยาลัยโปลีเทคนิคถงเหริน',
      ms: 'Kolej Politeknik Tongren',
    },
  },
  {
    // Co-organizer of scenario B; it brings and reviews its own international students.
    code: 'LMVU',
    kind: 'partner',
    country: 'CN',
    name: {
      en: 'Liming Vocational University',
      zh: '黎明职业大学',
      th: 'มหาวิทยาลัยอาชีวศึกษาหลีหมิง',
      ms: 'Universiti Vokasional Liming',
    },
  },
  {
    code: 'RMUTT',
    kind: 'partner',
    country: 'TH',
    name: {
      en: 'Rajamangala University of Technology Thanyaburi',
      th: 'มหาวิทยาลัยเทคโนโลยีราชมงคลธัญบุรี',
      zh: '皇家理工大学清武里分校',
      ms: 'Universiti Teknologi Rajamangala Thanyaburi',
    },
  },
  {
    code: 'SUT',
    kind: 'partner',
    country: 'TH',
    name: {
      en: 'Suranaree University of Technology',
      th: 'มหาวิทยาลัยเทคโนโลยีสุรนารี',
      zh: '素罗娜丽科技大学',
      ms: 'Universiti Teknologi Suranaree',
    },
  },
  {
    code: 'XBEC',
    kind: 'enterprise',
    country: 'CN',
    name: {
      en: 'Cross-border e-commerce industry partner',
      zh: '跨境电商行业合作企业',
      th: 'บริษัทพันธมิตรอุตสาหกรรมอีคอมเมิร์ซข้ามพรมแดน',
      ms: 'Rakan industri e-dagang rentas sempadan',
    },
  },
  {
    code: 'MM-NSSA',
    kind: 'partner',
    country: 'MM',
    name: {
      en: 'National Skills Standards Authority, Myanmar',
      zh: '缅甸国家技能标准局',
      th: 'สำนักงานมาตรฐานทักษะแห่งชาติเมียนมา',
      ms: 'Pihak Berkuasa Standard Kemahiran Kebangsaan Myanmar',
    },
  },
  {
    code: 'LA-DTVET',
    kind: 'partner',
    country: 'LA',
    name: {
      en: 'Department of Technical and Vocational Education and Training, Lao PDR',
      zh: '老挝教育与体育部职业技术教育与培训司',
      th: 'กรมอาชีวศึกษาและการฝึกอบรม สปป.ลาว',
      ms: 'Jabatan Pendidikan dan Latihan Teknikal dan Vokasional, Laos',
    },
  },
  {
    code: 'KH-DGTVET',
    kind: 'partner',
    country: 'KH',
    name: {
      en: 'Directorate General of Technical and Vocational Education and Training, Cambodia',
      zh: '柬埔寨劳动与职业培训部职业技术教育与培训总司',
      th: 'อธิบดีกรมอาชีวศึกษาและการฝึกอบรม กัมพูชา',
      ms: 'Direktorat Jeneral Pendidikan dan Latihan Teknikal dan Vokasional, Kemboja',
    },
  },
  {
    code: 'HUNAU',
    kind: 'host',
    country: 'CN',
    name: {
      en: 'Hunan Agricultural University',
      zh: '湖南农业大学',
      th: 'มหาวิทยาลัยเกษตรหูหนาน',
      ms: 'Universiti Pertanian Hunan',
    },
  },
  {
    code: 'LPHT',
    kind: 'enterprise',
    country: 'CN',
    name: {
      en: 'Yuan Longping High-tech Agriculture Co., Ltd.',
      zh: '袁隆平农业高科技股份有限公司',
      th: 'บริษัท หยวนหลงผิง ไฮเทค อะกริคัลเจอร์ จำกัด',
      ms: 'Yuan Longping High-tech Agriculture Co., Ltd.',
    },
  },
  {
    code: 'BN-DAA',
    kind: 'partner',
    country: 'BN',
    name: {
      en: 'Department of Agriculture and Agrifood, Brunei Darussalam',
      zh: '文莱农业与农业食品局',
      th: 'กรมเกษตรและอาหารเกษตร บรูไนดารุสซาลาม',
      ms: 'Jabatan Pertanian dan Agrimakanan, Brunei Darussalam',
    },
  },
];
