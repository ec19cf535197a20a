import {
  Role,
  SUPPORTED_LOCALES,
  type Locale,
  type MailboxEntry,
  type MailboxMessage,
  type Notification,
  formatVerificationCode,
} from '@skillbridge/contracts';
import { LinkifyIt } from 'linkify-it';
import { randomUUID } from 'node:crypto';
import PostalMime from 'postal-mime';
import { MailboxSender, SmtpSender } from '@skillbridge/api/modules/notifications/mail-sender';
import { renderEmail } from '@skillbridge/api/modules/notifications/notification-text';
import { Notifier } from '@skillbridge/api/modules/notifications/notifier';
import { OutboxWorker } from '@skillbridge/api/modules/notifications/outbox-worker';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createProgram, createSession } from './factories/programs';
import { insertTrainees, uniqueEmail } from './factories/trainees';
import { createPartnerAProgram } from './factories/enrolments';
import { SmtpSink } from './support/smtp-sink';
import { api, startTestApp, TestApp } from './support/test-app';
import { eventually, sleep } from './support/eventually';

type Auth = { Authorization: string };

const PUBLIC_URL = 'https://skillbridge.example.edu.cn';
/** Fast polling and retries, so the outbox's behaviour shows within a test. */
const OUTBOX_ENV = { OUTBOX_POLL_MS: '25', OUTBOX_RETRY_BASE_MS: '100', PUBLIC_URL };

/** A real linkifier (markdown-it's), set to find all it can, as a mail client might: bare domains, e-mail, IPs. */
const linkifier = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true });
const linksIn = (text: string) => (linkifier.match(text) ?? []).map((m) => m.url);
const hrefsIn = (html: string) => [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((m) => m[1]);
/** The text of an HTML body as a reader sees it (the head left out, tags dropped, entities decoded). */
const textOf = (html: string) =>
  html
    .replace(/<head>[\s\S]*<\/head>/, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&zwnj;/g, '\u200c')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
/** The lines of a text part, whichever line ends it came with. */
const linesOf = (text: string) => text.split(/\r?\n/);
/** What a reader sees: the invisible non-joiners that keep typed text from becoming a link left out. */
const visible = (text: string) => text.replace(/\u200c/g, '');

describe('notifications', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    sink = await SmtpSink.start((address) => address.startsWith('bounce-'));
    t = await startTestApp({ ...OUTBOX_ENV, SMTP_URL: sink.url });
    cast = await createCast(t);
  });
  afterAll(async () => {
    await t.close();
    await sink.down();
  });

  /** Waits until the outbox has nothing left to send now, then a few more polls for anything stray. */
  async function settled(app: TestApp = t) {
    await eventually(async () => {
      const [{ due }] = await app.dataSource.query(
        `SELECT count(*)::int AS due FROM notifications WHERE email_status = 'pending'`,
      );
      return due === 0;
    }, 'the outbox to drain');
    await sleep(150);
  }
  const mailTo = async (address: string, count = 1) =>
    eventually(() => sink.to(address).length >= count && sink.to(address), `${count} message(s) to ${address}`);

  const program = (overrides: Parameters<typeof createProgram>[3] = {}) =>
    createProgram(
      t,
      cast.admin.auth,
      cast.host,
      { partnerInstitutionIds: [cast.partnerA.id, cast.partnerB.id], ...overrides },
      { publish: true },
    );
  const apply = async (auth: Auth, programId: string) => {
    const res = await t.http
      .post(api(`/programs/${programId}/enrolments`))
      .set(auth)
      .send({});
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const decide = (auth: Auth, id: string, action: string, body: object = {}) =>
    t.http
      .post(api(`/enrolments/${id}/${action}`))
      .set(auth)
      .send(body);
  const traineeOfA = (overrides: Partial<Parameters<typeof createSignedIn>[1]> = {}) =>
    createSignedIn(t, { institutionId: cast.partnerA.id, ...overrides, role: Role.Trainee });
  const inbox = async (who: SignedIn, query = '') =>
    (await t.http.get(api(`/notifications${query}`)).set(who.auth)).body.items as Notification[];

  describe('events', () => {
    it('an application reaches each partner of the applicant’s institution once, in their language, and nobody else', async () => {
      const zhPartner = await createSignedIn(t, {
        role: Role.Partner,
        institutionId: cast.partnerA.id,
        preferredLocale: 'zh',
      });
      const applicant = await traineeOfA({ fullName: 'Siriporn Chaisit' });
      const p = await program();
      await apply(applicant.auth, p.id);
      await settled();

      const [english] = sink.to(cast.partner.user.email).filter((m) => m.text.includes(p.code));
      expect(english.subject).toBe('New application: Siriporn Chaisit · Skillbridge');
      expect(english.language).toBe('en');
      expect(english.text).toContain(`${PUBLIC_URL}/partner/applications`);
      const [chinese] = sink.to(zhPartner.user.email).filter((m) => m.text.includes(p.code));
      expect(chinese.subject).toContain('新的报名申请');
      expect(chinese.text).toContain('中文与中华文化线上课程');
      expect(chinese.language).toBe('zh');
      for (const address of [cast.partner.user.email, zhPartner.user.email]) {
        expect(sink.to(address).filter((m) => m.text.includes(p.code))).toHaveLength(1);
      }
      expect(sink.to(cast.otherPartner.user.email).filter((m) => m.text.includes(p.code))).toHaveLength(0);
      expect(sink.to(applicant.user.email)).toHaveLength(0);

      const items = await inbox(zhPartner);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ kind: 'application-received', link: '/partner/applications', readAt: null });
      expect(await inbox(cast.otherPartner)).toEqual([]);
    });

    it('approval, wait-list, rejection and promotion each reach the trainee once, in her language', async () => {
      const p = await program({ capacity: 1 });
      const thai = await traineeOfA({ preferredLocale: 'th' });
      const second = await traineeOfA();
      const third = await traineeOfA();
      const [a, b, c] = [await apply(thai.auth, p.id), await apply(second.auth, p.id), await apply(third.auth, p.id)];

      expect((await decide(cast.partner.auth, a, 'approve')).status).toBe(200);
      const [confirmed] = await mailTo(thai.user.email);
      expect(confirmed.subject).toBe('ยืนยันที่นั่งของคุณแล้ว: หลักสูตรภาษาและวัฒนธรรมจีนออนไลน์ · Skillbridge');
      expect(confirmed.language).toBe('th');
      expect(confirmed.text).toContain(`${PUBLIC_URL}/my/programs`);
      expect(confirmed.html).toContain('lang="th"');

      expect((await decide(cast.partner.auth, b, 'approve')).status).toBe(200);
      const [waiting] = await mailTo(second.user.email);
      expect(waiting.subject).toContain('You are on the wait-list');

      expect(
        (await decide(cast.partner.auth, c, 'reject', { reason: 'Quota for our faculty is used up' })).status,
      ).toBe(200);
      const [rejected] = await mailTo(third.user.email);
      expect(rejected.subject).toContain('Application not accepted');
      expect(rejected.text).toContain('Reason: Quota for our faculty is used up');

      // She withdraws herself (no message to her for that); the wait-listed trainee moves up.
      expect((await decide(thai.auth, a, 'withdraw')).status).toBe(200);
      const promoted = await mailTo(second.user.email, 2);
      expect(promoted[1].subject).toContain('A place opened for you');
      await settled();
      expect(sink.to(thai.user.email)).toHaveLength(1);
      expect(sink.to(second.user.email)).toHaveLength(2);
      expect(sink.to(third.user.email)).toHaveLength(1);
      expect((await inbox(second)).map((n) => n.kind)).toEqual(['enrolment-promoted', 'enrolment-waitlisted']);
    });

    it('a trainee without an account hears by e-mail in the language of her record', async () => {
      const p = await program();
      const [traineeId] = await insertTrainees(t.dataSource, 1, {
        institutionId: cast.partnerA.id,
        preferredLocale: 'ms',
      });
      const [{ email }] = await t.dataSource.query('SELECT email FROM trainees WHERE id = $1', [traineeId]);
      const res = await t.http
        .post(api(`/programs/${p.id}/enrolments`))
        .set(cast.partner.auth)
        .send({ traineeId });
      expect(res.status).toBe(201);
      const [message] = await mailTo(email);
      expect(message.subject).toContain('Tempat anda disahkan');
      expect(message.language).toBe('ms');
      const [{ n }] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM notifications WHERE email = $1 AND user_id IS NULL',
        [email],
      );
      expect(n).toBe(1);
    });

    it('a session change reaches confirmed trainees and its instructors with the new time in each one’s zone', async () => {
      const p = await program();
      const teacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
      const session = await createSession(t, cast.admin.auth, p.id, {
        instructorIds: [teacher.user.instructorId as string],
      });
      const bangkok = await traineeOfA();
      const pending = await traineeOfA();
      await t.http.patch(api('/auth/me')).set(bangkok.auth).send({ timeZone: 'Asia/Bangkok', preferredLocale: 'ms' });
      await t.http.patch(api('/auth/me')).set(teacher.auth).send({ timeZone: 'Asia/Shanghai' });
      const enrolment = await apply(bangkok.auth, p.id);
      await decide(cast.partner.auth, enrolment, 'approve');
      await apply(pending.auth, p.id);
      await settled();
      const before = sink.messages.length;

      // A new title alone is not news; a new time is.
      await t.http
        .patch(api(`/sessions/${session.id}`))
        .set(cast.admin.auth)
        .send({ title: { en: 'Renamed' } })
        .expect(200);
      await settled();
      expect(sink.messages.length).toBe(before);
      await t.http
        .patch(api(`/sessions/${session.id}`))
        .set(cast.admin.auth)
        .send({ startsAt: '2024-09-03T14:00:00+08:00', endsAt: '2024-09-03T16:00:00+08:00' })
        .expect(200);
      await settled();

      const [toTrainee] = sink.to(bangkok.user.email).filter((m) => m.subject.includes('Renamed'));
      expect(toTrainee.subject).toBe('Sesi berubah: Renamed · Skillbridge');
      // The day with its year, the zone once after the times (formatZonedRange, as in the web app's agenda).
      expect(linesOf(toTrainee.text)).toEqual(
        expect.arrayContaining([
          'Masa: Sel, 3 Sep 2024, 13:00–15:00 GMT+7',
          'Sebelum ini: Sel, 3 Sep 2024, 08:00–10:00 GMT+7',
        ]),
      );
      const [toTeacher] = sink.to(teacher.user.email);
      expect(toTeacher.subject).toBe('Session changed: Renamed · Skillbridge');
      expect(linesOf(toTeacher.text)).toContain('When: Tue, Sep 3, 2024, 14:00\u2009–\u200916:00 GMT+8');
      expect(toTeacher.text).toContain(`${PUBLIC_URL}/instructor`);
      expect(sink.to(pending.user.email).filter((m) => m.subject.includes('Renamed'))).toHaveLength(0);
      expect(sink.messages.length).toBe(before + 2);
    });

    it('each completer gets one certificate e-mail with its verification link; closing again sends nothing', async () => {
      const p = await program();
      const holder = await traineeOfA();
      await t.http
        .post(api(`/programs/${p.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId: holder.user.traineeId })
        .expect(201);
      await t.http
        .post(api(`/programs/${p.id}/complete`))
        .set(cast.admin.auth)
        .expect(200);
      await settled();
      await t.http
        .post(api(`/programs/${p.id}/complete`))
        .set(cast.admin.auth)
        .expect(200);
      await settled();

      const [{ verification_code: code, serial }] = await t.dataSource.query(
        'SELECT verification_code, serial FROM certificates WHERE program_id = $1',
        [p.id],
      );
      const issued = sink.to(holder.user.email).filter((m) => m.subject.includes('certificate'));
      expect(issued).toHaveLength(1);
      // The link carries the code as it is printed: in groups of four.
      const printed = formatVerificationCode(code);
      expect(issued[0].text).toContain(`${PUBLIC_URL}/verify/${printed}`);
      expect(issued[0].text).toContain(serial);
      expect(issued[0].html).toContain(`href="${PUBLIC_URL}/verify/${printed}"`);
    });

    it('a revoked certificate’s holder gets one e-mail over SMTP in their language, with the serial and the reason', async () => {
      const p = await program();
      const holder = await traineeOfA({ preferredLocale: 'th' });
      await t.http
        .post(api(`/programs/${p.id}/enrolments`))
        .set(cast.admin.auth)
        .send({ traineeId: holder.user.traineeId })
        .expect(201);
      await t.http
        .post(api(`/programs/${p.id}/complete`))
        .set(cast.admin.auth)
        .expect(200);
      const [{ id, serial }] = await t.dataSource.query('SELECT id, serial FROM certificates WHERE program_id = $1', [
        p.id,
      ]);
      await t.http
        .post(api(`/certificates/${id}/revoke`))
        .set(cast.admin.auth)
        .send({ reason: 'บันทึกการเข้าเรียนได้รับการแก้ไข' })
        .expect(200);
      await settled();

      const revoked = sink.to(holder.user.email).filter((m) => m.subject.startsWith('ใบรับรองถูกเพิกถอน'));
      expect(revoked).toHaveLength(1);
      expect(revoked[0].language).toBe('th');
      expect(revoked[0].text).toContain(serial);
      expect(revoked[0].text.replace(/\u200c/g, '')).toContain('บันทึกการเข้าเรียนได้รับการแก้ไข');
      expect((await inbox(holder)).map((n) => n.kind)).toContain('certificate-revoked');
    });

    it('what people typed arrives as text, never a link, in both parts; the system’s own link is a link', async () => {
      const p = await program();
      const applicant = await traineeOfA({ fullName: 'Dao www.x.co' });
      const reason = 'Your documents are incomplete: see evil.example.com/login or https://evil.example.com/reset';
      const enrolment = await apply(applicant.auth, p.id);
      expect((await decide(cast.partner.auth, enrolment, 'reject', { reason })).status).toBe(200);
      await settled();

      const [rejected] = sink.to(applicant.user.email).filter((m) => m.subject.includes('Application not accepted'));
      const [application] = sink.to(cast.partner.user.email).filter((m) => m.text.includes(p.code));
      for (const [mail, systemLink] of [
        [rejected, `${PUBLIC_URL}/my/programs`],
        [application, `${PUBLIC_URL}/partner/applications`],
      ] as const) {
        // The words are all there for the reader …
        expect(visible(mail.text)).toContain(mail === rejected ? `Reason: ${reason}` : 'Dao www.x.co');
        expect(visible(textOf(mail.html))).toContain(mail === rejected ? `Reason: ${reason}` : 'Dao www.x.co');
        // … but a linkifier finds only the system's links, in either part, and the HTML links nothing else.
        // (The footer's links: the profile, and the privacy notice every e-mail carries.)
        const footer = [`${PUBLIC_URL}/profile`, `${PUBLIC_URL}/privacy`];
        expect(linksIn(mail.text)).toEqual([systemLink, ...footer]);
        expect(linksIn(textOf(mail.html))).toEqual(footer);
        expect(hrefsIn(mail.html)).toEqual([systemLink, ...footer]);
        expect(mail.html.match(/<a\b/g)).toHaveLength(3);
        expect(linksIn(mail.subject)).toEqual([]);
      }
      // In the app, the words stay as they were typed.
      const [notice] = await inbox(applicant);
      expect(notice.body).toContain(`Reason: ${reason}`);
    });

    it('a session’s new meeting link is in no notice: it says the link changed and leads to Skillbridge', async () => {
      const oldLink = 'https://meeting.example.edu.cn/room/old-4821';
      const newLink = 'https://meeting.example.edu.cn/room/new-9035';
      const p = await program();
      const teacher = await createSignedIn(t, { role: Role.Instructor, institutionId: cast.host.id });
      const session = await createSession(t, cast.admin.auth, p.id, {
        instructorIds: [teacher.user.instructorId as string],
        meetingUrl: oldLink,
      });
      const confirmed = await traineeOfA();
      const pending = await traineeOfA();
      await decide(cast.partner.auth, await apply(confirmed.auth, p.id), 'approve');
      await apply(pending.auth, p.id);
      await settled();
      const before = sink.messages.length;

      await t.http
        .patch(api(`/sessions/${session.id}`))
        .set(cast.admin.auth)
        .send({ meetingUrl: newLink })
        .expect(200);
      await settled();

      const changed = sink.messages.slice(before);
      expect(changed.map((m) => m.to[0]).sort()).toEqual([confirmed.user.email, teacher.user.email].sort());
      for (const mail of changed) {
        expect(mail.text).toContain('The meeting link has changed: open Skillbridge for the new one.');
        expect(mail.text).toContain('Where: online (the meeting link is in Skillbridge)');
        for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toContain('meeting.example');
      }
      expect(sink.to(confirmed.user.email).at(-1)?.text).toContain(`${PUBLIC_URL}/programs/${p.id}`);
      const [notice] = await inbox(confirmed);
      expect(notice.kind).toBe('session-changed');
      expect(notice.body).toContain('The meeting link has changed');
      expect(notice.body).not.toContain('meeting.example');
      const [{ params }] = await t.dataSource.query(
        `SELECT params FROM notifications WHERE kind = 'session-changed' AND email = $1`,
        [confirmed.user.email],
      );
      expect(JSON.stringify(params)).not.toContain('meeting.example');
    });

    it('follows the language and zone a user chose on their profile', async () => {
      const p = await program();
      const trainee = await traineeOfA();
      const first = await apply(trainee.auth, p.id);
      await decide(cast.partner.auth, first, 'approve');
      await mailTo(trainee.user.email);
      await t.http.patch(api('/auth/me')).set(trainee.auth).send({ preferredLocale: 'zh' }).expect(200);
      await decide(trainee.auth, first, 'withdraw');
      const again = await apply(trainee.auth, p.id);
      await decide(cast.partner.auth, again, 'approve');
      const [, second] = await mailTo(trainee.user.email, 2);
      expect(second.subject).toContain('您的名额已确认');
    });
  });

  describe('the outbox', () => {
    it('never sends a notification whose transaction rolled back', async () => {
      const p = await program();
      const trainee = await traineeOfA();
      const enrolment = await apply(trainee.auth, p.id);
      await decide(cast.partner.auth, enrolment, 'approve');
      await mailTo(trainee.user.email);
      await expect(
        t.dataSource.transaction(async (manager) => {
          await t.app.get(Notifier).enrolmentsDecided(manager, [enrolment]);
          const [{ n }] = await manager.query('SELECT count(*)::int AS n FROM notifications WHERE email = $1', [
            trainee.user.email,
          ]);
          expect(n).toBe(2); // written, inside the transaction …
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      await settled();
      // … and gone with it: neither row nor e-mail.
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM notifications WHERE email = $1', [
        trainee.user.email,
      ]);
      expect(n).toBe(1);
      expect(sink.to(trainee.user.email)).toHaveLength(1);
    });

    it('sends each e-mail once however many workers race for it, and never again once sent', async () => {
      const p = await program({ capacity: 100 });
      const traineeIds = await insertTrainees(t.dataSource, 40, { institutionId: cast.partnerA.id });
      const worker = t.app.get(OutboxWorker);
      // A second API process on the same database: its own worker races this one's.
      const replica = await startTestApp({ ...OUTBOX_ENV, SMTP_URL: sink.url }, [], { database: t.database });
      try {
        await Promise.all(
          traineeIds.map((traineeId) =>
            t.http
              .post(api(`/programs/${p.id}/enrolments`))
              .set(cast.admin.auth)
              .send({ traineeId })
              .expect(201),
          ),
        );
        await Promise.all([
          ...Array.from({ length: 6 }, () => worker.deliverDue()),
          ...Array.from({ length: 6 }, () => replica.app.get(OutboxWorker).deliverDue()),
        ]);
        await settled();
      } finally {
        await replica.close();
      }
      const rows: { email: string; id: string; email_attempts: number }[] = await t.dataSource.query(
        `SELECT n.id, n.email, n.email_attempts FROM notifications n
           JOIN trainees tr ON tr.email = n.email WHERE tr.id = ANY($1::uuid[])`,
        [traineeIds],
      );
      expect(rows).toHaveLength(40);
      for (const row of rows) {
        const received = sink.to(row.email);
        expect(received).toHaveLength(1);
        expect(received[0].messageId).toContain(row.id);
        expect(row.email_attempts).toBe(1);
      }
      // Processing again finds nothing due: a sent e-mail is never picked up again.
      await t.dataSource.query(
        `UPDATE notifications SET email_next_attempt_at = now() - interval '1 hour' WHERE id = ANY($1::uuid[])`,
        [rows.map((r) => r.id)],
      );
      expect(await worker.deliverDue()).toBe(0);
      expect(rows.every((row) => sink.to(row.email).length === 1)).toBe(true);
    });

    it('retries with backoff while the SMTP server is down and delivers once it is back', async () => {
      const p = await program();
      const trainee = await traineeOfA();
      const enrolment = await apply(trainee.auth, p.id);
      await sink.down();
      try {
        await decide(cast.partner.auth, enrolment, 'approve');
        const row = await eventually(async () => {
          const [r] = await t.dataSource.query(
            `SELECT email_status, email_attempts, email_last_error, email_next_attempt_at > now() AS later
               FROM notifications WHERE email = $1`,
            [trainee.user.email],
          );
          return r?.email_attempts >= 2 && r;
        }, 'two failed attempts');
        expect(row.email_status).toBe('pending');
        expect(row.email_last_error).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
      } finally {
        await sink.up();
      }
      const [message] = await mailTo(trainee.user.email);
      expect(message.subject).toContain('Your place is confirmed');
      await settled();
      expect(sink.to(trainee.user.email)).toHaveLength(1);
      const [r] = await t.dataSource.query(
        'SELECT email_status, email_attempts, email_sent_at, email_last_error FROM notifications WHERE email = $1',
        [trainee.user.email],
      );
      expect(r.email_status).toBe('sent');
      expect(r.email_attempts).toBeGreaterThanOrEqual(3);
      expect(r.email_sent_at).not.toBeNull();
      expect(r.email_last_error).toBeNull();
    });

    it('records a permanent refusal as failed after one attempt, without retrying', async () => {
      const p = await program();
      const trainee = await traineeOfA({ email: uniqueEmail('bounce') });
      const enrolment = await apply(trainee.auth, p.id);
      await decide(cast.partner.auth, enrolment, 'approve');
      const row = await eventually(async () => {
        const [r] = await t.dataSource.query(
          'SELECT email_status, email_attempts, email_last_error FROM notifications WHERE email = $1',
          [trainee.user.email],
        );
        return r?.email_status === 'failed' && r;
      }, 'the refusal to be recorded');
      expect(row.email_attempts).toBe(1);
      expect(row.email_last_error).toContain('550');
      // The in-app notification is there regardless.
      expect((await inbox(trainee)).map((n) => n.kind)).toEqual(['enrolment-confirmed']);
    });

    it('delivers what was waiting after the API restarts, and carries on after its database connections drop', async () => {
      const db = t.database;
      const p = await program();
      const trainee = await traineeOfA();
      const enrolment = await apply(trainee.auth, p.id);
      // Nothing can be sent while the API goes down…
      await sink.down();
      const first = await startTestApp({ ...OUTBOX_ENV, SMTP_URL: sink.url }, [], { database: db });
      await first.http
        .post(api(`/enrolments/${enrolment}/approve`))
        .set(cast.partner.auth)
        .expect(200);
      await first.close();
      await sink.up();
      // … and the next start sends it.
      const second = await startTestApp({ ...OUTBOX_ENV, SMTP_URL: sink.url }, [], { database: db });
      try {
        await mailTo(trainee.user.email);
        // The SMTP server has the message a moment before the worker commits 'sent'; cutting the connections in
        // that window sends it again (the documented at-least-once window), which is not what this test is about.
        await eventually(async () => {
          const [r] = await second.dataSource.query('SELECT email_status FROM notifications WHERE email = $1', [
            trainee.user.email,
          ]);
          return r?.email_status === 'sent';
        }, 'the first e-mail to be recorded as sent');
        // As a database restart does: every connection of the API is cut.
        await second.dataSource.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
        const later = await traineeOfA();
        const next = await apply(later.auth, p.id);
        await decide(cast.partner.auth, next, 'approve').expect(200);
        await mailTo(later.user.email);
      } finally {
        await second.close();
      }
      expect(sink.to(trainee.user.email)).toHaveLength(1);
    });
  });

  describe('the message', () => {
    it('is the same bytes in the development mailbox as an SMTP server receives', async () => {
      const from = 'Skillbridge 技能桥 <no-reply@skillbridge.example.edu.cn>';
      const id = randomUUID();
      const mail = {
        notificationId: id,
        kind: 'enrolment-confirmed' as const,
        to: uniqueEmail(),
        locale: 'th' as const,
        messageId: `<${id}@skillbridge.example.edu.cn>`,
        date: new Date('2024-09-03T01:00:00Z'),
        ...renderEmail(
          {
            kind: 'enrolment-confirmed',
            locale: 'th',
            timeZone: 'Asia/Bangkok',
            params: { programTitle: { th: 'หลักสูตรภาษาจีน', en: 'Chinese course' }, programCode: 'CN-1', name: 'ฟ้า' },
          },
          PUBLIC_URL,
        ),
      };
      const smtp = new SmtpSender(sink.url, from);
      try {
        await smtp.send(t.dataSource.manager, mail);
      } finally {
        smtp.close();
      }
      await t.dataSource.transaction((manager) => new MailboxSender(from).send(manager, mail));
      const [{ raw }] = await t.dataSource.query('SELECT raw FROM mailbox_messages WHERE notification_id = $1', [id]);
      const [received] = sink.to(mail.to);
      expect(raw).toBe(received.raw.toString('utf8'));
      expect(raw).toMatch(/^Date: Tue, 03 Sep 2024 01:00:00 \+0000\r$/m);
      expect(received.subject).toBe(mail.subject);
    });
  });

  describe('in-app', () => {
    it('each person sees, counts and marks only their own', async () => {
      const p = await program();
      const trainee = await traineeOfA();
      for (const status of ['approve', 'reject']) {
        const other = await program();
        const id = await apply(trainee.auth, other.id);
        await decide(cast.partner.auth, id, status, { reason: 'Full' }).expect(200);
      }
      await apply(trainee.auth, p.id);
      const count = async (who: SignedIn) =>
        (await t.http.get(api('/notifications/unread-count')).set(who.auth).expect(200)).body.count as number;
      expect(await count(trainee)).toBe(2);
      const [latest, earlier] = await inbox(trainee);
      expect(latest.kind).toBe('enrolment-rejected');
      expect(earlier.kind).toBe('enrolment-confirmed');

      // In the caller's language.
      const thai = await t.http.get(api('/notifications')).set(trainee.auth).set('Accept-Language', 'th');
      expect(thai.body.items[0].title).toContain('ใบสมัครไม่ได้รับการอนุมัติ');

      // Not someone else's: 404, and unchanged.
      await t.http
        .post(api(`/notifications/${latest.id}/read`))
        .set(cast.otherTrainee.auth)
        .expect(404);
      await t.http
        .post(api(`/notifications/${latest.id}/read`))
        .set(cast.partner.auth)
        .expect(404);
      expect(await count(trainee)).toBe(2);

      const read = await t.http
        .post(api(`/notifications/${latest.id}/read`))
        .set(trainee.auth)
        .expect(200);
      expect(read.body.readAt).not.toBeNull();
      expect(await count(trainee)).toBe(1);
      expect((await inbox(trainee, '?unread=true')).map((n) => n.id)).toEqual([earlier.id]);
      expect((await inbox(trainee, '?unread=false')).map((n) => n.id)).toEqual([latest.id]);

      const all = await t.http.post(api('/notifications/read-all')).set(trainee.auth).expect(200);
      expect(all.body).toEqual({ marked: 1 });
      expect(await count(trainee)).toBe(0);
      await t.http.get(api('/notifications?unread=maybe')).set(trainee.auth).expect(400);
    });

    it('pages with a cursor, newest first', async () => {
      const trainee = await traineeOfA();
      for (let i = 0; i < 3; i += 1) {
        const p = await program();
        await decide(cast.partner.auth, await apply(trainee.auth, p.id), 'approve').expect(200);
      }
      const first = await t.http.get(api('/notifications?limit=2')).set(trainee.auth).expect(200);
      expect(first.body.items).toHaveLength(2);
      const rest = await t.http
        .get(api(`/notifications?limit=2&cursor=${first.body.nextCursor}`))
        .set(trainee.auth)
        .expect(200);
      expect(rest.body.items).toHaveLength(1);
      expect(rest.body.nextCursor).toBeNull();
      const times = [...first.body.items, ...rest.body.items].map((n: Notification) => n.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
    });
  });
});

describe('the development mailbox (no SMTP_URL)', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestApp(OUTBOX_ENV);
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  it('keeps each e-mail once for admins to read, text and HTML', async () => {
    const p = await createPartnerAProgram(t, cast);
    await t.http
      .post(api(`/programs/${p.id}/enrolments`))
      .set(cast.admin.auth)
      .send({ traineeId: cast.trainee.user.traineeId })
      .expect(201);
    const list = await eventually(async () => {
      const res = await t.http
        .get(api(`/mailbox?to=${encodeURIComponent(cast.trainee.user.email)}`))
        .set(cast.admin.auth)
        .expect(200);
      return res.body.items.length > 0 && res.body;
    }, 'the mailbox message');
    expect(list.transport).toBe('mailbox');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ kind: 'enrolment-confirmed', to: cast.trainee.user.email, locale: 'en' });
    const message = await t.http
      .get(api(`/mailbox/${list.items[0].id}`))
      .set(cast.admin.auth)
      .expect(200);
    expect(message.body.text).toContain('Your enrolment in Chinese language and culture online course');
    expect(message.body.html).toContain('<!doctype html>');
    await t.http.get(api('/mailbox')).set(cast.partner.auth).expect(403);
    await t.http
      .get(api(`/mailbox/${list.items[0].id}`))
      .set(cast.trainee.auth)
      .expect(403);
    const [{ status }] = await t.dataSource.query('SELECT email_status AS status FROM notifications WHERE id = $1', [
      list.items[0].notificationId,
    ]);
    expect(status).toBe('sent');
  });

  it('keeps the raw message, which a mail parser reads back: headers and both parts, in each language', async () => {
    const p = await createPartnerAProgram(t, cast);
    const session = await createSession(t, cast.admin.auth, p.id);
    const people = await Promise.all(
      SUPPORTED_LOCALES.map(async (locale) => {
        const who = await createSignedIn(t, {
          role: Role.Trainee,
          institutionId: cast.partnerA.id,
          preferredLocale: locale,
        });
        await t.http.patch(api('/auth/me')).set(who.auth).send({ timeZone: 'Asia/Shanghai' }).expect(200);
        await t.http
          .post(api(`/programs/${p.id}/enrolments`))
          .set(cast.admin.auth)
          .send({ traineeId: who.user.traineeId })
          .expect(201);
        return { locale, email: who.user.email };
      }),
    );
    await t.http
      .patch(api(`/sessions/${session.id}`))
      .set(cast.admin.auth)
      .send({ startsAt: '2024-09-03T14:00:00+08:00', endsAt: '2024-09-03T16:00:00+08:00' })
      .expect(200);
    // The session's new time, as each reader's e-mail says it: the zone once, the year (Buddhist in Thai).
    const when: Record<Locale, string> = {
      en: 'When: Tue, Sep 3, 2024, 14:00\u2009–\u200916:00 GMT+8',
      zh: '时间：2024年9月3日周二 14:00–16:00（GMT+8）',
      th: 'เวลา: อังคาร 3 ก.ย. 2567 14:00–16:00 GMT+8',
      ms: 'Masa: Sel, 3 Sep 2024, 14:00–16:00 GMT+8',
    };

    for (const { locale, email } of people) {
      const entries = await eventually(async () => {
        const res = await t.http
          .get(api(`/mailbox?to=${encodeURIComponent(email)}`))
          .set(cast.admin.auth)
          .expect(200);
        return res.body.items.length === 2 && (res.body.items as MailboxEntry[]);
      }, `two e-mails to the ${locale} reader`);
      for (const entry of entries) {
        const message: MailboxMessage = (
          await t.http
            .get(api(`/mailbox/${entry.id}`))
            .set(cast.admin.auth)
            .expect(200)
        ).body;
        const raw = message.raw as string;
        // Printable ASCII (7-bit: no SMTP extension needed) with CRLF line ends, as RFC 5322 wants.
        expect(raw).not.toMatch(/[^\t\r\n\x20-\x7e]/);
        expect(raw).not.toMatch(/[^\r]\n/);
        const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
        const rawHeader = (name: string) =>
          head
            .split('\r\n')
            .filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
            .map((line) => line.slice(name.length + 1).trim());

        const parsed = await PostalMime.parse(raw);
        const header = (name: string) => parsed.headers.filter((h) => h.key === name).map((h) => h.value);
        expect(parsed.from).toEqual({ name: 'Skillbridge', address: 'no-reply@skillbridge.local' });
        expect(parsed.to).toEqual([{ name: '', address: email }]);
        // The subject is not ASCII in any language (the "·" before the product name): RFC 2047 encoded words.
        expect(rawHeader('Subject')[0]).toMatch(/^(=\?UTF-8\?[BQ]\?[^?]*\?= ?)+$/);
        expect(parsed.subject).toBe(message.subject);
        expect(parsed.messageId).toBe(`<${message.notificationId}@skillbridge.example.edu.cn>`);
        const [{ sentMessageId }] = await t.dataSource.query(
          'SELECT email_message_id AS "sentMessageId" FROM notifications WHERE id = $1',
          [message.notificationId],
        );
        expect(parsed.messageId).toBe(sentMessageId);
        expect(Math.abs(Date.parse(parsed.date as string) - Date.parse(message.createdAt))).toBeLessThan(60_000);
        expect(header('mime-version')).toEqual(['1.0']);
        expect(header('content-language')).toEqual([locale]);
        expect(header('auto-submitted')).toEqual(['auto-generated']);
        // Transactional mail to a participant: no mailing list to leave.
        expect(header('list-unsubscribe')).toEqual([]);
        expect(rawHeader('Content-Type')[0]).toMatch(/^multipart\/alternative; boundary=/);
        expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8\r$/m);
        expect(raw).toMatch(/^Content-Type: text\/html; charset=utf-8\r$/m);
        // The parts are what the mailbox shows, but for the line break MIME puts before each boundary.
        expect(parsed.text?.trimEnd()).toBe(message.text.trimEnd());
        expect(parsed.html?.trimEnd()).toBe(message.html.trimEnd());
        if (message.kind === 'session-changed') expect(linesOf(parsed.text as string)).toContain(when[locale]);
      }
      expect(entries.map((entry) => entry.kind).sort()).toEqual(['enrolment-confirmed', 'session-changed']);
    }
  });
});
