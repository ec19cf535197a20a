import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ErrorCode,
  type EnrolmentStatus,
  type InvitationLetterVerification,
  type LocalizedText,
  type PassportDetails,
  type ProgramKind,
} from '@skillbridge/contracts';
import type { Readable } from 'node:stream';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ZipFile } from 'yazl';
import { scopeQuery } from '../../../common/auth/record-scope';
import { signedIn, type RequestContext, type Viewer } from '../../../common/auth/viewer';
import { Secrets } from '../../../common/crypto/secrets';
import { countryName } from '../../../common/i18n/country-names';
import { translate } from '../../../common/i18n/translator';
import { ProblemException, type FieldProblem } from '../../../common/problem/problem.exception';
import { AppConfig } from '../../../config';
import { AuditService } from '../../audit/audit.service';
import { AccessLog } from '../../privacy/access-log.service';
import { CertificateDesignsService } from '../../certificates/design/certificate-designs.service';
import { CertificateRenderPool, renderThreads } from '../../certificates/documents/render-pool';
import { RateLimiter } from '../../certificates/rate-limiter';
import { Enrolment } from '../../enrolments/enrolment.entity';
import { ENROLMENT_SCOPE } from '../../enrolments/enrolment.scope';
import { openPassport } from '../sealed-details';
import { InvitationLetter } from './invitation-letter.entity';
import type { InvitationLetterDocument } from './letter-pdf';
import { embassyFor } from './letter-words';

/** The purpose of the HMAC of the passport data a letter was issued for (see SecretBox). */
export const LETTER_PASSPORT_MAC_PURPOSE = 'invitation-letter.passport';

/** `SB-INV-2027-000123`; more digits once a million letters were issued. */
const REFERENCE_PATTERN = /^SB-INV-\d{4}-\d{6,}$/;

/** One enrolment with what a letter needs of it (passport data still sealed). */
interface Subject {
  enrolmentId: string;
  traineeId: string;
  status: EnrolmentStatus;
  fullName: string;
  fullNameLatin: string | null;
  title: LocalizedText;
  kind: ProgramKind;
  startDate: string;
  endDate: string;
  timezone: string;
  hostId: string;
  hostName: LocalizedText;
  passportSealed: string | null;
  passportDeletedAt: Date | null;
}

/** Why a confirmed trainee has no letter in a program's ZIP. */
type SkipReason = 'missing' | 'deleted' | 'unreadable';

/** The passport fields the letter prints; all are required. */
const LETTER_PASSPORT_FIELDS = ['fullNameAsInPassport', 'number', 'nationality', 'dateOfBirth'] as const;
/** The same, as the access log names what a letter shows of a person. */
const LETTER_LOGGED_FIELDS = LETTER_PASSPORT_FIELDS.map((field) => `passport.${field}`);

/**
 * Visa invitation letters (issue 20): issued once per enrolment and passport
 * data (see InvitationLetter), drawn in the certificate render pool's threads
 * from the letter's frozen facts and the current, unsealed passport data, and
 * never stored. Staff downloads read passport data and say so in the audit
 * trail (`logistics.passport_read`).
 */
@Injectable()
export class InvitationLettersService {
  private readonly logger = new Logger(InvitationLettersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: Secrets,
    private readonly audit: AuditService,
    private readonly pool: CertificateRenderPool,
    private readonly designs: CertificateDesignsService,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
    private readonly accessLog: AccessLog,
  ) {}

  /** The letter of one enrolment, as a PDF: issued on the first download, reissued when the passport data changed. */
  async pdf(enrolmentId: string, ctx: RequestContext): Promise<{ reference: string; body: Buffer }> {
    const viewer = signedIn(ctx);
    const subject = await this.subject(enrolmentId, viewer);
    const problems = this.problems(subject);
    if (problems.length) throw ProblemException.validation(problems);
    const passport = this.passport(subject);
    const missing = missingFields(passport);
    if (missing.length) throw ProblemException.validation(missing);
    const letter = await this.issue(subject, passport, ctx);
    const body = await this.pool.renderLetter(await this.document(letter, passport));
    await this.accessLog.record(ctx, [{ traineeId: subject.traineeId }], 'invitation-letter', LETTER_LOGGED_FIELDS);
    return { reference: letter.reference, body };
  }

  /**
   * The letters of a program's confirmed trainees whose passport data is
   * complete, one PDF each, as a ZIP written into the response while the
   * letters are drawn (a few at a time, in the render pool); `skipped.txt`, in
   * the caller's language, names the confirmed trainees left out and why.
   */
  async zip(programId: string, ctx: RequestContext): Promise<{ code: string; stream: Readable }> {
    const [program] = (await this.dataSource.query('SELECT code FROM programs WHERE id = $1', [programId])) as {
      code: string;
    }[];
    if (!program) throw ProblemException.notFound();
    const subjects = await this.subjects(programId);
    // Who gets a letter is decided before the first byte is sent, so the access log names exactly those whose
    // passport data the ZIP prints — and a failure to write it fails the download instead of going unlogged.
    const skipped: { subject: Subject; reason: SkipReason }[] = [];
    const printed: { subject: Subject; passport: PassportDetails }[] = [];
    for (const subject of subjects) {
      const reason = this.skipReason(subject);
      if (reason) {
        skipped.push({ subject, reason });
        continue;
      }
      let passport: PassportDetails;
      try {
        passport = this.passport(subject);
      } catch {
        skipped.push({ subject, reason: 'unreadable' });
        continue;
      }
      if (missingFields(passport).length) skipped.push({ subject, reason: 'missing' });
      else printed.push({ subject, passport });
    }
    await this.accessLog.record(
      ctx,
      printed.map(({ subject }) => ({ traineeId: subject.traineeId })),
      'invitation-letter',
      LETTER_LOGGED_FIELDS,
    );
    const zip = new ZipFile();
    const stream = zip.outputStream as Readable;
    void (async () => {
      try {
        type Made = { ok: true; name: string; pdf: Buffer } | { ok: false; error: unknown };
        const window: Promise<Made>[] = [];
        const names = new Set<string>();
        const drain = async () => {
          const made = await (window.shift() as Promise<Made>);
          if (!made.ok) throw made.error;
          // Stored, not deflated again: a PDF's streams are compressed already.
          zip.addBuffer(made.pdf, made.name, { compress: false });
        };
        for (const { subject, passport } of printed) {
          const letter = await this.issue(subject, passport, ctx);
          const name = uniqueName(names, `${letter.reference}-${fileSlug(passport.fullNameAsInPassport)}.pdf`);
          window.push(
            this.document(letter, passport)
              .then((document) => this.pool.renderLetter(document))
              .then((pdf): Made => ({ ok: true, name, pdf }))
              .catch((error: unknown): Made => ({ ok: false, error })),
          );
          if (window.length >= renderThreads()) await drain();
        }
        while (window.length) await drain();
        if (skipped.length) zip.addBuffer(skippedList(skipped, ctx), 'skipped.txt', { compress: true });
        zip.end();
      } catch (error) {
        this.logger.error(`invitation letters of program ${programId}: ${String(error)}`);
        stream.destroy(error as Error);
      }
    })();
    return { code: program.code, stream };
  }

  /** What a letter's reference proves to anyone who holds it — never passport data. Rate-limited like /verify. */
  async verify(typed: string, ctx: RequestContext): Promise<InvitationLetterVerification> {
    this.limiter.hit(`verify:${ctx.ip}`, this.config.VERIFY_RATE_LIMIT_PER_MINUTE);
    // References are sequential, so could be walked: the tighter limit of certificate serials as well.
    this.limiter.hit(`verify-serial:${ctx.ip}`, this.config.VERIFY_SERIAL_RATE_LIMIT_PER_MINUTE);
    const reference = typed.trim().toUpperCase();
    if (!REFERENCE_PATTERN.test(reference)) throw ProblemException.notFound();
    const letter = await this.dataSource.getRepository(InvitationLetter).findOneBy({ reference });
    if (!letter) throw ProblemException.notFound();
    return {
      reference: letter.reference,
      issuedAt: letter.issuedAt.toISOString(),
      ...(letter.supersededAt ? { supersededAt: letter.supersededAt.toISOString() } : {}),
      holderName: letter.holderName,
      programTitle: letter.programTitle,
      startDate: letter.startDate,
      endDate: letter.endDate,
      hostInstitution: letter.hostName,
    };
  }

  // ---- internals -------------------------------------------------------------------------------------

  private selectSubject(manager: EntityManager = this.dataSource.manager) {
    return manager
      .getRepository(Enrolment)
      .createQueryBuilder('e')
      .innerJoin('trainees', 't', 't.id = e.trainee_id')
      .innerJoin('programs', 'p', 'p.id = e.program_id')
      .innerJoin('institutions', 'h', 'h.id = p.host_institution_id')
      .leftJoin('enrolment_logistics', 'l', 'l.enrolment_id = e.id')
      .select('e.id', 'enrolmentId')
      .addSelect('e.trainee_id', 'traineeId')
      .addSelect('e.status', 'status')
      .addSelect('t.full_name', 'fullName')
      .addSelect('t.full_name_latin', 'fullNameLatin')
      .addSelect('p.title', 'title')
      .addSelect('p.kind', 'kind')
      .addSelect('p.start_date', 'startDate')
      .addSelect('p.end_date', 'endDate')
      .addSelect('p.timezone', 'timezone')
      .addSelect('p.host_institution_id', 'hostId')
      .addSelect('h.name', 'hostName')
      .addSelect('l.passport_sealed', 'passportSealed')
      .addSelect('l.passport_deleted_at', 'passportDeletedAt');
  }

  /** The enrolment if the viewer may see it (the trainee themself, their partner, admins); otherwise 404. */
  private async subject(enrolmentId: string, viewer: Viewer): Promise<Subject> {
    const qb = this.selectSubject().where('e.id = :enrolmentId', { enrolmentId });
    const subject = await scopeQuery(ENROLMENT_SCOPE, viewer, qb).getRawOne<Subject>();
    if (!subject) throw ProblemException.notFound();
    return subject;
  }

  /** A program's confirmed trainees, by name. */
  private subjects(programId: string): Promise<Subject[]> {
    return this.selectSubject()
      .where('e.program_id = :programId AND e.status = :status', { programId, status: 'confirmed' })
      .orderBy('t.full_name', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getRawMany<Subject>();
  }

  /** What stands in the way of a letter, each naming its field: the enrolment's status, the passport data. */
  private problems(subject: Subject): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (subject.status !== 'confirmed') {
      problems.push({
        field: 'status',
        code: ErrorCode.NotConfirmed,
        messageKey: 'validation.notConfirmed',
      });
    }
    const reason = this.skipReason(subject);
    if (reason === 'deleted') {
      problems.push({ field: 'passport', code: 'PASSPORT_DELETED', messageKey: 'validation.passportDeleted' });
    } else if (reason === 'missing') {
      problems.push({ field: 'passport', code: 'IS_DEFINED', messageKey: 'validation.passportRequired' });
    }
    return problems;
  }

  private skipReason(subject: Subject): SkipReason | null {
    if (subject.passportDeletedAt) return 'deleted';
    if (!subject.passportSealed) return 'missing';
    return null;
  }

  private passport(subject: Subject): PassportDetails {
    return openPassport(this.secrets, subject.passportSealed as string);
  }

  /**
   * The enrolment's current letter when it still fits the passport data and
   * the facts it froze; otherwise a new one (the old one superseded). Staff
   * downloads record their read of the passport data; all in one transaction.
   */
  private async issue(subject: Subject, passport: PassportDetails, ctx: RequestContext): Promise<InvitationLetter> {
    const viewer = signedIn(ctx);
    const mac = this.secrets.mac(canonicalPassport(passport), LETTER_PASSPORT_MAC_PURPOSE);
    const facts = snapshot(subject);
    return this.dataSource.transaction(async (manager) => {
      const letters = manager.getRepository(InvitationLetter);
      // Locks the current letter: a concurrent download waits, then finds the letter this one settled on.
      const current = await letters
        .createQueryBuilder('l')
        .setLock('pessimistic_write')
        .where('l.enrolment_id = :id AND l.superseded_at IS NULL', { id: subject.enrolmentId })
        .getOne();
      let letter = current;
      if (!current || !current.passportMac.equals(mac) || !sameFacts(current, facts)) {
        if (current) await letters.update({ id: current.id }, { supersededAt: () => 'now()' });
        const inserted = (await manager.query(
          `INSERT INTO invitation_letters (reference, enrolment_id, holder_name, holder_name_latin, program_title,
                  program_kind, start_date, end_date, time_zone, host_institution_id, host_name, passport_mac)
           VALUES ('SB-INV-' || to_char(now() AT TIME ZONE $8, 'YYYY') || '-'
                     || lpad(nextval('invitation_letter_reference_seq')::text, 6, '0'),
                   $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (enrolment_id) WHERE superseded_at IS NULL DO NOTHING
           RETURNING id`,
          [
            subject.enrolmentId,
            facts.holderName,
            facts.holderNameLatin,
            JSON.stringify(facts.programTitle),
            facts.programKind,
            facts.startDate,
            facts.endDate,
            facts.timeZone,
            facts.hostInstitutionId,
            JSON.stringify(facts.hostName),
            mac,
          ],
        )) as { id: string }[];
        letter = await letters.findOneOrFail({
          where: inserted[0] ? { id: inserted[0].id } : { enrolmentId: subject.enrolmentId, supersededAt: IsNull() },
          order: { issuedAt: 'DESC' },
        });
        if (inserted[0]) {
          await this.audit.record(manager, ctx, {
            action: 'invitation-letter.issue',
            entityType: 'enrolment',
            entityId: subject.enrolmentId,
            details: { reference: letter.reference, ...(current ? { supersedes: current.reference } : {}) },
          });
        }
      }
      if (viewer.role !== 'trainee') {
        await this.audit.record(manager, ctx, {
          action: 'logistics.passport_read',
          entityType: 'enrolment',
          entityId: subject.enrolmentId,
          details: { purpose: 'invitation-letter', reference: (letter as InvitationLetter).reference },
        });
      }
      return letter as InvitationLetter;
    });
  }

  /** What the letter is drawn from: its frozen facts, the passport data, the host's design as of its issue. */
  private async document(letter: InvitationLetter, passport: PassportDetails): Promise<InvitationLetterDocument> {
    const design = await this.designs.asOf(letter.hostInstitutionId, letter.issuedAt);
    return {
      reference: letter.reference,
      verificationUrl: `${this.config.publicUrl}/verify/letters/${letter.reference}`,
      issuedOn: calendarDate(letter.issuedAt, letter.timeZone),
      embassy: embassyFor(passport.nationality),
      passport: {
        fullNameAsInPassport: passport.fullNameAsInPassport,
        number: passport.number,
        nationality: { zh: countryName('zh', passport.nationality), en: countryName('en', passport.nationality) },
        dateOfBirth: passport.dateOfBirth,
      },
      programTitle: letter.programTitle,
      programKind: letter.programKind,
      startDate: letter.startDate,
      endDate: letter.endDate,
      hostName: letter.hostName,
      ...(design ? { design } : {}),
    };
  }
}

type Facts = Pick<
  InvitationLetter,
  | 'holderName'
  | 'holderNameLatin'
  | 'programTitle'
  | 'programKind'
  | 'startDate'
  | 'endDate'
  | 'timeZone'
  | 'hostInstitutionId'
  | 'hostName'
>;

/** The non-passport facts a letter freezes, as they are now. */
function snapshot(s: Subject): Facts {
  return {
    holderName: s.fullName,
    holderNameLatin: s.fullNameLatin,
    programTitle: s.title,
    programKind: s.kind,
    startDate: s.startDate,
    endDate: s.endDate,
    timeZone: s.timezone,
    hostInstitutionId: s.hostId,
    hostName: s.hostName,
  };
}

/** A letter still states the facts: the program's dates or title, the host or the holder's name did not change. */
function sameFacts(letter: InvitationLetter, facts: Facts): boolean {
  return (Object.keys(facts) as (keyof Facts)[]).every((key) => isDeepStrictEqual(letter[key], facts[key]));
}

/** The passport data in a fixed order, so equal data always gives the same MAC. */
function canonicalPassport(p: PassportDetails): string {
  return JSON.stringify([p.number, p.fullNameAsInPassport, p.nationality, p.dateOfBirth, p.expiresOn ?? null]);
}

/** Passport fields the letter needs and the stored data lacks (data saved before they were all required). */
function missingFields(passport: PassportDetails): FieldProblem[] {
  return LETTER_PASSPORT_FIELDS.filter((key) => !String(passport[key] ?? '').trim()).map((key) => ({
    field: `passport.${key}`,
    code: 'IS_DEFINED',
    messageKey: 'validation.isDefined',
  }));
}

/** A file name's part from a passport name: Latin letters and digits, words joined by hyphens. */
function fileSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'letter';
}

function uniqueName(names: Set<string>, name: string): string {
  let candidate = name;
  for (let i = 2; names.has(candidate); i++) candidate = name.replace(/\.pdf$/, `-${i}.pdf`);
  names.add(candidate);
  return candidate;
}

/** `skipped.txt`: who has no letter in the ZIP and why, in the caller's language (UTF-8 with a BOM, CRLF). */
function skippedList(skipped: { subject: Subject; reason: SkipReason }[], ctx: RequestContext): Buffer {
  const lines = [
    translate(ctx.locale, 'invitationLetters.skipped.header', { count: String(skipped.length) }),
    '',
    ...skipped.map(({ subject, reason }) => {
      const latin =
        subject.fullNameLatin && subject.fullNameLatin !== subject.fullName ? ` (${subject.fullNameLatin})` : '';
      return `${subject.fullName}${latin}: ${translate(ctx.locale, `invitationLetters.skipped.${reason}`)}`;
    }),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The calendar date of an instant in a time zone, 'YYYY-MM-DD'. */
function calendarDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}
