import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Django serves dist/assets as static files under /static/ and dist/index.html for every
// non-API path, so the build uses base "/static/". The dev server proxies API and websocket
// traffic to a local Django on port 8000.
const backend = process.env.MASKLET_BACKEND ?? "http://127.0.0.1:8000";

export default defineConfig(({ command }) => ({
  base: command === "build" ? "/static/" : "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      "/api": backend,
      "/ws": { target: backend, ws: true },
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
}));
