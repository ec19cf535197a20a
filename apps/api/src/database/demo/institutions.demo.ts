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
    code: 'LMVU',
    kind: 'host',
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
];
