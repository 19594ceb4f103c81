import { describe, expect, it } from 'vitest';
import { knowledgePhrasings } from './phrasings.js';
import { rankArticles, searchText, stem, terms } from './ranking.js';

// The demo council's articles, in short.
const articles = [
  {
    id: 1,
    title: 'How do I reset my password?',
    body: 'Go to the self-service password reset page from any council computer or your phone. Enter your work email address. Approve the request in the Authenticator app.',
  },
  {
    id: 2,
    title: 'My MFA code is not arriving',
    body: 'Check your phone has signal and the right time. Open the Microsoft Authenticator app and use the code shown there instead of a text message.',
  },
  {
    id: 3,
    title: 'Outlook keeps asking for my password',
    body: 'Close Outlook, then open Credential Manager and remove entries that start with MicrosoftOffice. Open Outlook again and sign in once.',
  },
  {
    id: 4,
    title: 'Connecting to the VPN from home',
    body: 'Connect to your home Wi-Fi first, then open Always On VPN from the system tray. If it will not connect, restart your router and laptop.',
  },
  {
    id: 5,
    title: 'Printing with print release',
    body: 'Send your document to Follow-Me printing, then tap your badge on any multi-function printer and choose Print all. Jobs wait for 24 hours.',
  },
  {
    id: 6,
    title: 'Docking station not showing my monitors',
    body: 'Unplug the dock’s power for ten seconds, then plug it back in, and connect the laptop last. Press Windows + P and choose Extend.',
  },
  {
    id: 7,
    title: 'Revenues batch failure: first checks',
    body: 'Check the overnight job log on the application server for the failing step. Most failures are the bank file arriving late.',
  },
  {
    id: 8,
    title: 'Council website is down: what to check',
    body: 'Check the status of the hosting provider and the DNS. If the site answers but forms fail, check the payment provider’s status page.',
  },
];

const titleId = new Map(articles.map((a) => [a.title, a.id]));
const phrasings: [string, number][] = knowledgePhrasings.map((p) => [p.question, titleId.get(p.article)!]);

describe('knowledge ranking', () => {
  it('reduces words to stems and synonyms, leaving out stop words', () => {
    expect(terms('VPN not connecting')).toEqual(['vpn', 'connect']);
    expect(terms('remote access')).toEqual(['vpn']);
    expect(terms('can’t log in')).toEqual(['login']);
    expect(stem('printers')).toBe('print');
    expect(stem('resetting')).toBe(stem('reset'));
    expect(stem('stopped')).toBe('stop');
    expect(searchText('my vpn is not working')).toBe('vpn remote alwayson');
  });

  it.each(phrasings)('puts the right article in the top three for “%s”', (question, id) => {
    const top = rankArticles(question, articles)
      .slice(0, 3)
      .map((a) => a.id);
    expect(top).toContain(id);
  });

  it('puts the right article first for most phrasings', () => {
    const first = phrasings.filter(([q, id]) => rankArticles(q, articles)[0]?.id === id).length;
    expect(first).toBeGreaterThanOrEqual(18);
  });

  it('suggests nothing for words no article is about, or only stop words', () => {
    expect(rankArticles('the and of my', articles)).toEqual([]);
    expect(rankArticles('parking permit for the car park', articles)).toEqual([]);
  });

  it('keeps the minimum relevance whatever the number of articles', () => {
    const one = [{ id: 9, title: 'Resetting a forgotten password', body: 'Use the self-service reset page.' }];
    expect(rankArticles('password', one).map((a) => a.id)).toEqual([9]);
    expect(rankArticles('page', one)).toEqual([]);
  });

  it('weighs a title above the body', () => {
    expect(rankArticles('outlook', articles)[0]?.id).toBe(3);
    expect(rankArticles('vpn not connecting', articles)[0]?.id).toBe(4);
    expect(rankArticles('vpn not connecting', articles).length).toBeLessThanOrEqual(3);
  });
});
