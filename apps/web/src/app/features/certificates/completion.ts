import type { CompletionLine, CompletionPreview, CompletionShortfall, FieldError } from '@skillbridge/contracts';
import { i18nKey } from '../../shared/i18n/i18n-key';

export interface CompletionTotals {
  trainees: number;
  completes: number;
  doesNotComplete: number;
  /** How many trainees miss each rule (a trainee may miss several). */
  shortfalls: Record<CompletionShortfall, number>;
}

export function completionTotals(lines: readonly CompletionLine[]): CompletionTotals {
  const shortfalls: Record<CompletionShortfall, number> = {
    attendance: 0,
    'no-attended-session': 0,
    'no-score': 0,
    score: 0,
  };
  for (const line of lines) for (const shortfall of line.shortfalls) shortfalls[shortfall]++;
  const completes = lines.filter((line) => line.completes).length;
  return { trainees: lines.length, completes, doesNotComplete: lines.length - completes, shortfalls };
}

const SHORTFALL_KEYS: Readonly<Record<CompletionShortfall, string>> = {
  attendance: i18nKey('completion.shortfalls.attendance'),
  'no-attended-session': i18nKey('completion.shortfalls.no-attended-session'),
  'no-score': i18nKey('completion.shortfalls.no-score'),
  score: i18nKey('completion.shortfalls.score'),
};

export interface ShortfallLabel {
  key: string;
  params: Record<string, string | number>;
}

/** Why a trainee does not complete, as a translation key with the rule's numbers. */
export function shortfallLabel(
  shortfall: CompletionShortfall,
  preview: Pick<CompletionPreview, 'minAttendanceRate' | 'passingScore'>,
): ShortfallLabel {
  return {
    key: SHORTFALL_KEYS[shortfall],
    params: {
      min: Math.round(preview.minAttendanceRate * 1000) / 10,
      passing: preview.passingScore ?? '',
    },
  };
}

/**
 * The trainees a refused selection names (`traineeIds[3]` → the fourth one
 * sent), each with the rule's code and the API's message, so every problem
 * shows on its own row.
 */
export function selectionErrors(
  errors: readonly FieldError[] | undefined,
  traineeIds: readonly string[],
): Map<string, { code: string; message: string }> {
  const byTrainee = new Map<string, { code: string; message: string }>();
  for (const error of errors ?? []) {
    const index = /^traineeIds\[(\d+)\]$/.exec(error.field);
    const traineeId = index ? traineeIds[Number(index[1])] : undefined;
    if (traineeId && !byTrainee.has(traineeId)) byTrainee.set(traineeId, { code: error.code, message: error.message });
  }
  return byTrainee;
}
