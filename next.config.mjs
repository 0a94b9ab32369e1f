/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets the production builds of config/builds.ts (the second one with another
  // NEXT_PUBLIC_ACCESS_TOKEN_ROUTE) live side by side; each is built and started with its own.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Pages show their own source (lib/tutorial/source-snippet.ts reads it at request time): ship it with
  // the server output on hosts that deploy only traced files.
  outputFileTracingIncludes: {
    "/**": ["./app/**/*", "./components/**/*", "./lib/**/*", "./config/**/*", "./proxy.ts"],
  },
};

export default nextConfig;
