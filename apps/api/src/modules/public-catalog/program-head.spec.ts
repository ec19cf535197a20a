import type { PublicProgram } from '@skillbridge/contracts';
import { escapeHtml, pageLocale, programDescription, renderProgramHead } from './program-head';

const INDEX =
  '<!doctype html>\n<html lang="en">\n  <head>\n    <title>Skillbridge</title>\n' +
  '    <meta\n      name="description"\n      content="Skillbridge."\n    />\n  </head>\n  <body><sb-root></sb-root></body>\n</html>\n';

const PROGRAM: PublicProgram = {
  id: 'p1',
  code: 'CAMP 2031/1',
  kind: 'camp',
  title: { en: 'Youth camp', zh: '青年训练营' },
  deliveryMode: 'onsite',
  timezone: 'Asia/Shanghai',
  startDate: '2031-07-06',
  endDate: '2031-07-12',
  hostInstitution: { id: 'h1', name: { en: 'Tongren Polytechnic College', zh: '铜仁职业技术学院' } },
  seats: { capacity: 40, available: 40 },
};

describe('the head of /p/:code', () => {
  it('picks ?lang= first, then Accept-Language among our four, then English', () => {
    expect(pageLocale('th', 'zh-CN')).toBe('th');
    expect(pageLocale('xx', 'zh-CN,zh;q=0.9')).toBe('zh');
    expect(pageLocale(['th'], 'ms-MY')).toBe('ms');
    expect(pageLocale(undefined, 'de-DE,fr;q=0.5')).toBe('en');
    expect(pageLocale(undefined, undefined)).toBe('en');
  });

  it('describes a program without a summary by its kind, host and dates in the language', () => {
    expect(programDescription(PROGRAM, 'zh')).toBe('铜仁职业技术学院 培训营，2031年7月6日 – 2031年7月12日。');
    expect(programDescription(PROGRAM, 'th')).toContain('พ.ศ. 2574');
  });

  it('replaces the title, description and lang, adds Open Graph and Twitter tags, and keeps the app', () => {
    const html = renderProgramHead(INDEX, PROGRAM, 'zh', 'https://sb.example.edu.cn');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>青年训练营 · Skillbridge</title>');
    expect(html).toContain('<meta property="og:url" content="https://sb.example.edu.cn/p/CAMP%202031%2F1?lang=zh" />');
    expect(html).toContain(
      '<meta property="og:image" content="https://sb.example.edu.cn/api/v1/public/programs/CAMP%202031%2F1/share.png?lang=zh" />',
    );
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image" />');
    expect(html.match(/name="description"/g)).toHaveLength(1);
    expect(html).toContain('<sb-root></sb-root>');
  });

  it('escapes everything it writes', () => {
    expect(escapeHtml(`<a href="x">Tom's & co</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;');
    // A `$&` in a title is text, not a replacement pattern.
    const html = renderProgramHead(INDEX, { ...PROGRAM, title: { en: 'Save $& win $1' } }, 'en', 'https://x');
    expect(html).toContain('<title>Save $&amp; win $1 · Skillbridge</title>');
  });
});
