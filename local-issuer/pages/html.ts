/**
 * The few HTML pages the local authorization server shows. Plain server-rendered HTML with real
 * labels, one `h1` and a `lang`, so that the sign-in form is accessible and easy to drive from
 * Playwright (`getByLabel("Email")`, `getByRole("button", { name: "Continue" })`).
 */
import { demoUsers } from "@/config/demo-users";

/** Escapes text for HTML content and quoted attributes. */
export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

const styles = `
  body { font-family: system-ui, sans-serif; background: #f4f4f5; color: #18181b; margin: 0; }
  main { max-width: 22rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 8px;
         box-shadow: 0 1px 3px rgb(0 0 0 / 0.15); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; margin: 1rem 0 0.25rem; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: 0.5rem; font-size: 1rem; }
  button { margin-top: 1.5rem; width: 100%; padding: 0.6rem; font-size: 1rem; cursor: pointer;
           background: #3730a3; color: #fff; border: 0; border-radius: 4px; }
  [role="alert"] { color: #991b1b; background: #fef2f2; padding: 0.5rem; border-radius: 4px; }
  small { display: block; margin-top: 1.5rem; color: #52525b; }`;

/**
 * A complete HTML document with the shared look.
 *
 * @example
 * ctx.body = page("Signed out", "<p>You are signed out.</p>");
 */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} · Local authorization server</title>
  <style>${styles}</style>
</head>
<body><main>
  <h1>${escapeHtml(title)}</h1>
  ${body}
</main></body>
</html>`;
}

/**
 * The sign-in form. After a failed attempt it shows `error` as an alert and keeps the email.
 *
 * @example
 * ctx.body = signInPage({ action: ctx.path, email, error: "Wrong email or password." });
 */
export function signInPage(options: { action: string; email?: string; error?: string }): string {
  const error = options.error
    ? `<p role="alert" id="sign-in-error">${escapeHtml(options.error)}</p>`
    : "";
  const describedBy = options.error ? ` aria-describedby="sign-in-error"` : "";
  const hints = demoUsers
    .map(
      (user) =>
        `<li><code>${escapeHtml(user.email)}</code> / <code>${escapeHtml(user.password)}</code></li>`,
    )
    .join("");
  return page(
    "Sign in",
    `${error}
  <form method="post" action="${escapeHtml(options.action)}" novalidate>
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="username" required
           value="${escapeHtml(options.email ?? "")}"${describedBy} autofocus>
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}>
    <button type="submit">Continue</button>
  </form>
  <small>Local authorization server, for development only. Demo users:<ul>${hints}</ul></small>`,
  );
}

/**
 * An error page for requests that cannot go back to the app (no valid redirect URI).
 *
 * @example
 * ctx.body = errorPage("invalid_request", "redirect_uri did not match any registered URI");
 */
export function errorPage(error: string, description?: string): string {
  return page(
    "Something went wrong",
    `<p role="alert"><strong>${escapeHtml(error)}</strong>${
      description ? `: ${escapeHtml(description)}` : ""
    }</p>`,
  );
}

/**
 * The logout step. oidc-provider insists on a form post (it carries an anti-forgery token); Auth0
 * asks nothing, so this page submits the form itself. Without JavaScript, one click does it.
 *
 * @example
 * ctx.body = logoutPage(form); // `form` is the <form> oidc-provider hands to `logoutSource`
 */
export function logoutPage(form: string): string {
  const withLogout = form.replace(
    "</form>",
    `<input type="hidden" name="logout" value="yes"></form>`,
  );
  return page(
    "Signing out",
    `${withLogout}
  <noscript><button type="submit" form="op.logoutForm">Continue</button></noscript>
  <script>document.getElementById("op.logoutForm").submit();</script>`,
  );
}
