import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The person a request concerns as a recipient: their own account when it is
 * active (in-app + e-mail, in their language and zone), else the address and
 * language of their trainee record (e-mail only).
 */
const PERSON = `
  FROM privacy_requests r
  LEFT JOIN users u ON u.id = r.user_id AND NOT u.disabled AND u.anonymized_at IS NULL
  LEFT JOIN trainees t ON t.id = r.trainee_id AND t.anonymized_at IS NULL
 WHERE r.id = $1 AND coalesce(u.email, t.email) IS NOT NULL`;
const PERSON_COLUMNS = `u.id, coalesce(u.email, t.email), coalesce(u.preferred_locale, t.preferred_locale, 'en'),
       coalesce(u.time_zone, 'UTC')`;

/**
 * The notices of erasure requests, in the caller's transaction (see Notifier):
 * the admins learn of a new request (without the person's name or address —
 * the list shows them); the person gets an acknowledgement with the due date,
 * and the reason if the request is refused.
 */
@Injectable()
export class ErasureNotices {
  async requestReceived(manager: EntityManager, requestId: string): Promise<void> {
    await manager.query(
      `INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'privacy-request-received', 'privacy-request-received:' || r.id, a.id, a.email, a.preferred_locale,
              a.time_zone,
              jsonb_build_object('requestId', r.id, 'dueAt', r.due_at, 'requestedBy', r.requested_by_role,
                                 'name', a.full_name, 'link', '/admin/privacy-requests')
         FROM privacy_requests r
         JOIN users a ON a.role = 'admin' AND NOT a.disabled AND a.anonymized_at IS NULL
        WHERE r.id = $1
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [requestId],
    );
    await manager.query(
      `INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'erasure-request-received', 'erasure-request-received:' || r.id, ${PERSON_COLUMNS},
              jsonb_build_object('dueAt', r.due_at, 'keepCertificatesVerifiable', r.keep_certificates_verifiable,
                                 'requestedBy', r.requested_by_role, 'name', coalesce(u.full_name, t.full_name),
                                 'link', CASE WHEN u.id IS NULL THEN NULL ELSE '/profile#erasure' END)
       ${PERSON}
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [requestId],
    );
  }

  async requestRefused(manager: EntityManager, requestId: string): Promise<void> {
    await manager.query(
      `INSERT INTO notifications (kind, event_key, user_id, email, locale, time_zone, params)
       SELECT 'erasure-request-refused', 'erasure-request-refused:' || r.id, ${PERSON_COLUMNS},
              jsonb_build_object('reason', r.refusal_reason, 'name', coalesce(u.full_name, t.full_name),
                                 'link', CASE WHEN u.id IS NULL THEN NULL ELSE '/profile#erasure' END)
       ${PERSON}
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_recipient" DO NOTHING`,
      [requestId],
    );
  }
}
