/**
 * HTTP client for the Masklet REST API: session cookie auth with Django's CSRF header on every
 * unsafe request, and one error type (ApiError) whose `kind` picks the error page to show.
 */
export type ErrorKind = "network" | "unauthorized" | "forbidden" | "notfound" | "conflict" | "client" | "server";

export class ApiError extends Error {
  readonly status: number; // 0 = the request never got an answer
  readonly detail: string;
  readonly errors: Record<string, string[]> | undefined;
  readonly body: unknown;

  constructor(status: number, detail: string, body?: unknown, errors?: Record<string, string[]>) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.detail = detail;
    this.body = body;
    this.errors = errors;
  }

  get kind(): ErrorKind {
    return errorKindForStatus(this.status);
  }

  /** Field errors flattened into one readable line. */
  get fullMessage(): string {
    if (!this.errors) return this.detail;
    const fields = Object.entries(this.errors)
      .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(" ") : String(v)}`)
      .join("; ");
    return fields ? `${this.detail} (${fields})` : this.detail;
  }
}

export function errorKindForStatus(status: number): ErrorKind {
  if (status === 0) return "network";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "notfound";
  if (status === 409) return "conflict";
  if (status >= 500) return "server";
  return "client";
}

export function readCookie(cookieString: string, name: string): string | null {
  for (const part of cookieString.split(";")) {
    const [k, ...rest] = part.trim().split("=");
    if (k === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface HttpOptions {
  fetch?: typeof fetch;
  cookies?: () => string;
  base?: string;
}

/** Turn any error response body into a sentence a user understands. */
export function detailFrom(status: number, body: unknown, statusText = ""): { detail: string; errors?: Record<string, string[]> } {
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    const errors = b.errors && typeof b.errors === "object" ? (b.errors as Record<string, string[]>) : undefined;
    if (typeof b.detail === "string") return { detail: b.detail, errors };
    // DRF field errors without "detail": {"name": ["This field is required."]}
    const fieldErrors = Object.fromEntries(
      Object.entries(b).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown[]).map(String)]),
    );
    if (Object.keys(fieldErrors).length > 0) return { detail: "Please check the highlighted fields.", errors: fieldErrors };
  }
  if (status >= 500) return { detail: `The server failed (${status}${statusText ? " " + statusText : ""}).` };
  return { detail: `Request failed (${status}${statusText ? " " + statusText : ""}).` };
}

export class Http {
  private readonly fetchImpl: typeof fetch;
  private readonly cookies: () => string;
  private readonly base: string;
  private csrfFromBody: string | null = null;
  private csrfRequest: Promise<void> | null = null;

  constructor(opts: HttpOptions = {}) {
    this.fetchImpl = opts.fetch ?? ((...args) => globalThis.fetch(...args));
    this.cookies = opts.cookies ?? (() => (typeof document === "undefined" ? "" : document.cookie));
    this.base = opts.base ?? "";
  }

  csrfToken(): string | null {
    return readCookie(this.cookies(), "csrftoken") ?? this.csrfFromBody;
  }

  /** Ask the server to set the csrftoken cookie (GET /api/auth/csrf/). */
  ensureCsrf(force = false): Promise<void> {
    if (!force && this.csrfToken()) return Promise.resolve();
    if (!this.csrfRequest || force) {
      this.csrfRequest = this.raw("GET", "/api/auth/csrf/")
        .then((body) => {
          if (body && typeof body === "object") {
            const b = body as Record<string, unknown>;
            const t = b.csrfToken ?? b.csrftoken ?? b.token;
            if (typeof t === "string") this.csrfFromBody = t;
          }
        })
        .finally(() => {
          this.csrfRequest = null;
        });
    }
    return this.csrfRequest;
  }

  async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    if (UNSAFE.has(method)) await this.ensureCsrf();
    return (await this.raw(method, path, body, signal)) as T;
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>("GET", path, undefined, signal);
  }
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("POST", path, body ?? {});
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("PUT", path, body);
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("PATCH", path, body);
  }
  delete<T = void>(path: string): Promise<T> {
    return this.request<T>("DELETE", path);
  }

  /** Extra headers for requests made outside fetch (XHR uploads). */
  unsafeHeaders(): Record<string, string> {
    const t = this.csrfToken();
    return t ? { "X-CSRFToken": t } : {};
  }

  private async raw(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (UNSAFE.has(method)) Object.assign(headers, this.unsafeHeaders());
    let res: Response;
    try {
      res = await this.fetchImpl(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
        signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") throw e;
      throw new ApiError(0, "Cannot reach the server. Check your connection and try again.");
    }
    const text = await res.text().catch(() => "");
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (!res.ok) {
      const { detail, errors } = detailFrom(res.status, parsed, res.statusText);
      throw new ApiError(res.status, detail, parsed, errors);
    }
    return parsed;
  }
}

export const http = new Http();

export interface UploadHandle {
  promise: Promise<unknown>;
  abort: () => void;
}

/** Multipart upload with progress (fetch cannot report upload progress, XHR can). */
export function uploadWithProgress(
  path: string,
  form: FormData,
  onProgress: (fraction: number) => void,
  client: Http = http,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = client.ensureCsrf().then(
    () =>
      new Promise<unknown>((resolve, reject) => {
        xhr.open("POST", path);
        xhr.withCredentials = true;
        xhr.setRequestHeader("Accept", "application/json");
        for (const [k, v] of Object.entries(client.unsafeHeaders())) xhr.setRequestHeader(k, v);
        xhr.upload.onprogress = (e) => {
          if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
        };
        xhr.onerror = () => reject(new ApiError(0, "The upload was interrupted: cannot reach the server."));
        xhr.onabort = () => reject(new ApiError(0, "Upload cancelled."));
        xhr.onload = () => {
          let parsed: unknown = null;
          try {
            parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
          } catch {
            parsed = xhr.responseText;
          }
          if (xhr.status >= 200 && xhr.status < 300) {
            onProgress(1);
            resolve(parsed);
          } else {
            const { detail, errors } = detailFrom(xhr.status, parsed, xhr.statusText);
            reject(new ApiError(xhr.status, detail, parsed, errors));
          }
        };
        xhr.send(form);
      }),
  );
  return { promise, abort: () => xhr.abort() };
}
