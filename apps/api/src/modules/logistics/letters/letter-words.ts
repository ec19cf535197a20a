import type { CountryCode, ProgramKind } from '@skillbridge/contracts';

/*
 * The words of the visa invitation letter. The letter is bilingual by design
 * — Chinese first, then English, what the Chinese embassies and consulates
 * expect — whatever the reader's language, so its words live here in those two
 * languages rather than in the four API catalogs.
 */

export interface Bilingual {
  zh: string;
  en: string;
}

/** The Chinese embassy in each ASEAN country (and Timor-Leste), by the trainee's passport nationality. */
const EMBASSIES: Partial<Record<CountryCode, Bilingual>> = {
  BN: {
    zh: '中华人民共和国驻文莱达鲁萨兰国大使馆',
    en: 'Embassy of the People’s Republic of China in Brunei Darussalam',
  },
  KH: {
    zh: '中华人民共和国驻柬埔寨王国大使馆',
    en: 'Embassy of the People’s Republic of China in the Kingdom of Cambodia',
  },
  ID: {
    zh: '中华人民共和国驻印度尼西亚共和国大使馆',
    en: 'Embassy of the People’s Republic of China in the Republic of Indonesia',
  },
  LA: {
    zh: '中华人民共和国驻老挝人民民主共和国大使馆',
    en: 'Embassy of the People’s Republic of China in the Lao People’s Democratic Republic',
  },
  MY: { zh: '中华人民共和国驻马来西亚大使馆', en: 'Embassy of the People’s Republic of China in Malaysia' },
  MM: {
    zh: '中华人民共和国驻缅甸联邦共和国大使馆',
    en: 'Embassy of the People’s Republic of China in the Republic of the Union of Myanmar',
  },
  PH: {
    zh: '中华人民共和国驻菲律宾共和国大使馆',
    en: 'Embassy of the People’s Republic of China in the Republic of the Philippines',
  },
  SG: {
    zh: '中华人民共和国驻新加坡共和国大使馆',
    en: 'Embassy of the People’s Republic of China in the Republic of Singapore',
  },
  TH: {
    zh: '中华人民共和国驻泰王国大使馆',
    en: 'Embassy of the People’s Republic of China in the Kingdom of Thailand',
  },
  TL: {
    zh: '中华人民共和国驻东帝汶民主共和国大使馆',
    en: 'Embassy of the People’s Republic of China in the Democratic Republic of Timor-Leste',
  },
  VN: {
    zh: '中华人民共和国驻越南社会主义共和国大使馆',
    en: 'Embassy of the People’s Republic of China in the Socialist Republic of Viet Nam',
  },
};

const ANY_EMBASSY: Bilingual = {
  zh: '中华人民共和国驻外使领馆',
  en: 'the Embassy or Consulate-General of the People’s Republic of China',
};

/** Whom the letter is addressed to: the embassy in the passport's country, or any mission of China. */
export function embassyFor(nationality: string): Bilingual {
  return EMBASSIES[nationality as CountryCode] ?? ANY_EMBASSY;
}

export const PROGRAM_KIND_WORDS: Record<ProgramKind, Bilingual> = {
  camp: { zh: '培训营', en: 'training camp' },
  course: { zh: '培训课程', en: 'training course' },
};

/**
 * Who pays: a fixed sentence, not a setting — the host covers training,
 * accommodation and meals in China; the participant or the sending
 * institution covers the international travel.
 */
export interface LetterParams {
  host: string;
  program: string;
  kind: string;
  from: string;
  to: string;
}

export const LETTER_WORDS = {
  title: { zh: '邀请函', en: 'Letter of Invitation' },
  reference: { zh: '编号', en: 'Ref. No.' },
  date: { zh: '日期', en: 'Date' },
  to: { zh: (embassy: string) => `致：${embassy}`, en: (embassy: string) => `To: ${embassy}` },
  invite: {
    zh: (p: LetterParams) => `兹邀请以下人员于${p.from}至${p.to}来我单位（${p.host}）参加${p.kind}项目“${p.program}”。`,
    en: (p: LetterParams) =>
      `${p.host} is pleased to invite the participant named above to take part in its ${p.kind} “${p.program}” from ${p.from} to ${p.to}.`,
  },
  costs: {
    zh: '参加者在华期间的培训费、住宿费和餐费由我单位承担；国际往返旅费由参加者本人或其派出单位承担。',
    en: 'The training, accommodation and meals in China are covered by the host; the international travel is covered by the participant or the sending institution.',
  },
  request: {
    zh: '恳请贵馆为其办理赴华签证提供便利。',
    en: 'We kindly ask you to issue the participant the appropriate visa to enter China.',
  },
  closing: { zh: '此致', en: 'Yours faithfully,' },
  regards: { zh: '敬礼！' },
  name: { zh: '护照姓名', en: 'Name (as in passport)' },
  passportNumber: { zh: '护照号码', en: 'Passport No.' },
  nationality: { zh: '国籍', en: 'Nationality' },
  dateOfBirth: { zh: '出生日期', en: 'Date of birth' },
  verify: { zh: '扫码核验本函', en: 'Verify this letter' },
} as const;
