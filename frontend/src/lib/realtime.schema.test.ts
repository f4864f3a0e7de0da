/**
 * The app takes every event of the server's JSON Schema (src/api/events.schema.json, exported from
 * annotation/realtime/events.py) and keeps every field. The RealtimeEvent type itself is generated
 * from the same file; tests/frontend/test_generated_types.py checks that both are up to date.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REALTIME_EVENT_TYPES, parseEvent } from "./realtime";

interface Schema {
  $ref?: string;
  const?: unknown;
  type?: string;
  anyOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
}

const root = JSON.parse(readFileSync(new URL("../api/events.schema.json", import.meta.url), "utf8")) as Schema & { $defs: Record<string, Schema> };
const resolve = (s: Schema): Schema => (s.$ref ? root.$defs[s.$ref.split("/").pop() as string] : s);
const events = (root.anyOf ?? []).map(resolve);

/** A value that fits `schema`: its const, else a plain value of its type (the first non-null option). */
function sample(schema: Schema): unknown {
  const s = resolve(schema);
  if (s.const !== undefined) return s.const;
  if (s.anyOf) return sample(s.anyOf.find((o) => o.type !== "null") ?? s.anyOf[0]);
  switch (s.type) {
    case "integer":
      return 3;
    case "number":
      return 0.5;
    case "string":
      return "text";
    case "boolean":
      return true;
    case "null":
      return null;
    case "array":
      return [sample(s.items ?? {})];
    case "object":
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v)]));
  }
  throw new Error(`no sample for ${JSON.stringify(s)}`);
}

describe("realtime events against the server's schema", () => {
  it("lists the same event types", () => {
    const types = events.map((e) => e.properties?.type.const);
    expect([...REALTIME_EVENT_TYPES].sort()).toEqual([...types].sort());
  });

  it("gives every event exactly its keys, all required", () => {
    for (const e of events) {
      expect(e.additionalProperties).toBe(false);
      expect([...(e.required ?? [])].sort()).toEqual(Object.keys(e.properties ?? {}).sort());
    }
  });

  it.each(events.map((e) => [e.properties?.type.const as string, e] as const))("parses %s with all its fields", (_type, e) => {
    const event = sample(e);
    expect(parseEvent(JSON.stringify(event))).toEqual(event);
  });
});
