import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { NextRequest } from "next/server";
import { sessionCookieKey } from "./session-cookies";

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
