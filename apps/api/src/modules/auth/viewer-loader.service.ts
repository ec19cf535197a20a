import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@skillbridge/contracts';
import { DataSource } from 'typeorm';
import type { Viewer } from '../../common/auth/viewer';
import type { AccessClaims } from './token.service';

interface ViewerRow {
  id: string;
  role: Role;
  institution_id: string | null;
  disabled: boolean;
  token_version: number;
  trainee_id: string | null;
  instructor_id: string | null;
}

/**
 * Turns valid token claims into the current Viewer with one primary-key
 * lookup, so a deleted or disabled account, a changed role or a changed
 * password takes effect on the very next request, not when tokens expire.
 */
@Injectable()
export class ViewerLoader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(claims: AccessClaims): Promise<Viewer | null> {
    const rows = (await this.dataSource.query(
      `SELECT u.id, u.role, u.institution_id, u.disabled, u.token_version,
              (SELECT t.id FROM trainees t WHERE t.user_id = u.id) AS trainee_id,
              (SELECT i.id FROM instructors i WHERE i.user_id = u.id) AS instructor_id
         FROM users u WHERE u.id = $1`,
      [claims.sub],
    )) as ViewerRow[];
    const row = rows[0];
    if (!row || row.disabled || row.token_version !== claims.ver || row.role !== claims.role) return null;
    return {
      userId: row.id,
      role: row.role,
      institutionId: row.institution_id,
      traineeId: row.trainee_id,
      instructorId: row.instructor_id,
    };
  }
}
