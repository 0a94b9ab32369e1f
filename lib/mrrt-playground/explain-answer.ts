import { oidcScopes } from "@/config/apis";

/** One entry of an application's `refresh_token.policies` (Auth0's Management API shape). */
export type PolicyEntry = { audience: string; scope: readonly string[] };

/** What the refresh grant was sent: `undefined` where the parameter was left out. */
export type SentRequest = { audience?: string; scope?: string };

/** What came back: the token's `aud` and `scope` claims, or the authorization server's error. */
export type GrantAnswer =
  | { ok: true; aud: readonly string[]; scope: string }
  | { ok: false; code: string; description?: string };

/** Which of Auth0's Multi-Resource Refresh Token rules answered. */
export type AnsweringRule =
  | "no-audience" // rule 1
  | "policy-match" // rule 2
  | "audience-fallback" // rule 4
  | "sign-in-audience" // rule 5
  | "refused" // rule 4 in strict mode: an error instead of the fallback
  | "step-up" // not an MRRT rule: the scope needs a second factor first
  | "failed"; // refused for another reason (the refresh token, the grant…)

export type Explanation = {
  rule: AnsweringRule;
  /** Auth0's rule number, where one applies. */
  ruleNumber?: 1 | 2 | 4 | 5;
  /** API scopes that were asked for and not granted (rule 3, on top of rules 1, 2 and 5). */
  narrowed: string[];
  headline: string;
  details: string[];
  /** What happened to the refresh token, when the grant succeeded. */
  rotation?: string;
};

/** The application's refresh token settings that decide rotation. */
export type RotationSettings = { rotation_type: string; leeway?: number };

const OIDC = new Set<string>(oidcScopes);
const words = (scope: string | undefined) => (scope ?? "").split(" ").filter(Boolean);
/** The API audience of a token: Auth0 adds `<issuer>/userinfo` when `openid` is granted. */
const apiAudience = (aud: readonly string[]) => aud.find((a) => !a.endsWith("/userinfo"));

/**
 * Says which MRRT rule produced an answer, from the policy, what was sent and what came back:
 * nothing is looked up, so the explanation cannot disagree with the answer it explains.
 *
 * @example
 * explainAnswer(policies, "https://profile-api.example.com",
 *   { audience: "https://reports-api.example.com", scope: "openid read:reports" },
 *   { ok: true, aud: ["https://profile-api.example.com"], scope: "openid read:profile" });
 * // { rule: "audience-fallback", ruleNumber: 4, narrowed: [], … }
 */
export function explainAnswer(
  policies: readonly PolicyEntry[],
  signInAudience: string,
  sent: SentRequest,
  answer: GrantAnswer,
  settings?: RotationSettings,
): Explanation {
  const explanation = explainRule(policies, signInAudience, sent, answer);
  if (!answer.ok || !settings) return explanation;
  return {
    ...explanation,
    rotation:
      settings.rotation_type === "rotating"
        ? "Refresh token rotated: the answer carried a new refresh token, which the session now " +
          `holds. The old one is spent: presented again after ${settings.leeway ?? 0} s (the ` +
          "reuse interval) it counts as theft and revokes the whole grant."
        : "No rotation (non-rotating): the session keeps its refresh token, which stays valid.",
  };
}

function explainRule(
  policies: readonly PolicyEntry[],
  signInAudience: string,
  sent: SentRequest,
  answer: GrantAnswer,
): Explanation {
  const asked = sent.audience || undefined;
  const policy = policies.find((entry) => entry.audience === asked);
  const policyList = (entry: PolicyEntry | undefined) =>
    entry && entry.scope.length > 0 ? entry.scope.join(", ") : "none";

  if (!answer.ok) {
    const reason = `${answer.code}${answer.description ? `: ${answer.description}` : ""}`;
    if (answer.code === "mfa_required") {
      return {
        rule: "step-up",
        narrowed: [],
        headline: "A second factor first: step-up MFA, not an MRRT rule",
        details: [
          `The policy allows what was asked, but ${words(sent.scope).join(", ") || "the scope"} ` +
            "includes a step-up scope, and this sign-in had no second factor: the refresh is " +
            "answered mfa_required, and the refresh token is neither rotated nor spent. The " +
            "Step-up MFA chapter shows both ways out.",
        ],
      };
    }
    if (asked && asked !== signInAudience && !policy) {
      return {
        rule: "refused",
        narrowed: [],
        headline: "Refused: the audience is not in the policy (strict mode)",
        details: [
          `${asked} is not in the refresh token policies, and this server refuses instead of ` +
            `falling back (${reason}). Auth0 never does: it answers with a token for the sign-in ` +
            "audience (rule 4).",
        ],
      };
    }
    return { rule: "failed", narrowed: [], headline: "The refresh failed", details: [reason] };
  }

  const granted = new Set(words(answer.scope));
  const got = apiAudience(answer.aud);
  const narrowed = words(sent.scope).filter((scope) => !OIDC.has(scope) && !granted.has(scope));
  const droppedLine =
    narrowed.length > 0
      ? [`Rule 3 narrowed the scopes: ${narrowed.join(", ")} silently dropped.`]
      : [];

  if (asked && got !== asked) {
    return {
      rule: "audience-fallback",
      ruleNumber: 4,
      narrowed: [],
      headline: "Silent fallback to the sign-in audience (rule 4)",
      details: [
        `${asked} is not in the policy: instead of an error, the token is for ${got ?? "no API"}, ` +
          "with that audience's scopes. Only the API it is sent to will notice.",
      ],
    };
  }
  if (!asked) {
    return {
      rule: "no-audience",
      ruleNumber: 1,
      narrowed,
      headline: "No audience: the sign-in audience (rule 1)",
      details: [
        `No audience was sent, so the token is for ${got ?? "no API"}: the sign-in scopes plus ` +
          `that audience's policy scopes (${policyList(policies.find((e) => e.audience === got))}).`,
        ...droppedLine,
      ],
    };
  }
  if (asked === signInAudience) {
    return {
      rule: "sign-in-audience",
      ruleNumber: 5,
      narrowed,
      headline: "The sign-in audience (rule 5)",
      details: [
        `${asked} is the audience of the sign-in: the token carries the sign-in scopes plus its ` +
          `policy scopes (${policyList(policy)}).`,
        ...droppedLine,
      ],
    };
  }
  return {
    rule: "policy-match",
    ruleNumber: 2,
    narrowed,
    headline:
      narrowed.length > 0
        ? "Policy match, scopes narrowed to the policy's (rules 2 and 3)"
        : "Policy match (rule 2)",
    details: [
      `${asked} is in the policy, which allows ${policyList(policy)}` +
        (sent.scope === undefined
          ? ": no scope was sent, so the token has all of them."
          : ": the token has the scopes asked for that the policy allows."),
      ...droppedLine,
    ],
  };
}
