import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A browser-like client over `app.inject`: keeps cookies and sends the page's CSRF token with forms. */
export class Client {
  cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (match) this.csrfToken = match[1];
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /** Posts a form as a browser would, with the CSRF token from the last page unless told otherwise. */
  async post(url: string, form: Record<string, string | string[]> = {}, options: { csrf?: boolean; headers?: Record<string, string> } = {}) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    if (options.csrf !== false && this.csrfToken) body.set('_csrf', this.csrfToken);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
      }),
    );
  }

  async json(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) {
    return this.remember(
      await this.app.inject({
        method,
        url,
        ...(payload !== undefined ? { payload: payload as object } : {}),
        headers: { cookie: this.cookieHeader(), ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}), ...headers },
      }),
    );
  }

  /** Uploads a file through a multipart form, with the page's CSRF token unless told otherwise. */
  async upload(
    url: string,
    fields: Record<string, string>,
    file: { filename: string; type: string; data: Buffer },
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ) {
    const body = multipartBody({ ...(options.csrf !== false && this.csrfToken ? { _csrf: this.csrfToken } : {}), ...fields }, { name: 'file', ...file });
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.payload,
        headers: { cookie: this.cookieHeader(), 'content-type': body.contentType, ...options.headers },
      }),
    );
  }

  /** Posts a multipart form (fields and at most one file) with the page's CSRF token. */
  async multipart(url: string, fields: Record<string, string>, file?: { name: string; filename: string; type: string; data: Buffer }) {
    const body = multipartBody({ ...(this.csrfToken ? { _csrf: this.csrfToken } : {}), ...fields }, file);
    return this.remember(
      await this.app.inject({ method: 'POST', url, payload: body.payload, headers: { cookie: this.cookieHeader(), 'content-type': body.contentType } }),
    );
  }

  async signIn(email: string, password: string) {
    await this.get('/sign-in');
    return this.post('/sign-in', { email, password });
  }
}

export const signedInClient = async (app: FastifyInstance, email: string, password: string) => {
  const client = new Client(app);
  const res = await client.signIn(email, password);
  if (res.statusCode !== 303) throw new Error(`Could not sign in as ${email}: ${res.statusCode}`);
  await client.get('/');
  return client;
};

/** A multipart/form-data body with text fields and one file, as a browser sends a file upload. */
export function multipartBody(fields: Record<string, string>, file?: { name: string; filename: string; type: string; data: Buffer }) {
  const boundary = `----steward${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    );
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
