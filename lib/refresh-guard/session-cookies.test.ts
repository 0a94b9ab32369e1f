import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { NextRequest } from "next/server";
import { sdkServerModule } from "@/test-support/sdk-internals";
import { sessionCookieKey, storedSessionCookieKey } from "./session-cookies";

const key = (cookie: string) =>
  sessionCookieKey(new NextRequest("http://localhost:3000/", { headers: { cookie } }));

describe("sessionCookieKey: the session cookie's value as the SDK reads it", () => {
  test("the whole cookie, or its chunks joined in order, whatever else is sent", () => {
    assert.equal(key("__session=abc; theme=dark"), "abc");
    assert.equal(key("__session__1=def; other=1; __session__0=abc"), "abcdef");
    assert.equal(
      key("__session__0=ab; __session__1=cdef"),
      key("__session__0=abcd; __session__1=ef"),
    );
  });

  test("the whole cookie wins over chunks, as in the SDK", () => {
    assert.equal(key("__session=whole; __session__0=chunk"), "whole");
  });

  test("nothing when the SDK would read no __session: none, empty, or a chunk missing", () => {
    assert.equal(key("theme=dark"), "");
    assert.equal(key("__session__1=def"), "");
    assert.equal(key("__session__0=abc; __session__2=ghi"), "");
    assert.equal(key("__session__3=x; appSession=legacy"), "", "the SDK reads appSession then");
  });
});

describe("storedSessionCookieKey: the id cookie of a session in Redis", () => {
  const stored = (cookie: string) =>
    storedSessionCookieKey(new NextRequest("http://localhost:3000/", { headers: { cookie } }));

  test("__session alone: the SDK reads no chunks of an id cookie, and the legacy one is not keyed", () => {
    assert.equal(stored("__session=id-jwe; theme=dark"), "id-jwe");
    assert.equal(stored("__session__0=ATTACK; appSession=victim"), "");
    assert.equal(stored("__session=; appSession=victim"), "");
  });
});

type ChunkedCookieReader = {
  getChunkedCookie(name: string, cookies: NextRequest["cookies"]): string | undefined;
};
const isReader = (loaded: unknown): loaded is ChunkedCookieReader =>
  typeof loaded === "object" &&
  loaded !== null &&
  "getChunkedCookie" in loaded &&
  typeof loaded.getChunkedCookie === "function";

describe("sessionCookieKey against the SDK's own reading of the cookie", () => {
  test("every set of session cookies, chunks and legacy cookies: the value the SDK reads, or nothing", async (t) => {
    const { getChunkedCookie } = await sdkServerModule("cookies.js", isReader);
    // The SDK warns about every incomplete set of chunks: hundreds of them here.
    t.mock.method(console, "warn", () => {});
    const names = ["__session", "__session__0", "__session__1", "__session__2", "__session__3"];
    const values = ["", "a", "bc"];
    let compared = 0;
    // Every assignment of a value, or no cookie, to each name: 4^5 sets, each with and without
    // a legacy cookie beside it.
    for (let code = 0; code < 4 ** names.length; code += 1) {
      const pairs = names.flatMap((name, i) => {
        const choice = Math.floor(code / 4 ** i) % 4;
        return choice === 0 ? [] : [`${name}=${values[choice - 1]}`];
      });
      for (const extra of [[], ["appSession=legacy"]]) {
        const request = new NextRequest("http://localhost:3000/", {
          headers: { cookie: [...pairs, ...extra].join("; ") },
        });
        const sdkReads = getChunkedCookie("__session", request.cookies) ?? "";
        assert.equal(sessionCookieKey(request), sdkReads, pairs.join("; "));
        compared += 1;
      }
    }
    assert.equal(compared, 2 * 4 ** names.length);
  });
});
