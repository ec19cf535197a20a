import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONSENT_COLLECTION,
  DIETARY_NEEDS,
  LOGISTICS_GENDERS,
  LOGISTICS_ITEMS,
  LOGISTICS_NOTICE_VERSION,
  LOGISTICS_TEXT_MAX_LENGTH,
  SENSITIVE_PURPOSES,
  type ConsentCollection,
  type CountryCode,
  type DietaryDetails,
  type DietaryNeed,
  type EmergencyContact,
  type EnrolmentLogistics,
  type LogisticsConsent,
  type LogisticsConsentInput,
  type LogisticsGender,
  type LogisticsItem,
  type LogisticsWarning,
  type MyLogisticsEntry,
  type PassportDetails,
  type SensitivePurpose,
  type TravelLeg,
  type UpdateEnrolmentLogisticsRequest,
} from '@skillbridge/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { ApiCountryCode } from '../../../common/openapi/api-docs.decorators';
import { Nullable } from '../../../common/validation/nullable';
import { IsCalendarDate, IsCountryCode, IsInstant, Trim } from '../../../common/validation/validators';
import { IsLatinName } from '../../trainees/latin-name';
import { LogisticsSettingsViewDto } from './logistics-settings.dto';

/** A telephone number in E.164 (`+66812345678`) that exists in its country's numbering plan. */
export function isE164Phone(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\+[1-9]\d{6,14}$/.test(value)) return false;
  return parsePhoneNumberFromString(value)?.isValid() === true;
}

/** Written with spaces, dashes, dots or brackets (`+66 81-234 5678`): the same number in E.164; anything else as it is. */
export const NormalizePhone = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    if (!trimmed.startsWith('+') || !/^\+[\d\s().-]+$/.test(trimmed)) return trimmed;
    const parsed = parsePhoneNumberFromString(trimmed);
    return parsed?.isValid() ? parsed.number : trimmed;
  });

export function IsE164Phone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isE164Phone', validator: { validate: isE164Phone } }, options);
}

/** A calendar date before today (UTC): a date of birth. */
export function IsPastDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPastDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value < new Date().toISOString().slice(0, 10),
      },
    },
    options,
  );
}

/** Letters and digits of a passport number, 5 to 20 (spaces taken out, upper case). */
export const PASSPORT_NUMBER = /^[A-Z0-9]{5,20}$/;

const optionalText = () => [IsOptional(), Nullable(), Trim(), IsString(), MaxLength(LOGISTICS_TEXT_MAX_LENGTH)];
const requiredText = () => [Trim(), IsString(), IsNotEmpty(), MaxLength(LOGISTICS_TEXT_MAX_LENGTH)];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

export class TravelLegDto implements TravelLeg {
  @ApiProperty({
    format: 'date-time',
    example: '2026-07-05T14:35:00+08:00',
    description: 'ISO 8601 with its offset; shown in the program’s zone',
  })
  @IsInstant()
  at: string;

  @ApiPropertyOptional({ example: 'Thai AirAsia', maxLength: LOGISTICS_TEXT_MAX_LENGTH })
  @apply(optionalText())
  carrier?: string;

  @ApiPropertyOptional({ example: 'FD560', maxLength: LOGISTICS_TEXT_MAX_LENGTH })
  @apply(optionalText())
  number?: string;

  @ApiPropertyOptional({
    example: 'Tongren Fenghuang Airport (TEN)',
    description: 'One of the program’s arrival points when it names any',
  })
  @apply(optionalText())
  point?: string;
}

export class PassportDetailsDto implements PassportDetails {
  @ApiProperty({ example: 'AA1234567', pattern: PASSPORT_NUMBER.source })
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value))
  @IsString()
  @Matches(PASSPORT_NUMBER)
  number: string;

  @ApiProperty({
    example: 'JAIDEE SOMCHAI',
    maxLength: LOGISTICS_TEXT_MAX_LENGTH,
    description: 'In Latin letters, as printed in the passport',
  })
  @apply(requiredText())
  @IsLatinName()
  fullNameAsInPassport: string;

  @ApiCountryCode()
  @IsCountryCode()
  nationality: CountryCode;

  @ApiProperty({ format: 'date', example: '2004-05-17' })
  @IsCalendarDate()
  @IsPastDate()
  dateOfBirth: string;

  @ApiProperty({ format: 'date', example: '2031-01-09' })
  @IsCalendarDate()
  expiresOn: string;
}

export class DietaryDetailsDto implements DietaryDetails {
  @ApiProperty({ enum: DIETARY_NEEDS, isArray: true, description: 'Empty: no special needs' })
  @IsArray()
  @ArrayMaxSize(DIETARY_NEEDS.length)
  @IsIn(DIETARY_NEEDS, { each: true })
  @ArrayUnique()
  needs: DietaryNeed[];

  @ApiPropertyOptional({ maxLength: LOGISTICS_TEXT_MAX_LENGTH, description: 'Required when needs holds `other`' })
  @ValidateIf((o: DietaryDetailsDto) => (Array.isArray(o.needs) && o.needs.includes('other')) || o.other != null)
  @IsDefined()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(LOGISTICS_TEXT_MAX_LENGTH)
  other?: string;

  @ApiPropertyOptional({ maxLength: LOGISTICS_TEXT_MAX_LENGTH, example: 'Peanuts' })
  @apply(optionalText())
  allergies?: string;
}

export class EmergencyContactDto implements EmergencyContact {
  @ApiProperty({ maxLength: LOGISTICS_TEXT_MAX_LENGTH })
  @apply(requiredText())
  name: string;

  @ApiProperty({ maxLength: LOGISTICS_TEXT_MAX_LENGTH, example: 'Mother' })
  @apply(requiredText())
  relationship: string;

  @ApiProperty({ example: '+66812345678', description: 'E.164; spaces and dashes are taken out' })
  @NormalizePhone()
  @IsE164Phone()
  phone: string;
}

export class LogisticsConsentInputDto implements LogisticsConsentInput {
  @ApiProperty({ enum: SENSITIVE_PURPOSES })
  @IsIn(SENSITIVE_PURPOSES)
  purpose: SensitivePurpose;

  @ApiProperty({ example: LOGISTICS_NOTICE_VERSION, description: 'The version of the notice shown' })
  @IsString()
  @IsIn([LOGISTICS_NOTICE_VERSION])
  noticeVersion: string;

  @ApiProperty({
    enum: CONSENT_COLLECTION,
    description: '`self`: by the trainee in the app; `paper`: recorded by their partner or an admin',
  })
  @IsIn(CONSENT_COLLECTION)
  collected: ConsentCollection;
}

/** `PUT /enrolments/:id/logistics`: each section replaced when present, cleared when null, kept when absent. */
export class UpdateEnrolmentLogisticsDto implements UpdateEnrolmentLogisticsRequest {
  @ApiPropertyOptional({ type: TravelLegDto, nullable: true })
  @IsOptional()
  @Nullable()
  @ValidateNested()
  @Type(() => TravelLegDto)
  arrival?: TravelLegDto | null;

  @ApiPropertyOptional({ type: TravelLegDto, nullable: true })
  @IsOptional()
  @Nullable()
  @ValidateNested()
  @Type(() => TravelLegDto)
  departure?: TravelLegDto | null;

  @ApiPropertyOptional({ type: PassportDetailsDto, nullable: true, description: 'Needs a passport consent' })
  @IsOptional()
  @Nullable()
  @ValidateNested()
  @Type(() => PassportDetailsDto)
  passport?: PassportDetailsDto | null;

  @ApiPropertyOptional({ type: DietaryDetailsDto, nullable: true, description: 'Needs a dietary consent' })
  @IsOptional()
  @Nullable()
  @ValidateNested()
  @Type(() => DietaryDetailsDto)
  dietary?: DietaryDetailsDto | null;

  @ApiPropertyOptional({ enum: LOGISTICS_GENDERS, nullable: true })
  @IsOptional()
  @Nullable()
  @IsIn(LOGISTICS_GENDERS)
  gender?: LogisticsGender | null;

  @ApiPropertyOptional({ type: EmergencyContactDto, nullable: true })
  @IsOptional()
  @Nullable()
  @ValidateNested()
  @Type(() => EmergencyContactDto)
  emergencyContact?: EmergencyContactDto | null;

  @ApiPropertyOptional({ type: [LogisticsConsentInputDto], description: 'Added to those on record' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SENSITIVE_PURPOSES.length)
  @ValidateNested({ each: true })
  @Type(() => LogisticsConsentInputDto)
  consents?: LogisticsConsentInputDto[];
}

// ---- answers -------------------------------------------------------------------------------------

export class LogisticsConsentDto implements LogisticsConsent {
  @ApiProperty({ enum: SENSITIVE_PURPOSES }) purpose: SensitivePurpose;
  @ApiProperty() noticeVersion: string;
  @ApiProperty({ enum: CONSENT_COLLECTION }) collected: ConsentCollection;
  @ApiProperty({ format: 'date-time' }) givenAt: string;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
}

export class AssignedRoomDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class EnrolmentLogisticsDto implements EnrolmentLogistics {
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ format: 'uuid' }) traineeId: string;
  @ApiProperty({ type: LogisticsSettingsViewDto }) settings: LogisticsSettingsViewDto;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiPropertyOptional({ type: TravelLegDto }) arrival?: TravelLeg;
  @ApiPropertyOptional({ type: TravelLegDto }) departure?: TravelLeg;
  @ApiPropertyOptional({ type: PassportDetailsDto, description: 'Each read by staff is audited' })
  passport?: PassportDetails;
  @ApiPropertyOptional({ type: DietaryDetailsDto }) dietary?: DietaryDetails;
  @ApiPropertyOptional({ enum: LOGISTICS_GENDERS }) gender?: LogisticsGender;
  @ApiPropertyOptional({ type: EmergencyContactDto }) emergencyContact?: EmergencyContact;
  @ApiProperty({ type: [LogisticsConsentDto] }) consents: LogisticsConsent[];
  @ApiPropertyOptional({ type: AssignedRoomDto }) room?: AssignedRoomDto;
  @ApiProperty() complete: boolean;
  @ApiProperty({ enum: LOGISTICS_ITEMS, isArray: true }) missing: LogisticsItem[];
  @ApiProperty({ enum: ['PASSPORT_EXPIRES_SOON'], isArray: true }) warnings: LogisticsWarning[];
  @ApiPropertyOptional({ format: 'date-time' }) passportDeletedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) updatedAt?: string;
}

export class MyLogisticsEntryDto implements MyLogisticsEntry {
  @ApiProperty({ format: 'uuid' }) enrolmentId: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ enum: LOGISTICS_ITEMS, isArray: true }) missing: LogisticsItem[];
  @ApiProperty() complete: boolean;
  @ApiPropertyOptional({ format: 'date' }) dueDate?: string;
}
