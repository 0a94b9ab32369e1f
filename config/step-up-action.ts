/**
 * The Auth0 Action that makes `refund:orders` a step-up scope on a tenant: `npm run auth0:setup`
 * creates, deploys and binds it to the post-login trigger (which also runs on refresh token
 * exchanges), and the local authorization server starts with it bound. Locally its effect is the
 * issuer's own step-up rule (`local-issuer/mfa/step-up.ts`), on while an Action of this name is
 * deployed and bound; the code below is what runs on Auth0.
 */
export const stepUpAction = {
  name: "Step-up MFA for refunds",
  trigger: { id: "post-login", version: "v3" },
  // #region action-code
  code: `/**
 * refund:orders needs a second factor in this sign-in; a request that does not name the scope
 * never gets it (a refresh without "scope" would otherwise get every scope of its policy).
 */
exports.onExecutePostLogin = async (event, api) => {
  const STEP_UP_SCOPE = "refund:orders";
  const asked = String(event.request.body?.scope ?? event.request.query?.scope ?? "").split(" ");
  if (!asked.includes(STEP_UP_SCOPE)) {
    api.accessToken.removeScope(STEP_UP_SCOPE);
    return;
  }
  const hasMfa = (event.authentication?.methods ?? []).some((method) => method.name === "mfa");
  if (!hasMfa) api.multifactor.enable("any", { allowRememberBrowser: false });
};
`,
  // #endregion
} as const;

/** The multi-factor factor the step-up chapter uses (one-time codes from an authenticator app). */
export const STEP_UP_FACTOR = "otp";
