import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apis } from "@/config/apis";
import { refreshableAudience } from "./token-route";

describe("refreshableAudience", () => {
  const of = (query: string) => refreshableAudience(new URLSearchParams(query));

  test("names the audience of a request that asks for nothing else", () => {
    assert.equal(of(""), apis.profile.audience);
    assert.equal(of(`audience=${apis.orders.audience}`), apis.orders.audience);
  });

  test("names none when the query can make the SDK look for another token", () => {
    assert.equal(of("scope=openid"), undefined);
    assert.equal(of(`audience=${apis.reports.audience}&mergeScopes=false`), undefined);
    assert.equal(of("mergeScopes=false"), undefined);
  });
});
