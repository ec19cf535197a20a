import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Hits per client and minute for rate-limited public routes, kept in PostgreSQL so every replica counts together. */
@Entity({ name: 'rate_limit_hits' })
export class RateLimitHit {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_rate_limit_hits' })
  bucket: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'PK_rate_limit_hits' })
  windowStart: Date;

  @Column({ type: 'integer', default: 1 })
  hits: number;
}
