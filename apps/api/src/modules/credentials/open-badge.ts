import { CREDENTIAL_CONTEXT } from '@skillbridge/credentials';
import type { Locale, LocalizedText } from '@skillbridge/contracts';
import { translate } from '../../common/i18n/translator';
import type { CredentialInput } from './credential-input';

/** The URLs a credential names, all under PUBLIC_URL. */
export class CredentialUrls {
  constructor(private readonly publicUrl: string) {}

  /** Under which the verifier's document loader may fetch: issuer documents and status lists. */
  get base(): string {
    return `${this.publicUrl}/api/v1/credentials/`;
  }
  issuer(institutionId: string): string {
    return `${this.base}issuers/${institutionId}`;
  }
  key(institutionId: string, publicKeyMultibase: string): string {
    return `${this.issuer(institutionId)}#${publicKeyMultibase}`;
  }
  statusList(listId: string): string {
    return `${this.base}status/${listId}`;
  }
  /** Where the holder (and their partner, admins) download it. */
  credential(certificateId: string): string {
    return `${this.publicUrl}/api/v1/certificates/${certificateId}/credential`;
  }
}

const LANGUAGE_ORDER: Locale[] = ['en', 'zh', 'th', 'ms'];

/**
 * The languages of a text, the one that carries the credential's strings
 * first: English when present (what wallets and employers abroad read), else
 * Chinese, else the first there is — the fallback order of the design.
 */
export function languagesOf(text: LocalizedText): Locale[] {
  return LANGUAGE_ORDER.filter((locale) => text[locale]?.trim());
}

/** A localized text in `locale`, else by the usual fallback (en → zh → first present). */
function pick(text: LocalizedText, locale: Locale): string {
  return (text[locale] ?? text.en ?? text.zh ?? Object.values(text).find(Boolean) ?? '').trim();
}

const percent = (rate: number) => Math.round(rate * 1000) / 10;

/**
 * The unsigned OpenBadgeCredential (Open Badges 3.0 on W3C VC 2.0) of a
 * certificate. Choices the spec leaves open, and why:
 * - Names and texts are strings in one language (the OB JSON Schema types
 *   them so), marked with the achievement's `inLanguage`; each other language
 *   of the program is a `related` edition (`inLanguage`, `name`,
 *   `description`), as the spec intends `related` for alternate-language
 *   editions; the criteria narrative (Markdown) states the rule in each.
 * - The holder: a salted SHA-256 of the e-mail (`identityType`
 *   emailAddress) and the name as plain-text IdentityObjects (`identityType`
 *   name) — OB 3.0 defines no `name` on AchievementSubject.
 * - Training hours are a Result, not `creditsEarned`: OB defines credits as
 *   academic credit hours, which contact hours of training are not.
 */
export function buildOpenBadgeCredential(input: CredentialInput, urls: CredentialUrls): Record<string, unknown> {
  const languages = languagesOf(input.programTitle);
  const primary = languages[0] ?? 'en';
  const issuerId = urls.issuer(input.issuer.institutionId);
  const achievementId = `urn:uuid:${input.programId}`;
  const descriptionIn = (locale: Locale) =>
    translate(locale, input.hours > 0 ? 'credential.descriptionHours' : 'credential.description', {
      title: pick(input.programTitle, locale),
      issuer: pick(input.issuer.name, locale),
      from: input.startDate,
      to: input.endDate,
      hours: input.hours,
    });
  const ruleIn = (locale: Locale) =>
    [
      translate(locale, 'credential.criteria.attendance', { rate: percent(input.completion.minAttendanceRate) }),
      ...(input.completion.passingScore !== null
        ? [translate(locale, 'credential.criteria.score', { score: input.completion.passingScore })]
        : []),
    ].join(' ');

  const resultDescriptions: Record<string, unknown>[] = [];
  const results: Record<string, unknown>[] = [];
  const addResult = (key: string, description: Record<string, unknown>, value: string) => {
    const id = `${achievementId}#${key}`;
    resultDescriptions.push({
      id,
      type: ['ResultDescription'],
      name: translate(primary, `credential.results.${key}`),
      ...description,
    });
    results.push({ type: ['Result'], resultDescription: id, value });
  };
  if (input.completion.attendanceRate !== null) {
    addResult(
      'attendance',
      {
        resultType: 'Percent',
        valueMin: '0',
        valueMax: '100',
        requiredValue: String(percent(input.completion.minAttendanceRate)),
      },
      String(percent(input.completion.attendanceRate)),
    );
  }
  if (input.completion.passingScore !== null && input.completion.score !== null) {
    addResult(
      'score',
      { resultType: 'RawScore', valueMin: '0', valueMax: '100', requiredValue: String(input.completion.passingScore) },
      String(input.completion.score),
    );
  }
  if (input.hours > 0) addResult('hours', { resultType: 'ext:TrainingHours', valueMin: '0' }, String(input.hours));

  const identityHash = input.identityHash;
  const names = [
    input.holderName,
    ...(input.holderNameLatin && input.holderNameLatin !== input.holderName ? [input.holderNameLatin] : []),
  ];
  const statusListUrl = urls.statusList(input.status.listId);

  return {
    '@context': CREDENTIAL_CONTEXT,
    id: urls.credential(input.certificateId),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: translate(primary, 'credential.name', {
      certificate: translate(primary, 'certificate.title'),
      title: pick(input.programTitle, primary),
    }),
    issuer: { id: issuerId, type: ['Profile'], name: pick(input.issuer.name, primary) },
    validFrom: input.issuedAt.toISOString(),
    ...(input.validUntil ? { validUntil: input.validUntil.toISOString() } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash,
          identityType: 'emailAddress',
          hashed: true,
          salt: input.salt,
        },
        ...names.map((name) => ({ type: 'IdentityObject', identityHash: name, identityType: 'name', hashed: false })),
      ],
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'CertificateOfCompletion',
        humanCode: input.programCode,
        name: pick(input.programTitle, primary),
        description: descriptionIn(primary),
        criteria: { narrative: languages.length ? languages.map(ruleIn).join('\n\n') : ruleIn(primary) },
        inLanguage: primary,
        ...(languages.length > 1
          ? {
              related: languages.slice(1).map((locale) => ({
                id: `${achievementId}#${locale}`,
                type: ['Related'],
                inLanguage: locale,
                name: pick(input.programTitle, locale),
                description: descriptionIn(locale),
              })),
            }
          : {}),
        ...(resultDescriptions.length ? { resultDescription: resultDescriptions } : {}),
      },
      ...(results.length ? { result: results } : {}),
    },
    credentialStatus: {
      id: `${statusListUrl}#${input.status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(input.status.index),
      statusListCredential: statusListUrl,
    },
  };
}
