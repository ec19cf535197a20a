// Renders 1,000 certificates with holder names in many scripts and prints
// the time taken: `node tools/bench/certificates.bench.mjs [count]`.
// Runs the TypeScript sources directly (ts-node, transpile only).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
require('../register-ts.cjs');
const { CertificateRenderer } = require('../../apps/api/src/modules/certificates/pdf/certificate-pdf.ts');

const count = Number(process.argv[2] ?? 1000);
const holders = [
  ['สมศักดิ์ ใจดี', 'Somsak Jaidee'],
  ['ผู้ใหญ่ น้ำฝน ศรีสุข', 'Namfon Srisuk'],
  ['မြင့်မြတ် ကြည်', 'Myint Myat Kyi'],
  ['ស្រីមុំ ម៉ៅ', 'Sreymom Mao'],
  ['ສົມພອນ ແກ້ວມະນີ', 'Somphone Keomany'],
  ['Nguyễn Thị Thuỷ', 'Nguyen Thi Thuy'],
  ['রবীন্দ্রনাথ ঠাকুর', 'Rabindranath Thakur'],
  ['प्रियंका शर्मा', 'Priyanka Sharma'],
  ['عمران خان نیازی', 'Imran Khan Niazi'],
  ['张伟', 'Zhang Wei'],
  ['Nur Aisyah binti Ahmad', undefined],
];
const languages = ['th', 'en', 'ms', 'zh'];
const programs = [
  {
    zh: '智能制造技术海外研修班',
    en: 'Overseas Training Camp in Smart Manufacturing',
    th: 'หลักสูตรฝึกอบรมเทคโนโลยีการผลิตอัจฉริยะ',
    ms: 'Kem Latihan Luar Negara Pembuatan Pintar',
  },
  { zh: '新能源汽车维修技术培训', en: 'New Energy Vehicle Maintenance Training' },
  { en: 'Cross-border E-commerce Operations' },
];
const hosts = [
  { zh: '深圳职业技术大学', en: 'Shenzhen Polytechnic University', th: 'มหาวิทยาลัยเทคโนโลยีเซินเจิ้น' },
  { zh: '广西电力职业技术学院', en: 'Guangxi Electrical Polytechnic Institute' },
];

function doc(i) {
  const [holderName, holderNameLatin] = holders[i % holders.length];
  return {
    serial: `SB-2024-${String(i).padStart(6, '0')}`,
    verificationUrl: `http://localhost:3000/verify/${((i * 2654435761) >>> 0).toString(36).toUpperCase()}`,
    issuedOn: '2024-09-20',
    holderName,
    holderNameLatin,
    programTitle: programs[i % programs.length],
    programStartDate: '2024-09-03',
    programEndDate: '2024-09-13',
    hostName: hosts[i % hosts.length],
    language: languages[i % languages.length],
    revoked: i % 50 === 0,
  };
}

let started = performance.now();
const renderer = new CertificateRenderer();
const loadMs = performance.now() - started;
await renderer.render(doc(0)); // warm-up (JIT, caches)

started = performance.now();
let bytes = 0;
const times = [];
for (let i = 0; i < count; i++) {
  const t = performance.now();
  bytes += (await renderer.render(doc(i))).length;
  times.push(performance.now() - t);
}
const totalMs = performance.now() - started;
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
console.log(`fonts loaded in ${loadMs.toFixed(0)} ms`);
console.log(
  `${count} certificates in ${totalMs.toFixed(0)} ms: ${(totalMs / count).toFixed(2)} ms per certificate (p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms)`,
);
console.log(
  `average PDF size ${(bytes / count / 1024).toFixed(1)} KiB; heap ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB RSS`,
);
