import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { TEST_APP_ORIGIN } from "@/test-support/api-route-issuer";
import { apiEnv } from "./api-env";

Object.assign(process.env, { APP_BASE_URL: TEST_APP_ORIGIN, NODE_ENV: "test" });

describe("the demo APIs' environment: DPOP_NONCE", () => {
  afterEach(() => delete process.env.DPOP_NONCE);

  test("unset or blank: the Payments API requires a nonce", () => {
    assert.equal(apiEnv().dpopNonceRequired, true);
    process.env.DPOP_NONCE = " ";
    assert.equal(apiEnv().dpopNonceRequired, true);
  });

  test('"off" turns nonces off; the nonce key stays the same for the same secret', () => {
    const { dpopNonceKey } = apiEnv();
    process.env.DPOP_NONCE = "off";
    assert.equal(apiEnv().dpopNonceRequired, false);
    assert.deepEqual(apiEnv().dpopNonceKey, dpopNonceKey);
    assert.equal(dpopNonceKey.length, 32);
  });

  test("any other value stops with a message that names the variable and the fix", () => {
    process.env.DPOP_NONCE = "sometimes";
    assert.throws(() => apiEnv(), /DPOP_NONCE must be "required" or "off"/);
  });
});
