/** Keyset-pagination cursors travel in URLs as base64url JSON; anything unreadable means "first page". */
export function encodeCursor(cursor: object): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor<T extends { id: number }>(text: unknown): T | null {
  if (typeof text !== 'string' || !text) return null;
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as T;
    return typeof c?.id === 'number' ? c : null;
  } catch {
    return null;
  }
}
