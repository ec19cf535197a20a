// Renders the reviewer sample certificates to PNG (needs poppler-utils' pdftoppm:
// apt-get install poppler-utils). An optional tool for people: neither npm test
// nor CI runs it, and the tests read the PDFs with pdf.js instead.
//   node tools/render-certificate-samples.mjs
// writes apps/api/src/modules/certificates/pdf/__renders__/certificate-{th,my}.png
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
require('./register-ts.cjs');
const { CertificateRenderer } = require('../apps/api/src/modules/certificates/pdf/certificate-pdf.ts');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'apps/api/src/modules/certificates/pdf/__renders__');

const base = {
  serial: 'SB-2024-000123',
  verificationUrl: 'http://localhost:3000/verify/7KQ2M9XDP4',
  issuedOn: '2024-09-20',
  programTitle: {
    zh: '智能制造技术海外研修班',
    en: 'Overseas Training Camp in Smart Manufacturing',
    th: 'หลักสูตรฝึกอบรมเทคโนโลยีการผลิตอัจฉริยะ',
  },
  programStartDate: '2024-09-03',
  programEndDate: '2024-09-13',
  timezone: 'Asia/Shanghai',
  verificationCode: '7KQ2-M9XD-P4WH-3CVN',
  hours: 24,
  basis: { attendanceRate: 0.95, score: 88, passingScore: 60 },
  topics: [
    {
      title: { zh: '工业机器人编程', en: 'Programming industrial robots' },
      startsAt: '2024-09-03T01:00:00Z',
      hours: 3,
    },
    { title: { zh: '数控机床实训', en: 'CNC machining practice' }, startsAt: '2024-09-04T01:00:00Z', hours: 3 },
  ],
  hostName: { zh: '深圳职业技术大学', en: 'Shenzhen Polytechnic University', th: 'มหาวิทยาลัยเทคโนโลยีเซินเจิ้น' },
};
const samples = {
  th: { ...base, holderName: 'นางสาวน้ำฝน ผู้ใหญ่บ้าน', holderNameLatin: 'Namfon Phuyaiban', language: 'th' },
  my: { ...base, holderName: 'မြင့်မြတ် ကြည်', holderNameLatin: 'Myint Myat Kyi', language: 'en' },
};

const renderer = new CertificateRenderer();
const tmp = mkdtempSync(join(tmpdir(), 'certificate-samples-'));
mkdirSync(out, { recursive: true });
try {
  for (const [name, doc] of Object.entries(samples)) {
    const pdf = join(tmp, `certificate-${name}.pdf`);
    writeFileSync(pdf, await renderer.render(doc));
    execFileSync('pdftoppm', ['-r', '110', '-png', '-singlefile', pdf, join(out, `certificate-${name}`)]);
    console.log(`wrote ${join(out, `certificate-${name}.png`)}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
