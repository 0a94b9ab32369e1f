"use client";

import { mfa } from "@auth0/nextjs-auth0/client";
import { useEffect, useState, type FormEvent } from "react";

/** Where the in-page step-up stands: finding the factor, then waiting for a code. */
type Stage =
  | { kind: "starting" }
  | { kind: "challenge" }
  | { kind: "enroll"; secret: string; barcodeUri: string; recoveryCodes?: string[] }
  | { kind: "failed"; code: string; message: string };

const describe = (error: unknown) => ({
  code: (error as { code?: string }).code ?? "error",
  message: error instanceof Error ? error.message : String(error),
});

/** What to do about a failed code, by the SDK's error code. */
function fixFor(code: string): string {
  if (code === "mfa_token_expired" || code === "expired_token") {
    return "The step-up took too long: ask for the refund again to get a new MFA token.";
  }
  // The SDK's names for a call that got no usable answer from the authorization server.
  if (["unexpected_error", "server_error", "client_error"].includes(code)) {
    return "The authorization server could not be reached or failed: nothing changed. Ask for the refund again in a moment.";
  }
  if (code === "too_many_attempts")
    return "Too many wrong codes: wait, then ask for the refund again.";
  return "Type the code your authenticator shows now (it changes every 30 s; each code works once).";
}

/**
 * The in-page way out of `MfaRequiredError`: the user proves the factor here, with the SDK's
 * `mfa` client (through this app's `/auth/mfa/*` routes). A user with no factor enrols first.
 */
export function MfaCodePanel({
  mfaToken,
  onVerified,
}: {
  mfaToken: string;
  onVerified: () => void;
}) {
  const [stage, setStage] = useState<Stage>({ kind: "starting" });
  const [otp, setOtp] = useState("");
  const [error, setError] = useState<{ code: string; message: string }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        // #region in-page
        const [authenticator] = await mfa.getAuthenticators({ mfaToken });
        if (authenticator) {
          await mfa.challenge({
            mfaToken,
            challengeType: "otp",
            authenticatorId: authenticator.id,
          });
          if (!cancelled) setStage({ kind: "challenge" });
        } else {
          const enrolment = await mfa.enroll({ mfaToken, factorType: "otp" });
          if (!cancelled && enrolment.authenticatorType === "otp") {
            setStage({ kind: "enroll", ...enrolment });
          }
        }
        // #endregion
      } catch (caught) {
        if (!cancelled) setStage({ kind: "failed", ...describe(caught) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [mfaToken]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // The SDK keeps the access token this returns in the session, for this audience and scope
      // only: no refresh token comes with it, so the next refund asks again.
      await mfa.verify({ mfaToken, otp });
      onVerified();
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(false);
    }
  }

  if (stage.kind === "starting") return <p role="status">Looking up your second factor…</p>;
  if (stage.kind === "failed") {
    return <MfaProblem title="The MFA API refused" {...stage} />;
  }
  return (
    <form onSubmit={(event) => void submit(event)} data-testid="mfa-code-form">
      {stage.kind === "enroll" && (
        <div data-testid="mfa-enrolment">
          <p>
            No authenticator yet: add this one to your authenticator app, then type the code it
            shows.
          </p>
          <p>
            Secret: <code data-testid="mfa-secret">{stage.secret}</code>
          </p>
          <p>
            <code>{stage.barcodeUri}</code>
          </p>
          {stage.recoveryCodes && <p>Recovery code (keep it): {stage.recoveryCodes.join(" ")}</p>}
        </div>
      )}
      <label>
        One-time code
        <input
          inputMode="numeric"
          autoComplete="one-time-code"
          value={otp}
          onChange={(event) => setOtp(event.target.value.trim())}
        />
      </label>
      <button type="submit" className="button" disabled={busy || otp.length === 0}>
        Verify
      </button>
      {error && <MfaProblem title="Not verified" {...error} />}
    </form>
  );
}

/** A refusal of the MFA API: its code and message, and what to do. */
function MfaProblem({ title, code, message }: { title: string; code: string; message: string }) {
  return (
    <div className="problem" role="alert" data-testid="mfa-problem">
      <p className="problem-title">
        {title}: <code>{code}</code>
      </p>
      <p>{message}</p>
      <p>
        <strong>Fix:</strong> {fixFor(code)}
      </p>
    </div>
  );
}
