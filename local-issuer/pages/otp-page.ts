import { escapeHtml, page } from "./html";

export type OtpPageOptions = {
  action: string;
  error?: string;
  /** A new authenticator to add first: its base32 secret and `otpauth://` URI. */
  enrolment?: { secret: string; uri: string };
};

/**
 * The second step of an MFA sign-in: the one-time code, after the enrolment details for a user
 * with no authenticator yet (Auth0's Guardian enrolment page shows a QR code of the same URI).
 *
 * @example
 * ctx.body = otpPage({ action: ctx.path, error: "Wrong or already used code." });
 */
export function otpPage(options: OtpPageOptions): string {
  const error = options.error
    ? `<p role="alert" id="otp-error">${escapeHtml(options.error)}</p>`
    : "";
  const enrolment = options.enrolment
    ? `<p>Add this account to your authenticator app (TOTP, SHA1, 6 digits, 30 s), then enter
  the code it shows.</p>
  <p>Secret: <code id="otp-secret">${escapeHtml(options.enrolment.secret)}</code></p>
  <p>URI: <code id="otp-uri">${escapeHtml(options.enrolment.uri)}</code></p>`
    : "<p>Enter the code from your authenticator app.</p>";
  const describedBy = options.error ? ` aria-describedby="otp-error"` : "";
  return page(
    options.enrolment ? "Set up multi-factor authentication" : "Verify your identity",
    `${error}${enrolment}
  <form method="post" action="${escapeHtml(options.action)}" novalidate>
    <label for="otp">One-time code</label>
    <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}"
           required${describedBy} autofocus>
    <button type="submit">Continue</button>
  </form>`,
  );
}
