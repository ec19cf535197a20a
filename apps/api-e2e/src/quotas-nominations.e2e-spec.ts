import { Role, type Enrolment, type MyEnrolment, type Program } from '@skillbridge/contracts';
import { Cast, createCast, createSignedIn, type SignedIn } from './factories/accounts';
import { createInstitution } from './factories/institutions';
import { createProgram } from './factories/programs';
import { insertTrainees } from './factories/trainees';
import { api, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

/**
 * Issue 22: partner quotas (each partner's share of the seats, the rest open to everyone else; each pool its own
 * wait-list) and nominations (with hostReview a partner's approval nominates, the host accepts or declines).
 */
describe('partner quotas and nominations', () => {
  let t: TestApp;
  let cast: Cast;
  /** A partner institution with no quota anywhere here: its people share the open seats. */
  let institutionC: { id: string };
  let partnerC: SignedIn;
  /** Trainees of no institution, who register themselves. */
  let independents: SignedIn[];

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    institutionC = await createInstitution(t.dataSource, { kind: 'partner', country: 'MY' });
    partnerC = await createSignedIn(t, { role: Role.Partner, institutionId: institutionC.id });
    independents = await Promise.all(
      Array.from({ length: 8 }, () =>
        createSignedIn(t, { role: Role.Trainee, institutionId: null, nationality: 'VN' }),
      ),
    );
  }, 120_000);
  afterAll(() => t.close());

  const published = (overrides: Parameters<typeof createProgram>[3]) =>
    createProgram(t, cast.admin.auth, cast.host, overrides, { publish: true });
  const enrol = (auth: Auth, programId: string, body: object = {}) =>
    t.http
      .post(api(`/programs/${programId}/enrolments`))
      .set(auth)
      .send(body);
  const enrolled = async (auth: Auth, programId: string, body: object = {}) => {
    const res = await enrol(auth, programId, body);
    if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Enrolment;
  };
  const act = (auth: Auth, id: string, action: string, body: object = {}) =>
    t.http
      .post(api(`/enrolments/${id}/${action}`))
      .set(auth)
      .send(body);
  const bulk = (auth: Auth, body: object) => t.http.post(api('/enrolments/decisions')).set(auth).send(body);
  const statusOf = async (id: string) =>
    (await t.dataSource.query('SELECT status FROM enrolments WHERE id = $1', [id]))[0].status as string;
  const statusesOf = async (ids: string[]) => Promise.all(ids.map(statusOf));

  /**
   * The real counts per pool (institution id, or `open` for everyone without a quota) and in total, after
   * checking that the program's counters equal the real counts.
   */
  async function counts(programId: string) {
    const [program] = await t.dataSource.query(
      `SELECT p.capacity, p.confirmed_count, p.waitlisted_count, p.pending_count, p.nominated_count,
              count(e.id) FILTER (WHERE e.status = 'confirmed')::int AS confirmed,
              count(e.id) FILTER (WHERE e.status = 'waitlisted')::int AS waitlisted,
              count(e.id) FILTER (WHERE e.status = 'pending')::int AS pending,
              count(e.id) FILTER (WHERE e.status = 'nominated')::int AS nominated
         FROM programs p LEFT JOIN enrolments e ON e.program_id = p.id
        WHERE p.id = $1 GROUP BY p.id`,
      [programId],
    );
    expect([program.confirmed_count, program.waitlisted_count, program.pending_count, program.nominated_count]).toEqual(
      [program.confirmed, program.waitlisted, program.pending, program.nominated],
    );
    const rows = (await t.dataSource.query(
      `SELECT coalesce(q.institution_id::text, 'open') AS pool,
              count(*) FILTER (WHERE e.status = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE e.status = 'waitlisted')::int AS waitlisted
         FROM enrolments e JOIN trainees tr ON tr.id = e.trainee_id
         LEFT JOIN program_quotas q ON q.program_id = e.program_id AND q.institution_id = tr.institution_id
        WHERE e.program_id = $1 GROUP BY 1`,
      [programId],
    )) as { pool: string; confirmed: number; waitlisted: number }[];
    const pools = Object.fromEntries(rows.map((r) => [r.pool, { confirmed: r.confirmed, waitlisted: r.waitlisted }]));
    return {
      capacity: program.capacity as number,
      confirmed: program.confirmed as number,
      waitlisted: program.waitlisted as number,
      pending: program.pending as number,
      nominated: program.nominated as number,
      pools,
    };
  }

  describe('seats with quotas', () => {
    it('never gives a partner more than its quota nor the program more than its capacity, under concurrency (5 rounds)', async () => {
      for (let round = 0; round < 5; round += 1) {
        // 12 seats: partner A keeps 4, partner B 3; the 5 others are open to partner C and to people of none.
        const program = await published({
          capacity: 12,
          partnerQuotas: [
            { institutionId: cast.partnerA.id, seats: 4 },
            { institutionId: cast.partnerB.id, seats: 3 },
          ],
        });
        const as = await insertTrainees(t.dataSource, 8, { institutionId: cast.partnerA.id });
        const bs = await insertTrainees(t.dataSource, 7, { institutionId: cast.partnerB.id });
        const cs = await insertTrainees(t.dataSource, 3, { institutionId: institutionC.id });
        const answers = await Promise.all([
          ...as.map((traineeId) => enrol(cast.partner.auth, program.id, { traineeId })),
          ...bs.map((traineeId) => enrol(cast.otherPartner.auth, program.id, { traineeId })),
          ...cs.map((traineeId) => enrol(partnerC.auth, program.id, { traineeId })),
          ...independents.map((someone) => enrol(someone.auth, program.id)),
        ]);
        expect(answers.map((res) => res.status)).toEqual(answers.map(() => 201));
        const statuses = answers.map((res) => res.body.status as string);
        expect(new Set(statuses)).toEqual(new Set(['confirmed', 'waitlisted']));

        const seats = await counts(program.id);
        expect(seats).toMatchObject({ capacity: 12, confirmed: 12, waitlisted: 14, pending: 0, nominated: 0 });
        expect(seats.pools).toEqual({
          [cast.partnerA.id]: { confirmed: 4, waitlisted: 4 },
          [cast.partnerB.id]: { confirmed: 3, waitlisted: 4 },
          open: { confirmed: 5, waitlisted: 6 },
        });
        // The answers told each caller what the database holds.
        expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(12);
      }
    }, 180_000);

    it('promotes a partner’s own wait-list into its quota first, then the open pool’s; open seats never to a full quota', async () => {
      // 4 seats: partner A keeps 2, 2 open.
      const program = await published({ capacity: 4, partnerQuotas: [{ institutionId: cast.partnerA.id, seats: 2 }] });
      const [a1, a2, a4, a5] = await insertTrainees(t.dataSource, 4, { institutionId: cast.partnerA.id });
      const [o1, o2, o4] = await insertTrainees(t.dataSource, 3, { institutionId: null });
      const [c1] = await insertTrainees(t.dataSource, 1, { institutionId: institutionC.id });
      const admin = (traineeId: string) => enrolled(cast.admin.auth, program.id, { traineeId });
      const e = {
        a1: await admin(a1),
        a2: await admin(a2),
        o1: await admin(o1),
        o2: await admin(o2),
        // The open pool is full: a partner C trainee waits there — before A's next one joins A's own wait-list.
        c1: await admin(c1),
        a3: await admin(cast.trainee.user.traineeId as string),
        a4: await admin(a4),
        o4: await admin(o4),
      };
      expect(Object.values(e).map((x) => x.status)).toEqual([
        'confirmed',
        'confirmed',
        'confirmed',
        'confirmed',
        'waitlisted',
        'waitlisted',
        'waitlisted',
        'waitlisted',
      ]);
      // Each pool its own wait-list: A's trainee is first on A's, though C's waited longer in the program.
      const mine = await t.http.get(api('/me/enrolments')).set(cast.trainee.auth);
      expect(mine.body.items.find((x: MyEnrolment) => x.id === e.a3.id)).toMatchObject({
        status: 'waitlisted',
        waitlistPosition: 1,
      });

      // A seat of A's quota frees: A's oldest wait-listed takes it, not C's (who waited longer).
      expect((await act(cast.admin.auth, e.a1.id, 'withdraw')).status).toBe(200);
      expect(await statusesOf([e.a3.id, e.c1.id, e.a4.id])).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
      // An open seat frees: the open pool's oldest (C's), never A's waiting one beyond A's quota.
      expect((await act(cast.admin.auth, e.o1.id, 'withdraw')).status).toBe(200);
      expect(await statusesOf([e.c1.id, e.a4.id, e.o4.id])).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
      expect((await counts(program.id)).pools).toMatchObject({
        [cast.partnerA.id]: { confirmed: 2, waitlisted: 1 },
        open: { confirmed: 2, waitlisted: 1 },
      });
      // A's next seat goes to A's next one.
      expect((await act(cast.admin.auth, e.a2.id, 'withdraw')).status).toBe(200);
      expect(await statusesOf([e.a4.id, e.o4.id])).toEqual(['confirmed', 'waitlisted']);
      // A seat of A's quota frees and nobody of A waits: the open pool's oldest takes it rather than leave it empty.
      expect((await act(cast.admin.auth, e.a3.id, 'withdraw')).status).toBe(200);
      expect(await statusOf(e.o4.id)).toBe('confirmed');
      expect(await counts(program.id)).toMatchObject({
        confirmed: 4,
        waitlisted: 0,
        pools: { [cast.partnerA.id]: { confirmed: 1, waitlisted: 0 }, open: { confirmed: 3, waitlisted: 0 } },
      });
      // The program is full: A's new one waits (its quota has room, the program none) …
      const a5e = await admin(a5);
      expect(a5e.status).toBe('waitlisted');
      // … and takes A's seat back as soon as any seat frees, before anyone of the open pool.
      const [o5] = await insertTrainees(t.dataSource, 1, { institutionId: null });
      const o5e = await admin(o5);
      expect(o5e.status).toBe('waitlisted');
      expect((await act(cast.admin.auth, e.o2.id, 'withdraw')).status).toBe(200);
      expect(await statusesOf([a5e.id, o5e.id])).toEqual(['confirmed', 'waitlisted']);
      expect(await counts(program.id)).toMatchObject({
        capacity: 4,
        confirmed: 4,
        pools: { [cast.partnerA.id]: { confirmed: 2, waitlisted: 0 }, open: { confirmed: 2, waitlisted: 1 } },
      });

      const promotions = (await t.dataSource.query(
        `SELECT entity_id FROM audit_events WHERE action = 'enrolment.promote' AND details->>'programId' = $1
          ORDER BY occurred_at, id`,
        [program.id],
      )) as { entity_id: string }[];
      expect(promotions.map((p) => p.entity_id)).toEqual([e.a3.id, e.c1.id, e.a4.id, e.o4.id, a5e.id]);
      const promotedNotices = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM notifications WHERE kind = 'enrolment-promoted' AND params->>'programId' = $1`,
        [program.id],
      );
      // Trainees inserted without an account are told by e-mail, at the address of their record.
      expect(promotedNotices[0].n).toBe(5);
    });

    it('moves each pool’s wait-list when the quotas or the capacity change', async () => {
      // 2 seats: A keeps 1, 1 open.
      const program = await published({ capacity: 2, partnerQuotas: [{ institutionId: cast.partnerA.id, seats: 1 }] });
      const [a1, a2] = await insertTrainees(t.dataSource, 2, { institutionId: cast.partnerA.id });
      const [o1, o2] = await insertTrainees(t.dataSource, 2, { institutionId: null });
      const ids: string[] = [];
      for (const traineeId of [o1, o2, a1, a2])
        ids.push((await enrolled(cast.admin.auth, program.id, { traineeId })).id);
      expect(await statusesOf(ids)).toEqual(['confirmed', 'waitlisted', 'confirmed', 'waitlisted']);

      // A's quota grows by one seat (and the capacity with it): A's wait-list moves, the open one does not.
      const grown = await t.http
        .patch(api(`/programs/${program.id}`))
        .set(cast.admin.auth)
        .send({ capacity: 3, partnerQuotas: [{ institutionId: cast.partnerA.id, seats: 2 }] });
      expect(grown.status).toBe(200);
      expect(await statusesOf(ids)).toEqual(['confirmed', 'waitlisted', 'confirmed', 'confirmed']);
      // More open seats: the open pool's wait-list moves.
      expect(
        (
          await t.http
            .patch(api(`/programs/${program.id}`))
            .set(cast.admin.auth)
            .send({ capacity: 4 })
        ).status,
      ).toBe(200);
      expect(await statusesOf(ids)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed']);
      const reasons = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events
          WHERE action = 'enrolment.promote' AND details->>'programId' = $1 AND details->>'reason' = 'capacity'`,
        [program.id],
      );
      expect(reasons[0].n).toBe(2);
      expect(await counts(program.id)).toMatchObject({ capacity: 4, confirmed: 4, waitlisted: 0 });
    });

    it('reports seats per institution by viewer: admins every line, a partner only its own', async () => {
      // Open to every partner; 6 seats: A keeps 2, B 1, 3 open (C and people of none).
      const program = await published({
        capacity: 6,
        partnerQuotas: [
          { institutionId: cast.partnerA.id, seats: 2 },
          { institutionId: cast.partnerB.id, seats: 1 },
        ],
      });
      const [a1] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
      const [b1, b2] = await insertTrainees(t.dataSource, 2, { institutionId: cast.partnerB.id });
      const [c1] = await insertTrainees(t.dataSource, 1, { institutionId: institutionC.id });
      const [o1] = await insertTrainees(t.dataSource, 1, { institutionId: null });
      for (const traineeId of [a1, b1, b2, c1, o1]) await enrolled(cast.admin.auth, program.id, { traineeId });
      expect((await enrolled(cast.trainee.auth, program.id)).status).toBe('pending');

      const get = (auth: Auth) => t.http.get(api(`/programs/${program.id}`)).set(auth);
      const asAdmin = await get(cast.admin.auth);
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.body.seats.byInstitution).toEqual(
        [
          { institutionId: cast.partnerA.id, quota: 2, confirmed: 1, waitlisted: 0, pending: 1, nominated: 0 },
          { institutionId: cast.partnerB.id, quota: 1, confirmed: 1, waitlisted: 1, pending: 0, nominated: 0 },
          { institutionId: institutionC.id, confirmed: 1, waitlisted: 0, pending: 0, nominated: 0 },
        ].sort((x, y) => x.institutionId.localeCompare(y.institutionId)),
      );
      expect(asAdmin.body.seats).toMatchObject({ capacity: 6, available: 2, confirmed: 4, waitlisted: 1 });

      // Partner A: its own line and quota only; nobody else's institution anywhere in the answer.
      const asA = await get(cast.partner.auth);
      expect(asA.body.seats).toEqual({
        capacity: 6,
        available: 1,
        scope: 'institution',
        confirmed: 1,
        waitlisted: 0,
        pending: 1,
        nominated: 0,
        byInstitution: [
          { institutionId: cast.partnerA.id, quota: 2, confirmed: 1, waitlisted: 0, pending: 1, nominated: 0 },
        ],
      });
      expect(asA.body.partnerQuotas).toEqual([{ institutionId: cast.partnerA.id, seats: 2 }]);
      const bodyA = JSON.stringify(asA.body);
      for (const other of [cast.partnerB.id, institutionC.id]) expect(bodyA).not.toContain(other);
      // Partner B's quota is taken: nothing left for its people, though the program has seats.
      const asB = await get(cast.otherPartner.auth);
      expect(asB.body.seats).toMatchObject({ available: 0, confirmed: 1, waitlisted: 1 });
      expect(asB.body.seats.byInstitution).toEqual([
        { institutionId: cast.partnerB.id, quota: 1, confirmed: 1, waitlisted: 1, pending: 0, nominated: 0 },
      ]);
      for (const other of [cast.partnerA.id, institutionC.id]) expect(JSON.stringify(asB.body)).not.toContain(other);
      // Partner C has no quota: the open seats' rest (3 − C's one − the one of no institution), its line without quota.
      const asC = await get(partnerC.auth);
      expect(asC.body.seats).toMatchObject({ available: 1, confirmed: 1 });
      expect(asC.body.seats.byInstitution).toEqual([
        { institutionId: institutionC.id, confirmed: 1, waitlisted: 0, pending: 0, nominated: 0 },
      ]);
      expect(asC.body.partnerQuotas).toEqual([]);
      for (const other of [cast.partnerA.id, cast.partnerB.id]) expect(JSON.stringify(asC.body)).not.toContain(other);
      // Trainees and the lists: no lines.
      expect((await get(cast.trainee.auth)).body.seats.byInstitution).toBeUndefined();
      const list = await t.http.get(api('/programs')).query({ q: program.code }).set(cast.admin.auth);
      expect(list.body.items.find((p: Program) => p.id === program.id).seats.byInstitution).toBeUndefined();
      const listA = await t.http.get(api('/programs')).query({ q: program.code }).set(cast.partner.auth);
      expect(JSON.stringify(listA.body)).not.toContain(cast.partnerB.id);
    });
  });

  describe('nominations (hostReview)', () => {
    /** A program open to every partner whose host reviews everyone: 2 seats, A keeps 1, 1 open. */
    const reviewed = () =>
      published({
        capacity: 2,
        hostReview: true,
        partnerQuotas: [{ institutionId: cast.partnerA.id, seats: 1 }],
      });
    const noticesOf = async (program: { id: string }, kind: string) =>
      (await t.dataSource.query(
        `SELECT user_id AS "userId", email, params FROM notifications
          WHERE kind = $1 AND params->>'programId' = $2 ORDER BY created_at, id`,
        [kind, program.id],
      )) as { userId: string | null; email: string; params: Record<string, unknown> }[];

    it('a partner’s approval nominates; the host accepts into the quota or its wait-list; everyone is told', async () => {
      const program = await reviewed();
      const applied = await enrolled(cast.trainee.auth, program.id);
      expect(applied.status).toBe('pending');

      // The wrong institution's partner never sees it; the wrong role may not decide.
      expect((await act(cast.otherPartner.auth, applied.id, 'approve')).status).toBe(404);
      expect((await act(cast.trainee.auth, applied.id, 'approve')).status).toBe(403);
      const nominated = await act(cast.partner.auth, applied.id, 'approve');
      expect(nominated.status).toBe(200);
      expect(nominated.body).toMatchObject({ status: 'nominated', decidedBy: cast.partner.user.id });
      expect(await counts(program.id)).toMatchObject({ confirmed: 0, pending: 0, nominated: 1 });
      const seen = await t.http.get(api(`/programs/${program.id}`)).set(cast.partner.auth);
      expect(seen.body.seats).toMatchObject({ nominated: 1, available: 1 });

      // Told: the nominee, and partner A's staff (by the nominee's name); nobody of partner B.
      const told = await noticesOf(program, 'enrolment-nominated');
      expect(told.map((n) => [n.userId, n.params['audience']])).toEqual(
        expect.arrayContaining([
          [cast.trainee.user.id, 'trainee'],
          [cast.partner.user.id, 'partner'],
        ]),
      );
      expect(told.map((n) => n.userId)).not.toContain(cast.otherPartner.user.id);
      const inbox = await t.http.get(api('/notifications')).set(cast.partner.auth).set('Accept-Language', 'th');
      const partnerNotice = inbox.body.items.find(
        (n: { kind: string; title: string }) => n.kind === 'enrolment-nominated',
      );
      expect(partnerNotice.title).toContain('เสนอชื่อแล้ว');
      expect(partnerNotice.body).toContain(program.code);

      // Nominated: no longer the partner's to approve or reject (409), nor anyone's to accept but the admins'.
      expect((await act(cast.partner.auth, applied.id, 'approve')).body.code).toBe('INVALID_TRANSITION');
      const partnerReject = await act(cast.partner.auth, applied.id, 'reject', { reason: 'Changed our mind' });
      expect(partnerReject.status).toBe(409);
      expect(partnerReject.body.code).toBe('INVALID_TRANSITION');
      for (const who of [cast.partner, cast.otherPartner, cast.trainee, cast.instructor]) {
        expect((await act(who.auth, applied.id, 'accept')).status).toBe(403);
      }
      expect(await statusOf(applied.id)).toBe('nominated');

      const accepted = await act(cast.admin.auth, applied.id, 'accept');
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'confirmed', decidedBy: cast.admin.user.id });
      const again = await act(cast.admin.auth, applied.id, 'accept');
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('INVALID_TRANSITION');
      expect((await act(cast.admin.auth, '00000000-0000-4000-8000-000000000000', 'accept')).status).toBe(404);

      // Partner A enrols another of its people: nominated at once; accepted, A's quota is full → A's wait-list.
      const [a2] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id, preferredLocale: 'zh' });
      const direct = await enrolled(cast.partner.auth, program.id, { traineeId: a2 });
      expect(direct.status).toBe('nominated');
      const waiting = await act(cast.admin.auth, direct.id, 'accept');
      expect(waiting.body.status).toBe('waitlisted');
      expect(await counts(program.id)).toMatchObject({
        confirmed: 1,
        waitlisted: 1,
        nominated: 0,
        pools: { [cast.partnerA.id]: { confirmed: 1, waitlisted: 1 } },
      });

      const decided = await noticesOf(program, 'nomination-decided');
      expect(decided.filter((n) => n.userId === cast.partner.user.id).map((n) => n.params['status'])).toEqual([
        'confirmed',
        'waitlisted',
      ]);
      expect(decided.map((n) => n.userId)).not.toContain(cast.otherPartner.user.id);
      const traineeTold = await t.dataSource.query(
        `SELECT kind, email, locale FROM notifications
          WHERE params->>'programId' = $1 AND kind IN ('enrolment-confirmed', 'enrolment-waitlisted')
          ORDER BY created_at`,
        [program.id],
      );
      expect(traineeTold).toEqual([
        { kind: 'enrolment-confirmed', email: cast.trainee.user.email, locale: expect.any(String) },
        { kind: 'enrolment-waitlisted', email: expect.stringContaining('@e2e.test'), locale: 'zh' },
      ]);

      const audit = await t.dataSource.query(
        `SELECT action FROM audit_events WHERE entity_id = ANY($1::text[]) ORDER BY occurred_at, id`,
        [[applied.id, direct.id]],
      );
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'enrolment.create',
        'enrolment.nominate',
        'enrolment.accept',
        'enrolment.create',
        'enrolment.accept',
      ]);
    });

    it('the host declines a nomination with a reason; the nominee may withdraw; admins’ own enrolments skip it', async () => {
      const program = await reviewed();
      const [a1, a2] = await insertTrainees(t.dataSource, 2, { institutionId: cast.partnerA.id });
      const n1 = await enrolled(cast.partner.auth, program.id, { traineeId: a1 });
      const n2 = await enrolled(cast.partner.auth, program.id, { traineeId: a2 });
      expect([n1.status, n2.status]).toEqual(['nominated', 'nominated']);

      const noReason = await act(cast.admin.auth, n1.id, 'reject', {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors[0].field).toBe('reason');
      const declined = await act(cast.admin.auth, n1.id, 'reject', { reason: 'Places for final-year students' });
      expect(declined.body).toMatchObject({ status: 'rejected', reason: 'Places for final-year students' });
      const [partnerTold] = (await noticesOf(program, 'nomination-decided')).filter(
        (n) => n.userId === cast.partner.user.id,
      );
      expect(partnerTold.params).toMatchObject({ status: 'rejected', reason: 'Places for final-year students' });
      expect((await noticesOf(program, 'enrolment-rejected')).map((n) => n.params['reason'])).toEqual([
        'Places for final-year students',
      ]);
      const inbox = await t.http.get(api('/notifications')).set(cast.partner.auth);
      const declinedNotice = inbox.body.items.find(
        (n: { kind: string; title: string }) => n.kind === 'nomination-decided' && n.title.includes('declined'),
      );
      expect(declinedNotice.body).toContain('Places for final-year students');

      // Withdrawn from nominated: the count follows.
      expect((await act(cast.admin.auth, n2.id, 'withdraw')).body.status).toBe('withdrawn');
      expect(await counts(program.id)).toMatchObject({ nominated: 0, confirmed: 0 });

      // An admin's own enrolment goes straight to a seat or the wait-list.
      const [a3, a4] = await insertTrainees(t.dataSource, 2, { institutionId: cast.partnerA.id });
      expect((await enrolled(cast.admin.auth, program.id, { traineeId: a3 })).status).toBe('confirmed');
      expect((await enrolled(cast.admin.auth, program.id, { traineeId: a4 })).status).toBe('waitlisted');
      // A trainee of no institution waits for the admins, whose approval places them (the open seat).
      const pending = await enrolled(independents[0].auth, program.id);
      expect(pending.status).toBe('pending');
      expect((await act(cast.partner.auth, pending.id, 'approve')).status).toBe(404);
      expect((await act(cast.admin.auth, pending.id, 'approve')).body.status).toBe('confirmed');
      expect(await counts(program.id)).toMatchObject({
        confirmed: 2,
        waitlisted: 1,
        pending: 0,
        nominated: 0,
        pools: { [cast.partnerA.id]: { confirmed: 1, waitlisted: 1 }, open: { confirmed: 1, waitlisted: 0 } },
      });
    });

    it('accepts or declines many nominations at once, all or none, naming the one that fails', async () => {
      const program = await published({
        capacity: 3,
        hostReview: true,
        partnerQuotas: [{ institutionId: cast.partnerA.id, seats: 2 }],
      });
      const as = await insertTrainees(t.dataSource, 4, { institutionId: cast.partnerA.id });
      const ids: string[] = [];
      for (const traineeId of as) ids.push((await enrolled(cast.partner.auth, program.id, { traineeId })).id);
      const [someone] = await insertTrainees(t.dataSource, 1, { institutionId: null });
      const placed = await enrolled(cast.admin.auth, program.id, { traineeId: someone });
      expect(placed.status).toBe('confirmed');

      // Partners may not accept, even their own nominees.
      const byPartner = await bulk(cast.partner.auth, { action: 'accept', enrolmentIds: ids.slice(0, 3) });
      expect(byPartner.status).toBe(403);
      // One not nominated: nothing happens, and the answer names it.
      const mixed = await bulk(cast.admin.auth, { action: 'accept', enrolmentIds: [ids[0], placed.id, ids[1]] });
      expect(mixed.status).toBe(409);
      expect(mixed.body.code).toBe('INVALID_TRANSITION');
      expect(mixed.body.errors.map((e: { field: string }) => e.field)).toEqual(['enrolmentIds[1]']);
      expect(await statusesOf(ids)).toEqual(['nominated', 'nominated', 'nominated', 'nominated']);
      // Partners may not decline a nomination either: it is no longer theirs to decide.
      const partnerDecline = await bulk(cast.partner.auth, {
        action: 'reject',
        enrolmentIds: [ids[3]],
        reason: 'Withdrawn by us',
      });
      expect(partnerDecline.status).toBe(409);
      expect(partnerDecline.body.errors[0].field).toBe('enrolmentIds[0]');

      const accepted = await bulk(cast.admin.auth, { action: 'accept', enrolmentIds: ids.slice(0, 3) });
      expect(accepted.status).toBe(200);
      expect(accepted.body.items.map((e: Enrolment) => e.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
      const noReason = await bulk(cast.admin.auth, { action: 'reject', enrolmentIds: [ids[3]] });
      expect(noReason.status).toBe(400);
      const declined = await bulk(cast.admin.auth, { action: 'reject', enrolmentIds: [ids[3]], reason: 'Too late' });
      expect(declined.body.items[0]).toMatchObject({ status: 'rejected', reason: 'Too late' });
      expect(await counts(program.id)).toMatchObject({
        confirmed: 3,
        waitlisted: 1,
        nominated: 0,
        pools: { [cast.partnerA.id]: { confirmed: 2, waitlisted: 1 }, open: { confirmed: 1, waitlisted: 0 } },
      });
      const decided = (await noticesOf(program, 'nomination-decided')).filter((n) => n.userId === cast.partner.user.id);
      expect(decided.map((n) => n.params['status']).sort()).toEqual([
        'confirmed',
        'confirmed',
        'rejected',
        'waitlisted',
      ]);
      const audit = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'enrolment.accept' AND entity_id = ANY($1::text[])`,
        [ids],
      );
      expect(audit[0].n).toBe(3);
    });

    it('without hostReview, a partner’s approval and enrolment decide at once, as before', async () => {
      const program = await published({
        capacity: 2,
        partnerInstitutionIds: [cast.partnerA.id],
        partnerQuotas: [{ institutionId: cast.partnerA.id, seats: 1 }],
      });
      const applied = await enrolled(cast.trainee.auth, program.id);
      expect((await act(cast.partner.auth, applied.id, 'approve')).body.status).toBe('confirmed');
      const [a2] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
      expect((await enrolled(cast.partner.auth, program.id, { traineeId: a2 })).status).toBe('waitlisted');
      const [a3] = await insertTrainees(t.dataSource, 1, { institutionId: cast.partnerA.id });
      const a3e = await enrolled(cast.partner.auth, program.id, { traineeId: a3 });
      // Nothing nominated to accept.
      expect((await act(cast.admin.auth, a3e.id, 'accept')).status).toBe(409);
      expect(await counts(program.id)).toMatchObject({ confirmed: 1, waitlisted: 2, nominated: 0 });
    });
  });
});
