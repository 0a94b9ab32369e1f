/**
 * `GET /api/health`: the cheapest JSON answer this server can give, outside the proxy. The
 * benchmark compares the token route and the demo APIs against it.
 */
export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
