import type { Role } from './enums';
import type { Locale } from './locales';
import type { ConsentGrant } from './privacy';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** A signed-in account as the API returns it (never with a password hash). */
export interface AuthUser {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  institutionId: string | null;
  /** The trainee profile of a trainee account. */
  traineeId?: string;
  /** The instructor profile of an instructor account. */
  instructorId?: string;
  preferredLocale: Locale;
  timeZone: string;
  disabled: boolean;
  createdAt: string;
  /** The account's e-mail address is proven (a verification link was followed, or an admin created the account). */
  emailVerified: boolean;
  /** Two-factor sign-in (TOTP) is on. */
  mfaEnabled: boolean;
  /** The role requires two-factor sign-in and it is not set up: the account may only set it up. */
  mfaSetupRequired: boolean;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface SessionResponse {
  accessToken: string;
  /** Seconds until the access token expires; renew it with POST /auth/refresh. */
  expiresIn: number;
  user: AuthUser;
  /** Present and true when the account must set up two-factor sign-in before anything else. */
  mfaSetupRequired?: boolean;
}

/** The answer to a correct password of an account with two-factor sign-in: the second step is needed. */
export interface MfaChallenge {
  mfaRequired: true;
  /** Short-lived (5 minutes); send it with a code to POST /auth/login/mfa. */
  mfaToken: string;
}

export type LoginResponse = SessionResponse | MfaChallenge;

export function isMfaChallenge(response: LoginResponse): response is MfaChallenge {
  return 'mfaRequired' in response && response.mfaRequired === true;
}

/** The second step of a sign-in: a code of the authenticator app, or one of the recovery codes. */
export interface MfaLoginRequest {
  mfaToken: string;
  code?: string;
  recoveryCode?: string;
}

/** Digits of a TOTP code and its period (RFC 6238 defaults, as every authenticator app reads them). */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;

export interface TotpSetupRequest {
  /** The account's password, asked again before a security change. */
  password: string;
}

/** A new TOTP secret, not active until confirmed with a code. */
export interface TotpSetup {
  /** Base32, for typing into an authenticator app. */
  secret: string;
  /** `otpauth://totp/...`, for the QR code. */
  otpauthUri: string;
}

export interface TotpConfirmRequest {
  code: string;
}

/** Single-use codes for when the authenticator is lost; shown once, stored hashed. */
export interface RecoveryCodes {
  recoveryCodes: string[];
}

/** Password and a current code (or a recovery code): to turn two-factor off or make new recovery codes. */
export interface MfaReauthRequest {
  password: string;
  code?: string;
  recoveryCode?: string;
}

export interface VerifyEmailRequest {
  token: string;
}

export interface PasswordResetRequest {
  email: string;
}

export interface PasswordResetConfirmRequest {
  token: string;
  password: string;
}

/** Unlocks sign-in of an account locked after many failed attempts (the token comes by e-mail). */
export interface UnlockRequest {
  token: string;
}

/** A new address for the account: confirmed by a link sent to it; the old address is told. */
export interface ChangeEmailRequest {
  newEmail: string;
  password: string;
  /** Required when two-factor sign-in is on. */
  code?: string;
}

/** One signed-in device of the account (a refresh-token family). */
export interface AccountSession {
  id: string;
  userAgent: string | null;
  createdAt: string;
  lastUsedAt: string;
  /** The session this request was made with. */
  current: boolean;
}

export interface RegisterRequest {
  email: string;
  password: string;
  fullName: string;
  fullNameLatin?: string;
  nationality: string;
  institutionId?: string;
  preferredLocale?: Locale;
  /** IANA zone the person lives in (the web app sends the browser's). */
  timeZone?: string;
  /** The consents given, each to a notice version; `program-administration` is required (issue 23). */
  consents: ConsentGrant[];
}

export interface UpdateProfileRequest {
  fullName?: string;
  preferredLocale?: Locale;
  timeZone?: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
  /** Required when two-factor sign-in is on. */
  code?: string;
}

export interface CreateUserRequest {
  email: string;
  password: string;
  fullName: string;
  role: Role;
  institutionId?: string;
  preferredLocale?: Locale;
  timeZone?: string;
  /** Trainee accounts only: nationality and the Latin spelling of the name for the trainee profile. */
  nationality?: string;
  fullNameLatin?: string;
}

export interface UpdateUserRequest {
  fullName?: string;
  role?: Role;
  institutionId?: string | null;
  preferredLocale?: Locale;
  timeZone?: string;
  disabled?: boolean;
}

export interface UserListQuery {
  role?: Role;
  institutionId?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}
