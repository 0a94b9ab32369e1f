/**
 * Test-only: the browser part of the authorization code flow with plain `fetch`, as the Auth0 SDK
 * and a browser would run it against the local issuer (PKCE S256, `audience`, client_secret_post).
 */
import { createHash, randomBytes } from "node:crypto";
import { localClient } from "@/config/local-client";

export const appBaseUrl = localClient.defaultAppBaseUrl;
export const redirectUri = `${appBaseUrl}/auth/callback`;
export const loginScope = "openid profile email offline_access read:profile";

/** Cookies by name and path, sent back on requests whose path they cover. */
class CookieJar {
  private readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
      const [name = "", value = ""] = pair.split(/=(.*)/s);
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) || "/";
      const expired = attributes.some(
        (a) => /^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now(),
      );
      if (expired || value === "") this.cookies.delete(`${name};${path}`);
      else this.cookies.set(`${name};${path}`, { name, value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.values()]
      .filter((cookie) => url.pathname.startsWith(cookie.path))
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join("; ");
  }
}

/** One browser: a cookie jar and `fetch` that never follows redirects on its own. */
export class Browser {
  readonly jar = new CookieJar();

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.jar.header(target);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(target, { ...init, headers, redirect: "manual" });
    this.jar.store(response);
    return response;
  }

  /** Follows redirects until one leaves the issuer; returns the last response and its URL. */
  async follow(response: Response, from: string): Promise<{ response: Response; url: URL }> {
    let current = response;
    let url = new URL(from);
    while (current.status >= 300 && current.status < 400) {
      const next = new URL(current.headers.get("location") ?? "", url);
      if (next.origin !== url.origin) return { response: current, url: next };
      url = next;
      current = await this.request(url);
    }
    return { response: current, url };
  }
}

export type SignInOptions = {
  email?: string;
  password?: string;
  browser?: Browser;
  /** The one-time code to give if the issuer asks for one (MFA), from the page it showed. */
  otp?: (html: string) => string;
};

/** The application that signs in: the demo app unless a test created another one. */
export type ClientCredentials = { clientId: string; clientSecret: string };

export type LoginOptions = SignInOptions & {
  audience?: string;
  scope?: string;
  client?: ClientCredentials;
  /** `acr_values`, e.g. Auth0's multi-factor policy URI to ask for MFA. */
  acrValues?: string;
  /** An RFC 8707 `resource`, which oidc-provider honours beside Auth0's `audience`. */
  resource?: string;
};

/**
 * What a browser does after being sent to /authorize: follows the redirects, fills in the sign-in
 * form if it shows up, and stops at the first redirect that leaves the issuer (the app's
 * redirect_uri) or at a page (e.g. a failed sign-in).
 */
export async function signIn(
  authorizeUrl: URL,
  options: SignInOptions = {},
): Promise<{ response: Response; url: URL; browser: Browser }> {
  const browser = options.browser ?? new Browser();
  let { response, url } = await browser.follow(
    await browser.request(authorizeUrl),
    authorizeUrl.href,
  );
  const onPage = () => response.status === 200 && url.pathname.startsWith("/interaction/");
  // A signed-in user asked for MFA sees the code form straight away, without the password.
  if (onPage() && !(await response.clone().text()).includes('name="otp"')) {
    const form = new URLSearchParams({
      email: options.email ?? "demo@example.com",
      password: options.password ?? "demo-password",
    });
    const posted = await browser.request(url, { method: "POST", body: form });
    ({ response, url } = await browser.follow(posted, url.href));
  }
  if (options.otp && onPage()) {
    const form = new URLSearchParams({ otp: options.otp(await response.text()) });
    const posted = await browser.request(url, { method: "POST", body: form });
    ({ response, url } = await browser.follow(posted, url.href));
  }
  return { response, url, browser };
}

export type LoginResult =
  | { kind: "code"; code: string; codeVerifier: string; browser: Browser }
  | { kind: "error"; error: string; description: string | null }
  | { kind: "page"; status: number; html: string; browser: Browser; url: URL };

/**
 * Runs /authorize → sign-in form → redirect_uri and returns the authorization code, the OAuth
 * error sent to the redirect_uri, or the page the flow stopped at.
 */
export async function authorize(issuer: string, options: LoginOptions = {}): Promise<LoginResult> {
  const codeVerifier = randomBytes(32).toString("base64url");
  const authorizeUrl = new URL("authorize", issuer);
  authorizeUrl.search = new URLSearchParams({
    client_id: options.client?.clientId ?? localClient.clientId,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: options.scope ?? loginScope,
    state: randomBytes(8).toString("hex"),
    code_challenge: createHash("sha256").update(codeVerifier).digest("base64url"),
    code_challenge_method: "S256",
    ...(options.audience ? { audience: options.audience } : {}),
    ...(options.acrValues ? { acr_values: options.acrValues } : {}),
    ...(options.resource ? { resource: options.resource } : {}),
  }).toString();

  const { response, url, browser } = await signIn(authorizeUrl, options);
  if (url.href.startsWith(redirectUri)) {
    const code = url.searchParams.get("code");
    if (code) return { kind: "code", code, codeVerifier, browser };
    return {
      kind: "error",
      error: url.searchParams.get("error") ?? "",
      description: url.searchParams.get("error_description"),
    };
  }
  return { kind: "page", status: response.status, html: await response.text(), browser, url };
}

export type TokenResponse = {
  status: number;
  body: Record<string, unknown> & {
    access_token?: string;
    refresh_token?: string;
    id_token?: string;
    scope?: string;
    error?: string;
    error_description?: string;
  };
};

/** POST /oauth/token with client_secret_post, as the Auth0 SDK does (`headers`: e.g. `DPoP`). */
export async function tokenRequest(
  issuer: string,
  params: Record<string, string>,
  client: ClientCredentials = localClient,
  headers: Record<string, string> = {},
): Promise<TokenResponse> {
  const response = await fetch(new URL("oauth/token", issuer), {
    method: "POST",
    headers,
    body: new URLSearchParams({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      ...params,
    }),
  });
  return { status: response.status, body: (await response.json()) as TokenResponse["body"] };
}

/** Signs in and exchanges the code: the token response the SDK stores in its session. */
export async function login(issuer: string, options: LoginOptions = {}): Promise<TokenResponse> {
  const result = await authorize(issuer, options);
  if (result.kind !== "code")
    throw new Error(`login did not return a code: ${JSON.stringify(result)}`);
  return tokenRequest(
    issuer,
    {
      grant_type: "authorization_code",
      code: result.code,
      code_verifier: result.codeVerifier,
      redirect_uri: redirectUri,
    },
    options.client,
  );
}

/** A refresh_token grant with optional `audience` and `scope`, as the SDK sends it. */
export function refresh(
  issuer: string,
  refreshToken: string,
  { client, ...extra }: { audience?: string; scope?: string; client?: ClientCredentials } = {},
): Promise<TokenResponse> {
  return tokenRequest(
    issuer,
    { grant_type: "refresh_token", refresh_token: refreshToken, ...extra },
    client,
  );
}

/** The claims of a JWT, unverified (tests that verify use jose's `jwtVerify`). */
export function claimsOf(jwt: string | undefined): Record<string, unknown> {
  const payload = jwt?.split(".")[1];
  if (!payload) throw new Error(`not a JWT: ${jwt}`);
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}
