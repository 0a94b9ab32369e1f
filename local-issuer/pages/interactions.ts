import type { IncomingMessage } from "node:http";
import type { Middleware } from "koa";
import { errors, type Interaction, type Provider } from "oidc-provider";
import { readBodyText } from "../http/read-body";
import { wantsMfa } from "../mfa/login-policy";
import { stepUpRulesOf } from "../mfa/step-up";
import type { TenantStore } from "../tenant/state";
import type { FileStore } from "../storage/file-store";
import { checkCredentials } from "../tenant/accounts";
import { errorPage, signInPage } from "./html";
import { accountAwaitingCode, codeStep, passwordAccepted } from "./mfa-step";

/** Reads a small urlencoded form body (the sign-in form); refuses anything larger than 10 kB. */
async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const tooLarge = () => new errors.InvalidRequest("form body too large");
  return new URLSearchParams(await readBodyText(request, 10_000, tooLarge));
}

/**
 * Grants everything the first-party demo app asked for, like an Auth0 application with "allow
 * skipping user consent": the same steps as oidc-provider's consent example, without a page.
 */
async function autoConsent(provider: Provider, interaction: Interaction): Promise<string> {
  const { details } = interaction.prompt;
  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({
        accountId: interaction.session?.accountId,
        clientId: String(interaction.params.client_id),
      });
  if (!grant) throw new errors.SessionNotFound("grant not found");
  const asList = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  grant.addOIDCScope(asList(details.missingOIDCScope));
  grant.addOIDCClaims(asList(details.missingOIDCClaims));
  const resourceScopes = (details.missingResourceScopes ?? {}) as Record<string, unknown>;
  for (const [indicator, scopes] of Object.entries(resourceScopes)) {
    grant.addResourceScope(indicator, asList(scopes));
  }
  return grant.save();
}

/**
 * The interaction routes oidc-provider sends the browser to (`interactions.url`):
 * `GET /interaction/:uid` shows the sign-in form, or skips consent; `POST` checks the password.
 * When MFA is asked for (`acr_values`, see `wantsMfa`) a one-time code follows the password, or
 * replaces it for a user who is signed in already.
 *
 * @example
 * provider.use(interactionRoutes(provider, console.log, store, tenant));
 */
export function interactionRoutes(
  provider: Provider,
  log: (line: string) => void,
  store: FileStore,
  tenant: TenantStore,
): Middleware {
  return async (ctx, next) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(ctx.path);
    if (!match || !["GET", "POST"].includes(ctx.method)) return next();
    ctx.set("Cache-Control", "no-store");
    ctx.type = "html";

    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(ctx.req, ctx.res);
      if (interaction.uid !== match[1]) throw new errors.SessionNotFound("interaction mismatch");
    } catch {
      ctx.status = 400;
      ctx.body = errorPage(
        "Sign-in session not found",
        "it expired or this page was opened in another browser. Go back to the app and sign in again.",
      );
      return;
    }

    const finish = async (result: Parameters<Provider["interactionResult"]>[2]) => {
      const returnTo = await provider.interactionResult(ctx.req, ctx.res, result);
      ctx.redirect(returnTo);
      ctx.status = 303;
    };

    if (interaction.prompt.name === "consent") {
      return finish({ consent: { grantId: await autoConsent(provider, interaction) } });
    }
    const awaitingCode = accountAwaitingCode(store, interaction);
    if (awaitingCode) {
      const form = ctx.method === "POST" ? await readForm(ctx.req) : undefined;
      return codeStep(ctx, { store, interaction, accountId: awaitingCode, form, finish });
    }
    if (ctx.method === "GET") {
      ctx.body = signInPage({ action: ctx.path });
      return;
    }

    const form = await readForm(ctx.req);
    const email = form.get("email") ?? "";
    const user = checkCredentials(email, form.get("password") ?? "");
    if (!user) {
      // JSON quoting escapes CR/LF and control characters: a typed "email" cannot forge log lines.
      log(`sign-in failed for ${JSON.stringify(email.slice(0, 100))}`);
      ctx.status = 401;
      ctx.body = signInPage({ action: ctx.path, email, error: "Wrong email or password." });
      return;
    }
    if (wantsMfa(interaction.params, stepUpRulesOf(tenant.state))) {
      // The code page comes next, on this same URL.
      passwordAccepted(store, interaction, user.id);
      ctx.redirect(ctx.path);
      ctx.status = 303;
      return;
    }
    log(`signed in ${user.email}`);
    return finish({ login: { accountId: user.id } });
  };
}
