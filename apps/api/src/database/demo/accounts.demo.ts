import { Role, type CountryCode, type Locale } from '@skillbridge/contracts';

export const DEMO_PASSWORD = 'skillbridge-demo';

export interface DemoAccount {
  email: string;
  role: Role;
  fullName: string;
  fullNameLatin?: string;
  institutionCode?: string;
  nationality?: CountryCode;
  preferredLocale: Locale;
  timeZone: string;
}

/** One account per role (listed in the README); every password is `skillbridge-demo`. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@skillbridge.test',
    role: Role.Admin,
    fullName: '张敏',
    institutionCode: 'TRPC',
    preferredLocale: 'zh',
    timeZone: 'Asia/Shanghai',
  },
  {
    email: 'instructor@skillbridge.test',
    role: Role.Instructor,
    fullName: '王芳',
    institutionCode: 'TRPC',
    preferredLocale: 'zh',
    timeZone: 'Asia/Shanghai',
  },
  {
    email: 'partner@skillbridge.test',
    role: Role.Partner,
    fullName: 'สิริพร ชัยสิทธิ์',
    institutionCode: 'RMUTT',
    preferredLocale: 'th',
    timeZone: 'Asia/Bangkok',
  },
  {
    email: 'partner.sut@skillbridge.test',
    role: Role.Partner,
    fullName: 'ประเสริฐ วงศ์สวัสดิ์',
    institutionCode: 'SUT',
    preferredLocale: 'th',
    timeZone: 'Asia/Bangkok',
  },
  {
    email: 'trainee@skillbridge.test',
    role: Role.Trainee,
    fullName: 'สมชาย ใจดี',
    fullNameLatin: 'Somchai Jaidee',
    institutionCode: 'RMUTT',
    nationality: 'TH',
    preferredLocale: 'th',
    timeZone: 'Asia/Bangkok',
  },
];
