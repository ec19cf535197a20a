import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@skillbridge/contracts';
import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import type { FieldProblem } from '../../common/problem/problem.exception';
import { COMMON_PASSWORDS } from './common-passwords';

/** The policy's verdict, as a rule name (for the message) or null when acceptable. */
export type PasswordRule = 'passwordLength' | 'passwordNotEmail' | 'passwordNotCommon';

function isRepetitiveOrSequential(password: string): boolean {
  if (new Set(password).size <= 2) return true;
  const codes = [...password].map((c) => c.codePointAt(0) ?? 0);
  const steps = new Set(codes.slice(1).map((code, i) => code - codes[i]));
  return steps.size === 1 && [...steps].every((step) => Math.abs(step) === 1);
}

/**
 * Length 10–256, not the e-mail address nor its name part, not on the list of
 * passwords attackers try first, not one character repeated or a plain run.
 */
export function passwordRuleBroken(password: string, email?: string | null): PasswordRule | null {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return 'passwordLength';
  const lower = password.toLowerCase();
  if (email) {
    const address = email.trim().toLowerCase();
    const name = address.split('@')[0];
    if (lower.includes(address) || (name.length >= 3 && lower.includes(name))) return 'passwordNotEmail';
  }
  if (COMMON_PASSWORDS.has(lower) || isRepetitiveOrSequential(password)) return 'passwordNotCommon';
  return null;
}

export function passwordProblem(field: string, rule: PasswordRule): FieldProblem {
  return {
    field,
    code: rule.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
    messageKey: `validation.${rule}`,
    params: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH },
  };
}

function rule(name: PasswordRule, emailProperty: string | undefined, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name,
      constraints: [PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          if (typeof value !== 'string') return false;
          const email = emailProperty ? (args?.object as Record<string, unknown>)[emailProperty] : undefined;
          return passwordRuleBroken(value, typeof email === 'string' ? email : undefined) !== name;
        },
      },
    },
    options,
  );
}

/** The password policy on a DTO field; `emailProperty` names the sibling field holding the e-mail. */
export function IsAcceptablePassword(emailProperty?: string): PropertyDecorator {
  const decorators = [
    rule('passwordLength', emailProperty),
    rule('passwordNotEmail', emailProperty),
    rule('passwordNotCommon', emailProperty),
  ];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}
