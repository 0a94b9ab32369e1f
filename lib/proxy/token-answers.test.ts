import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TokenAnswers, type AnswerScope } from "./token-answers";

const NOW = 1_800_000_000;

const scope = (
  session: string,
  version = "",
  readableUntil: number | null = NOW + 3600,
  query = "?audience=https%3A%2F%2Forders-api.example.com",
): AnswerScope => ({ session, query, version, readableUntil: async () => readableUntil });

/** An SDK that counts its calls and answers with a token expiring `expiresIn` from NOW. */
function fakeSdk(expiresIn = 600, init: ResponseInit = {}) {
  const sdk = {
    calls: 0,
    handle: async () => {
      sdk.calls += 1;
      return Response.json(
        {
          token: `token-${sdk.calls}`,
          scope: "openid read:orders",
          expires_at: NOW + expiresIn,
          expires_in: expiresIn,
        },
        init,
      );
    },
  };
  return sdk;
}

function answersAt(clock: { now: number }) {
  return new TokenAnswers(() => clock.now * 1000);
}

async function ask(answers: TokenAnswers, s: AnswerScope, sdk: ReturnType<typeof fakeSdk>) {
  return answers.answer(s, sdk.handle);
}

describe("TokenAnswers: the SDK's answer again, only while the SDK would give the same", () => {
  test("the same scope gets the kept answer, with expires_in counted now", async () => {
    const clock = { now: NOW };
    const answers = answersAt(clock);
    const sdk = fakeSdk();
    const first = await (await ask(answers, scope("a"), sdk)).json();
    clock.now += 100;
    const second = await ask(answers, scope("a"), sdk);
    assert.equal(sdk.calls, 1);
    assert.deepEqual(await second.json(), { ...first, expires_in: 500 });
    assert.equal(second.headers.get("content-type"), "application/json");
  });

  test("another session, query, or version of the same session asks the SDK", async () => {
    const answers = answersAt({ now: NOW });
    const sdk = fakeSdk();
    await ask(answers, scope("a", "1"), sdk);
    await ask(answers, scope("b", "1"), sdk);
    await ask(answers, scope("a", "1", NOW + 3600, ""), sdk);
    await ask(answers, scope("a", "2"), sdk);
    assert.equal(sdk.calls, 4);
    await ask(answers, scope("a", "2"), sdk);
    assert.equal(sdk.calls, 4, "the answer of version 2 is kept in place of version 1's");
  });

  test("no answer is given again within 5 s of the token's expiry, nor once the session can no longer be read", async () => {
    const clock = { now: NOW };
    const expiring = answersAt(clock);
    const sdk = fakeSdk(600);
    await ask(expiring, scope("a"), sdk);
    clock.now = NOW + 595;
    await ask(expiring, scope("a"), sdk);
    assert.equal(sdk.calls, 2, "the SDK answers (and would refresh) near the expiry");

    clock.now = NOW;
    const ends = answersAt(clock);
    const other = fakeSdk(600);
    await ask(ends, scope("a", "", NOW + 30), other);
    clock.now = NOW + 29;
    await ask(ends, scope("a", "", NOW + 30), other);
    clock.now = NOW + 30;
    await ask(ends, scope("a", "", NOW + 30), other);
    assert.equal(other.calls, 2, "given again before the session's end, not after");
  });

  test("keeps only a 200 that wrote no cookie, of a session it can tell the end of", async () => {
    const answers = answersAt({ now: NOW });
    for (const init of [{ status: 401 }, { headers: { "Set-Cookie": "__session=new" } }]) {
      const sdk = fakeSdk(600, init);
      await ask(answers, scope("a"), sdk);
      await ask(answers, scope("a"), sdk);
      assert.equal(sdk.calls, 2, JSON.stringify(init));
    }
    const unknownEnd = fakeSdk();
    await ask(answers, scope("a", "", null), unknownEnd);
    await ask(answers, scope("a", "", null), unknownEnd);
    assert.equal(unknownEnd.calls, 2);
    assert.equal(answers.size, 0);
  });

  test("holds at most 1,000 sessions' answers, however many sessions come", async () => {
    const answers = answersAt({ now: NOW });
    const sdk = fakeSdk();
    for (let i = 0; i < 1_050; i += 1) await ask(answers, scope(`s${i}`), sdk);
    assert.equal(answers.size, 1_000);
  });

  test("a session asking with ever new queries pushes out its own answers, not another's", async () => {
    const answers = answersAt({ now: NOW });
    const sdk = fakeSdk();
    await ask(answers, scope("victim"), sdk);
    for (let i = 0; i < 100; i += 1) {
      await ask(answers, scope("noisy", "", NOW + 3600, `?scope=${"openid ".repeat(i)}`), sdk);
    }
    const before = sdk.calls;
    await ask(answers, scope("victim"), sdk);
    assert.equal(sdk.calls, before, "the victim's answer is still kept");
    assert.equal(answers.size, 1 + 8);
  });
});
