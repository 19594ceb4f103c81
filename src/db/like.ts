/** A case-insensitive "contains" pattern for LIKE … ESCAPE '\', with the person's % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
