/** `%text%` for ILIKE, with the pattern characters of the text itself escaped (searching "50%" finds "50%"). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
