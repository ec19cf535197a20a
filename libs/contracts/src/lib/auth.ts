import type { Role } from './enums';
import type { Locale } from './locales';

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
}

export interface UpdateProfileRequest {
  fullName?: string;
  preferredLocale?: Locale;
  timeZone?: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
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
