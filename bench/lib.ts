import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Row {
  operation: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  target?: string;
}

/** Starts bench/serve.ts in its own process and resolves with its port. */
export async function startServer(mode: string, env: Record<string, string> = {}): Promise<{ port: number; child: ChildProcess }> {
  // The server runs with the heap setting `npm start` gives it; BENCH_CPU_PROFILE=dir writes its CPU profile there on exit.
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--max-semi-space-size=32', '--import', 'tsx', path.join(root, 'bench/serve.ts'), mode], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', ...env },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code}`)));
  });
  return { port, child };
}

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Loads one URL with autocannon on loopback and returns throughput and p50/p95 latency in ms. */
export async function load(
  operation: string,
  url: string,
  options: {
    seconds: number;
    connections?: number;
    headers?: Record<string, string>;
    target?: string;
    method?: 'GET' | 'POST';
    body?: string;
    /** A different path on each request (a random system, say), on the same host as `url`. */
    path?: () => string;
  },
): Promise<Row> {
  const times: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        duration: options.seconds,
        connections: options.connections ?? 10,
        headers: options.headers ?? {},
        method: options.method ?? 'GET',
        ...(options.body ? { body: options.body } : {}),
        ...(options.path
          ? {
              requests: [
                {
                  setupRequest: (req: { path?: string }) => {
                    req.path = options.path!();
                    return req;
                  },
                },
              ],
            }
          : {}),
      } as autocannon.Options,
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 300) non2xx++;
      times.push(responseTime);
    });
  });
  if (non2xx) throw new Error(`${operation}: ${non2xx} responses were not 2xx`);
  times.sort((a, b) => a - b);
  return {
    operation,
    requestsPerSecond: Math.round(result.requests.average),
    p50: Number(percentile(times, 50).toFixed(2)),
    p95: Number(percentile(times, 95).toFixed(2)),
    ...(options.target ? { target: options.target } : {}),
  };
}

export function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB memory, ${os.type()} ${os.release()}, Node.js ${process.version}`;
}

export function table(rows: Row[]) {
  const lines = ['| operation | requests/s | p50 ms | p95 ms | target |', '| --- | ---: | ---: | ---: | --- |'];
  for (const r of rows) lines.push(`| ${r.operation} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.target ?? ''} |`);
  return lines.join('\n');
}

/** Signs in through the sign-in form, as a browser does: the session cookie, and a CSRF token for forms. */
export async function signInWithForm(base: string, email: string, password: string) {
  const form = await fetch(`${base}/sign-in`);
  let cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const signedIn = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  const session = signedIn.headers.getSetCookie().find((c) => c.startsWith('steward_session='));
  if (!session) throw new Error(`bench could not sign in as ${email}: ${signedIn.status}`);
  cookie += `; ${session.split(';')[0]}`;
  return cookie;
}

/**
 * One file through the import pages as a person takes it: upload, the preview (which must say
 * `expectRows` rows can be imported), confirm. Answers the seconds of each step.
 */
export async function importThroughPages(base: string, cookie: string, kind: string, filename: string, data: Buffer, expectRows: number) {
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await fetch(`${base}/imports?kind=${kind}`, { headers: { cookie } })).text())![1]!;
  const started = performance.now();
  const body = new FormData();
  body.set('_csrf', csrf);
  body.set('kind', kind);
  body.set('file', new Blob([data]), filename);
  const uploaded = await fetch(`${base}/imports`, { method: 'POST', redirect: 'manual', headers: { cookie }, body });
  const preview = uploaded.headers.get('location');
  const uploadedAt = performance.now();
  if (!preview) throw new Error(`import upload failed: ${uploaded.status} ${(await uploaded.text()).slice(0, 300)}`);
  const page = await (await fetch(`${base}${preview}`, { headers: { cookie } })).text();
  if (!page.includes(`${expectRows.toLocaleString('en-GB').replace(/,/g, '')} rows can be imported`))
    throw new Error(`import preview did not read every row: ${/\d+ rows? can be imported[^.]*\.[^.]*\./.exec(page)?.[0] ?? page.slice(0, 300)}`);
  const previewedAt = performance.now();
  const done = await fetch(`${base}${preview}/confirm`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf }).toString(),
  });
  if (done.status !== 303) throw new Error(`import confirm failed: ${done.status}`);
  const ended = performance.now();
  return {
    seconds: (ended - started) / 1000,
    upload: (uploadedAt - started) / 1000,
    preview: (previewedAt - uploadedAt) / 1000,
    confirm: (ended - previewedAt) / 1000,
    page: preview,
  };
}
