import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';

/** How long a public page is served from memory, and may be kept by browsers and proxies. */
export const publicMaxAgeSeconds = 15;

interface Kept {
  organisationId: number;
  body: string | Buffer;
  type: string;
  etag: string;
  /** The body gzipped once, for the browsers that ask for it (all of them). */
  gzipped: Buffer;
}

// Only pages of organisations that exist are kept (a short name is looked up before anything is
// kept), and there are few of each, so the cache stays small whatever addresses are asked for.
const kept = new LRUCache<string, Kept>({ max: 2000, ttl: publicMaxAgeSeconds * 1000 });

/**
 * A public page from memory, or made and kept: a repeat request inside the window reads no
 * database. Each instance keeps its own; a change made here is seen at once, one made on another
 * instance within the window.
 */
export async function keptPublicPage(key: string, make: () => Promise<{ organisationId: number; body: string | Buffer; type: string } | null>) {
  const hit = kept.get(key);
  if (hit) return hit;
  const made = await make();
  if (!made) return null;
  const etag = `"${crypto.createHash('sha1').update(made.body).digest('base64url')}"`;
  const entry = { ...made, etag, gzipped: zlib.gzipSync(made.body) };
  kept.set(key, entry);
  return entry;
}

export function forgetPublicPages(organisationId: number) {
  for (const [key, value] of kept.entries()) if (value.organisationId === organisationId) kept.delete(key);
}
