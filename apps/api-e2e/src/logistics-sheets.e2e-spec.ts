import { ValueType, Workbook, type Row as ExcelRow, type Worksheet } from 'exceljs';
import { randomUUID } from 'node:crypto';
import { Cast, createCast } from './factories/accounts';
import { insertTrainees } from './factories/trainees';
import { confirmedTrainees, createCamp, enrolConfirmed, writeLogisticsWithSql } from './support/camp-logistics';
import { api, binary, startTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

const THAI_DATE_TIME = '[$-107041E]dd/mm/yyyy hh:mm';
const THAI_DATE = '[$-107041E]dd/mm/yyyy';

/** A wall-clock time as exceljs reads a date cell back: its UTC fields are the wall clock. */
const wall = (local: string) => new Date(`${local}Z`);

/**
 * The guest house's rooming list and the pick-up manifest (issue 20), parsed
 * back with exceljs: the right people per room, arrivals under the local day
 * of the program's zone, counts per slot and point, words and date formats of
 * the reader's language.
 */
describe('logistics sheets', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
  });
  afterAll(() => t.close());

  const download = (path: string, auth: Auth = cast.admin.auth, lang = 'en') =>
    t.http.get(api(path)).set(auth).set('Accept-Language', lang).buffer(true).parse(binary);

  async function workbookOf(path: string, lang = 'en'): Promise<Workbook> {
    const res = await download(path, cast.admin.auth, lang);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new Workbook();
    await workbook.xlsx.load(res.body);
    return workbook;
  }

  const rowsOf = (sheet: Worksheet): ExcelRow[] => {
    const rows: ExcelRow[] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push(row));
    return rows;
  };
  const cellText = (row: ExcelRow, column: number) => {
    const value = row.getCell(column).value;
    return value === null || value === undefined ? '' : String(value);
  };
  const allText = (workbook: Workbook) =>
    workbook.worksheets
      .flatMap((sheet) => rowsOf(sheet).flatMap((row) => (row.values as unknown[]).map((v) => String(v ?? ''))))
      .join('\n');

  describe('who may', () => {
    let programId: string;
    beforeAll(async () => {
      programId = (await createCamp(t, cast)).id;
    });

    it.each(['rooming-list.xlsx', 'arrivals.xlsx'])(
      '%s: admin only (403 for others, 401 without sign-in)',
      async (file) => {
        expect((await download(`/programs/${programId}/${file}`)).status).toBe(200);
        for (const who of ['instructor', 'partner', 'otherPartner', 'trainee', 'otherTrainee'] as const) {
          const res = await download(`/programs/${programId}/${file}`, cast[who].auth);
          expect({ who, status: res.status }).toEqual({ who, status: 403 });
        }
        expect((await download(`/programs/${programId}/${file}`, { Authorization: '' })).status).toBe(401);
        expect((await download(`/programs/${randomUUID()}/${file}`)).status).toBe(404);
        expect((await download(`/programs/nope/${file}`)).status).toBe(400);
      },
    );
  });

  describe('the rooming list', () => {
    let program: { id: string; code: string };
    const people = {
      somchai: ['สมชาย ใจดี', 'Somchai Jaidee', 'TH'],
      aung: ['အောင်ကျော်', 'Aung Kyaw', 'MM'],
      lan: ['阮氏兰', 'Nguyen Thi Lan', 'VN'],
      formula: ['=HYPERLINK("http://evil.example","x")', '', 'TH'],
      siti: ['Siti Aminah', 'Siti Aminah', 'MY'],
    } as const;
    const enrolmentOf: Record<string, string> = {};

    beforeAll(async () => {
      program = await createCamp(t, cast, { timezone: 'Asia/Shanghai' });
      for (const [key, [fullName, latin, nationality]] of Object.entries(people)) {
        const [{ id }] = await t.dataSource.query(
          `INSERT INTO trainees (full_name, full_name_latin, email, nationality, institution_id)
           VALUES ($1, NULLIF($2, ''), $3, $4, $5) RETURNING id`,
          [fullName, latin, `${key}-${randomUUID()}@e2e.test`, nationality, cast.partnerA.id],
        );
        [enrolmentOf[key]] = await enrolConfirmed(t, cast, program.id, [id]);
      }
      // Someone withdrawn and someone of another program: in neither part of the list.
      const [gone] = await confirmedTrainees(t, cast, program.id, 1, { prefix: 'gone' });
      await t.dataSource.query(
        `UPDATE trainees SET full_name = 'Withdrawn Person' WHERE id =
        (SELECT trainee_id FROM enrolments WHERE id = $1)`,
        [gone],
      );
      expect(
        (
          await t.http
            .post(api(`/enrolments/${gone}/withdraw`))
            .set(cast.admin.auth)
            .send({})
        ).status,
      ).toBe(200);
      const elsewhere = await createCamp(t, cast);
      const [stranger] = await confirmedTrainees(t, cast, elsewhere.id, 1);
      await t.dataSource.query(
        `UPDATE trainees SET full_name = 'Other Program Person' WHERE id =
        (SELECT trainee_id FROM enrolments WHERE id = $1)`,
        [stranger],
      );

      await writeLogisticsWithSql(t, enrolmentOf['somchai'], {
        gender: 'male',
        arrivalAt: '2027-03-03T22:40:00+07:00',
        departureAt: '2027-03-17T09:15:00+08:00',
      });
      await writeLogisticsWithSql(t, enrolmentOf['aung'], { gender: 'male' });
      await writeLogisticsWithSql(t, enrolmentOf['lan'], { gender: 'female' });
      // Sealed sensitive data on record: it must not reach the sheet.
      await t.dataSource.query(
        `UPDATE enrolment_logistics SET passport_sealed = 'SEALED-PASSPORT-MARKER', dietary_sealed = 'SEALED-DIETARY-MARKER'
          WHERE enrolment_id = $1`,
        [enrolmentOf['somchai']],
      );
      const room = async (body: object) =>
        (
          await t.http
            .post(api(`/programs/${program.id}/rooms`))
            .set(cast.admin.auth)
            .send(body)
        ).body.id as string;
      const m = await room({ name: 'A-101', capacity: 2, gender: 'male' });
      const f = await room({ name: 'A-102', capacity: 2, gender: 'female' });
      await room({ name: 'B-201', capacity: 3 });
      const assign = (key: string, roomId: string) =>
        t.http
          .put(api(`/enrolments/${enrolmentOf[key]}/room`))
          .set(cast.admin.auth)
          .send({ roomId });
      expect((await assign('somchai', m)).status).toBe(200);
      expect((await assign('aung', m)).status).toBe(200);
      expect((await assign('lan', f)).status).toBe(200);
    });

    it('lists each room with its occupants, an empty room on its own, then the confirmed trainees without a room', async () => {
      const res = await download(`/programs/${program.id}/rooming-list.xlsx`);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="rooming-list-${program.code}.xlsx"`);
      const workbook = await workbookOf(`/programs/${program.id}/rooming-list.xlsx`);
      expect(workbook.worksheets).toHaveLength(1);
      const rows = rowsOf(workbook.worksheets[0]);
      expect(rows[0].values).toEqual([
        undefined,
        'Room',
        'Room for',
        'Beds',
        'Full name',
        'Name (Latin letters)',
        'Gender',
        'Nationality',
        'Institution',
        'Arrival (Asia/Shanghai)',
        'Departure (Asia/Shanghai)',
      ]);
      const lines = rows.slice(1).map((r) => [cellText(r, 1), cellText(r, 2), cellText(r, 3), cellText(r, 4)]);
      const heading = lines.findIndex((l) => l[0] === 'Confirmed trainees without a room');
      expect(heading).toBeGreaterThan(0);
      // Occupants by room; an empty room has a line of its own.
      const assigned = lines.slice(0, heading).filter((l) => l.some(Boolean));
      expect(assigned.map((l) => l[0])).toEqual(['A-101', 'A-101', 'A-102', 'B-201']);
      expect(new Set(assigned.filter((l) => l[0] === 'A-101').map((l) => l[3]))).toEqual(
        new Set([people.somchai[0], people.aung[0]]),
      );
      expect(assigned.filter((l) => l[0] === 'A-102').map((l) => l.slice(1))).toEqual([['female', '2', people.lan[0]]]);
      expect(assigned.find((l) => l[0] === 'B-201')).toEqual(['B-201', 'any gender', '3', '']);
      const unassigned = lines.slice(heading + 1).map((l) => l[3]);
      expect(new Set(unassigned)).toEqual(new Set([people.formula[0], people.siti[0]]));
      expect(lines.slice(heading + 1).every((l) => l[0] === '')).toBe(true);
      const text = allText(workbook);
      expect(text).not.toContain('Withdrawn Person');
      expect(text).not.toContain('Other Program Person');
      expect(text).not.toMatch(/SEALED-(PASSPORT|DIETARY)-MARKER/);

      // Somchai: Latin name, gender, nationality, institution code, times as date cells of Shanghai's wall clock.
      const somchai = rows.find((r) => r.getCell(4).value === people.somchai[0]) as ExcelRow;
      expect([5, 6, 7, 8].map((c) => cellText(somchai, c))).toEqual([
        'Somchai Jaidee',
        'Male',
        'Thailand',
        cast.partnerA.code,
      ]);
      expect(somchai.getCell(9).type).toBe(ValueType.Date);
      expect(somchai.getCell(9).value).toEqual(wall('2027-03-03T23:40:00'));
      expect(somchai.getCell(9).numFmt).toBe('yyyy-mm-dd hh:mm');
      expect(somchai.getCell(10).value).toEqual(wall('2027-03-17T09:15:00'));
      expect(cellText(rows.find((r) => r.getCell(4).value === people.aung[0]) as ExcelRow, 9)).toBe('');

      // The would-be formula: a text cell, never a formula.
      const formula = rows.find((r) => cellText(r, 4).includes('HYPERLINK'))?.getCell(4);
      expect({ type: formula?.type, value: formula?.value, numFmt: formula?.numFmt }).toEqual({
        type: ValueType.String,
        value: people.formula[0],
        numFmt: '@',
      });
    });

    it('speaks Thai when asked, with dates in the Buddhist era', async () => {
      const workbook = await workbookOf(`/programs/${program.id}/rooming-list.xlsx`, 'th');
      const sheet = workbook.worksheets[0];
      expect(sheet.name).toBe('รายชื่อผู้เข้าพัก');
      const rows = rowsOf(sheet);
      expect(cellText(rows[0], 1)).toBe('ห้อง');
      expect(cellText(rows[0], 9)).toBe('วันเวลาที่มาถึง (Asia/Shanghai)');
      const somchai = rows.find((r) => r.getCell(4).value === people.somchai[0]) as ExcelRow;
      expect(cellText(somchai, 2)).toBe('ชาย');
      expect(cellText(somchai, 7)).toBe('ไทย');
      expect(somchai.getCell(9).numFmt).toBe(THAI_DATE_TIME);
      expect(somchai.getCell(9).value).toEqual(wall('2027-03-03T23:40:00'));
    });
  });

  describe('the arrivals manifest', () => {
    /** Sets up a program in the zone with people and their travel; returns the parsed workbook. */
    async function manifest(
      timeZone: string,
      travel: { name: string; arrival?: [string, string, string?, string?]; departure?: [string, string] }[],
      lang = 'en',
    ) {
      const program = await createCamp(t, cast, { timezone: timeZone });
      const traineeIds = await insertTrainees(t.dataSource, travel.length, { institutionId: cast.partnerA.id });
      const enrolments = await enrolConfirmed(t, cast, program.id, traineeIds);
      for (const [i, person] of travel.entries()) {
        await t.dataSource.query('UPDATE trainees SET full_name = $2, full_name_latin = $2 WHERE id = $1', [
          traineeIds[i],
          person.name,
        ]);
        await writeLogisticsWithSql(t, enrolments[i], {
          ...(person.arrival
            ? {
                arrivalAt: person.arrival[0],
                arrivalPoint: person.arrival[1],
                arrivalCarrier: person.arrival[2] ?? null,
                arrivalNumber: person.arrival[3] ?? null,
              }
            : {}),
          ...(person.departure ? { departureAt: person.departure[0], departurePoint: person.departure[1] } : {}),
          gender: 'unspecified',
        });
      }
      const res = await download(`/programs/${program.id}/arrivals.xlsx`, cast.admin.auth, lang);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="arrivals-${program.code}.xlsx"`);
      const workbook = new Workbook();
      await workbook.xlsx.load(res.body);
      return workbook;
    }

    /** The manifest sheet as runs: day, slot, point, count and the names that follow. */
    function runsOf(sheet: Worksheet) {
      const runs: { day: unknown; slot: string; point: string; count: unknown; people: string[]; times: unknown[] }[] =
        [];
      for (const row of rowsOf(sheet).slice(1)) {
        if (row.getCell(1).value !== null && row.getCell(1).value !== undefined) {
          runs.push({
            day: row.getCell(1).value,
            slot: cellText(row, 2),
            point: cellText(row, 3),
            count: row.getCell(4).value,
            people: [],
            times: [],
          });
        } else if (cellText(row, 5)) {
          runs[runs.length - 1].people.push(cellText(row, 5));
          runs[runs.length - 1].times.push(row.getCell(9).value);
        }
      }
      return runs;
    }

    it('lists a Yangon-time 23:30 arrival under its local day (3 March), by two-hour slot and point, with counts', async () => {
      const workbook = await manifest('Asia/Yangon', [
        { name: 'Late Flyer', arrival: ['2027-03-03T23:30:00+06:30', 'TEN', 'China Eastern', 'MU5688'] },
        { name: 'Early Evening', arrival: ['2027-03-03T22:05:00+06:30', 'TEN', 'China Eastern', 'MU5690'] },
        { name: 'Train Rider', arrival: ['2027-03-03T16:45:00Z', 'Tongren railway station', 'CR', 'G1234'] },
        {
          name: 'After Midnight',
          arrival: ['2027-03-04T00:15:00+06:30', 'TEN'],
          departure: ['2027-03-17T10:00:00+06:30', 'TEN'],
        },
        { name: 'No Travel Yet' },
      ]);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Arrivals', 'Departures']);
      const arrivals = runsOf(workbook.getWorksheet('Arrivals') as Worksheet);
      expect(arrivals.map(({ times: _, ...run }) => run)).toEqual([
        {
          day: wall('2027-03-03T00:00:00'),
          slot: '22:00–24:00',
          point: 'TEN',
          count: 2,
          people: ['Early Evening', 'Late Flyer'],
        },
        {
          day: wall('2027-03-03T00:00:00'),
          slot: '22:00–24:00',
          point: 'Tongren railway station',
          count: 1,
          people: ['Train Rider'],
        },
        { day: wall('2027-03-04T00:00:00'), slot: '00:00–02:00', point: 'TEN', count: 1, people: ['After Midnight'] },
      ]);
      // 23:30 in Yangon, not 01:00 on 4 March (China) nor 17:00 on 3 March (UTC); a real date cell.
      expect(arrivals[0].times).toEqual([wall('2027-03-03T22:05:00'), wall('2027-03-03T23:30:00')]);
      const sheet = workbook.getWorksheet('Arrivals') as Worksheet;
      const header = rowsOf(sheet)[0];
      expect(header.values).toEqual([
        undefined,
        'Day',
        'Time slot (Asia/Yangon)',
        'Airport or station',
        'People',
        'Full name',
        'Name (Latin letters)',
        'Carrier',
        'Flight or train',
        'Time (Asia/Yangon)',
      ]);
      const late = rowsOf(sheet).find((r) => cellText(r, 5) === 'Late Flyer') as ExcelRow;
      expect([cellText(late, 7), cellText(late, 8)]).toEqual(['China Eastern', 'MU5688']);
      expect(late.getCell(9).type).toBe(ValueType.Date);
      expect(late.getCell(9).numFmt).toBe('yyyy-mm-dd hh:mm');
      expect(
        rowsOf(sheet)
          .find((r) => r.getCell(1).value instanceof Date)
          ?.getCell(1).numFmt,
      ).toBe('yyyy-mm-dd');

      const departures = runsOf(workbook.getWorksheet('Departures') as Worksheet);
      expect(departures.map(({ times: _, ...run }) => run)).toEqual([
        { day: wall('2027-03-17T00:00:00'), slot: '10:00–12:00', point: 'TEN', count: 1, people: ['After Midnight'] },
      ]);

      // The summary: per direction, day, slot and point, how many; then who has given no time yet.
      const summary = rowsOf(workbook.getWorksheet('Summary') as Worksheet).map((r) =>
        [1, 2, 3, 4, 5].map((c) => r.getCell(c).value ?? null),
      );
      expect(summary).toEqual([
        ['Direction', 'Day', 'Time slot (Asia/Yangon)', 'Airport or station', 'People'],
        ['Arrival', wall('2027-03-03T00:00:00'), '22:00–24:00', 'TEN', 2],
        ['Arrival', wall('2027-03-03T00:00:00'), '22:00–24:00', 'Tongren railway station', 1],
        ['Arrival', wall('2027-03-04T00:00:00'), '00:00–02:00', 'TEN', 1],
        ['Departure', wall('2027-03-17T00:00:00'), '10:00–12:00', 'TEN', 1],
        [null, null, null, null, null],
        ['Arrival: confirmed trainees with no time given yet', null, null, null, 1],
        ['Departure: confirmed trainees with no time given yet', null, null, null, 4],
      ]);
    });

    it('puts a Shanghai program’s arrivals on either side of midnight on the right local day', async () => {
      const workbook = await manifest('Asia/Shanghai', [
        { name: 'Before Midnight', arrival: ['2027-03-03T15:59:00Z', 'TEN'] },
        { name: 'After Midnight', arrival: ['2027-03-03T16:30:00Z', 'TEN'] },
        { name: 'From Bangkok', arrival: ['2027-03-04T01:10:00+07:00', 'TEN'] },
        { name: 'No Point', arrival: ['2027-03-04T09:00:00+08:00', ''] },
      ]);
      const runs = runsOf(workbook.getWorksheet('Arrivals') as Worksheet);
      expect(runs.map(({ day, slot, point, count, people }) => ({ day, slot, point, count, people }))).toEqual([
        { day: wall('2027-03-03T00:00:00'), slot: '22:00–24:00', point: 'TEN', count: 1, people: ['Before Midnight'] },
        {
          day: wall('2027-03-04T00:00:00'),
          slot: '00:00–02:00',
          point: 'TEN',
          count: 1,
          people: ['After Midnight'],
        },
        { day: wall('2027-03-04T00:00:00'), slot: '02:00–04:00', point: 'TEN', count: 1, people: ['From Bangkok'] },
        {
          day: wall('2027-03-04T00:00:00'),
          slot: '08:00–10:00',
          point: '(no point given)',
          count: 1,
          people: ['No Point'],
        },
      ]);
      expect(runs[0].times).toEqual([wall('2027-03-03T23:59:00')]);
      expect(runs[1].times).toEqual([wall('2027-03-04T00:30:00')]);
      expect(runs[2].times).toEqual([wall('2027-03-04T02:10:00')]);
    });

    it('speaks Thai when asked: Thai headers and sheet names, days and times in the Buddhist era', async () => {
      const workbook = await manifest(
        'Asia/Yangon',
        [{ name: 'Late Flyer', arrival: ['2027-03-03T23:30:00+06:30', 'TEN', 'Myanmar Airways', '8M711'] }],
        'th',
      );
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['สรุป', 'เดินทางมาถึง', 'เดินทางกลับ']);
      const rows = rowsOf(workbook.getWorksheet('เดินทางมาถึง') as Worksheet);
      expect(cellText(rows[0], 1)).toBe('วันที่');
      expect(cellText(rows[0], 9)).toBe('เวลา (Asia/Yangon)');
      expect(rows[1].getCell(1).numFmt).toBe(THAI_DATE);
      expect(rows[1].getCell(1).value).toEqual(wall('2027-03-03T00:00:00'));
      expect(rows[2].getCell(9).numFmt).toBe(THAI_DATE_TIME);
      expect(rows[2].getCell(9).value).toEqual(wall('2027-03-03T23:30:00'));
      const summary = rowsOf(workbook.getWorksheet('สรุป') as Worksheet);
      expect(cellText(summary[1], 1)).toBe('เดินทางมาถึง');
      expect(summary[1].getCell(2).numFmt).toBe(THAI_DATE);
    });

    it('is a header and zero counts for a program nobody travels to yet', async () => {
      const workbook = await manifest('Asia/Shanghai', []);
      const summary = rowsOf(workbook.getWorksheet('Summary') as Worksheet).map((r) => r.getCell(5).value ?? null);
      expect(summary).toEqual(['People', null, 0, 0]);
      expect(rowsOf(workbook.getWorksheet('Arrivals') as Worksheet)).toHaveLength(1);
    });
  });
});
