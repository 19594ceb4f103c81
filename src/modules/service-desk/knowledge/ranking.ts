/**
 * How knowledge articles are ranked for the words a person typed (pure, the same on both databases).
 *
 * The full-text index finds candidates (any of the words, synonyms added); this ranks them: a word in
 * the title weighs three times a word in the body, common words ("my", "not", "keeps") count for
 * nothing, words are reduced to a stem ("connecting" → "connect"), a few words the council's staff use
 * for the same thing are taken as one ("vpn" and "remote access", "log in" and "sign in"), a rare word
 * weighs more than a common one, and an article below a minimum relevance is not suggested at all.
 */

const stopWords = new Set(
  (
    'a an and any are as at be been but by can cant cannot could do does doesnt dont for from get getting got has have how i im in into is isnt it its ' +
    'keep keeps kept me my no not of on or our please so some still that the their them then there this to too up us was wasnt we what when where ' +
    'which while who why will with wont work working would you your all again help issue problem just new'
  ).split(' '),
);

/** Words that mean the same thing to the people typing them; every word of a group stands for the first. */
const synonymGroups: string[][] = [
  ['vpn', 'remote', 'alwayson', 'anyconnect'],
  ['login', 'logon', 'signin', 'log', 'sign', 'logging', 'signing'],
  ['password', 'passcode', 'passphrase', 'pwd', 'forgot', 'forgotten', 'reset', 'locked', 'lockout'],
  ['mfa', '2fa', 'authenticator', 'otp', 'verification'],
  ['print', 'printer', 'printing', 'jam', 'jammed', 'toner', 'mfd', 'copier'],
  ['monitor', 'screen', 'display', 'dock', 'docking'],
  ['email', 'mail', 'outlook', 'inbox', 'mailbox'],
  ['website', 'site', 'web'],
  ['freeze', 'frozen', 'freezing', 'hang', 'hangs', 'stuck', 'crash', 'crashes', 'slow'],
  ['connect', 'connection', 'connecting', 'disconnect', 'drop', 'drops', 'dropping'],
  ['laptop', 'computer', 'pc', 'device'],
  ['batch', 'overnight', 'job'],
];
const canonical = new Map<string, string>();
for (const group of synonymGroups) for (const word of group) if (!canonical.has(word)) canonical.set(word, group[0]!);

/** A word reduced to a rough stem: plurals and -ing/-ed endings taken off. */
export function stem(word: string): string {
  const known = canonical.get(word);
  if (known) return known;
  let w = word;
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (w.length > suffix.length + 3 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      if (suffix !== 's' && /([^aeiouls])\1$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  return canonical.get(w) ?? w;
}

/** The meaningful terms of a text: lower case, joined phrases ("sign in", "always on") made one word, stop words out, stemmed. */
export function terms(text: string): string[] {
  const joined = text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/\b(log|sign)\s+(in|on|into)\b/g, '$1in')
    .replace(/\balways\s+on\b/g, 'alwayson')
    .replace(/\bremote\s+access\b/g, 'remote');
  const words = [...joined.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]);
  return words.filter((w) => w.length > 1 && !stopWords.has(w)).map(stem);
}

/** The words to ask the full-text index for: the person's meaningful words and their synonyms (at most eight). */
export function searchText(text: string): string {
  const out: string[] = [];
  const add = (w: string) => {
    if (!out.includes(w)) out.push(w);
  };
  for (const raw of [
    ...text
      .toLowerCase()
      .replace(/[’']/g, '')
      .matchAll(/[\p{L}\p{N}]+/gu),
  ].map((m) => m[0])) {
    if (raw.length < 2 || stopWords.has(raw)) continue;
    add(raw);
    const group = synonymGroups.find((g) => g.includes(raw) || g.includes(stem(raw)));
    if (group) for (const w of group.slice(0, 3)) add(w);
  }
  return out.slice(0, 8).join(' ');
}

export interface Rankable {
  id: number;
  title: string;
  body: string;
}

/** A title term weighs this many body terms. */
export const titleWeight = 3;
/**
 * The least relevance an article needs to be suggested, counted without rarity (a title word 3, a
 * body word 1), so it does not move with the number of articles: one word of the question in its
 * title, or two in its body.
 */
export const minimumRelevance = 2;

/** The articles ranked for the question, best first, those below the minimum relevance left out. */
export function rankArticles<T extends Rankable>(question: string, articles: T[]): T[] {
  const asked = [...new Set(terms(question))];
  if (!asked.length) return [];
  const docs = articles.map((a) => ({ article: a, title: new Set(terms(a.title)), body: new Set(terms(a.body)) }));
  const n = docs.length;
  const scored = docs.map((d) => {
    let score = 0;
    let relevance = 0;
    for (const t of asked) {
      const df = docs.filter((o) => o.title.has(t) || o.body.has(t)).length;
      const idf = Math.log(1 + (n + 1) / (df + 0.5));
      const weight = d.title.has(t) ? titleWeight : d.body.has(t) ? 1 : 0;
      score += weight * idf;
      relevance += weight;
    }
    return { article: d.article, score, relevance };
  });
  return scored
    .filter((s) => s.relevance >= minimumRelevance)
    .sort((a, b) => b.score - a.score || a.article.id - b.article.id)
    .map((s) => s.article);
}
