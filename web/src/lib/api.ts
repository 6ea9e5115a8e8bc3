// The JSON API of `learnloop serve` (/api/v1/, described by
// /api/v1/openapi.json). The page shows what the API returns; it never
// recomputes what the engine computes.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface Session {
  email: string;
  csrf_token: string;
  workspaces: { slug: string; role: 'owner' | 'editor' | 'viewer' }[];
}

type Fetch = typeof fetch;

// One client per page: it holds the CSRF token every change repeats.
export class Api {
  private csrf = '';
  constructor(private readonly fetcher: Fetch = (...args) => fetch(...args)) {}

  setCsrf(token: string): void {
    this.csrf = token;
  }

  async session(): Promise<Session | null> {
    try {
      const session = await this.request<Session>('GET', '/session');
      this.csrf = session.csrf_token;
      return session;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  }

  async signIn(email: string, password: string): Promise<Session> {
    const session = await this.request<Session>('POST', '/session', { email, password });
    this.csrf = session.csrf_token;
    return session;
  }

  async signOut(): Promise<void> {
    await this.request('DELETE', '/session');
    this.csrf = '';
  }

  // GET /api/v1/workspaces/{ws}/{path}, with query parameters left out when empty.
  get<T>(ws: string, path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params.set(key, String(value));
    const q = params.toString();
    return this.request<T>('GET', `/workspaces/${encodeURIComponent(ws)}/${path}${q ? '?' + q : ''}`);
  }

  post<T>(ws: string, path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', `/workspaces/${encodeURIComponent(ws)}/${path}`, body);
  }

  patch<T>(ws: string, path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', `/workspaces/${encodeURIComponent(ws)}/${path}`, body);
  }

  // POST files as multipart/form-data (the browser sets the boundary).
  upload<T>(ws: string, path: string, files: File[], query: Record<string, string> = {}): Promise<T> {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    const q = new URLSearchParams(query).toString();
    return this.request<T>('POST', `/workspaces/${encodeURIComponent(ws)}/${path}${q ? '?' + q : ''}`, form);
  }

  remove<T>(ws: string, path: string): Promise<T> {
    return this.request<T>('DELETE', `/workspaces/${encodeURIComponent(ws)}/${path}`);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (method !== 'GET') headers['X-CSRF-Token'] = this.csrf;
    const form = body instanceof FormData;
    if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
    const response = await this.fetcher('/api/v1' + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
    });
    const text = await response.text();
    let doc: unknown = null;
    try {
      doc = text ? JSON.parse(text) : null;
    } catch {
      throw new ApiError(response.status, 'bad_response', `the server answered ${response.status} without JSON`);
    }
    if (!response.ok) {
      const error = (doc as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
      throw new ApiError(
        response.status,
        error?.code ?? 'error',
        error?.message ?? `the server answered ${response.status}`,
        error?.field,
      );
    }
    return doc as T;
  }
}

export const api = new Api();
