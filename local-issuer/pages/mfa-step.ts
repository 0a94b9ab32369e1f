import type { Context } from "koa";
import type { Interaction, InteractionResults } from "oidc-provider";
import { MFA_ACR, MFA_MAX_ATTEMPTS } from "@/local-issuer/config";
import { associateOtp, findEnrolment, totpFor, verifyOtp } from "@/local-issuer/mfa/enrolments";
import { mayTryCode } from "@/local-issuer/mfa/otp-attempts";
import { MFA_STEP_UP_REASON } from "@/local-issuer/mfa/login-policy";
import type { FileStore } from "@/local-issuer/storage/file-store";
import { errorPage } from "./html";
import { otpPage } from "./otp-page";

const key = (interaction: Interaction) => `MfaLogin:${interaction.uid}`;

/**
 * The user who still owes this sign-in a one-time code: the one whose password this interaction
 * accepted, or a signed-in user sent back only because MFA was asked for.
 *
 * @example
 * const accountId = accountAwaitingCode(store, interaction);
 */
export function accountAwaitingCode(
  store: FileStore,
  interaction: Interaction,
): string | undefined {
  const saved = store.get(key(interaction))?.payload.accountId;
  if (typeof saved === "string") return saved;
  const onlyMfa = interaction.prompt.reasons.every((reason) => reason === MFA_STEP_UP_REASON);
  return onlyMfa ? interaction.session?.accountId : undefined;
}

/**
 * Remembers, for this interaction only, that the password of `accountId` was right.
 *
 * @example
 * passwordAccepted(store, interaction, user.id);
 */
export function passwordAccepted(
  store: FileStore,
  interaction: Interaction,
  accountId: string,
): void {
  store.set(key(interaction), { payload: { accountId }, expiresAt: interaction.exp * 1000 });
}

/**
 * The code step: GET shows the code form (the enrolment details first for a user with no
 * confirmed authenticator, saved so that it survives a restart); POST checks the code and
 * finishes the login with `amr: ["mfa"]` and Auth0's multi-factor `acr`. After
 * {@link MFA_MAX_ATTEMPTS} wrong codes this sign-in only answers 429: six digits do not survive
 * guessing without a bound.
 *
 * @example
 * return codeStep(ctx, { store, interaction, accountId, form, finish });
 */
export async function codeStep(
  ctx: Context,
  step: {
    store: FileStore;
    interaction: Interaction;
    accountId: string;
    /** The posted form; undefined for a GET. */
    form: URLSearchParams | undefined;
    finish: (result: InteractionResults) => Promise<void>;
  },
): Promise<void> {
  const { store, accountId, form } = step;
  const entry = store.get(key(step.interaction));
  const failures = Number(entry?.payload.failures ?? 0);
  // This sign-in's wrong codes, and the user's over every sign-in and mfa_token, are bounded.
  if (failures >= MFA_MAX_ATTEMPTS || !mayTryCode(store, accountId)) {
    ctx.status = 429;
    ctx.body = errorPage(
      "too_many_attempts",
      "Too many wrong codes. Go back to the app and sign in again.",
    );
    return;
  }
  const existing = findEnrolment(store, accountId);
  const enrolment = existing ?? associateOtp(store, accountId).enrolment;
  const shown = enrolment.confirmed
    ? undefined
    : { secret: enrolment.secret, uri: totpFor(enrolment.secret, accountId).toString() };

  if (form && verifyOtp(store, accountId, form.get("otp") ?? "")) {
    store.delete(key(step.interaction));
    return step.finish({ login: { accountId, amr: ["mfa"], acr: MFA_ACR } });
  }
  if (form) {
    ctx.status = 401;
    const expiresAt = step.interaction.exp * 1000;
    store.set(key(step.interaction), { payload: { accountId, failures: failures + 1 }, expiresAt });
  }
  ctx.body = otpPage({
    action: ctx.path,
    enrolment: shown,
    error: form ? "Wrong or already used code." : undefined,
  });
}
