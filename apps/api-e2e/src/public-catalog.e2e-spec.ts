import { Role, type Page, type Program, type PublicProgram, type PublicProgramDetail } from '@skillbridge/contracts';
import jsQR from 'jsqr';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { readPdf } from '@skillbridge/api/modules/certificates/pdf/testing/read-pdf';
import { Cast, createCast, createSignedIn } from './factories/accounts';
import { createProgram, createSession, uniqueCode } from './factories/programs';
import { api, binary, startTestApp, TestApp } from './support/test-app';

// Rendering images and posters (and reading them back with pdf.js) takes a while on a loaded two-core machine.
jest.setTimeout(120_000);

const PUBLIC_URL = 'https://skillbridge.example.edu.cn';
const PROGRAM_LINK = 'https://meeting.example.edu.cn/room/public-program';
const SESSION_LINK = 'https://meeting.example.edu.cn/room/public-session';
const INDEX_HTML =
  '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8" />\n    <title>Skillbridge</title>\n' +
  '    <meta\n      name="description"\n      content="Skillbridge: training."\n    />\n  </head>\n' +
  '  <body>\n    <sb-root></sb-root>\n  </body>\n</html>\n';

/** Every `content="…"` of a meta tag with this property or name, unescaped. */
function metaContent(html: string, key: string): string[] {
  const pattern = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`, 'g');
  return [...html.matchAll(pattern)].map((m) =>
    m[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

describe('the open catalog (issue 22)', () => {
  let t: TestApp;
  let webRoot: string;
  let cast: Cast;
  /** Open to anyone, with a meeting link and sessions (one cancelled). */
  let camp: Program;
  let course: Program;
  let partnerOnly: Program;
  let draft: Program;
  let hostile: Program;
  const tag = uniqueCode('CAT');

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'sb-web-'));
    writeFileSync(join(webRoot, 'index.html'), INDEX_HTML);
    t = await startTestApp({ PUBLIC_URL, WEB_ROOT: webRoot, CATALOG_RATE_LIMIT_PER_MINUTE: '10000' });
    cast = await createCast(t);
    camp = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      {
        code: `${tag}-CAMP`,
        kind: 'camp',
        title: {
          en: 'Cross-border e-commerce youth camp',
          zh: '跨境电商青年训练营',
          th: 'ค่ายเยาวชนอีคอมเมิร์ซข้ามพรมแดน',
        },
        summary: { en: 'A week in Tongren.', th: 'หนึ่งสัปดาห์ที่ถงเหริน' },
        deliveryMode: 'hybrid',
        timezone: 'Asia/Shanghai',
        startDate: '2031-07-06',
        endDate: '2031-07-12',
        venue: 'Tongren Polytechnic College, Hall A',
        meetingUrl: PROGRAM_LINK,
        capacity: 40,
        enrolmentClosesAt: '2031-06-30T23:59:00+08:00',
      },
      { publish: true },
    );
    await createSession(t, cast.admin.auth, camp.id, {
      title: { en: 'Opening', th: 'พิธีเปิด' },
      type: 'ceremony',
      startsAt: '2031-07-06T09:00:00+08:00',
      endsAt: '2031-07-06T10:00:00+08:00',
      meetingUrl: SESSION_LINK,
    });
    const cancelled = await createSession(t, cast.admin.auth, camp.id, {
      title: { en: 'Company visit' },
      type: 'field-visit',
      startsAt: '2031-07-07T09:00:00+08:00',
      endsAt: '2031-07-07T12:00:00+08:00',
      meetingUrl: SESSION_LINK,
    });
    await t.http
      .post(api(`/sessions/${cancelled.id}/cancel`))
      .set(cast.admin.auth)
      .send({ reason: 'The company is closed' })
      .expect(200);
    course = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { code: `${tag}-COURSE`, kind: 'course', startDate: '2031-09-01', endDate: '2031-09-03', capacity: 10 },
      { publish: true },
    );
    partnerOnly = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      {
        code: `${tag}-PARTNER`,
        startDate: '2031-08-01',
        endDate: '2031-08-02',
        partnerInstitutionIds: [cast.partnerA.id],
      },
      { publish: true },
    );
    draft = await createProgram(t, cast.admin.auth, cast.host, {
      code: `${tag}-DRAFT`,
      startDate: '2031-08-01',
      endDate: '2031-08-02',
    });
    hostile = await createProgram(
      t,
      cast.admin.auth,
      cast.host,
      {
        code: `${tag}-XSS`,
        startDate: '2032-01-10',
        endDate: '2032-01-11',
        title: { en: `</title><script>alert("x")</script> Tom's "camp" & more` },
        summary: { en: '"><img src=x onerror=alert(1)>' },
      },
      { publish: true },
    );
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const list = (query: Record<string, string | number>) =>
    t.http.get(api('/public/programs')).query({ q: tag, ...query });

  describe('GET /public/programs', () => {
    it('answers without a token: published programs open to anyone, soonest first, never partner-only or drafts', async () => {
      const res = await list({}).expect(200);
      const codes = (res.body as Page<PublicProgram>).items.map((p) => p.code);
      expect(codes).toEqual([camp.code, course.code, hostile.code]);
      expect(codes).not.toContain(partnerOnly.code);
      expect(codes).not.toContain(draft.code);
    });

    it('carries the public shape: seats anyone may take and the window, the host by name', async () => {
      const res = await list({ kind: 'camp' }).expect(200);
      expect(res.body.items).toEqual([
        {
          id: camp.id,
          code: camp.code,
          kind: 'camp',
          title: camp.title,
          summary: camp.summary,
          deliveryMode: 'hybrid',
          timezone: 'Asia/Shanghai',
          startDate: '2031-07-06',
          endDate: '2031-07-12',
          venue: 'Tongren Polytechnic College, Hall A',
          enrolmentClosesAt: '2031-06-30T15:59:00.000Z',
          hostInstitution: { id: cast.host.id, name: { en: 'Tongren Polytechnic College' } },
          seats: { capacity: 40, available: 40 },
        },
      ]);
    });

    it('filters by kind, by words of the title in any language, and by dates or instants', async () => {
      expect((await list({ kind: 'course' }).expect(200)).body.items.map((p: PublicProgram) => p.code)).toEqual([
        course.code,
        hostile.code,
      ]);
      const thai = await t.http.get(api('/public/programs')).query({ q: 'อีคอมเมิร์ซข้ามพรมแดน' }).expect(200);
      expect(thai.body.items.map((p: PublicProgram) => p.code)).toContain(camp.code);
      const codes = async (query: Record<string, string>) =>
        (await list(query).expect(200)).body.items.map((p: PublicProgram) => p.code);
      expect(await codes({ from: '2031-08-01' })).toEqual([course.code, hostile.code]);
      expect(await codes({ to: '2031-07-06' })).toEqual([camp.code]);
      expect(await codes({ from: '2031-07-12', to: '2031-09-01' })).toEqual([camp.code, course.code]);
      // An instant is read as its date in each program's zone (Shanghai, UTC+8): 15:30 UTC on 12 July is still the
      // 12th there (the camp's last day), 16:30 UTC is the 13th; 15:00 UTC on 31 August is still 31 August.
      expect(await codes({ from: '2031-07-12T15:30:00Z', to: '2031-08-31T15:00:00Z' })).toEqual([camp.code]);
      expect(await codes({ from: '2031-07-12T16:30:00Z', to: '2031-08-31T15:00:00Z' })).toEqual([]);
      // 16:30 UTC on 31 August is 1 September in Shanghai: the course starts that day.
      expect(await codes({ from: '2031-07-13', to: '2031-08-31T16:30:00Z' })).toEqual([course.code]);
    });

    it('refuses bad filters with a 400 naming the field', async () => {
      for (const [field, value] of [
        ['from', 'yesterday'],
        ['to', '2031-02-30'],
        ['kind', 'party'],
        ['limit', '0'],
        ['cursor', 'not-a-cursor'],
      ]) {
        const res = await t.http.get(api('/public/programs')).query({ [field]: value });
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });

    it('pages with a keyset cursor, each program once', async () => {
      const first = await list({ limit: 2 }).expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await list({ limit: 2, cursor: first.body.nextCursor }).expect(200);
      expect(second.body.nextCursor).toBeNull();
      expect([...first.body.items, ...second.body.items].map((p: PublicProgram) => p.code)).toEqual([
        camp.code,
        course.code,
        hostile.code,
      ]);
    });

    it('counts only the seats anyone may take: a partner quota keeps its unused seats out', async () => {
      const quota = await createProgram(
        t,
        cast.admin.auth,
        cast.host,
        {
          code: `${tag}-QUOTA`,
          startDate: '2033-01-01',
          endDate: '2033-01-02',
          capacity: 10,
          partnerQuotas: [{ institutionId: cast.partnerB.id, seats: 4 }],
        },
        { publish: true },
      );
      const res = await t.http.get(api(`/public/programs/${quota.code}`)).expect(200);
      expect(res.body.seats).toEqual({ capacity: 10, available: 6 });
    });
  });

  describe('GET /public/programs/:code', () => {
    it('gives the agenda with cancelled sessions marked, and no meeting link anywhere', async () => {
      const res = await t.http.get(api(`/public/programs/${camp.code}`)).expect(200);
      const body = res.body as PublicProgramDetail;
      expect(body.sessions.map((s) => [s.title.en, s.type, s.status, s.startsAt])).toEqual([
        ['Opening', 'ceremony', 'scheduled', '2031-07-06T01:00:00.000Z'],
        ['Company visit', 'field-visit', 'cancelled', '2031-07-07T01:00:00.000Z'],
      ]);
      expect(res.text).not.toContain('meeting.example.edu.cn');
      expect(res.text).not.toContain('meetingUrl');
    });

    it('never tells counts by institution or by status, nor other institutions', async () => {
      // A partner-A trainee applies: the public answer stays capacity and free seats only.
      const trainee = await createSignedIn(t, { role: Role.Trainee, institutionId: cast.partnerA.id });
      await t.http
        .post(api(`/programs/${camp.id}/enrolments`))
        .set(trainee.auth)
        .send({})
        .expect(201);
      const res = await t.http.get(api(`/public/programs/${camp.code}`)).expect(200);
      for (const secret of [
        cast.partnerA.id,
        cast.partnerB.id,
        'pending',
        'waitlisted',
        'confirmed',
        'byInstitution',
      ]) {
        expect({ secret, found: res.text.includes(secret) }).toEqual({ secret, found: false });
      }
      expect(Object.keys(res.body.seats).sort()).toEqual(['available', 'capacity']);
    });

    it('answers 404 for a draft, a partner-only program and an unknown code, even to a signed-in admin', async () => {
      for (const code of [draft.code, partnerOnly.code, 'NO-SUCH-CODE']) {
        await t.http.get(api(`/public/programs/${code}`)).expect(404);
        await t.http
          .get(api(`/public/programs/${code}`))
          .set(cast.admin.auth)
          .expect(404);
      }
    });
  });

  describe('the page /p/:code', () => {
    it('carries the program’s head in the language of ?lang=', async () => {
      const res = await t.http.get(`/p/${camp.code}?lang=th`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const html = res.text;
      expect(html).toContain('<html lang="th">');
      expect(html).toContain('<title>ค่ายเยาวชนอีคอมเมิร์ซข้ามพรมแดน · Skillbridge</title>');
      expect(metaContent(html, 'og:title')).toEqual(['ค่ายเยาวชนอีคอมเมิร์ซข้ามพรมแดน']);
      expect(metaContent(html, 'og:description')).toEqual(['หนึ่งสัปดาห์ที่ถงเหริน']);
      expect(metaContent(html, 'og:url')).toEqual([`${PUBLIC_URL}/p/${camp.code}?lang=th`]);
      expect(metaContent(html, 'og:image')).toEqual([
        `${PUBLIC_URL}/api/v1/public/programs/${camp.code}/share.png?lang=th`,
      ]);
      expect(metaContent(html, 'og:type')).toEqual(['website']);
      expect(metaContent(html, 'og:locale')).toEqual(['th_TH']);
      expect(metaContent(html, 'twitter:card')).toEqual(['summary_large_image']);
      // The app itself is still there.
      expect(html).toContain('<sb-root></sb-root>');
      expect(html).not.toContain('meeting.example.edu.cn');
    });

    it('follows Accept-Language without ?lang=, and falls back to English', async () => {
      const zh = await t.http.get(`/p/${camp.code}`).set('Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.5').expect(200);
      expect(zh.text).toContain('<html lang="zh-CN">');
      expect(metaContent(zh.text, 'og:title')).toEqual(['跨境电商青年训练营']);
      expect(metaContent(zh.text, 'og:locale')).toEqual(['zh_CN']);
      // No Chinese summary: the reader's fallback (English first).
      expect(metaContent(zh.text, 'og:description')).toEqual(['A week in Tongren.']);
      expect(metaContent(zh.text, 'og:url')).toEqual([`${PUBLIC_URL}/p/${camp.code}?lang=zh`]);
      const de = await t.http.get(`/p/${camp.code}`).set('Accept-Language', 'de-DE').expect(200);
      expect(metaContent(de.text, 'og:title')).toEqual(['Cross-border e-commerce youth camp']);
      expect(de.text).toContain('<html lang="en">');
      // ?lang= wins over the header; an unknown ?lang= does not.
      const ms = await t.http.get(`/p/${camp.code}?lang=ms`).set('Accept-Language', 'th').expect(200);
      expect(ms.text).toContain('<html lang="ms">');
      const bad = await t.http.get(`/p/${camp.code}?lang=xx`).set('Accept-Language', 'th').expect(200);
      expect(bad.text).toContain('<html lang="th">');
    });

    it('escapes the title and the summary', async () => {
      const res = await t.http.get(`/p/${hostile.code}`).expect(200);
      expect(res.text).not.toContain('<script>');
      expect(res.text).not.toContain('<img');
      expect(res.text).toContain('&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tom&#39;s');
      expect(metaContent(res.text, 'og:title')).toEqual([`</title><script>alert("x")</script> Tom's "camp" & more`]);
      expect(metaContent(res.text, 'og:description')).toEqual(['"><img src=x onerror=alert(1)>']);
      // One title element, the rest of the page intact.
      expect(res.text.match(/<title>/g)).toHaveLength(1);
    });

    it('is the plain app with a 404 for a code that names no public program', async () => {
      for (const code of [draft.code, partnerOnly.code, 'NO-SUCH-CODE']) {
        const res = await t.http.get(`/p/${code}`).expect(404);
        expect(res.text).toBe(INDEX_HTML);
      }
    });
  });

  describe('the share image and the poster', () => {
    it('draws a 1200×630 PNG of the title, not blank, cached by ETag', async () => {
      const res = await t.http
        .get(api(`/public/programs/${camp.code}/share.png?lang=th`))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['cache-control']).toMatch(/public/);
      const png = PNG.sync.read(res.body as Buffer);
      expect([png.width, png.height]).toEqual([1200, 630]);
      // Not blank: the title's white letters on the coloured ground.
      let white = 0;
      const colours = new Set<number>();
      for (let i = 0; i < png.data.length; i += 4) {
        const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
        if (r > 240 && g > 240 && b > 240) white++;
        colours.add((r << 16) | (g << 8) | b);
      }
      expect(white).toBeGreaterThan(5_000);
      expect(colours.size).toBeGreaterThan(20);
      const etag = res.headers['etag'];
      expect(etag).toMatch(/^"/);
      await t.http
        .get(api(`/public/programs/${camp.code}/share.png?lang=th`))
        .set('If-None-Match', etag)
        .expect(304);
      // Another language is another image.
      const zh = await t.http.get(api(`/public/programs/${camp.code}/share.png?lang=zh`)).expect(200);
      expect(zh.headers['etag']).not.toBe(etag);
    });

    it('prints an A4 poster in the language, with a QR code of the page that reads back', async () => {
      const res = await t.http
        .get(api(`/public/programs/${camp.code}/poster.pdf?lang=th`))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const reading = await readPdf(res.body as Buffer, { dpi: 150 });
      const page = reading.pages[0];
      const text = page.text.replace(/\s+/g, '');
      for (const expected of ['ค่ายเยาวชนอีคอมเมิร์ซข้ามพรมแดน', '6กรกฎาคมพ.ศ.2574', 'TongrenPolytechnicCollege,HallA']) {
        expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
      }
      const image = page.image;
      if (!image) throw new Error('the page was not rendered');
      expect(jsQR(image.data, image.width, image.height)?.data).toBe(`${PUBLIC_URL}/p/${camp.code}`);
      expect(res.body.toString('latin1')).not.toContain('meeting.example.edu.cn');
    });

    it('answers 404 for what is not public, 400 for an unknown language', async () => {
      await t.http.get(api(`/public/programs/${partnerOnly.code}/share.png`)).expect(404);
      await t.http.get(api(`/public/programs/${draft.code}/poster.pdf`)).expect(404);
      const res = await t.http.get(api(`/public/programs/${camp.code}/poster.pdf?lang=xx`)).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['lang']);
    });
  });

  describe('rate limit', () => {
    let limited: TestApp;
    beforeAll(async () => {
      limited = await startTestApp({ CATALOG_RATE_LIMIT_PER_MINUTE: '3' });
    });
    afterAll(() => limited?.close());

    it('answers 429 with Retry-After past the limit per client, across the catalog’s routes', async () => {
      await limited.http.get(api('/public/programs')).expect(200);
      await limited.http.get(api('/public/programs/NO-SUCH-CODE')).expect(404);
      await limited.http.get(api('/public/programs')).expect(200);
      const refused = await limited.http.get(api('/public/programs/NO-SUCH-CODE/share.png')).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    });
  });
});
