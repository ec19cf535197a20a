import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first version of the privacy notice (issue 23), in every database before
 * anyone registers: registration needs a notice version to consent to. A data
 * migration, so the embedded, demo and test databases get it the way a
 * production one does, once (ON CONFLICT: a replica that lost the race, or a
 * database where an admin already published `2026-12`, keeps what is there).
 *
 * The controller is the host college: its name when the database already has
 * one, else neutral words; the recipients are the partner institutions of
 * today (none in a fresh database — the text names them by kind, and a version
 * an admin publishes later lists them). Retention follows RETENTION_YEARS as
 * the API reads it (default 5).
 */
export class InitialPrivacyNotice1796640000000 implements MigrationInterface {
  name = 'InitialPrivacyNotice1796640000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const configured = Number.parseInt(process.env['RETENTION_YEARS'] ?? '', 10);
    const years = Number.isInteger(configured) && configured >= 1 && configured <= 50 ? configured : 5;
    const [host] = (await queryRunner.query(
      `SELECT name FROM institutions WHERE kind = 'host' ORDER BY code LIMIT 1`,
    )) as { name: Record<string, string> }[];
    const controller = host?.name ?? {
      en: 'The host college operating this Skillbridge site',
      zh: '运营本 Skillbridge 网站的主办院校',
      th: 'วิทยาลัยเจ้าภาพผู้ดำเนินการเว็บไซต์ Skillbridge นี้',
      ms: 'Kolej tuan rumah yang mengendalikan laman Skillbridge ini',
    };
    const recipients = (await queryRunner.query(
      `SELECT id AS "institutionId", name, country FROM institutions WHERE kind = 'partner' ORDER BY code`,
    )) as unknown[];
    await queryRunner.query(
      `INSERT INTO privacy_notices (version, text, controller, contact, recipients, retention_years)
       VALUES ('2026-12', $1, $2, $3, $4, $5)
       ON CONFLICT (version) DO NOTHING`,
      [
        JSON.stringify(noticeText(years)),
        JSON.stringify(controller),
        'privacy@skillbridge.local',
        JSON.stringify(recipients),
        years,
      ],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Consents name the version (FK RESTRICT): only a database where nobody consented yet can go back.
    await queryRunner.query(`DELETE FROM privacy_notices WHERE version = '2026-12'`);
  }
}

function noticeText(years: number): Record<'en' | 'zh' | 'th' | 'ms', string> {
  return {
    en: [
      'Who we are. The host college operating this Skillbridge site (the controller) runs training camps and overseas courses in China together with partner institutions in other countries. This notice explains what personal data we hold about you, why, who receives it, how long we keep it and what your rights are.',
      'What we collect. Your name (in your own script and in Latin letters), e-mail address, nationality, partner institution, preferred language and time zone; your enrolments and the decisions on them; attendance, assessment scores and certificates; and, for camps that collect them and only with your separate consent, travel, passport, dietary and emergency-contact details. We also record sign-ins and who on the staff looked at your record.',
      'Why (purposes). Program administration (required): enrolment, attendance, assessment and certificates. Cross-border transfer (required for taking part): your data is stored and processed by the host college in China and shared with the partner institutions named as recipients in this notice, in their countries; we ask for this separately, as China’s PIPL (art. 38–39), Thailand’s PDPA (s.28–29) and Malaysia’s PDPA (s.129) require. Program news (optional): e-mails about future programs; you may refuse or withdraw it at any time without any consequence.',
      'Who receives it. The host college in China, and your own partner institution together with the other partner institutions listed as recipients of this version of the notice, each in its country. Certificates can be checked by anyone you give the verification code to.',
      'Your rights. You may ask for access to and a copy of your data, its correction and its erasure, and withdraw your consents (Thailand PDPA s.30–33, Malaysia PDPA s.30–43A, China PIPL art. 44–47). Withdrawing an optional consent takes effect at once. Withdrawing the consent to program administration or to the transfer means we can no longer run programs for you: it is done by a request to erase your account, answered within 30 days. You may also complain to the data-protection authority of your country.',
      `How long we keep it. Your data is kept while you take part in programs and for ${years} years after your last activity, then anonymized. Certificates stay verifiable after that (only what is printed on them is kept) unless you ask otherwise when you request erasure.`,
      'Contact. Write to the data-protection contact named in this notice with any question or request about your personal data.',
    ].join('\n\n'),
    zh: [
      '我们是谁。运营本 Skillbridge 网站的主办院校（个人信息处理者）与其他国家的合作院校共同在中国举办培训营和海外课程。本告知说明我们持有您的哪些个人信息、用途、接收方、保存期限以及您的权利。',
      '我们收集什么。您的姓名（本国文字及拉丁字母）、电子邮箱、国籍、所属合作院校、首选语言和时区；您的报名及其审核结果；考勤、考核成绩和证书；以及在培训营需要且仅在您单独同意的情况下，行程、护照、饮食和紧急联系人信息。我们还记录登录情况以及哪些工作人员查看过您的记录。',
      '处理目的。项目管理（必需）：报名、考勤、考核和证书。跨境提供（参加项目所必需）：您的信息由位于中国的主办院校存储和处理，并提供给本告知列明的合作院校（位于其所在国家）；根据中国《个人信息保护法》第三十八条至第三十九条、泰国 PDPA 第 28–29 条和马来西亚 PDPA 第 129 条，我们就此单独征求您的同意。项目资讯（可选）：有关今后项目的电子邮件；您可以随时拒绝或撤回，不会产生任何不利后果。',
      '接收方。位于中国的主办院校，以及您所属的合作院校和本版本告知列明的其他合作院校，各在其所在国家。您将证书验证码告知的任何人均可核验证书。',
      '您的权利。您可以查阅、复制、更正和删除您的个人信息，并撤回同意（泰国 PDPA 第 30–33 条、马来西亚 PDPA 第 30–43A 条、中国《个人信息保护法》第四十四条至第四十七条）。撤回可选同意立即生效。撤回对项目管理或跨境提供的同意意味着我们无法再为您提供项目服务：需通过删除账户的申请办理，我们将在 30 天内答复。您也可以向您所在国家的个人信息保护机构投诉。',
      `保存期限。在您参加项目期间以及最后一次活动后 ${years} 年内保存您的信息，之后进行匿名化处理。除非您在申请删除时另有要求，证书此后仍可核验（仅保留证书上印有的内容）。`,
      '联系方式。如对您的个人信息有任何疑问或请求，请联系本告知列明的个人信息保护联系人。',
    ].join('\n\n'),
    th: [
      'เราคือใคร วิทยาลัยเจ้าภาพผู้ดำเนินการเว็บไซต์ Skillbridge นี้ (ผู้ควบคุมข้อมูลส่วนบุคคล) จัดค่ายฝึกอบรมและหลักสูตรต่างประเทศในประเทศจีนร่วมกับสถาบันพันธมิตรในประเทศอื่น ประกาศนี้อธิบายว่าเราเก็บข้อมูลส่วนบุคคลใดของท่าน เพื่ออะไร ใครได้รับ เก็บไว้นานเท่าใด และท่านมีสิทธิอะไรบ้าง',
      'ข้อมูลที่เราเก็บ ชื่อของท่าน (ตามอักษรของท่านและอักษรละติน) อีเมล สัญชาติ สถาบันพันธมิตร ภาษาและเขตเวลาที่ต้องการ การสมัครและผลการพิจารณา การเข้าร่วม คะแนนการประเมินและประกาศนียบัตร และสำหรับค่ายที่เก็บข้อมูลเหล่านี้และเฉพาะเมื่อท่านให้ความยินยอมแยกต่างหาก ข้อมูลการเดินทาง หนังสือเดินทาง อาหาร และผู้ติดต่อกรณีฉุกเฉิน เรายังบันทึกการเข้าสู่ระบบและเจ้าหน้าที่ที่เปิดดูข้อมูลของท่านด้วย',
      'วัตถุประสงค์ การบริหารโครงการ (จำเป็น): การสมัคร การเข้าร่วม การประเมิน และประกาศนียบัตร การส่งข้อมูลไปต่างประเทศ (จำเป็นสำหรับการเข้าร่วม): ข้อมูลของท่านจะถูกจัดเก็บและประมวลผลโดยวิทยาลัยเจ้าภาพในประเทศจีน และเปิดเผยแก่สถาบันพันธมิตรที่ระบุเป็นผู้รับในประกาศนี้ในประเทศของสถาบันนั้น เราขอความยินยอมในเรื่องนี้แยกต่างหากตามที่ PIPL ของจีน (มาตรา 38–39) PDPA ของไทย (มาตรา 28–29) และ PDPA ของมาเลเซีย (มาตรา 129) กำหนด ข่าวสารโครงการ (ไม่บังคับ): อีเมลเกี่ยวกับโครงการในอนาคต ท่านปฏิเสธหรือถอนได้ทุกเมื่อโดยไม่มีผลเสียใด ๆ',
      'ผู้รับข้อมูล วิทยาลัยเจ้าภาพในประเทศจีน และสถาบันพันธมิตรของท่านรวมถึงสถาบันพันธมิตรอื่นที่ระบุเป็นผู้รับในประกาศฉบับนี้ ในประเทศของแต่ละสถาบัน ผู้ที่ท่านให้รหัสตรวจสอบสามารถตรวจสอบประกาศนียบัตรได้',
      'สิทธิของท่าน ท่านขอเข้าถึงและขอรับสำเนาข้อมูล ขอแก้ไข ขอลบ และถอนความยินยอมได้ (PDPA ของไทย มาตรา 30–33, PDPA ของมาเลเซีย มาตรา 30–43A, PIPL ของจีน มาตรา 44–47) การถอนความยินยอมที่ไม่บังคับมีผลทันที การถอนความยินยอมต่อการบริหารโครงการหรือการส่งข้อมูลไปต่างประเทศหมายความว่าเราไม่สามารถจัดโครงการให้ท่านได้อีก จึงทำโดยการยื่นคำขอลบบัญชี ซึ่งเราจะตอบภายใน 30 วัน ท่านยังร้องเรียนต่อหน่วยงานคุ้มครองข้อมูลส่วนบุคคลของประเทศท่านได้',
      `ระยะเวลาการเก็บรักษา เราเก็บข้อมูลของท่านตลอดเวลาที่ท่านเข้าร่วมโครงการ และอีก ${years} ปีหลังจากกิจกรรมครั้งสุดท้าย จากนั้นจะทำให้เป็นข้อมูลนิรนาม ประกาศนียบัตรยังตรวจสอบได้ต่อไป (เก็บเฉพาะสิ่งที่พิมพ์ไว้บนประกาศนียบัตร) เว้นแต่ท่านจะขอเป็นอย่างอื่นเมื่อยื่นคำขอลบ`,
      'ติดต่อ หากมีคำถามหรือคำขอเกี่ยวกับข้อมูลส่วนบุคคลของท่าน โปรดติดต่อผู้ประสานงานด้านการคุ้มครองข้อมูลที่ระบุในประกาศนี้',
    ].join('\n\n'),
    ms: [
      'Siapa kami. Kolej tuan rumah yang mengendalikan laman Skillbridge ini (pengawal data) menganjurkan kem latihan dan kursus luar negara di China bersama institusi rakan kongsi di negara lain. Notis ini menerangkan data peribadi anda yang kami simpan, sebabnya, siapa yang menerimanya, berapa lama kami menyimpannya dan apakah hak anda.',
      'Apa yang kami kumpul. Nama anda (dalam tulisan anda sendiri dan huruf Rumi), alamat e-mel, kewarganegaraan, institusi rakan kongsi, bahasa dan zon waktu pilihan; pendaftaran anda dan keputusan ke atasnya; kehadiran, markah penilaian dan sijil; dan, bagi kem yang mengumpulnya dan hanya dengan persetujuan berasingan anda, butiran perjalanan, pasport, pemakanan dan hubungan kecemasan. Kami juga merekod log masuk dan kakitangan yang melihat rekod anda.',
      'Mengapa (tujuan). Pentadbiran program (wajib): pendaftaran, kehadiran, penilaian dan sijil. Pemindahan rentas sempadan (wajib untuk menyertai): data anda disimpan dan diproses oleh kolej tuan rumah di China dan dikongsi dengan institusi rakan kongsi yang dinamakan sebagai penerima dalam notis ini, di negara masing-masing; kami meminta persetujuan ini secara berasingan seperti yang dikehendaki PIPL China (perkara 38–39), PDPA Thailand (s.28–29) dan PDPA Malaysia (s.129). Berita program (pilihan): e-mel tentang program akan datang; anda boleh menolak atau menariknya balik pada bila-bila masa tanpa sebarang akibat.',
      'Siapa yang menerima. Kolej tuan rumah di China, dan institusi rakan kongsi anda bersama institusi rakan kongsi lain yang disenaraikan sebagai penerima dalam versi notis ini, masing-masing di negaranya. Sijil boleh disemak oleh sesiapa yang anda berikan kod pengesahan.',
      'Hak anda. Anda boleh meminta akses kepada dan salinan data anda, pembetulan dan pemadamannya, serta menarik balik persetujuan anda (PDPA Thailand s.30–33, PDPA Malaysia s.30–43A, PIPL China perkara 44–47). Menarik balik persetujuan pilihan berkuat kuasa serta-merta. Menarik balik persetujuan kepada pentadbiran program atau pemindahan bermakna kami tidak lagi dapat menjalankan program untuk anda: ia dibuat melalui permintaan untuk memadam akaun anda, yang dijawab dalam 30 hari. Anda juga boleh mengadu kepada pihak berkuasa perlindungan data negara anda.',
      `Berapa lama kami menyimpannya. Data anda disimpan selagi anda menyertai program dan selama ${years} tahun selepas aktiviti terakhir anda, kemudian dinyahnamakan. Sijil kekal boleh disahkan selepas itu (hanya apa yang tercetak padanya disimpan) melainkan anda meminta sebaliknya semasa memohon pemadaman.`,
      'Hubungi. Tulis kepada pegawai perlindungan data yang dinamakan dalam notis ini untuk sebarang soalan atau permintaan tentang data peribadi anda.',
    ].join('\n\n'),
  };
}
