import { Auth0Provider } from "@auth0/nextjs-auth0";
import { currentSession } from "@/lib/sessions/current-session";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: "Access tokens in the browser — Next.js + Auth0",
    template: "%s — Access tokens in the browser",
  },
  description:
    "Every way to call APIs from the browser with getAccessToken from @auth0/nextjs-auth0, live.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Handing the user to the provider saves useUser() a request to /auth/profile.
  const session = await currentSession();
  return (
    <html lang="en">
      <body>
        <Auth0Provider user={session?.user}>
          <SiteHeader />
          <main id="main">{children}</main>
        </Auth0Provider>
      </body>
    </html>
  );
}
