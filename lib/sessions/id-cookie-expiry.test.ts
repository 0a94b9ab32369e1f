import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sdkServerModule } from "@/test-support/sdk-internals";
import { idCookieExpiry } from "./id-cookie-expiry";

type SdkCookies = {
  encrypt(payload: Record<string, unknown>, secret: string, expiration: number): Promise<string>;
};
const isSdkCookies = (loaded: unknown): loaded is SdkCookies =>
  typeof loaded === "object" && loaded !== null && "encrypt" in loaded;

const SECRET = "6dce9ba274b68b3cee4a8454dec0e7609c5ea27f18e776a9f1cc639eb532efe7";

describe("idCookieExpiry: the expiry of the SDK's own id cookie", () => {
  test("reads the exp the SDK's encrypt wrote, and nothing from another secret or a forgery", async () => {
    const { encrypt } = await sdkServerModule("cookies.js", isSdkCookies);
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const cookie = await encrypt({ id: "0123456789abcdef" }, SECRET, exp);
    assert.equal(await idCookieExpiry(cookie, SECRET), exp);
    assert.equal(await idCookieExpiry(cookie, SECRET.replace("6", "7")), undefined);
    assert.equal(await idCookieExpiry(`${cookie.slice(0, -2)}xx`, SECRET), undefined);
    assert.equal(await idCookieExpiry("not a jwe", SECRET), undefined);
  });

  test("nothing for a cookie the SDK would refuse: past its exp and the SDK's 15 s of tolerance", async () => {
    const { encrypt } = await sdkServerModule("cookies.js", isSdkCookies);
    const now = Math.floor(Date.now() / 1000);
    assert.equal(
      await idCookieExpiry(await encrypt({ id: "a" }, SECRET, now - 5), SECRET),
      now - 5,
    );
    assert.equal(
      await idCookieExpiry(await encrypt({ id: "a" }, SECRET, now - 20), SECRET),
      undefined,
    );
  });
});
