import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { RotationMemory } from "@/lib/refresh-guard/rotation-memory";
import { cookieOf } from "@/lib/refresh-guard/session-cookies";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** A two-chunk session of about 5 KB, its cookies cut from the Set-Cookie headers as the guard does. */
function rotatedSession() {
  const jwe = randomBytes(3_700).toString("base64url");
  const setCookies = [jwe.slice(0, 3_500), jwe.slice(3_500)].map(
    (chunk, index) => `__session__${index}=${chunk}; Path=/; HttpOnly; SameSite=lax; Max-Age=86400`,
  );
  return { requestCookies: setCookies.map(cookieOf), setCookies };
}

test("the byte bound is honest: it counts what the entries keep alive in the heap, and not far more", () => {
  const memory = new RotationMemory({ ttlMs: 60_000, maxBytes: Number.MAX_SAFE_INTEGER });
  const entries = 500;
  gc();
  const before = process.memoryUsage().heapUsed;
  // Made inside the measurement and held by nothing but the memory: what it keeps alive.
  for (let i = 0; i < entries; i += 1) memory.remember(`spent-${i}`, `next-${i}`, rotatedSession());
  gc();
  const perEntryGrown = (process.memoryUsage().heapUsed - before) / entries;
  const perEntryCounted = memory.bytes / entries;
  const figures = `counted ${Math.round(perEntryCounted)} B, the heap grew ${Math.round(perEntryGrown)} B per entry`;
  assert.ok(perEntryCounted >= perEntryGrown, figures);
  assert.ok(perEntryCounted <= 3 * perEntryGrown, figures);
});
