import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { NextRequest } from "next/server";
import type { SessionFacts } from "@/lib/refresh-guard/session-facts";
import { TokenAnswers } from "./token-answers";

const NOW = 1_800_000_000;
const ORDERS = "?audience=https%3A%2F%2Forders-api.example.com";

const request = (cookie: string | null, query = "") =>
  new NextRequest(`http://localhost:3000/auth/access-token${query}`, {
    headers: cookie === null ? {} : { cookie },
  });

const facts = (readableUntil = NOW + 3600): SessionFacts => ({
  refreshTokenHash: "h",
  expiries: new Map(),
  createdAt: NOW - 60,
  cookieExpiresAt: readableUntil,
  readableUntil,
});

/** An SDK that counts its calls and answers with `token` expiring `expiresIn` from its clock. */
function fakeSdk(expiresIn = 600, init: ResponseInit = {}) {
  const sdk = {
    calls: 0,
    handle: async () => {
      sdk.calls += 1;
      const expires_at = NOW + expiresIn;
      return Response.json(
        {
          token: `token-${sdk.calls}`,
          scope: "openid read:orders",
          expires_at,
          expires_in: expiresIn,
        },
        init,
      );
    },
  };
  return sdk;
}

function answersAt(clock: { now: number }, readableUntil?: number) {
  return new TokenAnswers(
    async () => facts(readableUntil),
    () => clock.now * 1000,
  );
}

describe("TokenAnswers: the SDK's answer again, only while the SDK would give the same", () => {
  test("the same cookie and query get the kept answer, with expires_in counted now", async () => {
    const clock = { now: NOW };
    const answers = answersAt(clock);
    const sdk = fakeSdk();
    const first = await (await answers.answer(request("__session=a", ORDERS), sdk.handle)).json();
    clock.now += 100;
    const second = await answers.answer(request("__session=a", ORDERS), sdk.handle);
    assert.equal(sdk.calls, 1);
    assert.deepEqual(await second.json(), { ...first, expires_in: 500 });
    assert.equal(second.headers.get("content-type"), "application/json");
  });

  test("another cookie, another chunk, or another query asks the SDK", async () => {
    const answers = answersAt({ now: NOW });
    const sdk = fakeSdk();
    await answers.answer(request("__session=a", ORDERS), sdk.handle);
    await answers.answer(request("__session=b", ORDERS), sdk.handle);
    await answers.answer(request("__session=a; __session__1=x", ORDERS), sdk.handle);
    await answers.answer(request("__session=a"), sdk.handle);
    await answers.answer(request("__session=a", `${ORDERS}&scope=read%3Aorders`), sdk.handle);
    assert.equal(sdk.calls, 5);
  });

  test("unrelated cookies and their order do not matter; the session's chunks do", async () => {
    const answers = answersAt({ now: NOW });
    const sdk = fakeSdk();
    await answers.answer(request("__session__0=a; __session__1=b; theme=dark"), sdk.handle);
    await answers.answer(request("other=1; __session__1=b; __session__0=a"), sdk.handle);
    assert.equal(sdk.calls, 1);
  });

  test("no answer is reused within 5 s of the token's expiry, nor after the cookie's", async () => {
    const clock = { now: NOW };
    const expiring = answersAt(clock);
    const sdk = fakeSdk(600);
    await expiring.answer(request("__session=a"), sdk.handle);
    clock.now = NOW + 595;
    await expiring.answer(request("__session=a"), sdk.handle);
    assert.equal(sdk.calls, 2, "the SDK answers (and would refresh) near the expiry");

    clock.now = NOW;
    const cookieEnds = answersAt(clock, NOW + 30);
    const other = fakeSdk(600);
    await cookieEnds.answer(request("__session=a"), other.handle);
    clock.now = NOW + 29;
    await cookieEnds.answer(request("__session=a"), other.handle);
    clock.now = NOW + 30;
    await cookieEnds.answer(request("__session=a"), other.handle);
    assert.equal(other.calls, 2, "reused before the cookie's expiry, not after");
  });

  test("keeps only a 200 that wrote no cookie, of a request that carried one", async () => {
    const answers = answersAt({ now: NOW });
    for (const init of [{ status: 401 }, { headers: { "Set-Cookie": "__session=new" } }]) {
      const sdk = fakeSdk(600, init);
      await answers.answer(request("__session=a"), sdk.handle);
      await answers.answer(request("__session=a"), sdk.handle);
      assert.equal(sdk.calls, 2, JSON.stringify(init));
    }
    const signedOut = fakeSdk();
    await answers.answer(request(null), signedOut.handle);
    await answers.answer(request(null), signedOut.handle);
    assert.equal(signedOut.calls, 2);
    assert.equal(answers.size, 0);
  });

  test("a session whose facts cannot be read keeps nothing", async () => {
    const answers = new TokenAnswers(
      async () => null,
      () => NOW * 1000,
    );
    const sdk = fakeSdk();
    await answers.answer(request("__session=a"), sdk.handle);
    await answers.answer(request("__session=a"), sdk.handle);
    assert.equal(sdk.calls, 2);
  });

  test("holds at most 1,000 answers, however many cookies come", async () => {
    const answers = answersAt({ now: NOW });
    const sdk = fakeSdk();
    for (let i = 0; i < 1_050; i += 1) await answers.answer(request(`__session=${i}`), sdk.handle);
    assert.equal(answers.size, 1_000);
  });
});
