/**
 * Generate the TypeScript API types from the schemas the server exports (`make api-types`):
 *   DIR/openapi.json       -> DIR/schema.d.ts  (openapi-typescript)
 *   DIR/events.schema.json -> DIR/events.d.ts  (json-schema-to-typescript)
 * Usage: node scripts/api-types.mjs [DIR]   (DIR defaults to src/api)
 * Deterministic: the same input gives the same bytes (tests/frontend/test_generated_types.py).
 */
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { compile } from "json-schema-to-typescript";
import openapiTS, { astToString } from "openapi-typescript";

const dir = resolve(process.argv[2] ?? "src/api");
const banner = (source, tool) =>
  `/**\n * Generated from ${source} by ${tool} (\`make api-types\`). Do not edit by hand.\n */\n`;

// Fields with a server default are optional in requests (defaultNonNullable: false); a response the
// schema leaves as a bare object is Record<string, unknown>, not Record<string, never>.
const ast = await openapiTS(pathToFileURL(resolve(dir, "openapi.json")), {
  defaultNonNullable: false,
  emptyObjectsUnknown: true,
});
await writeFile(resolve(dir, "schema.d.ts"), banner("openapi.json", "openapi-typescript") + "\n" + astToString(ast));

const events = JSON.parse(await readFile(resolve(dir, "events.schema.json"), "utf8"));
const ts = await compile(events, "RealtimeEvent", {
  bannerComment: banner("events.schema.json", "json-schema-to-typescript").trimEnd(),
  unknownAny: true,
  additionalProperties: false,
});
await writeFile(resolve(dir, "events.d.ts"), ts);
