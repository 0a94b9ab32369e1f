/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets a second production build (with another NEXT_PUBLIC_ACCESS_TOKEN_ROUTE) live beside
  // the first one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Pages show their own source (lib/source-snippet.ts reads it at request time): ship it with
  // the server output on hosts that deploy only traced files.
  outputFileTracingIncludes: {
    "/**": ["./app/**/*", "./components/**/*", "./lib/**/*", "./config/**/*", "./proxy.ts"],
  },
};

export default nextConfig;
