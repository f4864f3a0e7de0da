import { describe, expect, it } from "vitest";
import { ApiError, Http, detailFrom, errorKindForStatus, readCookie } from "./api";

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error("expected the request to fail");
}

function fakeFetch(responses: Array<{ status: number; body?: unknown } | Error>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const r = responses.shift();
    if (!r) throw new Error("no more responses");
    if (r instanceof Error) throw r;
    return new Response(r.body === undefined ? null : JSON.stringify(r.body), { status: r.status });
  }) as unknown as typeof fetch;
  return { calls, impl };
}

describe("api client", () => {
  it("reads cookies", () => {
    expect(readCookie("a=1; csrftoken=abc%3D; b=2", "csrftoken")).toBe("abc=");
    expect(readCookie("a=1", "csrftoken")).toBeNull();
  });

  it("sends the CSRF header on unsafe requests only", async () => {
    const f = fakeFetch([{ status: 200, body: [] }, { status: 201, body: { id: 1 } }]);
    const http = new Http({ fetch: f.impl, cookies: () => "csrftoken=tok" });
    await http.get("/api/projects/");
    await http.post("/api/projects/", { name: "x" });
    expect((f.calls[0].init.headers as Record<string, string>)["X-CSRFToken"]).toBeUndefined();
    expect((f.calls[1].init.headers as Record<string, string>)["X-CSRFToken"]).toBe("tok");
    expect(f.calls[1].init.body).toBe('{"name":"x"}');
    expect(f.calls[1].init.credentials).toBe("same-origin");
  });

  it("fetches the CSRF cookie first when it is missing", async () => {
    let cookie = "";
    const f = fakeFetch([{ status: 200, body: {} }, { status: 200, body: { id: 1, username: "ann" } }]);
    const wrapped = (async (url: string, init: RequestInit) => {
      const r = await f.impl(url, init);
      if (url === "/api/auth/csrf/") cookie = "csrftoken=fresh";
      return r;
    }) as unknown as typeof fetch;
    const http = new Http({ fetch: wrapped, cookies: () => cookie });
    const me = await http.post<{ username: string }>("/api/auth/login/", { username: "ann", password: "pw" });
    expect(me.username).toBe("ann");
    expect(f.calls.map((c) => c.url)).toEqual(["/api/auth/csrf/", "/api/auth/login/"]);
    expect((f.calls[1].init.headers as Record<string, string>)["X-CSRFToken"]).toBe("fresh");
  });

  it("turns error bodies into ApiError with detail, field errors and kind", async () => {
    const f = fakeFetch([
      { status: 409, body: { detail: "stale", current: { version: 3 } } },
      { status: 400, body: { name: ["This field is required."] } },
      { status: 502 },
      new TypeError("Failed to fetch"),
    ]);
    const http = new Http({ fetch: f.impl, cookies: () => "csrftoken=t" });
    const e1 = await failure(http.put("/x", {}));
    expect(e1).toBeInstanceOf(ApiError);
    expect(e1.kind).toBe("conflict");
    expect((e1.body as { current: { version: number } }).current.version).toBe(3);
    const e2 = await failure(http.post("/x", {}));
    expect(e2.errors).toEqual({ name: ["This field is required."] });
    expect(e2.fullMessage).toContain("name: This field is required.");
    const e3 = await failure(http.get("/x"));
    expect(e3.kind).toBe("server");
    const e4 = await failure(http.get("/x"));
    expect(e4.status).toBe(0);
    expect(e4.kind).toBe("network");
  });

  it("maps statuses to error pages", () => {
    expect(errorKindForStatus(401)).toBe("unauthorized");
    expect(errorKindForStatus(403)).toBe("forbidden");
    expect(errorKindForStatus(404)).toBe("notfound");
    expect(errorKindForStatus(422)).toBe("client");
    expect(errorKindForStatus(500)).toBe("server");
    expect(detailFrom(500, "<html>").detail).toMatch(/server failed/);
  });
});
