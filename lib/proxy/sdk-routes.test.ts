import assert from "node:assert/strict";
import { test } from "node:test";
import { isUnusedSdkRoute, usedSdkRoutes } from "./sdk-routes";

const cookieMode = usedSdkRoutes({ tokenRoute: "/auth/access-token", backChannelLogout: false });
const redisMode = usedSdkRoutes({ tokenRoute: "/auth/access-token", backChannelLogout: true });

test("lets through the SDK routes the app uses, with their method, trailing slash or not", () => {
  for (const [method, path] of [
    ["GET", "/auth/login"],
    ["GET", "/auth/callback"],
    ["GET", "/auth/logout/"],
    ["GET", "/auth/profile"],
    ["GET", "/auth/access-token"],
    ["GET", "/auth/mfa/authenticators"],
    ["POST", "/auth/mfa/challenge"],
    ["POST", "/auth/mfa/associate"],
    ["POST", "/auth/mfa/verify/"],
  ]) {
    assert.equal(isUnusedSdkRoute(method!, path!, cookieMode), false, `${method} ${path}`);
  }
  assert.equal(isUnusedSdkRoute("POST", "/auth/backchannel-logout", redisMode), false);
});

test("refuses every other route the SDK serves: My Account, My Organization, passwordless…", () => {
  for (const [method, path] of [
    ["GET", "/me/v1/authentication-methods"],
    ["POST", "/me/v1/x"],
    ["GET", "/my-org/y"],
    ["GET", "/me//"],
    ["POST", "/auth/mfa/authenticators"],
    ["GET", "/auth/mfa/challenge"],
    ["DELETE", "/auth/mfa/authenticators"],
    ["POST", "/auth/mfa/enroll"],
    ["POST", "/auth/passwordless/start"],
    ["POST", "/auth/passkey/register"],
    ["GET", "/auth/connect"],
    ["POST", "/auth/federated-domain"],
    ["POST", "/auth/login"],
    ["GET", "/auth/backchannel-logout"],
  ]) {
    assert.equal(isUnusedSdkRoute(method!, path!, redisMode), true, `${method} ${path}`);
  }
  // Without a session store there is no session to end: back-channel logout is not served.
  assert.equal(isUnusedSdkRoute("POST", "/auth/backchannel-logout", cookieMode), true);
});

test("leaves the app's own pages alone", () => {
  for (const path of ["/", "/basic-usage", "/me", "/media/x", "/authors", "/source/lib/auth0.ts"]) {
    assert.equal(isUnusedSdkRoute("GET", path, cookieMode), false, path);
  }
});

test("lets through the DPoP client's four routes with GET, and nothing else under /auth/dpop/", () => {
  for (const path of ["/auth/dpop/login", "/auth/dpop/callback", "/auth/dpop/logout/"]) {
    assert.equal(isUnusedSdkRoute("GET", path, cookieMode), false, path);
  }
  assert.equal(isUnusedSdkRoute("GET", "/auth/dpop/access-token", cookieMode), false);
  assert.equal(isUnusedSdkRoute("POST", "/auth/dpop/access-token", cookieMode), true);
  for (const path of ["/auth/dpop/profile", "/auth/dpop/mfa/verify", "/auth/dpop/"]) {
    assert.equal(isUnusedSdkRoute("GET", path, cookieMode), true, path);
  }
});
