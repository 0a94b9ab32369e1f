import Link from "next/link";
import { serverEnv } from "@/lib/env/server-env";
import { UserMenu } from "./user-menu";

/** The top bar: app name, which authorization server is in use, and the signed-in user. */
export function SiteHeader() {
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Access tokens in the browser
      </Link>
      <span className="issuer-badge" title="Set AUTH0_DOMAIN in .env.local to use a real tenant">
        {serverEnv().mode === "local" ? "Local authorization server" : "Auth0 tenant"}
      </span>
      <nav aria-label="Account" className="account">
        <UserMenu />
      </nav>
    </header>
  );
}
