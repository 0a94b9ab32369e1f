import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseMonitorLine } from "./redis-ops";
import { harsh, navigation, PROFILE, size } from "./report-fixtures";
import { sessionSetCookies } from "./session-cookie-headers";
import {
  judgeCookies,
  judgeHarshStorm,
  judgeNavigationCookies,
  perRequest,
} from "./session-verdicts";

describe("judgeCookies", () => {
  it("flags sizes over the warning in each mode and checks the Redis cookie stays one size", () => {
    const judged = judgeCookies([
      { stage: "sign-in", tokens: 1, cookie: size(3000), redis: size(250) },
      { stage: "orders", tokens: 2, cookie: size(4400), redis: size(250) },
    ]);
    assert.deepEqual(
      judged.figures.map((figure) => [figure.cookieOverWarning, figure.redisOverWarning]),
      [
        [false, false],
        [true, false],
      ],
    );
    assert.equal(judged.redisFlat, "PASS");
    const grown = judgeCookies([
      { stage: "sign-in", tokens: 1, cookie: size(3000), redis: size(250) },
      { stage: "orders", tokens: 2, cookie: size(4400), redis: size(251) },
    ]);
    assert.equal(grown.redisFlat, "MISS");
    assert.equal(judgeCookies([]).redisFlat, "MISS");
  });
});

describe("perRequest", () => {
  it("divides the commands sent and those run in scripts by the requests", () => {
    const figure = perRequest({
      kind: "token request that refreshes",
      requests: 4,
      sent: { hgetall: 8, set: 4, eval: 8, multi: 4, exec: 4 },
      scripted: { hset: 4, get: 4 },
      refreshGrants: 4,
    });
    assert.equal(figure.sentPerRequest, 7);
    assert.equal(figure.scriptedPerRequest, 2);
    assert.equal(perRequest({ ...figure, requests: 0 }).sentPerRequest, 0);
  });
});

describe("parseMonitorLine", () => {
  it("names the command and whether a Lua script ran it", () => {
    assert.deepEqual(parseMonitorLine('1764170000.123456 [0 127.0.0.1:50412] "hgetall" "s:ab"'), {
      scripted: false,
      command: "hgetall",
    });
    assert.deepEqual(parseMonitorLine('1764170000.2 [0 lua] "HSET" "s:ab" "data" "{}"'), {
      scripted: true,
      command: "hset",
    });
    assert.equal(parseMonitorLine("OK"), null);
  });
});

describe("judgeHarshStorm", () => {
  it("gives grants per expiry and passes the guarded run only if nothing was spent twice", () => {
    const figure = judgeHarshStorm(harsh);
    assert.equal(figure.expiries, 22.5);
    assert.equal(figure.grantsPerExpiry[PROFILE]?.toFixed(2), "0.98");
    assert.equal(figure.verdict, "PASS");
    assert.equal(judgeHarshStorm({ ...harsh, revokedGrants: 1 }).verdict, "MISS");
    assert.equal(judgeHarshStorm({ ...harsh, invalidGrant: 1 }).verdict, "MISS");
    assert.equal(judgeHarshStorm({ ...harsh, refreshErrors: 1 }).verdict, "MISS");
    assert.equal(judgeHarshStorm({ ...harsh, stillSignedIn: false }).verdict, "MISS");
  });

  it("makes the run without the guard a baseline, whatever it shows", () => {
    const off = judgeHarshStorm({ ...harsh, guard: false, revokedGrants: 1, invalidGrant: 3 });
    assert.equal(off.verdict, "baseline");
  });
});

describe("perRequest with a target", () => {
  const cached = {
    kind: "token request, cached",
    requests: 20,
    sent: { hgetall: 20 },
    scripted: {},
    refreshGrants: 0,
  };

  it("passes exactly the target's commands per request, no more and no fewer", () => {
    assert.deepEqual([perRequest(cached, 1).target, perRequest(cached, 1).verdict], [1, "PASS"]);
    assert.equal(perRequest({ ...cached, sent: { hgetall: 20, expire: 1 } }, 1).verdict, "MISS");
    assert.equal(perRequest({ ...cached, sent: { hgetall: 19 } }, 1).verdict, "MISS");
    assert.equal(perRequest({ ...cached, requests: 0, sent: {} }, 1).verdict, "MISS");
    assert.equal(perRequest(cached).verdict, "baseline");
  });
});

describe("judgeNavigationCookies", () => {
  it("allows a handful of responses that send the session cookie again per 100 navigations", () => {
    const rolling = judgeNavigationCookies(navigation);
    assert.deepEqual(
      [rolling.resendsPer100, rolling.bytesPerNavigation, rolling.target, rolling.verdict],
      [100, 5600, 5, "MISS"],
    );
    const quiet = { ...navigation, sessionCookieResponses: 5 };
    assert.equal(judgeNavigationCookies(quiet).verdict, "PASS");
    assert.equal(judgeNavigationCookies({ ...quiet, sessionCookieResponses: 6 }).verdict, "MISS");
    assert.equal(
      judgeNavigationCookies({ ...quiet, navigations: 200, sessionCookieResponses: 10 }).verdict,
      "PASS",
    );
  });

  it("misses a run with a full page load or no navigation at all", () => {
    const quiet = { ...navigation, sessionCookieResponses: 0 };
    assert.equal(judgeNavigationCookies({ ...quiet, documentLoads: 1 }).verdict, "MISS");
    assert.equal(judgeNavigationCookies({ ...quiet, navigations: 0 }).verdict, "MISS");
  });
});

describe("sessionSetCookies", () => {
  it("counts the session cookie's headers and bytes, and a value as setting it", () => {
    const set = "__session=abc; Path=/; HttpOnly";
    const deletion = "__session__0=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
    const found = sessionSetCookies([
      { name: "Set-Cookie", value: set },
      { name: "set-cookie", value: deletion },
      { name: "set-cookie", value: "appSession=xyz; Path=/" },
      { name: "content-type", value: "__session=not-a-cookie" },
    ]);
    assert.deepEqual(found, { sets: true, headers: 2, bytes: set.length + deletion.length });
  });

  it("does not take a deletion alone, or another cookie, for setting the session", () => {
    assert.equal(
      sessionSetCookies([{ name: "set-cookie", value: "__session__1=; Max-Age=0" }]).sets,
      false,
    );
    assert.deepEqual(sessionSetCookies([{ name: "set-cookie", value: "__sessionx=1" }]), {
      sets: false,
      headers: 0,
      bytes: 0,
    });
  });
});
