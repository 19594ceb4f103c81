import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('starts on SQLite under ./data with the demo by default', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.sqliteFile.endsWith(path.join('data', 'steward.sqlite'))).toBe(true);
    expect(c.demo).toBe(true);
    expect(c.admin).toBeUndefined();
    expect(c.secureCookies).toBe(false);
  });

  it('reads every setting', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/steward',
      STEWARD_DEMO: '0',
      STEWARD_ADMIN_EMAIL: 'head.of.it@council.example',
      STEWARD_ADMIN_PASSWORD: 'kettle-orchard-lantern',
      STEWARD_PUBLIC_URL: 'https://steward.council.example',
    });
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', databaseUrl: 'postgres://u:p@db:5432/steward', demo: false, secureCookies: true });
    expect(c.admin).toEqual({ email: 'head.of.it@council.example', password: 'kettle-orchard-lantern' });
  });

  it('names every bad setting in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', STEWARD_DEMO: 'maybe' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', STEWARD_DEMO: 'maybe' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL: must be a postgres/);
      expect((e as Error).message).toMatch(/STEWARD_DEMO: must be 0 or 1/);
    }
  });

  it('needs the admin email and password together', () => {
    expect(() => loadConfig({ STEWARD_ADMIN_EMAIL: 'a@council.example' })).toThrow(/set together/);
  });
});
