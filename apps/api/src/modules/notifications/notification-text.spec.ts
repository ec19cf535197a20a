import type { Locale } from '@skillbridge/contracts';
import { LinkifyIt } from 'linkify-it';
import { renderEmail, notificationText } from './notification-text';
import { retryDelay } from './outbox-worker';

const URL = 'https://skillbridge.example.edu.cn';
const title = { en: 'Cross-border e-commerce camp', zh: '跨境电商训练营', th: 'ค่ายอีคอมเมิร์ซข้ามพรมแดน' };

describe('notification wording', () => {
  it('picks the program title in the reader’s language, falling back to English', () => {
    const facts = { kind: 'enrolment-confirmed' as const, params: { programTitle: title, programCode: 'CBEC-24' } };
    expect(notificationText(facts, 'zh', 'UTC', URL).title).toBe('您的名额已确认：跨境电商训练营');
    expect(notificationText(facts, 'th', 'UTC', URL).title).toBe('ยืนยันที่นั่งของคุณแล้ว: ค่ายอีคอมเมิร์ซข้ามพรมแดน');
    expect(notificationText(facts, 'ms', 'UTC', URL).title).toBe('Tempat anda disahkan: Cross-border e-commerce camp');
  });

  it('says until when a copy of one’s data can be downloaded, in the reader’s zone and calendar (Thai: Buddhist era)', () => {
    const facts = {
      kind: 'data-export-ready' as const,
      params: { name: 'นก', expiresAt: '2025-01-09T03:00:00.000Z', link: '/profile#data-copy' },
    };
    const th = notificationText(facts, 'th', 'Asia/Bangkok', URL);
    expect(th.title).toBe('สำเนาข้อมูลของคุณพร้อมแล้ว');
    expect(th.lines[0]).toContain('2568');
    expect(th.lines[0]).toContain('10:00');
    expect(th.link).toBe('/profile#data-copy');
    const mail = renderEmail({ ...facts, locale: 'ms', timeZone: 'Asia/Kuala_Lumpur' }, URL);
    expect(mail.subject).toContain('Salinan data anda sudah sedia');
    expect(mail.text).toContain(`${URL}/profile#data-copy`);
    expect(mail.text).toContain('11:00');
  });

  it('words a program’s cancellation for whom it concerns: trainee, partner (with their count), instructor', () => {
    const facts = (params: Record<string, unknown>) => ({
      kind: 'program-cancelled' as const,
      params: { programTitle: title, programCode: 'CBEC-24', ...params },
    });
    expect(notificationText(facts({ audience: 'trainee' }), 'zh', 'UTC', URL).lines).toEqual([
      '跨境电商训练营（CBEC-24）已取消，其所有课次均不再举行。',
      '您在该项目中的报名已随之结束，无需任何操作。',
    ]);
    expect(notificationText(facts({ audience: 'partner', count: 3 }), 'en', 'UTC', URL).lines[1]).toBe(
      "Enrolments of your institution's people that it ended: 3. Each of them has been told.",
    );
    // Instructors, and notices written before the audience was stored, keep the one plain line.
    for (const params of [{ audience: 'instructor' }, {}]) {
      expect(notificationText(facts(params), 'en', 'UTC', URL).lines).toEqual([
        'Cross-border e-commerce camp (CBEC-24) has been cancelled. None of its sessions will take place.',
      ]);
    }
  });

  const moved = {
    kind: 'session-changed' as const,
    params: {
      programTitle: title,
      programCode: 'CBEC-24',
      sessionTitle: { en: 'Live-stream selling' },
      startsAt: '2024-07-08T06:00:00.000Z',
      endsAt: '2024-07-08T08:00:00.000Z',
      previousStartsAt: '2024-07-08T01:00:00.000Z',
      previousEndsAt: '2024-07-08T03:00:00.000Z',
      venue: null,
      meetingUrl: null,
      previousVenue: null,
      previousMeetingUrl: null,
    },
  };
  const THIN = '\u2009';

  it('shows a session’s new and old time in the reader’s zone, the day with its year', () => {
    const bangkok = notificationText(moved, 'en', 'Asia/Bangkok', URL).lines;
    expect(bangkok.slice(1)).toEqual([
      `When: Mon, Jul 8, 2024, 13:00${THIN}–${THIN}15:00 GMT+7`,
      `Before: Mon, Jul 8, 2024, 08:00${THIN}–${THIN}10:00 GMT+7`,
    ]);
    const shanghai = notificationText(moved, 'en', 'Asia/Shanghai', URL).lines;
    expect(shanghai[1]).toBe(`When: Mon, Jul 8, 2024, 14:00${THIN}–${THIN}16:00 GMT+8`);
  });

  it('writes the time as each language does: the zone once, after the times, and the year (Buddhist in Thai)', () => {
    const when = (locale: Locale, zone: string) => notificationText(moved, locale, zone, URL).lines.slice(1);
    expect(when('zh', 'Asia/Shanghai')).toEqual([
      '时间：2024年7月8日周一 14:00–16:00（GMT+8）',
      '原时间：2024年7月8日周一 09:00–11:00（GMT+8）',
    ]);
    expect(when('th', 'Asia/Bangkok')).toEqual([
      'เวลา: จันทร์ 8 ก.ค. 2567 13:00–15:00 GMT+7',
      'เวลาเดิม: จันทร์ 8 ก.ค. 2567 08:00–10:00 GMT+7',
    ]);
    expect(when('ms', 'Asia/Kuala_Lumpur')).toEqual([
      'Masa: Isn, 8 Jul 2024, 14:00–16:00 MYT',
      'Sebelum ini: Isn, 8 Jul 2024, 09:00–11:00 MYT',
    ]);
  });

  it('names the day a session ends on when it runs past midnight', () => {
    const late = {
      ...moved,
      params: { ...moved.params, startsAt: '2024-07-08T14:00:00.000Z', endsAt: '2024-07-08T17:00:00.000Z' },
    };
    expect(notificationText(late, 'zh', 'Asia/Shanghai', URL).lines[1]).toBe(
      '时间：2024年7月8日周一 22:00 – 2024年7月9日周二 01:00（GMT+8）',
    );
  });

  it('says only where, when only the place changed', () => {
    const at = { startsAt: '2024-07-08T06:00:00.000Z', endsAt: '2024-07-08T08:00:00.000Z' };
    const lines = notificationText(
      {
        kind: 'session-changed',
        params: {
          programTitle: title,
          sessionTitle: { en: 'Field visit' },
          ...at,
          previousStartsAt: at.startsAt,
          previousEndsAt: at.endsAt,
          venue: 'Hall B',
          previousVenue: 'Hall A',
        },
      },
      'en',
      'UTC',
      URL,
    ).lines;
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^When: /), 'Where: Hall B', 'Before: Hall A']);
  });

  it('never carries a meeting link: says the session is online, and when its link changed', () => {
    const at = { startsAt: '2024-07-08T06:00:00.000Z', endsAt: '2024-07-08T08:00:00.000Z' };
    const base = { programTitle: title, sessionTitle: { en: 'Live-stream selling' }, ...at };
    const changed = { previousStartsAt: at.startsAt, previousEndsAt: at.endsAt };
    const lines = (params: Record<string, unknown>) =>
      notificationText({ kind: 'session-changed', params: { ...base, ...changed, ...params } }, 'en', 'UTC', URL).lines;
    const online = 'Where: online (the meeting link is in Skillbridge)';
    const linkChanged = 'The meeting link has changed: open Skillbridge for the new one.';
    // As the Notifier writes them now: flags, no link.
    expect(lines({ online: true, previousOnline: true, meetingLinkChanged: true }).slice(1)).toEqual([
      expect.stringMatching(/^When: /),
      online,
      linkChanged,
    ]);
    expect(lines({ venue: 'Hall B', online: false, previousOnline: true, meetingLinkChanged: false }).slice(2)).toEqual(
      ['Where: Hall B', 'Before: online (the meeting link is in Skillbridge)'],
    );
    // As notices written before stored them: with the links, which are still not shown.
    const old = lines({
      meetingUrl: 'https://meeting.example.edu.cn/room/2',
      previousMeetingUrl: 'https://meeting.example.edu.cn/room/1',
    });
    expect(old.slice(1)).toEqual([expect.stringMatching(/^When: /), online, linkChanged]);
    expect(old.join('\n')).not.toContain('meeting.example');
    expect(
      lines({
        meetingUrl: 'https://meeting.example.edu.cn/room/1',
        previousMeetingUrl: 'https://meeting.example.edu.cn/room/1',
      }),
    ).not.toContain(linkChanged);
  });

  it('keeps what people typed as they typed it in the app', () => {
    const facts = {
      kind: 'enrolment-rejected' as const,
      params: {
        programTitle: { en: 'Camp at www.x.co' },
        programCode: 'CBEC-24',
        reason: 'see evil.example.com/login',
      },
    };
    const inApp = notificationText(facts, 'en', 'UTC', URL);
    expect(inApp.title).toBe('Application not accepted: Camp at www.x.co');
    expect(inApp.lines).toContain('Reason: see evil.example.com/login');
  });

  it('makes what people typed unlinkable in both parts of the e-mail; only the system’s links are links', () => {
    const mail = renderEmail(
      {
        kind: 'enrolment-rejected',
        locale: 'en',
        timeZone: 'Asia/Bangkok',
        params: {
          programTitle: { en: 'Camp at www.x.co' },
          programCode: 'CBEC-24',
          name: 'admin@evil.example.com',
          reason: 'see evil.example.com/login or https://evil.example.com/reset <script>alert(1)</script>',
          link: '/my/programs',
        },
      },
      URL,
    );
    const linkifier = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true });
    const links = (text: string) => (linkifier.match(text) ?? []).map((m) => m.url);
    const visible = (text: string) => text.replace(/\u200c/g, '');
    expect(links(mail.subject)).toEqual([]);
    expect(visible(mail.subject)).toBe('Application not accepted: Camp at www.x.co · Skillbridge');
    expect(links(mail.text)).toEqual([`${URL}/my/programs`, `${URL}/profile`, `${URL}/privacy`]);
    expect(visible(mail.text)).toContain(
      'Reason: see evil.example.com/login or https://evil.example.com/reset <script>alert(1)</script>',
    );
    expect(visible(mail.text)).toContain('Hello admin@evil.example.com,');
    const hrefs = [...mail.html.matchAll(/<a\b[^>]*href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([`${URL}/my/programs`, `${URL}/profile`, `${URL}/privacy`]);
    expect(mail.html.match(/<a\b/g)).toHaveLength(3);
    expect(mail.html).not.toContain('<script');
    const htmlText = mail.html
      .replace(/<(title|style)[^>]*>[\s\S]*?<\/\1>/g, '')
      .replace(/<[^>]*>/g, '')
      .replace(/&zwnj;/g, '\u200c')
      .replace(/&[a-z]+;|&#\d+;/g, ' ');
    expect(links(htmlText)).toEqual([`${URL}/profile`, `${URL}/privacy`]);
    expect(links(mail.html.match(/<title>(.*)<\/title>/)?.[1] ?? '')).toEqual([]);
  });

  it('renders e-mail with escaped names, a link to the app, and the product name', () => {
    const mail = renderEmail(
      {
        kind: 'application-received',
        locale: 'en',
        timeZone: 'Asia/Bangkok',
        params: {
          programTitle: title,
          programCode: 'CBEC-24',
          name: 'Somchai <b>',
          traineeName: 'ฟ้า & ดาว',
          traineeNameLatin: 'Fah "Dao"',
          link: '/partner/applications',
        },
      },
      URL,
    );
    expect(mail.subject).toBe('New application: ฟ้า & ดาว (Fah "Dao") · Skillbridge');
    expect(mail.text).toContain('Hello Somchai <b>,');
    expect(mail.text).toContain(`Open Skillbridge: ${URL}/partner/applications`);
    expect(mail.html).toContain('Hello Somchai &lt;b&gt;,');
    expect(mail.html).toContain('ฟ้า &amp; ดาว (Fah &quot;Dao&quot;)');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain(`href="${URL}/partner/applications"`);
    expect(mail.html).toContain(`href="${URL}/profile"`);
  });
});

describe('nomination wording (issue 22)', () => {
  const base = {
    programTitle: title,
    programCode: 'CBEC-24',
    traineeName: 'สมชาย ใจดี',
    traineeNameLatin: 'Somchai Jaidee',
  };

  it('tells the nominee about themself and the partner about the nominee, by name', () => {
    const trainee = notificationText(
      { kind: 'enrolment-nominated', params: { ...base, audience: 'trainee' } },
      'en',
      'UTC',
      URL,
    );
    expect(trainee.title).toBe('Nominated: Cross-border e-commerce camp');
    expect(trainee.lines[0]).toContain('Your institution nominated you');
    const partner = notificationText(
      { kind: 'enrolment-nominated', params: { ...base, audience: 'partner' } },
      'zh',
      'UTC',
      URL,
    );
    expect(partner.title).toBe('已推荐：สมชาย ใจดี (Somchai Jaidee)');
    expect(partner.lines[0]).toContain('CBEC-24');
  });

  it('tells the partner how the host decided, in each language, with the reason of a decline', () => {
    for (const locale of ['en', 'zh', 'th', 'ms'] as Locale[]) {
      const titles = (['confirmed', 'waitlisted', 'rejected'] as const).map(
        (status) =>
          notificationText({ kind: 'nomination-decided', params: { ...base, status } }, locale, 'UTC', URL).title,
      );
      expect(new Set(titles).size).toBe(3);
      for (const words of titles) expect(words).toContain('Somchai Jaidee');
    }
    const declined = notificationText(
      { kind: 'nomination-decided', params: { ...base, status: 'rejected', reason: 'Final-year students only' } },
      'th',
      'UTC',
      URL,
    );
    expect(declined.title).toBe('ไม่รับการเสนอชื่อ: สมชาย ใจดี (Somchai Jaidee)');
    expect(declined.lines).toHaveLength(2);
    expect(declined.lines[1]).toContain('Final-year students only');
  });
});

describe('retry delay', () => {
  it('doubles from the base with jitter and stops growing at an hour', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 30_000, middle))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelay(30, 30_000, middle)).toBe(3_600_000);
    expect(retryDelay(1, 30_000, () => 0)).toBe(24_000);
    expect(retryDelay(1, 30_000, () => 1)).toBe(36_000);
  });
});
