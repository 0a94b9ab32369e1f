import Link from "next/link";
import { auth0, issuerMode } from "../lib/auth0";

/** The top bar: app name, which authorization server is in use, and the sign-in state. */
export async function SiteHeader() {
  const session = await auth0.getSession();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Access tokens in the browser
      </Link>
      <span className="issuer-badge" title="Set AUTH0_DOMAIN in .env.local to use a real tenant">
        {issuerMode === "local" ? "Local authorization server" : "Auth0 tenant"}
      </span>
      <nav aria-label="Account" className="account">
        {session ? (
          <>
            <span data-testid="user-name">{session.user.name ?? session.user.email}</span>
            {/* Plain links, not <Link>: these are full-page navigations to the SDK's routes. */}
            <a href="/auth/logout" className="button secondary">
              Sign out
            </a>
          </>
        ) : (
          <a href="/auth/login" className="button">
            Sign in
          </a>
        )}
      </nav>
    </header>
  );
}
