import type { CreateProgramRequest, LocalizedText, ProgramStatus, SessionType } from '@skillbridge/contracts';

export interface DemoInstructor {
  key: string;
  fullName: string;
  /** The name in Latin letters (pinyin), for the trainees who do not read Chinese. */
  fullNameLatin: string;
  institutionCode: string;
  expertise: string[];
  languages: string[];
  /** When the instructor is the demo instructor account, its e-mail (the profile exists already). */
  accountEmail?: string;
}

export interface DemoSession {
  title: LocalizedText;
  type: SessionType;
  /** Local date and times in the program's time zone. */
  date: string;
  from: string;
  to: string;
  instructors: string[];
  venue?: string;
}

export interface DemoProgram extends Omit<
  CreateProgramRequest,
  'hostInstitutionId' | 'partnerInstitutionIds' | 'enrolmentOpensAt' | 'enrolmentClosesAt'
> {
  hostCode: string;
  partnerCodes: string[];
  /** Local date-times (program zone) of the enrolment window. */
  enrolment?: { opens: string; closes: string };
  status: Extract<ProgramStatus, 'draft' | 'published'>;
  sessions: DemoSession[];
}

/** Instructors of scenarios A–D (invented people, real institutions). */
export const DEMO_INSTRUCTORS: DemoInstructor[] = [
  {
    key: 'wang-fang',
    fullName: '王芳',
    fullNameLatin: 'Wang Fang',
    institutionCode: 'TRPC',
    expertise: ['Chinese characters', 'Chinese culture', 'International Chinese education'],
    languages: ['zh', 'en'],
    accountEmail: 'instructor@skillbridge.test',
  },
  {
    key: 'yang-jianguo',
    fullName: '杨建国',
    fullNameLatin: 'Yang Jianguo',
    institutionCode: 'TRPC',
    expertise: ['Tea culture', 'Tea cultivation'],
    languages: ['zh'],
  },
  {
    key: 'li-xiaomei',
    fullName: '李晓梅',
    fullNameLatin: 'Li Xiaomei',
    institutionCode: 'TRPC',
    expertise: ['Guizhou tourism culture'],
    languages: ['zh', 'en'],
  },
  {
    key: 'chen-siyuan',
    fullName: '陈思远',
    fullNameLatin: 'Chen Siyuan',
    institutionCode: 'TRPC',
    expertise: ['Guizhou tourism culture', 'Ethnic culture'],
    languages: ['zh'],
  },
  {
    key: 'huang-lei',
    fullName: '黄磊',
    fullNameLatin: 'Huang Lei',
    institutionCode: 'TRPC',
    expertise: ['Cross-border e-commerce', 'Digital marketing'],
    languages: ['zh', 'en'],
  },
  {
    key: 'liu-yang',
    fullName: '刘洋',
    fullNameLatin: 'Liu Yang',
    institutionCode: 'XBEC',
    expertise: ['Independent web shops', 'Overseas traffic'],
    languages: ['zh', 'en'],
  },
  {
    key: 'lin-jing',
    fullName: '林静',
    fullNameLatin: 'Lin Jing',
    institutionCode: 'LMVU',
    expertise: ['E-commerce case studies', 'Live-stream selling'],
    languages: ['zh', 'en', 'ms'],
  },
  {
    key: 'zhou-ming',
    fullName: '周明',
    fullNameLatin: 'Zhou Ming',
    institutionCode: 'TRPC',
    expertise: ['Qualification frameworks', 'Skills certification'],
    languages: ['zh', 'en'],
  },
  {
    key: 'zheng-hong',
    fullName: '郑红',
    fullNameLatin: 'Zheng Hong',
    institutionCode: 'TRPC',
    expertise: ['Competency-based assessment'],
    languages: ['zh', 'en'],
  },
  {
    key: 'tan-guoqiang',
    fullName: '谭国强',
    fullNameLatin: 'Tan Guoqiang',
    institutionCode: 'LPHT',
    expertise: ['Hybrid rice breeding', 'Seed production'],
    languages: ['zh', 'en'],
  },
  {
    key: 'deng-hui',
    fullName: '邓慧',
    fullNameLatin: 'Deng Hui',
    institutionCode: 'LPHT',
    expertise: ['Pest and disease control'],
    languages: ['zh', 'en'],
  },
  {
    key: 'xiao-wen',
    fullName: '肖文',
    fullNameLatin: 'Xiao Wen',
    institutionCode: 'HUNAU',
    expertise: ['Soil improvement', 'Fertilization'],
    languages: ['zh', 'en'],
  },
];

const TRPC_ROOM = 'Tongren Polytechnic College, International Exchange Centre';

/** Scenario A: the online course for the two Thai partner universities. */
const courseA: DemoProgram = {
  code: 'TRPC-TH-ONLINE-2024',
  kind: 'course',
  title: {
    en: 'Chinese Language and Culture: online course for Thai partner universities',
    zh: '中文与中华文化线上课程（泰国合作院校）',
    th: 'หลักสูตรออนไลน์ภาษาและวัฒนธรรมจีนสำหรับมหาวิทยาลัยพันธมิตรในประเทศไทย',
    ms: 'Bahasa dan Budaya Cina: kursus dalam talian untuk universiti rakan kongsi Thailand',
  },
  summary: {
    en: 'Four live lectures by teachers of three colleges of Tongren Polytechnic College, taught online to students and teachers of RMUTT and Suranaree University of Technology.',
    zh: '铜仁职业技术学院三个二级学院的四位教师线上讲授四场讲座，面向泰国皇家理工大学清武里分校和素罗娜丽科技大学的师生。',
    th: 'การบรรยายสดสี่ครั้งโดยอาจารย์จากสามคณะของวิทยาลัยโปลีเทคนิคถงเหริน สอนออนไลน์ให้นักศึกษาและอาจารย์ของ มทร.ธัญบุรี และมหาวิทยาลัยเทคโนโลยีสุรนารี',
  },
  deliveryMode: 'online',
  timezone: 'Asia/Shanghai',
  startDate: '2024-09-03',
  endDate: '2024-09-05',
  meetingUrl: 'https://meeting.trpc.example.cn/room/2024-th',
  capacity: 300,
  hostCode: 'TRPC',
  partnerCodes: ['RMUTT', 'SUT'],
  enrolment: { opens: '2024-08-01T09:00', closes: '2024-09-02T18:00' },
  completionRule: { minAttendanceRate: 0.75 },
  status: 'published',
  sessions: [
    {
      title: {
        en: 'Chinese characters and Chinese culture',
        zh: '汉字与中华文化',
        th: 'อักษรจีนและวัฒนธรรมจีน',
        ms: 'Aksara Cina dan budaya Cina',
      },
      type: 'lecture',
      date: '2024-09-03',
      from: '09:00',
      to: '11:30',
      instructors: ['wang-fang'],
    },
    {
      title: { en: 'Tea culture', zh: '茶文化', th: 'วัฒนธรรมชา', ms: 'Budaya teh' },
      type: 'lecture',
      date: '2024-09-04',
      from: '09:00',
      to: '11:30',
      instructors: ['yang-jianguo'],
    },
    {
      title: {
        en: 'Guizhou tourism culture (I)',
        zh: '贵州旅游文化（一）',
        th: 'วัฒนธรรมการท่องเที่ยวกุ้ยโจว (1)',
        ms: 'Budaya pelancongan Guizhou (I)',
      },
      type: 'lecture',
      date: '2024-09-05',
      from: '09:00',
      to: '11:00',
      instructors: ['li-xiaomei'],
    },
    {
      title: {
        en: 'Guizhou tourism culture (II)',
        zh: '贵州旅游文化（二）',
        th: 'วัฒนธรรมการท่องเที่ยวกุ้ยโจว (2)',
        ms: 'Budaya pelancongan Guizhou (II)',
      },
      type: 'lecture',
      date: '2024-09-05',
      from: '14:00',
      to: '16:00',
      instructors: ['chen-siyuan'],
    },
  ],
};

/** Scenario B: the one-week YOUTH SHOW camp in Tongren, open to self-registration. */
const campB: DemoProgram = {
  code: 'YOUTH-SHOW-2024',
  kind: 'camp',
  title: {
    en: 'YOUTH SHOW — Chinese + cross-border e-commerce youth skills camp',
    zh: 'YOUTH SHOW“中文+跨境电商”青年技能营',
    th: 'YOUTH SHOW — ค่ายทักษะเยาวชน ภาษาจีน + อีคอมเมิร์ซข้ามพรมแดน',
    ms: 'YOUTH SHOW — Kem kemahiran belia Bahasa Cina + e-dagang rentas sempadan',
  },
  summary: {
    en: 'A week in Tongren for young people from 13 countries: opening ceremony, an industry keynote, a field visit, then seminars, lectures, hands-on practice and case studies.',
    zh: '来自13个国家的青年在铜仁度过一周：开营仪式、行业专家主题演讲、实地参访，以及专题研讨、集中授课、实操练习和案例分析。',
    ms: 'Seminggu di Tongren untuk belia dari 13 negara: majlis pembukaan, ucaptama industri, lawatan lapangan, diikuti seminar, kuliah, latihan amali dan kajian kes.',
  },
  deliveryMode: 'onsite',
  timezone: 'Asia/Shanghai',
  startDate: '2024-09-23',
  endDate: '2024-09-29',
  venue: 'Tongren, Guizhou',
  capacity: 40,
  hostCode: 'TRPC',
  partnerCodes: [],
  enrolment: { opens: '2024-08-15T09:00', closes: '2024-09-20T18:00' },
  completionRule: { minAttendanceRate: 0.8 },
  status: 'published',
  sessions: [
    {
      title: { en: 'Opening ceremony', zh: '开营仪式', th: 'พิธีเปิด', ms: 'Majlis pembukaan' },
      type: 'ceremony',
      date: '2024-09-23',
      from: '09:00',
      to: '10:00',
      instructors: [],
      venue: TRPC_ROOM,
    },
    {
      title: {
        en: 'Keynote: independent web shops and overseas cross-border e-commerce traffic',
        zh: '主题演讲：独立站与海外跨境电商引流',
        th: 'ปาฐกถา: ร้านค้าออนไลน์อิสระและการดึงทราฟฟิกอีคอมเมิร์ซข้ามพรมแดน',
        ms: 'Ucaptama: kedai web bebas dan trafik e-dagang rentas sempadan luar negara',
      },
      type: 'lecture',
      date: '2024-09-23',
      from: '10:15',
      to: '12:00',
      instructors: ['liu-yang'],
      venue: TRPC_ROOM,
    },
    {
      title: {
        en: 'Field visit: cinnabar museum and industrial park',
        zh: '实地参访：朱砂博物馆与产业园',
        th: 'ศึกษาดูงาน: พิพิธภัณฑ์ชาดและนิคมอุตสาหกรรม',
        ms: 'Lawatan lapangan: muzium sinabar dan taman perindustrian',
      },
      type: 'field-visit',
      date: '2024-09-23',
      from: '14:00',
      to: '17:30',
      instructors: [],
      venue: 'Wanshan, Tongren',
    },
    {
      title: {
        en: 'Seminar: everyday Chinese for trade',
        zh: '专题研讨：经贸日常汉语',
        th: 'สัมมนา: ภาษาจีนในชีวิตประจำวันเพื่อการค้า',
        ms: 'Seminar: Bahasa Cina harian untuk perdagangan',
      },
      type: 'seminar',
      date: '2024-09-24',
      from: '09:00',
      to: '11:30',
      instructors: ['wang-fang'],
    },
    {
      title: {
        en: 'Lecture: the cross-border e-commerce chain',
        zh: '集中授课：跨境电商全链路',
        th: 'บรรยาย: ห่วงโซ่อีคอมเมิร์ซข้ามพรมแดน',
        ms: 'Kuliah: rantaian e-dagang rentas sempadan',
      },
      type: 'lecture',
      date: '2024-09-24',
      from: '14:00',
      to: '16:30',
      instructors: ['huang-lei'],
    },
    {
      title: {
        en: 'Practice: opening a web shop',
        zh: '实操：搭建店铺',
        th: 'ฝึกปฏิบัติ: เปิดร้านค้าออนไลน์',
        ms: 'Amali: membuka kedai web',
      },
      type: 'practice',
      date: '2024-09-25',
      from: '09:00',
      to: '12:00',
      instructors: ['huang-lei', 'liu-yang'],
    },
    {
      title: {
        en: 'Case study: live-stream selling to Southeast Asia',
        zh: '案例分析：面向东南亚的直播带货',
        th: 'กรณีศึกษา: การขายผ่านไลฟ์สดสู่เอเชียตะวันออกเฉียงใต้',
        ms: 'Kajian kes: jualan siaran langsung ke Asia Tenggara',
      },
      type: 'case-study',
      date: '2024-09-25',
      from: '14:00',
      to: '16:30',
      instructors: ['lin-jing'],
    },
    {
      title: {
        en: 'Seminar: product photos and listings',
        zh: '专题研讨：商品图片与详情页',
        th: 'สัมมนา: ภาพสินค้าและหน้ารายการสินค้า',
        ms: 'Seminar: foto produk dan penyenaraian',
      },
      type: 'seminar',
      date: '2024-09-26',
      from: '09:00',
      to: '11:30',
      instructors: ['huang-lei'],
    },
    {
      title: {
        en: 'Practice: payments, logistics and customs',
        zh: '实操：支付、物流与报关',
        th: 'ฝึกปฏิบัติ: การชำระเงิน โลจิสติกส์ และศุลกากร',
        ms: 'Amali: pembayaran, logistik dan kastam',
      },
      type: 'practice',
      date: '2024-09-26',
      from: '14:00',
      to: '17:00',
      instructors: ['liu-yang'],
    },
    {
      title: {
        en: 'Case study: Guizhou specialities abroad',
        zh: '案例分析：贵州特产出海',
        th: 'กรณีศึกษา: สินค้าพิเศษกุ้ยโจวสู่ตลาดโลก',
        ms: 'Kajian kes: produk istimewa Guizhou ke luar negara',
      },
      type: 'case-study',
      date: '2024-09-27',
      from: '09:00',
      to: '11:30',
      instructors: ['lin-jing', 'huang-lei'],
    },
    {
      title: {
        en: 'Practice: team projects',
        zh: '实操：团队项目',
        th: 'ฝึกปฏิบัติ: โครงงานกลุ่ม',
        ms: 'Amali: projek berkumpulan',
      },
      type: 'practice',
      date: '2024-09-28',
      from: '09:00',
      to: '16:00',
      instructors: ['huang-lei'],
    },
    {
      title: {
        en: 'Project show and closing ceremony',
        zh: '成果展示与结营仪式',
        th: 'นำเสนอผลงานและพิธีปิด',
        ms: 'Pameran projek dan majlis penutupan',
      },
      type: 'ceremony',
      date: '2024-09-29',
      from: '09:30',
      to: '11:30',
      instructors: ['wang-fang'],
      venue: TRPC_ROOM,
    },
  ],
};

/** Scenario C: the Lancang–Mekong certification-systems course held in Yangon (UTC+06:30). */
const courseC: DemoProgram = {
  code: 'LMC-CERT-YGN-2024',
  kind: 'course',
  title: {
    en: 'Lancang–Mekong training: strengthening national certification systems',
    zh: '澜湄合作“加强国家职业资格认证体系建设”培训班',
    th: 'การฝึกอบรมล้านช้าง–แม่โขง: การเสริมสร้างระบบการรับรองคุณวุฒิแห่งชาติ',
    ms: 'Latihan Lancang–Mekong: memperkukuh sistem pensijilan kebangsaan',
  },
  summary: {
    en: 'Five days in Yangon for certification officials of Myanmar, Laos and Cambodia. Fifteen completers are selected for a study visit to China.',
    zh: '在仰光为缅甸、老挝、柬埔寨的职业资格认证官员举办为期五天的培训，15名结业学员将入选赴华考察。',
  },
  deliveryMode: 'onsite',
  timezone: 'Asia/Yangon',
  startDate: '2024-10-29',
  endDate: '2024-11-02',
  venue: 'Yangon, Myanmar',
  capacity: 30,
  hostCode: 'TRPC',
  partnerCodes: ['MM-NSSA', 'LA-DTVET', 'KH-DGTVET'],
  enrolment: { opens: '2024-09-15T09:00', closes: '2024-10-25T17:00' },
  completionRule: { minAttendanceRate: 0.8, passingScore: 60 },
  status: 'published',
  sessions: [
    {
      title: { en: 'Opening ceremony', zh: '开班仪式', th: 'พิธีเปิด', ms: 'Majlis pembukaan' },
      type: 'ceremony',
      date: '2024-10-29',
      from: '09:00',
      to: '09:45',
      instructors: ['zhou-ming'],
    },
    {
      title: {
        en: 'National qualification frameworks in the region',
        zh: '区域国家资历框架比较',
        th: 'กรอบคุณวุฒิแห่งชาติในภูมิภาค',
        ms: 'Kerangka kelayakan kebangsaan di rantau ini',
      },
      type: 'lecture',
      date: '2024-10-29',
      from: '10:00',
      to: '12:00',
      instructors: ['zhou-ming'],
    },
    {
      title: {
        en: 'Writing competency standards',
        zh: '职业能力标准编制',
        th: 'การเขียนมาตรฐานสมรรถนะ',
        ms: 'Menulis standard kecekapan',
      },
      type: 'workshop',
      date: '2024-10-30',
      from: '09:00',
      to: '12:00',
      instructors: ['zheng-hong'],
    },
    {
      title: {
        en: 'Competency-based assessment',
        zh: '基于能力的考核评价',
        th: 'การประเมินตามสมรรถนะ',
        ms: 'Penilaian berasaskan kecekapan',
      },
      type: 'lecture',
      date: '2024-10-31',
      from: '09:00',
      to: '12:00',
      instructors: ['zheng-hong'],
    },
    {
      title: {
        en: 'Field visit: a Yangon vocational training centre',
        zh: '实地参访：仰光职业培训中心',
        th: 'ศึกษาดูงาน: ศูนย์ฝึกอาชีพในย่างกุ้ง',
        ms: 'Lawatan lapangan: pusat latihan vokasional di Yangon',
      },
      type: 'field-visit',
      date: '2024-11-01',
      from: '09:30',
      to: '15:30',
      instructors: [],
    },
    {
      title: {
        en: 'Certification case studies and closing',
        zh: '认证案例分析与结业',
        th: 'กรณีศึกษาการรับรองและพิธีปิด',
        ms: 'Kajian kes pensijilan dan penutupan',
      },
      type: 'case-study',
      date: '2024-11-02',
      from: '09:00',
      to: '11:30',
      instructors: ['zhou-ming', 'zheng-hong'],
    },
  ],
};

/** Scenario C, second part: the study visit to China for fifteen completers of the Yangon course. */
const visitC: DemoProgram = {
  code: 'LMC-CERT-VISIT-2024',
  kind: 'camp',
  title: {
    en: 'Study visit to China: vocational certification in practice',
    zh: '赴华考察：职业资格认证实践',
    th: 'การศึกษาดูงานที่จีน: การรับรองคุณวุฒิวิชาชีพในทางปฏิบัติ',
    ms: 'Lawatan sambil belajar ke China: pensijilan vokasional secara praktikal',
  },
  deliveryMode: 'onsite',
  timezone: 'Asia/Shanghai',
  startDate: '2024-11-18',
  endDate: '2024-11-22',
  venue: 'Tongren, Guizhou',
  capacity: 15,
  hostCode: 'TRPC',
  partnerCodes: ['MM-NSSA', 'LA-DTVET', 'KH-DGTVET'],
  completionRule: { minAttendanceRate: 0.8 },
  status: 'published',
  sessions: [
    {
      title: { en: 'Welcome and programme briefing', zh: '欢迎会与日程介绍', ms: 'Sambutan dan taklimat program' },
      type: 'ceremony',
      date: '2024-11-18',
      from: '09:00',
      to: '10:00',
      instructors: ['zhou-ming'],
      venue: TRPC_ROOM,
    },
    {
      title: {
        en: 'Visit: a national skills assessment centre',
        zh: '参访：国家职业技能鉴定站',
        ms: 'Lawatan: pusat penilaian kemahiran kebangsaan',
      },
      type: 'field-visit',
      date: '2024-11-19',
      from: '09:00',
      to: '16:00',
      instructors: [],
    },
    {
      title: {
        en: 'Seminar: mutual recognition of certificates',
        zh: '专题研讨：证书互认',
        ms: 'Seminar: pengiktirafan bersama sijil',
      },
      type: 'seminar',
      date: '2024-11-21',
      from: '09:00',
      to: '11:30',
      instructors: ['zheng-hong'],
    },
  ],
};

/** Scenario D: the hybrid China–Brunei hybrid rice programme. */
const programmeD: DemoProgram = {
  code: 'CN-BN-HYBRID-RICE-2024',
  kind: 'course',
  title: {
    en: 'China–Brunei hybrid rice senior expert programme',
    zh: '中国—文莱杂交水稻高级专家培训项目',
    th: 'โครงการผู้เชี่ยวชาญอาวุโสด้านข้าวลูกผสมจีน–บรูไน',
    ms: 'Program pakar kanan padi hibrid China–Brunei',
  },
  summary: {
    en: 'For agriculture officials, researchers and farmers in Brunei: in the field in Bandar Seri Begawan and online from China.',
    ms: 'Untuk pegawai pertanian, penyelidik dan petani di Brunei: di lapangan di Bandar Seri Begawan dan dalam talian dari China.',
  },
  deliveryMode: 'hybrid',
  timezone: 'Asia/Brunei',
  startDate: '2024-11-11',
  endDate: '2024-11-15',
  venue: 'Bandar Seri Begawan, Brunei Darussalam',
  meetingUrl: 'https://meeting.hunau.example.cn/hybrid-rice',
  capacity: 40,
  hostCode: 'HUNAU',
  partnerCodes: ['BN-DAA'],
  completionRule: { minAttendanceRate: 0.75 },
  status: 'published',
  sessions: [
    {
      title: {
        en: 'Hybrid rice breeding and cultivation',
        zh: '杂交水稻育种与栽培',
        ms: 'Pembiakbakaan dan penanaman padi hibrid',
      },
      type: 'lecture',
      date: '2024-11-11',
      from: '09:00',
      to: '12:00',
      instructors: ['tan-guoqiang', 'xiao-wen'],
    },
    {
      title: {
        en: 'Field practice: seed production plots',
        zh: '田间实操：制种田',
        ms: 'Amali lapangan: petak pengeluaran benih',
      },
      type: 'practice',
      date: '2024-11-12',
      from: '08:30',
      to: '12:00',
      instructors: ['tan-guoqiang'],
    },
    {
      title: { en: 'Pest and disease control', zh: '病虫害防治', ms: 'Kawalan perosak dan penyakit' },
      type: 'lecture',
      date: '2024-11-13',
      from: '09:00',
      to: '12:00',
      instructors: ['deng-hui'],
    },
    {
      title: { en: 'Soil improvement', zh: '土壤改良', ms: 'Penambahbaikan tanah' },
      type: 'lecture',
      date: '2024-11-14',
      from: '09:00',
      to: '11:00',
      instructors: ['xiao-wen'],
    },
    {
      title: { en: 'Fertilization', zh: '科学施肥', ms: 'Pembajaan' },
      type: 'workshop',
      date: '2024-11-15',
      from: '09:00',
      to: '11:30',
      instructors: ['xiao-wen', 'deng-hui'],
    },
  ],
};

export const DEMO_PROGRAMS: DemoProgram[] = [courseA, campB, courseC, visitC, programmeD];

/**
 * Next editions of scenarios A and B, dated from the day the demo data is
 * loaded, so a fresh `npm start` also shows programs that are open for
 * enrolment and an instructor's coming weeks.
 */
export function upcomingDemoPrograms(today: Date): DemoProgram[] {
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const lectures = courseA.sessions.map((session, index) => ({
    ...session,
    date: day(28 + [0, 1, 2, 2][index]),
  }));
  return [
    {
      ...courseA,
      code: `TRPC-TH-ONLINE-NEXT`,
      title: {
        en: 'Chinese Language and Culture online course — next edition',
        zh: '中文与中华文化线上课程（新一期）',
        th: 'หลักสูตรออนไลน์ภาษาและวัฒนธรรมจีน รุ่นถัดไป',
        ms: 'Kursus dalam talian Bahasa dan Budaya Cina — edisi seterusnya',
      },
      startDate: day(28),
      endDate: day(30),
      enrolment: { opens: `${day(-1)}T09:00`, closes: `${day(27)}T18:00` },
      sessions: lectures,
    },
    {
      ...campB,
      code: 'YOUTH-SHOW-NEXT',
      title: {
        en: 'YOUTH SHOW — Chinese + cross-border e-commerce youth skills camp (next edition)',
        zh: 'YOUTH SHOW“中文+跨境电商”青年技能营（新一期）',
        th: 'YOUTH SHOW — ค่ายทักษะเยาวชน ภาษาจีน + อีคอมเมิร์ซข้ามพรมแดน (รุ่นถัดไป)',
        ms: 'YOUTH SHOW — Kem kemahiran belia Bahasa Cina + e-dagang rentas sempadan (edisi seterusnya)',
      },
      startDate: day(42),
      endDate: day(48),
      capacity: 8,
      enrolment: { opens: `${day(-1)}T09:00`, closes: `${day(40)}T18:00` },
      sessions: campB.sessions.map((session) => ({
        ...session,
        date: day(42 + (Date.parse(session.date) - Date.parse(campB.startDate)) / 86_400_000),
      })),
    },
  ];
}
