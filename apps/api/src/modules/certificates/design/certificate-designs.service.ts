import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ACCENT_COLOR_MIN_CONTRAST,
  CERTIFICATE_IMAGE_MAX_BYTES,
  CERTIFICATE_IMAGE_MAX_SIDE,
  CERTIFICATE_IMAGE_MIN_SIDE,
  ErrorCode,
  contrastWithWhite,
  type CertificateDesign as CertificateDesignView,
} from '@skillbridge/contracts';
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { DataSource, EntityManager } from 'typeorm';
import { signedIn, type RequestContext } from '../../../common/auth/viewer';
import { ProblemException } from '../../../common/problem/problem.exception';
import { AuditService } from '../../audit/audit.service';
import { Institution } from '../../institutions/institution.entity';
import { CertificateRenderPool } from '../documents/render-pool';
import type { CertificateDesign as RenderedDesign } from '../pdf/certificate-pdf';
import { IMAGE_CONTENT_TYPES } from '../pdf/images';
import { CertificateDesignImage } from './certificate-design-image.entity';
import { CertificateDesign, StoredSignatory } from './certificate-design.entity';
import { UpdateCertificateDesignDto } from './dto/certificate-design.dto';

/** Where an uploaded image goes: the logo, the seal, or the signature of the signatory at an index. */
export type DesignImageSlot = 'logo' | 'seal' | { signature: number };

const slotName = (slot: DesignImageSlot) => (typeof slot === 'string' ? slot : `signatures/${slot.signature}`);

/**
 * The certificate design of each host institution, kept as versions (see
 * CertificateDesign): a change saves a new version, under a lock on the
 * institution's row so two admins' changes follow one another. Uploaded
 * images are checked in the render pool's threads (decoding a 4000 × 4000
 * PNG takes a while) before anything is written.
 */
@Injectable()
export class CertificateDesignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly pool: CertificateRenderPool,
  ) {}

  /** The current design; an institution without one (yet) gets the empty default. */
  async get(institutionId: string): Promise<CertificateDesignView> {
    const institution = await this.dataSource.getRepository(Institution).findOneBy({ id: institutionId });
    if (!institution) throw ProblemException.notFound();
    return toView(institutionId, await latest(this.dataSource.manager, institutionId));
  }

  async update(
    institutionId: string,
    dto: UpdateCertificateDesignDto,
    ctx: RequestContext,
  ): Promise<CertificateDesignView> {
    const accentColor = dto.accentColor ?? null;
    if (accentColor && contrastWithWhite(accentColor) < ACCENT_COLOR_MIN_CONTRAST) {
      throw ProblemException.invalidField('accentColor', 'ACCENT_CONTRAST', 'design.accentContrast');
    }
    return this.change(institutionId, ctx, (current) => {
      const before = current?.signatories ?? [];
      const signatories: StoredSignatory[] = dto.signatories.map((s, i) => {
        // A signature belongs to a person: it stays only while the name at its place stays the same.
        const kept =
          before[i]?.signature && isDeepStrictEqual(before[i].name, s.name) ? before[i].signature : undefined;
        return { name: s.name, title: s.title, ...(kept ? { signature: kept } : {}) };
      });
      return {
        version: { accentColor, signatories },
        audit: {
          action: 'certificateDesign.update',
          details: { accentColor, signatories: dto.signatories.map((s) => ({ name: s.name, title: s.title })) },
        },
      };
    });
  }

  /** Checks the file (PNG or JPEG by content, dimensions, readable) and puts it in its place. */
  async putImage(
    institutionId: string,
    slot: DesignImageSlot,
    bytes: Buffer,
    ctx: RequestContext,
  ): Promise<CertificateDesignView> {
    if (bytes.length === 0) throw ProblemException.invalidField('file', 'IS_NOT_EMPTY', 'validation.isNotEmpty');
    if (bytes.length > CERTIFICATE_IMAGE_MAX_BYTES) throw fileTooLarge();
    const check = await this.pool.checkImage(bytes);
    if (!check.ok) {
      throw ProblemException.invalidField(
        'file',
        `IMAGE_${check.problem.toUpperCase()}`,
        `design.image.${check.problem}`,
        {
          min: CERTIFICATE_IMAGE_MIN_SIDE,
          max: CERTIFICATE_IMAGE_MAX_SIDE,
        },
      );
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.change(institutionId, ctx, async (current, manager) => {
      if (typeof slot !== 'string') assertSignatory(current, slot.signature);
      await manager
        .createQueryBuilder()
        .insert()
        .into(CertificateDesignImage)
        .values({
          sha256,
          contentType: IMAGE_CONTENT_TYPES[check.type],
          width: check.width,
          height: check.height,
          data: bytes,
        })
        .orIgnore()
        .execute();
      return {
        version: withImage(current, slot, sha256),
        audit: {
          action: 'certificateDesign.image',
          details: { slot: slotName(slot), sha256, type: check.type, width: check.width, height: check.height },
        },
      };
    });
  }

  async deleteImage(institutionId: string, slot: DesignImageSlot, ctx: RequestContext): Promise<CertificateDesignView> {
    return this.change(institutionId, ctx, (current) => {
      if (typeof slot !== 'string') assertSignatory(current, slot.signature);
      return {
        version: withImage(current, slot, null),
        audit: { action: 'certificateDesign.imageRemove', details: { slot: slotName(slot) } },
      };
    });
  }

  /**
   * The design a certificate of this institution issued at `issuedAt` is
   * drawn with: the version current then (none before the first version).
   */
  async asOf(institutionId: string, issuedAt: Date): Promise<RenderedDesign | undefined> {
    const version = await this.dataSource
      .getRepository(CertificateDesign)
      .createQueryBuilder('d')
      .where('d.institution_id = :institutionId AND d.created_at <= :issuedAt', { institutionId, issuedAt })
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(1)
      .getOne();
    return version ? this.forRendering(version) : undefined;
  }

  /** The current design, for previews. */
  async current(institutionId: string): Promise<RenderedDesign | undefined> {
    const version = await latest(this.dataSource.manager, institutionId);
    return version ? this.forRendering(version) : undefined;
  }

  private async forRendering(version: CertificateDesign): Promise<RenderedDesign> {
    const hashes = [version.logo, version.seal, ...version.signatories.map((s) => s.signature ?? null)].filter(
      (h): h is string => !!h,
    );
    const images = new Map<string, Buffer>();
    if (hashes.length) {
      const rows = (await this.dataSource.query(
        'SELECT sha256, data FROM certificate_design_images WHERE sha256 = ANY($1::text[])',
        [hashes],
      )) as { sha256: string; data: Buffer }[];
      for (const row of rows) images.set(row.sha256, row.data);
    }
    const image = (hash: string | null | undefined) => (hash ? images.get(hash) : undefined);
    const logo = image(version.logo);
    const seal = image(version.seal);
    return {
      ...(version.accentColor ? { accentColor: version.accentColor } : {}),
      ...(logo ? { logo } : {}),
      ...(seal ? { seal } : {}),
      signatories: version.signatories.map((s) => {
        const signature = image(s.signature);
        return { name: s.name, title: s.title, ...(signature ? { signature } : {}) };
      }),
    };
  }

  /**
   * Saves a new version made from the current one, under a lock on the
   * institution's row, with its audit event, in one transaction.
   */
  private async change(
    institutionId: string,
    ctx: RequestContext,
    make: (
      current: CertificateDesign | null,
      manager: EntityManager,
    ) =>
      | Promise<{ version: Partial<CertificateDesign>; audit: { action: string; details: Record<string, unknown> } }>
      | { version: Partial<CertificateDesign>; audit: { action: string; details: Record<string, unknown> } },
  ): Promise<CertificateDesignView> {
    return this.dataSource.transaction(async (manager) => {
      const institution = await manager.findOne(Institution, {
        where: { id: institutionId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!institution) throw ProblemException.notFound();
      if (institution.kind !== 'host') throw ProblemException.conflict(ErrorCode.NotAHostInstitution);
      const current = await latest(manager, institutionId);
      const { version, audit } = await make(current, manager);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(CertificateDesign)
        .values({
          institutionId,
          accentColor: current?.accentColor ?? null,
          signatories: current?.signatories ?? [],
          logo: current?.logo ?? null,
          seal: current?.seal ?? null,
          ...version,
          // clock_timestamp(), not now(): versions saved within one transaction still follow one another.
          createdAt: () => 'clock_timestamp()',
          createdBy: signedIn(ctx).userId,
        })
        .returning(['id'])
        .execute();
      const reloaded = await manager.findOneByOrFail(CertificateDesign, { id: inserted.identifiers[0].id as string });
      await this.audit.record(manager, ctx, {
        action: audit.action,
        entityType: 'institution',
        entityId: institutionId,
        details: audit.details,
      });
      return toView(institutionId, reloaded);
    });
  }
}

async function latest(manager: EntityManager, institutionId: string): Promise<CertificateDesign | null> {
  return manager
    .getRepository(CertificateDesign)
    .createQueryBuilder('d')
    .where('d.institution_id = :institutionId', { institutionId })
    .orderBy('d.created_at', 'DESC')
    .addOrderBy('d.id', 'DESC')
    .limit(1)
    .getOne();
}

function withImage(current: CertificateDesign | null, slot: DesignImageSlot, sha256: string | null) {
  if (slot === 'logo') return { logo: sha256 };
  if (slot === 'seal') return { seal: sha256 };
  const signatories = (current?.signatories ?? []).map((s, i) => {
    if (i !== slot.signature) return s;
    const { signature: _old, ...rest } = s;
    return sha256 ? { ...rest, signature: sha256 } : rest;
  });
  return { signatories };
}

function assertSignatory(current: CertificateDesign | null, index: number): void {
  const count = current?.signatories.length ?? 0;
  if (index >= count) {
    throw ProblemException.invalidField('index', 'NO_SIGNATORY', 'design.index', {
      values: count ? Array.from({ length: count }, (_, i) => i).join(', ') : '—',
    });
  }
}

export function fileTooLarge(): ProblemException {
  return ProblemException.invalidField('file', 'FILE_TOO_LARGE', 'design.image.tooLarge', {
    max: CERTIFICATE_IMAGE_MAX_BYTES / 1024 / 1024,
  });
}

function toView(institutionId: string, design: CertificateDesign | null): CertificateDesignView {
  return {
    institutionId,
    ...(design?.accentColor ? { accentColor: design.accentColor } : {}),
    signatories: (design?.signatories ?? []).map((s) => ({
      name: s.name,
      title: s.title,
      hasSignature: !!s.signature,
    })),
    hasLogo: !!design?.logo,
    hasSeal: !!design?.seal,
    ...(design ? { updatedAt: design.createdAt.toISOString() } : {}),
  };
}
